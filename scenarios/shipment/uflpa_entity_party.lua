-- shipment/uflpa_entity_party.lua
scenario {
  id         = "SHP-UFLPA-ENTITY-PARTY",
  title      = { en = "Manufacturer or shipper matches an entity on the UFLPA Entity List",
                 fr = "Fabricant ou expéditeur correspondant à une entité de la liste des entités de l'UFLPA" },
  applies_to = "shipment",
  status     = "active",
  owner      = "NTC commercial targeting, forced labour desk",
  review_by  = "2027-11-30",
  subject    = "goods",
  threshold  = 5,
  tags       = { "forced-labour", "uflpa", "entity-list" },
  references = {
    "US DHS Forced Labor Enforcement Task Force, UFLPA Entity List (Federal Register, 2022 to 2025)",
    "US DHS Forced Labor Enforcement Task Force, UFLPA Strategy (2022, updated 2024 and 2025)",
    "Global Affairs Canada, Advisory on doing business with Xinjiang-related entities (2021)",
    "Customs Tariff, Schedule, tariff item 9897.00.00",
  },
  rationale  = [[The UFLPA Entity List names companies found to produce with forced labour
in Xinjiang, to work with the regional government to transfer Uyghur workers, or to
source inputs from Xinjiang. Canada has no entity list, but tariff item 9897.00.00
applies to the same goods, and a listed manufacturer or shipper is the most specific
lead a manifest can carry. The names are matched as fuzzy names against the
distinctive part of the legal name (lists/uflpa_entities.yaml, match: fuzzy): case,
accents, punctuation, legal forms ("Co., Ltd", "Company Limited"), word order and
the romanization variants of lists/sources/entity_names.csv (Hetian/Hotan,
Akesu/Aksu, Pichan/Shanshan, Wade-Giles) do not hide a listed entity; either party
alone reaches the threshold. A name translated rather than transliterated, or a
spelling no variant covers, is still missed, and a different company with a very
similar name can match: the officer confirms the identity before acting.]],
  guidance   = {
    en = [[Goods from a possibly listed entity: this hit is a reason to verify, not a
finding. First confirm that the party is the listed entity (full legal name, address,
registration number, aliases in the Federal Register notice); if it is not, record a
false positive. If it is, ask the importer for the supply chain and any evidence that
the goods were not produced wholly or in part with forced labour; where there is
reason to believe they were, detain them and refer them for a determination under
tariff item 9897.00.00 of the Customs Tariff. Record the outcome.]],
    fr = [[Marchandises d'une entité possiblement inscrite : ce résultat est une raison
de vérifier, pas une conclusion. D'abord confirmer que la partie est bien l'entité
inscrite (raison sociale complète, adresse, numéro d'immatriculation, autres noms dans
l'avis du Federal Register) ; sinon, consigner un faux positif. Si c'est le cas,
demander à l'importateur la chaîne d'approvisionnement et toute preuve que les
marchandises n'ont pas été produites, en tout ou en partie, par le travail forcé ;
s'il y a des raisons de croire qu'elles l'ont été, les retenir et les renvoyer pour une
décision au titre du numéro tarifaire 9897.00.00 du Tarif des douanes. Consigner le
résultat.]],
  },

  indicators = {
    indicator "manufacturer_listed" {
      label  = { en = "Manufacturer name matches a UFLPA Entity List entry",
                 fr = "Le nom du fabricant correspond à une entité de la liste UFLPA" },
      weight = 5,
      when   = field "manufacturer_name" :contains_any(list "uflpa_entities"),
    },
    indicator "shipper_listed" {
      label  = { en = "Shipper name matches a UFLPA Entity List entry",
                 fr = "Le nom de l'expéditeur correspond à une entité de la liste UFLPA" },
      weight = 5,
      when   = field "shipper_name" :contains_any(list "uflpa_entities"),
    },
  },
}
