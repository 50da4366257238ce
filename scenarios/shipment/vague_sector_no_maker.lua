-- shipment/vague_sector_no_maker.lua
-- All-conditions scenario (threshold 0, no weights): the CBSA scenario form.
-- RETIRED 2025-11-20: replaced by SHP-VAGUE-DESCRIPTION (vague_description.lua), which
-- tests what a vague description is (the whole description, not a word inside it) and
-- keeps the sector and the missing manufacturer as priority indicators. Kept for the record.
scenario {
  id         = "SHP-VAGUE-SECTOR-NO-MAKER",
  title      = { en = "UFLPA sector goods with a vague description and no manufacturer",
                 fr = "Marchandises d'un secteur de l'UFLPA avec une désignation vague et sans fabricant" },
  applies_to = "shipment",
  status     = "retired",
  owner      = "NTC commercial targeting, forced labour desk",
  review_by  = "2027-11-30",
  subject    = "goods",
  threshold  = 0,
  tags       = { "forced-labour", "uflpa", "all-conditions", "data-quality" },
  references = {
    "US DHS Forced Labor Enforcement Task Force, UFLPA Strategy (2022, updated 2024 and 2025): high-priority sectors",
    "WCO, Risk Management Compendium: vague goods descriptions and missing parties as risk indicators",
    "CBSA eManifest / US CBP ISF: manufacturer (supplier) and precise goods description are required data elements",
    "Customs Tariff, Schedule, tariff item 9897.00.00",
  },
  rationale  = [[In the sectors where the UFLPA Strategy finds the highest risk of
state-imposed forced labour, supply-chain verification starts from the manufacturer
and a precise description of the goods. Advance cargo data that gives neither (a
description such as GENERAL MERCHANDISE or SAID TO CONTAIN, and no manufacturer,
although eManifest and ISF require one) leaves nothing to verify. The three facts
together are rare in compliant filings, so they stand as an all-conditions scenario.]],
  guidance   = {
    en = [[Goods at risk of forced labour with missing data: this hit is a reason to
verify, not a finding. Ask the carrier or importer to correct the advance data
(manufacturer name and address, precise description) and request supply-chain
documents for the sector input (origin of cotton, polysilicon, aluminium, PVC,
seafood, steel, copper or lithium). Where there is reason to believe the goods were
produced wholly or in part by forced labour, detain them and refer them for a
determination under tariff item 9897.00.00 of the Customs Tariff. Record the outcome,
including data-quality corrections.]],
    fr = [[Marchandises à risque de travail forcé dont les données sont incomplètes : ce
résultat est une raison de vérifier, pas une conclusion. Demander au transporteur ou à
l'importateur de corriger les données préalables (nom et adresse du fabricant,
description précise) et les documents de la chaîne d'approvisionnement de l'intrant du
secteur (origine du coton, du polysilicium, de l'aluminium, du PVC, des produits de la
mer, de l'acier, du cuivre ou du lithium). S'il y a des raisons de croire que les
marchandises ont été produites, en tout ou en partie, par le travail forcé, les retenir
et les renvoyer pour une décision au titre du numéro tarifaire 9897.00.00 du Tarif des
douanes. Consigner le résultat, y compris les corrections de données.]],
  },

  conditions = {
    condition "uflpa_sector" {
      label = { en = "HS code in a UFLPA high-priority sector", fr = "Code SH d'un secteur prioritaire de l'UFLPA" },
      when  = field "hs_code" :is_in(list "uflpa_sectors"),
    },
    condition "vague_description" {
      label = { en = "Vague goods description", fr = "Description vague des marchandises" },
      when  = field "goods_description" :is_in(list "vague_goods_terms"),
    },
    condition "manufacturer_missing" {
      label = { en = "No manufacturer named", fr = "Aucun fabricant nommé" },
      when  = field "manufacturer_name" :is_missing(),
    },
  },
}
