-- shipment/dol_listed_good_origin.lua
-- RETIRED 2025-11-20: replaced by SHP-DOL-LISTED-PAIR (dol_listed_pair.lua). The 2025
-- backtest found no hit: a listed pair with an ordinary, fully documented chain never
-- reached the threshold, yet the pair alone is the selectivity criterion. The opacity
-- indicators now raise the priority of SHP-DOL-LISTED-PAIR hits. Kept for the record.
scenario {
  id         = "SHP-DOL-LISTED-GOOD-OPAQUE",
  title      = "Good and origin on the DoL List, with an opaque supply chain",
  applies_to = "shipment",
  status     = "retired",
  owner      = "NTC commercial targeting, forced labour desk",
  review_by  = "2027-11-30",
  subject    = "goods",
  threshold  = 2,
  tags       = { "forced-labour", "child-labour", "dol-list", "supply-chain" },
  references = {
    "US Department of Labor (ILAB), List of Goods Produced by Child Labor or Forced Labor, 2022 edition (28 September 2022) with its downstream goods: the edition lists/dol_goods.yaml holds, entry by entry, as ILAB's own data (the 2024 List of 5 September 2024 is not published as data; docs/lists.md)",
    "Customs Tariff, Schedule, tariff item 9897.00.00: goods mined, manufactured or produced wholly or in part by forced labour (since 1 July 2020) or child labour (since 1 January 2024, by the Fighting Against Forced Labour and Child Labour in Supply Chains Act)",
    "ILO, Indicators of Forced Labour (2012)",
    "WCO, Risk Management Compendium: supply-chain data quality as a risk indicator",
  },
  rationale  = [[The DoL List names goods and countries where child or forced labour is
documented (cocoa from Cote d'Ivoire, cotton from China and Turkmenistan, palm oil from
Malaysia and Indonesia, cattle from Brazil and others); Canada's tariff item
9897.00.00 prohibits such goods when made by forced or child labour. A listed good and
origin describes a whole lawful trade, so the pair is only the condition: the score
comes from what hides the supply chain (no manufacturer named, a vague description,
loading outside the country of origin, several transshipments). When the manufacturer
is named and the manufacturer, shipper and origin are in the same country, the chain
is traceable and the score drops.]],
  guidance   = {
    en = [[Goods at risk of forced or child labour: this hit is a reason to verify the
supply chain, not a finding. Ask the importer for supply-chain documents: purchase
orders and commercial invoices, the manufacturer's name and address, the origin of
the listed input (farm, cooperative or mill), traceability records, audits and
remediation. Where there is reason to believe the goods were produced wholly or in
part by forced or child labour, detain them and refer them for a determination under
tariff item 9897.00.00 of the Customs Tariff. Record what was asked, what was
provided and the outcome.]],
    fr = [[Marchandises à risque de travail forcé ou de travail des enfants : ce
résultat est une raison de vérifier la chaîne d'approvisionnement, pas une conclusion.
Demander à l'importateur les documents de la chaîne d'approvisionnement : bons de
commande et factures commerciales, nom et adresse du fabricant, origine de l'intrant
inscrit sur la liste (exploitation, coopérative ou usine), registres de traçabilité,
audits et mesures correctives. S'il y a des raisons de croire que les marchandises ont
été produites, en tout ou en partie, par le travail forcé ou le travail des enfants,
les retenir et les renvoyer pour une décision au titre du numéro tarifaire 9897.00.00
du Tarif des douanes. Consigner ce qui a été demandé, ce qui a été fourni et le
résultat.]],
  },

  conditions = {
    condition "listed_good_and_origin" {
      label = { en = "Good and country of origin are on the DoL List",
                fr = "Le bien et le pays d'origine figurent sur la liste du DoL" },
      when  = pair("country_of_origin", "hs_code") :is_in(list "dol_goods"),
    },
  },

  indicators = {
    indicator "manufacturer_missing" {
      label  = { en = "No manufacturer named", fr = "Aucun fabricant nommé" },
      weight = 2,
      when   = field "manufacturer_name" :is_missing(),
    },
    indicator "vague_description" {
      label  = { en = "Vague goods description", fr = "Description vague des marchandises" },
      weight = 1,
      when   = field "goods_description" :is_in(list "vague_goods_terms"),
    },
    indicator "loaded_outside_origin" {
      label  = { en = "Loaded in another country than the country of origin",
                 fr = "Chargé dans un autre pays que le pays d'origine" },
      weight = 1,
      when   = field "loading_country" :differs_from "country_of_origin",
    },
    indicator "several_transshipments" {
      label  = { en = "Two or more transshipment ports", fr = "Deux ports de transbordement ou plus" },
      weight = 1,
      when   = field "transshipment_count" :ge(2),
    },
    indicator "traceable_supply_chain" {
      label  = { en = "Manufacturer named; manufacturer, shipper and origin in the same country",
                 fr = "Fabricant nommé ; fabricant, expéditeur et origine dans le même pays" },
      weight = -2,
      when   = function(r)
        if r.manufacturer_name == nil then return false end
        local made, sold, origin = r.manufacturer_country, r.shipper_country, r.country_of_origin
        if made == nil or sold == nil or origin == nil then return nil end
        return string.upper(made) == string.upper(origin) and string.upper(sold) == string.upper(origin)
      end,
    },
  },
}
