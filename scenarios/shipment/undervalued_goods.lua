-- shipment/undervalued_goods.lua
-- Replaces the uncalibrated draft SHP-LOW-VALUE-LISTED-APPAREL (retired).

-- Lower end of the usual declared value, in US dollars per kilogram of gross weight,
-- by HS heading (4 digits) or subheading (6 digits, looked up first). Read-only.
-- Basis, stated honestly:
--   * primary commodities: World Bank Commodity Price Data (Pink Sheet), annual
--     averages 2023-2024 (cocoa 3.28 $/kg in 2023 and far higher in 2024, arabica
--     coffee 4.5-5.6 $/kg, robusta lower; palm oil, sugar, rice, bananas, tea, cotton
--     from the same tables), LME for aluminium and copper; the floor is set below the
--     lowest annual average, because contract prices lag and grades differ;
--   * processed and manufactured goods: orders of magnitude of import unit values in
--     public trade statistics (UN Comtrade / ITC Trade Map, 2022-2024), recalled by
--     the desk and NOT re-checked line by line in this revision.
-- The scenario fires only below a third of the floor, so a floor that is off by a
-- factor of two still leaves ordinary declarations well clear. A heading not in the
-- table gives "unknown": the scenario is silent rather than guessing.
local FLOOR_USD_PER_KG = {
  -- food, agriculture, fish (chapters 02-24)
  ["0201"] = 3.0, ["0202"] = 2.5, ["0302"] = 2.0, ["0303"] = 0.8, ["0304"] = 2.0,
  ["0306"] = 3.5, ["0307"] = 1.5, ["0702"] = 0.4, ["0803"] = 0.35, ["0801"] = 1.5,
  ["0813"] = 1.2, ["0901"] = 2.0, ["0902"] = 1.5, ["1006"] = 0.35, ["1511"] = 0.6,
  ["1604"] = 2.0, ["1605"] = 3.5, ["1701"] = 0.3, ["1801"] = 2.0, ["1803"] = 2.5,
  ["1804"] = 4.0, ["1805"] = 2.0, ["1806"] = 3.0, ["2002"] = 0.6, ["2203"] = 0.5,
  ["2204"] = 1.5, ["2401"] = 2.0,
  -- minerals and chemicals (chapters 25-38)
  ["2523"] = 0.04, ["2605"] = 1.5, ["2615"] = 8.0, ["280461"] = 3.0, ["2815"] = 0.2,
  ["283691"] = 6.0, ["3004"] = 10.0,
  -- plastics, rubber, leather, wood, paper (chapters 39-49)
  ["3904"] = 0.6, ["3918"] = 1.0, ["3926"] = 1.5, ["4011"] = 1.8, ["4015"] = 1.5,
  ["4202"] = 4.0, ["4403"] = 0.1, ["4407"] = 0.2, ["4901"] = 2.5,
  -- textiles and apparel (chapters 50-63)
  ["5201"] = 1.2, ["5203"] = 1.3, ["5205"] = 1.8, ["5208"] = 3.5, ["5209"] = 3.0,
  ["5701"] = 10.0, ["5702"] = 5.0, ["6104"] = 6.0, ["6105"] = 6.0, ["6109"] = 5.0,
  ["6110"] = 6.0, ["6203"] = 6.0, ["6204"] = 6.0, ["6205"] = 7.0, ["6302"] = 3.5,
  ["6307"] = 2.5,
  -- footwear, ceramics, metals (chapters 64-81)
  ["6402"] = 4.0, ["6403"] = 10.0, ["6404"] = 5.0, ["6904"] = 0.03, ["6911"] = 1.2,
  ["7108"] = 30000.0, ["7208"] = 0.4, ["7308"] = 0.9, ["7318"] = 1.0, ["7403"] = 6.0,
  ["7411"] = 7.0, ["7601"] = 1.6, ["7604"] = 2.4,
  -- machinery, electrical, vehicles, furniture, toys (chapters 84-95)
  ["8431"] = 2.0, ["8471"] = 60.0, ["8479"] = 5.0, ["8507"] = 8.0, ["8517"] = 30.0,
  ["8528"] = 5.0, ["854143"] = 1.0, ["8703"] = 8.0, ["8708"] = 3.0, ["9401"] = 2.5,
  ["9403"] = 1.2, ["9405"] = 4.0, ["9503"] = 3.0,
}

-- US dollars per unit of currency: annual averages for 2024 (Bank of Canada USD/CAD
-- 1.37; ECB EUR/USD 1.08). Other currencies are left unknown.
local USD_PER_UNIT = { USD = 1.0, CAD = 0.73, EUR = 1.08 }

