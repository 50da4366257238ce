-- shipment/uflpa_sector_china_link.lua
scenario {
  id         = "SHP-UFLPA-SECTOR-CHINA-LINK",
  title      = { en = "UFLPA high-priority sector goods with a Chinese supply-chain link hidden or undocumented",
                 fr = "Marchandises d'un secteur prioritaire de l'UFLPA dont le lien avec la Chine dans la chaîne d'approvisionnement est caché ou non documenté" },
  applies_to = "shipment",
  status     = "active",
  owner      = "NTC commercial targeting, forced labour desk",
  review_by  = "2027-11-30",
  subject    = "goods",
  threshold  = 4,
  tags       = { "forced-labour", "uflpa", "xinjiang", "supply-chain" },
  references = {
    "US DHS Forced Labor Enforcement Task Force, UFLPA Strategy (2022; updates 2024 and 2025): high-priority sectors apparel, cotton, polysilicon, tomatoes, aluminum, PVC, seafood, steel, copper, lithium, caustic soda, red dates",
    "Customs Tariff, Schedule, tariff item 9897.00.00: goods produced wholly or in part by forced labour",
    "US Department of Labor (ILAB), 2024 List of Goods Produced by Child Labor or Forced Labor: downstream goods made with Chinese cotton in China and Vietnam",
    "Global Affairs Canada, Advisory on doing business with Xinjiang-related entities (2021)",
  },
  rationale  = [[State-imposed forced labour of Uyghurs and other minorities feeds the
UFLPA high-priority sectors, and the goods often reach North America through
processing or assembly in a third country (UFLPA Strategy; DoL downstream goods made
with Chinese cotton in Vietnam). Canada's tariff item 9897.00.00 applies whatever the
declared origin. In a sector good with a Chinese link, the score rises when Chinese
goods leave through a third country's port (the transshipment route the Strategy
describes; Hong Kong and Macao, the usual gateways, do not count), when the link
is hidden (a Chinese manufacturer or a Chinese port of loading behind another declared
origin, or a Chinese shipper for goods of another origin) or undocumented (no
manufacturer, vague description). Goods made by a named manufacturer in the declared
third country, sold by a Chinese trading company or shipped through a Chinese port,
are the common lawful case (ordinary trade and transshipment) and score lower.]],
  guidance   = {
    en = [[Goods at risk of forced labour: this hit is a reason to verify the supply
chain, not a finding. Ask the importer for the full chain of custody: manufacturer
name and address, bill of materials, origin of each input in the high-priority sector
(cotton to the bale and gin, polysilicon to the smelter, aluminium to the smelter),
purchase orders, invoices, payment and transport records for each tier. A declared
origin outside China does not settle the question. Where there is reason to believe
the goods were produced wholly or in part by forced labour, detain them and refer them
for a determination under tariff item 9897.00.00 of the Customs Tariff. Record what
was asked, what was provided and the outcome.]],
    fr = [[Marchandises à risque de travail forcé : ce résultat est une raison de
vérifier la chaîne d'approvisionnement, pas une conclusion. Demander à l'importateur
toute la chaîne de possession : nom et adresse du fabricant, nomenclature, origine de
chaque intrant du secteur prioritaire (coton jusqu'à la balle et l'usine d'égrenage,
polysilicium et aluminium jusqu'à la fonderie), bons de commande, factures, preuves de
paiement et de transport à chaque niveau. Une origine déclarée hors de Chine ne règle
pas la question. S'il y a des raisons de croire que les marchandises ont été
produites, en tout ou en partie, par le travail forcé, les retenir et les renvoyer pour
une décision au titre du numéro tarifaire 9897.00.00 du Tarif des douanes. Consigner ce
qui a été demandé, ce qui a été fourni et le résultat.]],
  },

  conditions = {
    condition "uflpa_sector" {
      label = { en = "HS code in a UFLPA high-priority sector", fr = "Code SH d'un secteur prioritaire de l'UFLPA" },
      when  = field "hs_code" :is_in(list "uflpa_sectors"),
    },
    condition "china_link" {
      label = { en = "Origin, manufacturer, shipper or port of loading in China",
                fr = "Origine, fabricant, expéditeur ou port de chargement en Chine" },
      when  = any_of {
        field "country_of_origin" :equals "CN",
        field "manufacturer_country" :equals "CN",
        field "shipper_country" :equals "CN",
        field "loading_country" :equals "CN",
      },
    },
  },

  indicators = {
    indicator "made_in_china_declared_elsewhere" {
      label  = { en = "Manufacturer in China but another country of origin declared",
                 fr = "Fabricant en Chine mais autre pays d'origine déclaré" },
      weight = 3,
      when   = function(r)
        local made, origin = r.manufacturer_country, r.country_of_origin
        if made == nil or origin == nil then return nil end
        return string.upper(made) == "CN" and string.upper(origin) ~= "CN"
      end,
    },
    indicator "loaded_in_china_declared_elsewhere" {
      label  = { en = "Loaded in China but another country of origin declared",
                 fr = "Chargé en Chine mais autre pays d'origine déclaré" },
      weight = 2,
      when   = all_of { field "loading_country" :equals "CN", negate(field "country_of_origin" :equals "CN") },
    },
    indicator "declared_chinese_loaded_abroad" {
      label  = { en = "Declared Chinese origin but loaded in a third country (not Hong Kong or Macao)",
                 fr = "Origine chinoise déclarée mais chargé dans un pays tiers (hors Hong Kong et Macao)" },
      weight = 2,
      when   = all_of {
        field "country_of_origin" :equals "CN",
        negate(field "loading_country" :is_in { "CN", "HK", "MO" }),
      },
    },
    indicator "origin_china" {
      label  = { en = "Country of origin is China", fr = "Le pays d'origine est la Chine" },
      weight = 2,
      when   = field "country_of_origin" :equals "CN",
    },
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
    indicator "shipper_in_china_declared_elsewhere" {
      label  = { en = "Shipper in China but another country of origin declared",
                 fr = "Expéditeur en Chine mais autre pays d'origine déclaré" },
      weight = 2,
      when   = all_of { field "shipper_country" :equals "CN", negate(field "country_of_origin" :equals "CN") },
    },
    indicator "made_in_declared_origin" {
      label  = { en = "Manufacturer named in the declared country of origin, outside China",
                 fr = "Fabricant nommé dans le pays d'origine déclaré, hors de Chine" },
      weight = -2,
      when   = all_of {
        field "manufacturer_name" :is_present(),
        field "manufacturer_country" :same_as "country_of_origin",
        negate(field "country_of_origin" :equals "CN"),
      },
    },
  },
}
