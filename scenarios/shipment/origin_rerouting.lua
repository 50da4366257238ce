-- shipment/origin_rerouting.lua
scenario {
  id         = "SHP-ORIGIN-REROUTING",
  title      = { en = "At-risk goods loaded or made in a listed country but declared from another origin",
                 fr = "Marchandises à risque chargées ou fabriquées dans un pays inscrit mais déclarées d'une autre origine" },
  applies_to = "shipment",
  status     = "active",
  owner      = "NTC commercial targeting, forced labour desk",
  review_by  = "2027-11-30",
  subject    = "goods",
  threshold  = 4,
  tags       = { "forced-labour", "transshipment", "origin", "dol-list" },
  references = {
    "US Department of Labor (ILAB), 2024 List of Goods Produced by Child Labor or Forced Labor",
    "US DHS Forced Labor Enforcement Task Force, UFLPA Strategy (2022, updated 2024 and 2025): transshipment and third-country processing as evasion",
    "Customs Tariff, Schedule, tariff item 9897.00.00",
    "WCO, Risk Management Compendium: inconsistency between origin, loading and party data",
  },
  rationale  = [[Goods made with forced labour are laundered through third countries:
relabelled, lightly processed or simply re-shipped under another origin (UFLPA
Strategy on transshipment; WCO risk indicators of inconsistent origin data). When the
port of loading is in another country than the declared origin and the goods are of a
kind listed for the loading or manufacturing country (DoL List) or in a UFLPA sector,
the declared origin deserves a check. Ordinary transshipment is the innocent
look-alike: landlocked or small exporters ship through a neighbour's port, and then
the manufacturer is named and the manufacturer and shipper are both in the declared
country of origin, which lowers the score.]],
  guidance   = {
    en = [[Goods at risk of forced labour with a doubtful origin: this hit is a reason
to verify, not a finding. Check the origin documents (certificate of origin,
manufacturer's address, production records), the routing (bills of lading for each
leg, stuffing location) and the supply chain of the listed input. If the goods were
made in, or with inputs from, the listed country, treat them as such. Where there is
reason to believe they were produced wholly or in part by forced or child labour,
detain them and refer them for a determination under tariff item 9897.00.00 of the
Customs Tariff; refer origin misdescription for trade verification. Record the
outcome, including ordinary transshipment.]],
    fr = [[Marchandises à risque de travail forcé dont l'origine est douteuse : ce
résultat est une raison de vérifier, pas une conclusion. Vérifier les documents
d'origine (certificat d'origine, adresse du fabricant, registres de production),
l'acheminement (connaissements de chaque étape, lieu d'empotage) et la chaîne
d'approvisionnement de l'intrant inscrit sur la liste. Si les marchandises ont été
fabriquées dans le pays inscrit, ou avec des intrants qui en proviennent, les traiter
comme telles. S'il y a des raisons de croire qu'elles ont été produites, en tout ou
en partie, par le travail forcé ou le travail des enfants, les retenir et les renvoyer
pour une décision au titre du numéro tarifaire 9897.00.00 du Tarif des douanes ;
renvoyer la fausse déclaration d'origine pour vérification commerciale. Consigner le
résultat, y compris les transbordements ordinaires.]],
  },

  conditions = {
    condition "loaded_outside_origin" {
      label = { en = "Loaded in another country than the country of origin",
                fr = "Chargé dans un autre pays que le pays d'origine" },
      when  = field "loading_country" :differs_from "country_of_origin",
    },
    condition "at_risk_goods" {
      label = { en = "Goods in a UFLPA sector or of a kind on the DoL List for the loading country",
                fr = "Marchandises d'un secteur de l'UFLPA ou d'un type inscrit sur la liste du DoL pour le pays de chargement" },
      when  = any_of {
        field "hs_code" :is_in(list "uflpa_sectors"),
        pair("loading_country", "hs_code") :is_in(list "dol_goods"),
        pair("manufacturer_country", "hs_code") :is_in(list "dol_goods"),
      },
    },
  },

  indicators = {
    indicator "listed_for_loading_country" {
      label  = { en = "Good is on the DoL List for the country where it was loaded",
                 fr = "Le bien est inscrit sur la liste du DoL pour le pays de chargement" },
      weight = 3,
      when   = pair("loading_country", "hs_code") :is_in(list "dol_goods"),
    },
    indicator "listed_for_manufacturer_country" {
      label  = { en = "Good is on the DoL List for the manufacturer's country",
                 fr = "Le bien est inscrit sur la liste du DoL pour le pays du fabricant" },
      weight = 3,
      when   = pair("manufacturer_country", "hs_code") :is_in(list "dol_goods"),
    },
    indicator "manufacturer_elsewhere" {
      label  = { en = "Manufacturer in another country than the declared origin",
                 fr = "Fabricant dans un autre pays que l'origine déclarée" },
      weight = 2,
      when   = field "manufacturer_country" :differs_from "country_of_origin",
    },
    indicator "vague_description" {
      label  = { en = "Vague goods description", fr = "Description vague des marchandises" },
      weight = 1,
      when   = field "goods_description" :is_in(list "vague_goods_terms"),
    },
    indicator "several_transshipments" {
      label  = { en = "Two or more transshipment ports", fr = "Deux ports de transbordement ou plus" },
      weight = 1,
      when   = field "transshipment_count" :ge(2),
    },
    indicator "ordinary_transit" {
      label  = { en = "Manufacturer named; manufacturer and shipper both in the declared country of origin",
                 fr = "Fabricant nommé ; fabricant et expéditeur tous deux dans le pays d'origine déclaré" },
      weight = -3,
      when   = all_of {
        field "manufacturer_name" :is_present(),
        field "manufacturer_country" :same_as "country_of_origin",
        field "shipper_country" :same_as "country_of_origin",
      },
    },
  },
}
