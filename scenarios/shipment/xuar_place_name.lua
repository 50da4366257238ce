-- shipment/xuar_place_name.lua
scenario {
  id         = "SHP-XUAR-PLACE-NAME",
  title      = { en = "Xinjiang place name in a party, the stuffing location or the goods description",
                 fr = "Nom de lieu du Xinjiang dans une partie, le lieu d'empotage ou la désignation des marchandises" },
  applies_to = "shipment",
  status     = "active",
  owner      = "NTC commercial targeting, forced labour desk",
  review_by  = "2027-11-30",
  subject    = "goods",
  threshold  = 5,
  tags       = { "forced-labour", "uflpa", "xinjiang" },
  references = {
    "Uyghur Forced Labor Prevention Act (Public Law 117-78, 2021), section 3: rebuttable presumption for goods made wholly or in part in the Xinjiang Uyghur Autonomous Region",
    "US DHS Forced Labor Enforcement Task Force, UFLPA Strategy (2022, updated 2024 and 2025)",
    "Global Affairs Canada, Advisory on doing business with Xinjiang-related entities (2021)",
    "Customs Tariff, Schedule, tariff item 9897.00.00",
  },
  rationale  = [[State-imposed forced labour in the Xinjiang Uyghur Autonomous Region is
documented widely enough that US law presumes any good made wholly or in part there to
be made with forced labour, and Canada's 2021 advisory warns businesses about
Xinjiang-related supply chains. Canada has no such presumption, but tariff item
9897.00.00 applies, and a Xinjiang place name in the manufacturer, the shipper, the
stuffing location or the description of the goods is direct evidence of a Xinjiang
link. Any one of them reaches the threshold. The list leaves out names that also occur
elsewhere (Aksu, Hami, Kashi, Changji) to limit false matches; the subject is the
place of production, never the people.]],
  guidance   = {
    en = [[Goods with a Xinjiang link: this hit is a reason to verify, not a finding.
Confirm the link (the party's address, the stuffing location, the description), then
ask the importer for the full supply chain and any evidence that the goods were not
produced wholly or in part with forced labour. Where there is reason to believe they
were, detain them and refer them for a determination under tariff item 9897.00.00 of
the Customs Tariff. A name matched by accident (a company or place elsewhere) is a
false positive: say so in the review. Record the outcome.]],
    fr = [[Marchandises liées au Xinjiang : ce résultat est une raison de vérifier, pas
une conclusion. Confirmer le lien (adresse de la partie, lieu d'empotage,
description), puis demander à l'importateur toute la chaîne d'approvisionnement et
toute preuve que les marchandises n'ont pas été produites, en tout ou en partie, par le
travail forcé. S'il y a des raisons de croire qu'elles l'ont été, les retenir et les
renvoyer pour une décision au titre du numéro tarifaire 9897.00.00 du Tarif des
douanes. Un nom reconnu par erreur (entreprise ou lieu ailleurs) est un faux positif :
l'indiquer dans l'examen. Consigner le résultat.]],
  },

  indicators = {
    indicator "manufacturer_in_xuar" {
      label  = { en = "Manufacturer name carries a Xinjiang place name",
                 fr = "Le nom du fabricant contient un toponyme du Xinjiang" },
      weight = 5,
      when   = field "manufacturer_name" :contains_any(list "xuar_place_names"),
    },
    indicator "shipper_in_xuar" {
      label  = { en = "Shipper name carries a Xinjiang place name",
                 fr = "Le nom de l'expéditeur contient un toponyme du Xinjiang" },
      weight = 5,
      when   = field "shipper_name" :contains_any(list "xuar_place_names"),
    },
    indicator "stuffed_in_xuar" {
      label  = { en = "Container stuffed at a Xinjiang location",
                 fr = "Conteneur empoté dans une localité du Xinjiang" },
      weight = 5,
      when   = field "stuffing_location" :contains_any(list "xuar_place_names"),
    },
    indicator "description_names_xuar" {
      label  = { en = "Goods description names a Xinjiang place",
                 fr = "La description des marchandises nomme un lieu du Xinjiang" },
      weight = 5,
      when   = field "goods_description" :contains_any(list "xuar_place_names"),
    },
  },
}
