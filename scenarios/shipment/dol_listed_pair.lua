-- shipment/dol_listed_pair.lua
-- Selectivity by commodity x origin (the ASYCUDA form): the listed pair is the
-- condition and is, by itself, enough for a hit (threshold 0). Indicators of an opaque
-- chain raise the score, which orders the hits for review; a documented chain of
-- custody outside China is the only thing that lowers it below the threshold.
scenario {
  id         = "SHP-DOL-LISTED-PAIR",
  title      = "Good and country of origin on the DoL List: ask for supply-chain documents",
  applies_to = "shipment",
  status     = "active",
  owner      = "NTC commercial targeting, forced labour desk",
  review_by  = "2027-11-30",
  subject    = "goods",
  threshold  = 0,
  tags       = { "forced-labour", "child-labour", "dol-list", "selectivity", "supply-chain" },
  references = {
    "US Department of Labor (ILAB), List of Goods Produced by Child Labor or Forced Labor, 2022 edition (28 September 2022) with its downstream goods: the edition lists/dol_goods.yaml holds, entry by entry, as ILAB's own data (the 2024 List of 5 September 2024 is not published as data; docs/lists.md)",
    "Customs Tariff, Schedule, tariff item 9897.00.00: goods mined, manufactured or produced wholly or in part by forced labour (since 1 July 2020) or child labour (since 1 January 2024, Fighting Against Forced Labour and Child Labour in Supply Chains Act)",
    "US CBP, UFLPA operational guidance for importers (2022): supply-chain tracing documents requested for goods in listed sectors",
    "UNCTAD ASYCUDA selectivity and WCO Risk Management Compendium: selection criteria by commodity and origin, each with a stated purpose",
    "OECD-FAO Guidance for Responsible Agricultural Supply Chains (2016): certification as one input to due diligence, not a substitute",
  },
  rationale  = [[The DoL List names goods and countries where the US Department of Labor
has reason to believe child or forced labour is used in production (cocoa from Cote
d'Ivoire and Ghana, coffee from Brazil, garments from Bangladesh and Mexico, fish
from Vietnam and Thailand, gloves from Malaysia and China, polysilicon from China and
others). Canada's tariff item 9897.00.00 prohibits goods made wholly or in part
by forced or child labour, and the practical test at the border is whether the
importer can document the chain back to the listed input. A listed good from a
listed country is therefore, by itself, a reason to ask for supply-chain documents:
the pair is the condition and the threshold is 0. A name-based concordance
(lists/dol_goods.yaml) maps the List's goods to HS headings; processed goods are in it
only where the List names them. The score orders hits for review: no manufacturer, a
description that names no commodity, loading outside the origin or several
transshipments each add a point. A declared certification or chain-of-custody scheme
(RSPO segregated, Fairtrade, Rainforest Alliance, MSC) with a manufacturer, shipper
and port of loading all in the country of origin lowers the score below the
threshold, except for goods of Chinese origin, where audits cannot be relied on
(UFLPA Strategy). Hit volumes follow the trade in listed pairs: the desk sets its
examination capacity from the backtest rate of this scenario.]],
  guidance   = {
    en = [[Goods at risk of forced or child labour (DoL List): this hit is a reason to
ask for documents, not a finding about the importer or the goods. Ask the importer for
the supply-chain documents of the listed input: purchase orders and commercial
invoices for each tier, the manufacturer's name and address, the origin of the listed
input (farm, cooperative, vessel, mill or smelter), traceability records, audits and
remediation. Review higher scores first. Where there is reason to believe the goods
were produced wholly or in part by forced or child labour, detain them and refer them
for a determination under tariff item 9897.00.00 of the Customs Tariff. Where the
documents trace the chain, release and record it, so that the importer's next
shipments can be weighed with that record. Record what was asked, what was provided
and the outcome.]],
    fr = [[Marchandises à risque de travail forcé ou de travail des enfants (liste du
DoL) : ce résultat est une raison de demander des documents, pas une conclusion sur
l'importateur ou les marchandises. Demander à l'importateur les documents de la chaîne
d'approvisionnement de l'intrant inscrit : bons de commande et factures commerciales à
chaque niveau, nom et adresse du fabricant, origine de l'intrant (exploitation,
coopérative, navire, usine ou fonderie), registres de traçabilité, audits et mesures
correctives. Examiner d'abord les pointages les plus élevés. S'il y a des raisons de
croire que les marchandises ont été produites, en tout ou en partie, par le travail
forcé ou le travail des enfants, les retenir et les renvoyer pour une décision au titre
du numéro tarifaire 9897.00.00 du Tarif des douanes. Si les documents retracent la
chaîne, dédouaner et le consigner, pour que les envois suivants de l'importateur
soient évalués avec ce dossier. Consigner ce qui a été demandé, ce qui a été fourni et
le résultat.]],
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
      weight = 1,
      when   = field "manufacturer_name" :is_missing(),
    },
    indicator "vague_description" {
      label  = { en = "Goods description names no commodity",
                 fr = "La description ne nomme aucune marchandise" },
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
    indicator "documented_chain_of_custody" {
      label  = { en = "Certified chain of custody declared; manufacturer, shipper and loading in the country of origin (not China)",
                 fr = "Chaîne de possession certifiée déclarée ; fabricant, expéditeur et chargement dans le pays d'origine (hors Chine)" },
      weight = -2,
      when   = all_of {
        field "goods_description" :contains_any(list "traceability_claims"),
        field "manufacturer_name" :is_present(),
        field "manufacturer_country" :same_as "country_of_origin",
        field "shipper_country" :same_as "country_of_origin",
        field "loading_country" :same_as "country_of_origin",
        negate(field "country_of_origin" :equals "CN"),
      },
    },
  },
}
