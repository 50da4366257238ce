-- shipment/front_company_intermediary.lua
scenario {
  id         = "SHP-FRONT-COMPANY-INTERMEDIARY",
  title      = { en = "Trading intermediary in a third country between at-risk goods and the importer",
                 fr = "Intermédiaire commercial dans un pays tiers entre des marchandises à risque et l'importateur" },
  applies_to = "shipment",
  status     = "active",
  owner      = "NTC commercial targeting, forced labour desk",
  review_by  = "2027-11-30",
  subject    = "possible-facilitator",
  threshold  = 3,
  tags       = { "forced-labour", "front-company", "intermediary" },
  references = {
    "US DHS Forced Labor Enforcement Task Force, UFLPA Strategy (2022, updated 2024 and 2025): intermediaries and trading companies used to obscure the origin of inputs",
    "US Department of Labor (ILAB), 2024 List of Goods Produced by Child Labor or Forced Labor",
    "WCO, Risk Management Compendium: party-based risk indicators",
    "Customs Tariff, Schedule, tariff item 9897.00.00",
  },
  rationale  = [[Goods from forced-labour supply chains often reach importers through a
trading company in a third country that is neither the maker nor the buyer, which
breaks the documentary link to the producer (UFLPA Strategy on intermediaries; WCO
party-based indicators). For goods in a UFLPA sector or of a kind on the DoL List for
their origin, a shipper in another country than the origin that re-exports the goods
from its own country's port, with a generic trading name, no manufacturer named and a
consignee other than the importer, is the pattern of a front or pass-through
company. Most such intermediaries are lawful trading houses
that never touch the goods: when the manufacturer is named in the country of origin
and the goods are loaded there, the link is documented and the score drops. The subject is the intermediary company, not any person.]],
  guidance   = {
    en = [[Possible front company: the subject is the intermediary, and the hit is a
reason to verify, not a finding against it. Ask the importer who the intermediary is,
its registration and address, its relationship to the manufacturer, and the purchase
chain (contracts, invoices and payments at each step). Verify the goods as for any
at-risk shipment: where there is reason to believe they were produced wholly or in
part by forced or child labour, detain them and refer them for a determination under
tariff item 9897.00.00 of the Customs Tariff. Pass what you learn about the
intermediary to CBSA intelligence. Record the outcome.]],
    fr = [[Société écran possible : le sujet est l'intermédiaire, et ce résultat est une
raison de vérifier, pas une conclusion contre lui. Demander à l'importateur qui est
l'intermédiaire, son immatriculation et son adresse, son lien avec le fabricant et la
chaîne d'achat (contrats, factures et paiements à chaque étape). Vérifier les
marchandises comme tout envoi à risque : s'il y a des raisons de croire qu'elles ont
été produites, en tout ou en partie, par le travail forcé ou le travail des enfants,
les retenir et les renvoyer pour une décision au titre du numéro tarifaire 9897.00.00
du Tarif des douanes. Transmettre ce qui est appris sur l'intermédiaire au
renseignement de l'ASFC. Consigner le résultat.]],
  },

  conditions = {
    condition "at_risk_goods" {
      label = { en = "Goods in a UFLPA sector or on the DoL List for their origin",
                fr = "Marchandises d'un secteur de l'UFLPA ou inscrites sur la liste du DoL pour leur origine" },
      when  = any_of {
        field "hs_code" :is_in(list "uflpa_sectors"),
        pair("country_of_origin", "hs_code") :is_in(list "dol_goods"),
      },
    },
    condition "shipper_in_third_country" {
      label = { en = "Shipper in another country than the country of origin",
                fr = "Expéditeur dans un autre pays que le pays d'origine" },
      when  = field "shipper_country" :differs_from "country_of_origin",
    },
  },

  indicators = {
    indicator "trading_name" {
      label  = { en = "Shipper has a generic trading-company name",
                 fr = "L'expéditeur porte un nom générique de société de négoce" },
      weight = 1,
      when   = field "shipper_name" :contains_any {
        "TRADING", "IMPORT AND EXPORT", "IMPORT EXPORT", "IMPORT & EXPORT", "IMP & EXP",
        "IMP. & EXP", "IMPEX", "INTERNATIONAL TRADE", "SUPPLY CHAIN", "GLOBAL SUPPLY",
        "COMMODITIES", "HOLDING",
      },
    },
    indicator "re_exported_from_intermediary" {
      label  = { en = "Loaded in the intermediary's own country (re-export)",
                 fr = "Chargé dans le pays de l'intermédiaire (réexportation)" },
      weight = 2,
      when   = field "loading_country" :same_as "shipper_country",
    },
    indicator "manufacturer_missing" {
      label  = { en = "No manufacturer named", fr = "Aucun fabricant nommé" },
      weight = 2,
      when   = field "manufacturer_name" :is_missing(),
    },
    indicator "consignee_not_importer" {
      label  = { en = "Consignee is not the importer of record", fr = "Le destinataire n'est pas l'importateur inscrit" },
      weight = 1,
      when   = field "consignee_name" :differs_from "importer_name",
    },
    indicator "vague_description" {
      label  = { en = "Vague goods description", fr = "Description vague des marchandises" },
      weight = 1,
      when   = field "goods_description" :is_in(list "vague_goods_terms"),
    },
    indicator "maker_named_in_origin" {
      label  = { en = "Manufacturer named in the country of origin, goods loaded there (the intermediary only trades)",
                 fr = "Fabricant nommé dans le pays d'origine, marchandises chargées dans ce pays (l'intermédiaire ne fait que négocier)" },
      weight = -2,
      when   = all_of {
        field "manufacturer_name" :is_present(),
        field "manufacturer_country" :same_as "country_of_origin",
        field "loading_country" :same_as "country_of_origin",
      },
    },
  },
}
