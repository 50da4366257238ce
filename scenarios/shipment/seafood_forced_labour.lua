-- shipment/seafood_forced_labour.lua
scenario {
  id         = "SHP-SEAFOOD-FORCED-LABOUR",
  title      = { en = "Seafood from a listed fishing or processing country with a broken chain of custody",
                 fr = "Produits de la mer d'un pays de pêche ou de transformation inscrit, avec une chaîne de traçabilité rompue" },
  applies_to = "shipment",
  status     = "active",
  owner      = "NTC commercial targeting, forced labour desk",
  review_by  = "2027-11-30",
  subject    = "goods",
  threshold  = 3,
  tags       = { "forced-labour", "seafood", "dol-list", "uflpa" },
  references = {
    "US Department of Labor (ILAB), 2024 List of Goods Produced by Child Labor or Forced Labor: fish from China, Taiwan, Thailand (forced labour); shrimp from Thailand removed in 2024",
    "US DHS Forced Labor Enforcement Task Force, UFLPA Strategy, 2024 update: seafood added as a high-priority sector (processing with transferred Uyghur labour)",
    "ILO, Indicators of Forced Labour (2012): isolation, retention of identity documents, debt bondage on fishing vessels",
    "Customs Tariff, Schedule, tariff item 9897.00.00",
  },
  rationale  = [[Forced labour on distant-water fishing fleets and in seafood processing
is documented by the DoL List (fish from China, Taiwan and Thailand) and, since 2024,
the UFLPA Strategy names seafood processed with transferred Uyghur labour. The origin
of fish is the flag of the catching vessel, so the catch and the processing are often
in different countries. For seafood, the score rises when the origin is listed for fish, or the goods
are loaded in another country that is listed for them, or when the chain of custody is
broken (no processor named, processed outside the origin, vague description). Seafood
caught, processed and loaded in the same country by a named processor is the ordinary
case and scores lower.]],
  guidance   = {
    en = [[Seafood at risk of forced labour: this hit is a reason to verify, not a
finding. Ask the importer for the chain of custody: catching vessel names, flags and
authorisation numbers, dates and areas of catch, transshipment at sea, the processing
plant and its workforce practices (recruitment fees, document retention), and
traceability certificates. Where there is reason to believe the goods were produced
wholly or in part by forced labour, detain them and refer them for a determination
under tariff item 9897.00.00 of the Customs Tariff. Record the outcome.]],
    fr = [[Produits de la mer à risque de travail forcé : ce résultat est une raison de
vérifier, pas une conclusion. Demander à l'importateur la chaîne de possession : noms,
pavillons et numéros d'autorisation des navires de pêche, dates et zones de capture,
transbordements en mer, usine de transformation et ses pratiques (frais de
recrutement, rétention de documents), certificats de traçabilité. S'il y a des raisons
de croire que les marchandises ont été produites, en tout ou en partie, par le travail
forcé, les retenir et les renvoyer pour une décision au titre du numéro tarifaire
9897.00.00 du Tarif des douanes. Consigner le résultat.]],
  },

  conditions = {
    condition "seafood" {
      label = { en = "Fish, crustaceans or molluscs, fresh or prepared (HS 03, 1604, 1605)",
                fr = "Poissons, crustacés ou mollusques, frais ou préparés (SH 03, 1604, 1605)" },
      when  = any_of {
        field "hs_code" :starts_with "03",
        field "hs_code" :starts_with "1604",
        field "hs_code" :starts_with "1605",
      },
    },
  },

  indicators = {
    indicator "origin_listed_for_fish" {
      label  = { en = "Origin is on the DoL List for this seafood", fr = "L'origine est inscrite sur la liste du DoL pour ce produit" },
      weight = 3,
      when   = pair("country_of_origin", "hs_code") :is_in(list "dol_goods"),
    },
    indicator "loaded_in_listed_country" {
      label  = { en = "Loaded in another country than the origin, one on the DoL List for this seafood",
                 fr = "Chargé dans un autre pays que l'origine, inscrit sur la liste du DoL pour ce produit" },
      weight = 2,
      when   = all_of {
        pair("loading_country", "hs_code") :is_in(list "dol_goods"),
        field "loading_country" :differs_from "country_of_origin",
      },
    },
    indicator "processor_missing" {
      label  = { en = "No processor or manufacturer named", fr = "Aucun transformateur ni fabricant nommé" },
      weight = 1,
      when   = field "manufacturer_name" :is_missing(),
    },
    indicator "processed_outside_origin" {
      label  = { en = "Processor in another country than the origin (flag of the catch)",
                 fr = "Transformateur dans un autre pays que l'origine (pavillon de la capture)" },
      weight = 1,
      when   = field "manufacturer_country" :differs_from "country_of_origin",
    },
    indicator "vague_description" {
      label  = { en = "Vague goods description", fr = "Description vague des marchandises" },
      weight = 1,
      when   = field "goods_description" :is_in(list "vague_goods_terms"),
    },
    indicator "single_country_chain" {
      label  = { en = "Named processor; caught, processed and loaded in one country",
                 fr = "Transformateur nommé ; capturé, transformé et chargé dans un seul pays" },
      weight = -2,
      when   = function(r)
        if r.manufacturer_name == nil then return false end
        local origin, made, port = r.country_of_origin, r.manufacturer_country, r.port_of_loading
        if origin == nil or made == nil or port == nil then return nil end
        origin = string.upper(origin)
        return string.upper(made) == origin and string.upper(string.sub(port, 1, 2)) == origin
      end,
    },
  },
}
