-- shipment/low_value_listed_apparel_draft.lua
-- RETIRED 2025-11-20: replaced by SHP-UNDERVALUED-GOODS (undervalued_goods.lua), which
-- compares the value per kilogram with a reference for each HS heading, in any sector.
-- The bands below were never calibrated. Kept for the record.
scenario {
  id         = "SHP-LOW-VALUE-LISTED-APPAREL",
  title      = { en = "Garments from a DoL-listed origin declared at an unusually low value per kilogram",
                 fr = "Vêtements d'une origine inscrite sur la liste du DoL déclarés à une valeur au kilogramme anormalement basse" },
  applies_to = "shipment",
  status     = "retired",
  owner      = "NTC commercial targeting, forced labour desk",
  review_by  = "2027-05-31",
  subject    = "goods",
  threshold  = 3,
  tags       = { "forced-labour", "apparel", "valuation", "candidate" },
  references = {
    "US Department of Labor (ILAB), 2024 List of Goods Produced by Child Labor or Forced Labor: garments from Bangladesh, and downstream cotton garments from China and Vietnam",
    "ILO, Indicators of Forced Labour (2012): withholding of wages and excessive overtime lower production costs",
    "OECD Due Diligence Guidance for Responsible Supply Chains in the Garment and Footwear Sector (2017): prices below the cost of lawful production as a red flag",
    "Customs Tariff, Schedule, tariff item 9897.00.00",
  },
  rationale  = [[Unpaid or underpaid labour lowers production costs, and garment
due-diligence guidance treats prices below the cost of lawful production as a red
flag. For garments from an origin on the DoL List, a declared value per kilogram far
below the usual range, with no manufacturer named, may point to forced labour or to
undervaluation that hides the real supplier. The value bands (under 4 and 4 to 8 US
dollars per kilogram) are first guesses to be calibrated by a backtest before the
scenario is activated; values in other currencies are left out until the language can
convert them.]],
  guidance   = {
    en = [[Draft scenario: hits appear only in backtests. For an officer reviewing a
backtest hit: garments at risk of forced labour with a low declared value are a reason
to verify, not a finding. Check the commercial invoice and payment records against the
declared value, ask for the manufacturer and the origin of the fabric and cotton, and
where there is reason to believe the goods were produced wholly or in part by forced
or child labour, refer them for a determination under tariff item 9897.00.00 of the
Customs Tariff.]],
    fr = [[Scénario à l'essai : les résultats n'apparaissent que dans les analyses
rétrospectives. Pour l'agent qui examine un tel résultat : des vêtements à risque de
travail forcé déclarés à faible valeur sont une raison de vérifier, pas une
conclusion. Comparer la facture commerciale et les paiements à la valeur déclarée,
demander le fabricant et l'origine du tissu et du coton et, s'il y a des raisons de
croire que les marchandises ont été produites, en tout ou en partie, par le travail
forcé ou le travail des enfants, les renvoyer pour une décision au titre du numéro
tarifaire 9897.00.00 du Tarif des douanes.]],
  },

  conditions = {
    condition "listed_garments" {
      label = { en = "Garments (HS 61, 62) from an origin on the DoL List for them",
                fr = "Vêtements (SH 61, 62) d'une origine inscrite pour eux sur la liste du DoL" },
      when  = all_of {
        any_of { field "hs_code" :starts_with "61", field "hs_code" :starts_with "62" },
        pair("country_of_origin", "hs_code") :is_in(list "dol_goods"),
      },
    },
    condition "valued_in_usd" {
      label = { en = "Declared value in US dollars", fr = "Valeur déclarée en dollars américains" },
      when  = field "currency" :equals "USD",
    },
  },

  indicators = {
    indicator "very_low_value" {
      label  = { en = "Declared value under 4 USD per kg", fr = "Valeur déclarée inférieure à 4 USD par kg" },
      weight = 3,
      when   = field "value_per_kg" :lt(4),
    },
    indicator "low_value" {
      label  = { en = "Declared value from 4 to 8 USD per kg", fr = "Valeur déclarée de 4 à 8 USD par kg" },
      weight = 1,
      when   = field "value_per_kg" :between(4, 8),
    },
    indicator "manufacturer_missing" {
      label  = { en = "No manufacturer named", fr = "Aucun fabricant nommé" },
      weight = 2,
      when   = field "manufacturer_name" :is_missing(),
    },
    indicator "maker_named_in_origin" {
      label  = { en = "Manufacturer named in the country of origin", fr = "Fabricant nommé dans le pays d'origine" },
      weight = -1,
      when   = all_of {
        field "manufacturer_name" :is_present(),
        field "manufacturer_country" :same_as "country_of_origin",
      },
    },
  },
}
