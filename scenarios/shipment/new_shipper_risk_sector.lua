-- shipment/new_shipper_risk_sector.lua
-- A shipper seen for the first time, shipping goods of a UFLPA high-priority sector
-- without naming a factory: the newly created trader that launders inputs.

scenario {
  id         = "SHP-NEW-SHIPPER-RISK-SECTOR",
  title      = { en = "First shipment seen from a shipper, goods of a UFLPA sector, no factory named",
                 fr = "Premier envoi vu d'un expéditeur, marchandises d'un secteur de l'UFLPA, aucune usine nommée" },
  applies_to = "shipment",
  status     = "active",
  owner      = "NTC commercial targeting, forced labour desk",
  review_by  = "2027-11-30",
  subject    = "goods",
  threshold  = 4,
  tags       = { "forced-labour", "uflpa", "new-shipper", "links", "supply-chain" },
  references = {
    "US DHS Forced Labor Enforcement Task Force, UFLPA Strategy (2022, updated 2024 and 2025): high-priority sectors; goods routed through newly created intermediaries in third countries",
    "US CBP, UFLPA operational guidance for importers (2022): supply-chain tracing to the raw material, names and addresses of every producer",
    "WCO, Risk Management Compendium: a new or unknown trader as a selectivity criterion, with a stated purpose",
    "Customs Tariff, Schedule, tariff item 9897.00.00",
  },
  rationale  = [[Goods of the UFLPA high-priority sectors (apparel and cotton,
polysilicon and solar, aluminium, PVC, tomatoes, seafood, steel, copper, lithium,
caustic soda, red dates) made with Xinjiang inputs reach North America through
trading companies created for the purpose, often in South-East Asia, that ship a few
times and disappear (UFLPA Strategy; CBP guidance asks for every producer's name
because these traders name none). A new or unknown trader is a selectivity criterion
in the WCO compendium. The run's link index tells whether this is the first shipment
seen from the shipper's name and whether it is the only one; the score needs what the
manifest shows of the trader: no factory named, a trading-company name declared as its
own manufacturer, an origin among the countries used to launder Chinese inputs (Viet
Nam, Malaysia, Thailand, Korea, Indonesia, Cambodia). A manufacturer named in the
country of origin, other than the shipper, lowers the score. What it cannot see: the
shipper's history before this run (the review store's history is not read yet), the
same company under a name spelled another way (links compare names folded, not
fuzzily), and a trader that names a real factory falsely.]],
  guidance   = {
    en = [[Goods from a new trader in a sector at risk of forced labour: this hit is a
reason to ask for documents, not a finding. Check the shipper's registration and
history (other ports, other importers). Ask the importer for the supply-chain
documents back to the raw material: the manufacturer's name and address, purchase
orders and invoices for each tier, the origin of the cotton, polysilicon, aluminium or
other input. Where there is reason to believe the goods were produced wholly or in
part with forced labour, detain them and refer them for a determination under tariff
item 9897.00.00 of the Customs Tariff. Record what was asked, what was provided and
the outcome.]],
    fr = [[Marchandises d'un nouveau négociant dans un secteur à risque de travail forcé :
ce résultat est une raison de demander des documents, pas une conclusion. Vérifier
l'immatriculation et l'historique de l'expéditeur (autres ports, autres importateurs).
Demander à l'importateur les documents de la chaîne d'approvisionnement jusqu'à la
matière première : nom et adresse du fabricant, bons de commande et factures à chaque
niveau, origine du coton, du polysilicium, de l'aluminium ou de l'autre intrant. S'il y
a des raisons de croire que les marchandises ont été produites, en tout ou en partie,
par le travail forcé, les retenir et les renvoyer pour une décision au titre du numéro
tarifaire 9897.00.00 du Tarif des douanes. Consigner ce qui a été demandé, ce qui a
été fourni et le résultat.]],
  },

  conditions = {
    condition "uflpa_sector" {
      label = { en = "HS code in a UFLPA high-priority sector", fr = "Code SH d'un secteur prioritaire de l'UFLPA" },
      when  = field "hs_code" :is_in(list "uflpa_sectors"),
    },
    condition "first_seen_shipper" {
      label = { en = "First shipment seen from this shipper in the run",
                fr = "Premier envoi vu de cet expéditeur dans l'exécution" },
      when  = link("shipper_name", "first_seen") :equals(true),
    },
  },

  indicators = {
    indicator "only_shipment" {
      label  = { en = "No other shipment from this shipper in the run",
                 fr = "Aucun autre envoi de cet expéditeur dans l'exécution" },
      weight = 2,
      when   = link("shipper_name", "records") :equals(1),
    },
    indicator "manufacturer_missing" {
      label  = { en = "No manufacturer named", fr = "Aucun fabricant nommé" },
      weight = 2,
      when   = field "manufacturer_name" :is_missing(),
    },
    indicator "trader_as_manufacturer" {
      label  = { en = "A trading company declared as its own manufacturer",
                 fr = "Une société de négoce déclarée comme son propre fabricant" },
      weight = 1,
      when   = field "manufacturer_name" :same_as "shipper_name" & field "shipper_name" :contains_any {
        "TRADING", "IMPORT AND EXPORT", "IMPORT EXPORT", "IMPORT & EXPORT", "IMPEX", "INTERNATIONAL TRADE",
        "SUPPLY CHAIN", "GLOBAL SUPPLY", "COMMODITIES",
      },
    },
    indicator "laundering_route_origin" {
      label  = { en = "Origin in a country used to launder Chinese inputs (VN, MY, TH, KR, ID, KH)",
                 fr = "Origine dans un pays utilisé pour blanchir des intrants chinois (VN, MY, TH, KR, ID, KH)" },
      weight = 1,
      when   = field "country_of_origin" :is_in { "VN", "MY", "TH", "KR", "ID", "KH" },
    },
    indicator "maker_named_in_origin" {
      label  = { en = "Manufacturer named in the country of origin, other than the shipper",
                 fr = "Fabricant nommé dans le pays d'origine, autre que l'expéditeur" },
      weight = -2,
      when   = all_of {
        field "manufacturer_name" :is_present(),
        field "manufacturer_name" :differs_from "shipper_name",
        field "manufacturer_country" :same_as "country_of_origin",
      },
    },
  },
}