scenario {
  id         = "SHP-UNDERVALUED-GOODS",
  title      = { en = "Declared value per kilogram under a third of the lowest usual value for the goods",
                 fr = "Valeur déclarée au kilogramme inférieure au tiers de la plus basse valeur habituelle de la marchandise" },
  applies_to = "shipment",
  status     = "active",
  owner      = "NTC commercial targeting, forced labour desk",
  review_by  = "2027-11-30",
  subject    = "goods",
  threshold  = 0,
  tags       = { "forced-labour", "valuation", "undervaluation" },
  references = {
    "OECD Due Diligence Guidance for Responsible Supply Chains in the Garment and Footwear Sector (2017): prices below the cost of lawful production as a red flag",
    "ILO, Indicators of Forced Labour (2012): withholding of wages and excessive overtime lower production costs",
    "WCO Guide to Customs Valuation and Risk Management (2018): comparison of declared unit values with reference values as a selectivity criterion",
    "World Bank Commodity Price Data (Pink Sheet), annual averages 2023-2024; UN Comtrade unit values",
    "Customs Act, section 48 (value for duty) and Customs Tariff, Schedule, tariff item 9897.00.00",
  },
  rationale  = [[A declared value far below what the goods usually cost has two
readings that both concern the desk: goods made with unpaid or underpaid labour are
cheap (the OECD garment guidance treats prices below the cost of lawful production as a
red flag), and undervaluation on the invoice can hide the real seller, the real
origin or a payment made outside the invoice, which breaks the documentary chain an
officer relies on to verify supply chains. Customs services compare declared unit
values with reference values as a selectivity criterion (WCO valuation and risk
guide). The scenario converts the declared value to US dollars (USD, CAD and EUR at
2024 averages; other currencies stay unknown), divides by the gross weight and hits
when the result is under a third of the lower end of the usual value for the HS
heading (a reference table in the file, with its basis). The margin is wide on
purpose: ordinary price variation, grades and packaging weight do not come near it.
Goods on the DoL List or in a UFLPA sector, no manufacturer, or loading outside the
origin raise the priority. A description that states why the value is low (no
commercial value, free of charge, warranty replacement, returned goods) lowers the
score below the threshold: those are for the valuation officer, not this desk.]],
  guidance   = {
    en = [[Goods declared far below their usual value: this hit is a reason to verify,
not a finding. Check the commercial invoice, the contract and the payment records
against the declared value, and ask who the manufacturer is and what the goods cost
to make. Refer a valuation discrepancy to trade verification (value for duty). If the
goods are of a kind at risk of forced or child labour, ask for the supply-chain
documents; where there is reason to believe they were produced wholly or in part by
forced or child labour, detain them and refer them for a determination under tariff
item 9897.00.00 of the Customs Tariff. Record the outcome, including ordinary
explanations (clearance sales, damaged goods).]],
    fr = [[Marchandises déclarées bien en dessous de leur valeur habituelle : ce
résultat est une raison de vérifier, pas une conclusion. Comparer la facture
commerciale, le contrat et les preuves de paiement à la valeur déclarée, et demander
qui est le fabricant et ce que coûte la fabrication des marchandises. Renvoyer un écart
de valeur à la vérification commerciale (valeur en douane). Si les marchandises sont
d'un type à risque de travail forcé ou de travail des enfants, demander les documents
de la chaîne d'approvisionnement ; s'il y a des raisons de croire qu'elles ont été
produites, en tout ou en partie, par le travail forcé ou le travail des enfants, les
retenir et les renvoyer pour une décision au titre du numéro tarifaire 9897.00.00 du
Tarif des douanes. Consigner le résultat, y compris les explications ordinaires
(liquidation de stock, marchandises endommagées).]],
  },

  conditions = {
    condition "far_below_usual_value" {
      label = { en = "Declared value per kg under a third of the lowest usual value for the HS heading",
                fr = "Valeur déclarée par kg inférieure au tiers de la valeur habituelle la plus basse pour la position SH" },
      when  = function(r)
        local hs, per_kg, currency = r.hs_code, r.value_per_kg, r.currency
        if hs == nil or per_kg == nil or currency == nil then return nil end
        local rate = USD_PER_UNIT[string.upper(currency)]
        if rate == nil then return nil end
        local floor = FLOOR_USD_PER_KG[string.sub(hs, 1, 6)] or FLOOR_USD_PER_KG[string.sub(hs, 1, 4)]
        if floor == nil then return nil end
        return per_kg * rate < floor / 3
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
    indicator "low_value_explained" {
      label  = { en = "Description states why the value is low (no commercial value, free of charge, warranty, returned goods)",
                 fr = "La description explique la faible valeur (sans valeur commerciale, gratuit, garantie, retour)" },
      weight = -1,
      when   = field "goods_description" :contains_any {
        "NO COMMERCIAL VALUE", "FREE OF CHARGE", "WARRANTY REPLACEMENT", "RETURNED GOODS",
        "FOR DESTRUCTION",
      },
    },
  },
}
