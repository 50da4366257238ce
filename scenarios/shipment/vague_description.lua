-- shipment/vague_description.lua
-- Replaces SHP-VAGUE-SECTOR-NO-MAKER (retired): the test is now what a vague
-- description is, the whole description, not a common word found inside it.

-- Words that say how the goods are packed or counted, not what they are. They are
-- taken out before the rest of the description is judged (read-only table).
local PACKING = {
  X = true, OF = true, IN = true, ON = true, WITH = true, AND = false,
  CTN = true, CTNS = true, CARTON = true, CARTONS = true,
  PKG = true, PKGS = true, PACKAGE = true, PACKAGES = true,
  PLT = true, PLTS = true, PALLET = true, PALLETS = true,
  BAG = true, BAGS = true, DRUM = true, DRUMS = true, BOX = true, BOXES = true,
  BALE = true, BALES = true, CASE = true, CASES = true, CRATE = true, CRATES = true,
  ROLL = true, ROLLS = true, PC = true, PCS = true, PIECE = true, PIECES = true,
  FLEXITANK = true, FLEXITANKS = true, CONTAINER = true, CONTAINERS = true,
  CNTR = true, CNTRS = true, FCL = true, LCL = true, HC = true, GP = true, HQ = true,
}

scenario {
  id         = "SHP-VAGUE-DESCRIPTION",
  title      = { en = "Goods description names no commodity",
                 fr = "La désignation des marchandises ne nomme aucun produit" },
  applies_to = "shipment",
  status     = "active",
  owner      = "NTC commercial targeting, forced labour desk",
  review_by  = "2027-11-30",
  subject    = "goods",
  threshold  = 0,
  tags       = { "forced-labour", "data-quality", "vague-description" },
  references = {
    "19 CFR 4.7a(c)(4)(vii) and CBP 24-hour rule guidance (2003): 'freight of all kinds', 'consolidated cargo', 'machinery', 'foodstuffs' are not acceptable descriptions",
    "US CBP CSMS #60011750 (1 April 2024) and ACAS rejections from 12 November 2024: 'gift', 'daily necessities', 'accessories', 'parts', 'consolidated' (master bill only)",
    "CBSA eManifest: a precise description of the goods is a required data element of advance commercial information",
    "WCO Risk Management Compendium: vague goods descriptions as a risk indicator",
    "Customs Tariff, Schedule, tariff item 9897.00.00",
  },
  rationale  = [[Forced-labour targeting starts from what the goods are: the DoL List
and the UFLPA sectors name commodities, and a description such as GENERAL
MERCHANDISE, FAK, SAID TO CONTAIN 1 X 40HC, SPARE PARTS or SAMPLES hides whether the
goods are at risk at all. CBP rejects such descriptions and CBSA requires a precise
one, so a compliant filer rarely sends them; the domain brief lists vague
descriptions among the cargo proxies for forced labour. The test reads the whole
description: it takes out a "said to contain" clause, numbers and packing words
(cartons, pallets, 40HC), and hits when nothing is left or what is left is itself a
vague phrase (lists/vague_goods_terms.yaml). A word inside a real description (AUTO
PARTS, SPORTING GOODS, PARTS AND ACCESSORIES OF MOTOR VEHICLES) is not vague, and a
"said to contain" clause around named goods (1 X 40HC SAID TO CONTAIN STEEL
STRUCTURES) is the ordinary shipper's-load clause. The vague description is the
condition; goods on the DoL List or in a UFLPA sector, no manufacturer, or loading
outside the origin raise the priority. Genuine trade samples travel in a few small
packages; a small parcel of samples lowers the score below the threshold.]],
  guidance   = {
    en = [[Goods that the advance data does not name: this hit is a reason to ask,
not a finding. Ask the carrier or the importer to correct the description (what the
goods are, what they are made of, what they are for, with the HS code), and check the
corrected goods against the DoL List and the UFLPA sectors. If the record is the master
bill of a consolidation, review the house bills instead. Where the corrected goods are
at risk, ask for the supply-chain documents; where there is reason to believe they were
produced wholly or in part by forced or child labour, detain them and refer them for a
determination under tariff item 9897.00.00 of the Customs Tariff. Record the
correction and the outcome.]],
    fr = [[Marchandises que les données préalables ne nomment pas : ce résultat est une
raison de poser des questions, pas une conclusion. Demander au transporteur ou à
l'importateur de corriger la description (ce que sont les marchandises, leur matière,
leur usage, avec le code SH) et vérifier les marchandises corrigées par rapport à la
liste du DoL et aux secteurs de l'UFLPA. Si le document est le connaissement principal
d'un groupage, examiner plutôt les connaissements secondaires. Si les marchandises
corrigées sont à risque, demander les documents de la chaîne d'approvisionnement ; s'il
y a des raisons de croire qu'elles ont été produites, en tout ou en partie, par le
travail forcé ou le travail des enfants, les retenir et les renvoyer pour une décision
au titre du numéro tarifaire 9897.00.00 du Tarif des douanes. Consigner la correction
et le résultat.]],
  },

  conditions = {
    condition "vague_description" {
      label = { en = "Goods description names no commodity (whole description, once packing words are taken out)",
                fr = "La description ne nomme aucune marchandise (description entière, sans les mots d'emballage)" },
      when  = function(r)
        local d = r.goods_description
        if d == nil then return nil end
        d = string.gsub(string.upper(d), "%.", "")          -- S.T.C. -> STC, MISC. -> MISC
        d = " " .. string.gsub(d, "[^%w]", " ") .. " "      -- other punctuation -> spaces
        d = string.gsub(d, " SAID TO CONTAIN ", " ")
        local words = {}
        for w in string.gmatch(d, "%S+") do
          if w ~= "STC" and not PACKING[w] and not string.find(w, "^%d") then
            words[#words + 1] = w
          end
        end
        if #words == 0 then return true end
        return in_list("vague_goods_terms", table.concat(words, " "))
      end,
    },
  },

  indicators = {
    indicator "listed_good_and_origin" {
      label  = { en = "HS code and origin are on the DoL List", fr = "Code SH et origine inscrits sur la liste du DoL" },
      weight = 1,
      when   = pair("country_of_origin", "hs_code") :is_in(list "dol_goods"),
    },
    indicator "uflpa_sector" {
      label  = { en = "HS code in a UFLPA high-priority sector", fr = "Code SH d'un secteur prioritaire de l'UFLPA" },
      weight = 1,
      when   = field "hs_code" :is_in(list "uflpa_sectors"),
    },
    indicator "manufacturer_missing" {
      label  = { en = "No manufacturer named", fr = "Aucun fabricant nommé" },
      weight = 1,
      when   = field "manufacturer_name" :is_missing(),
    },
    indicator "loaded_outside_origin" {
      label  = { en = "Loaded in another country than the country of origin",
                 fr = "Chargé dans un autre pays que le pays d'origine" },
      weight = 1,
      when   = field "loading_country" :differs_from "country_of_origin",
    },
    indicator "small_parcel_of_samples" {
      label  = { en = "Samples in a small parcel (at most 5 packages and 100 kg)",
                 fr = "Échantillons en petit colis (au plus 5 colis et 100 kg)" },
      weight = -1,
      when   = all_of {
        field "goods_description" :is_in { "SAMPLES", "SAMPLE", "TRADE SAMPLES", "SAMPLES OF NO COMMERCIAL VALUE" },
        field "packages" :le(5),
        field "gross_weight_kg" :le(100),
      },
    },
  },
}
