-- traveller/one_way_last_minute_retired.lua
-- RETIRED: kept for the record and for backtests of its replacement; never runs.
scenario {
  id         = "TRV-ONEWAY-LASTMINUTE",
  title      = { en = "One-way ticket booked less than 72 hours before departure (retired)",
                 fr = "Billet aller simple réservé moins de 72 heures avant le départ (retiré)" },
  applies_to = "traveller",
  status     = "retired",
  owner      = "NTC human trafficking desk",
  review_by  = "2027-03-31",
  subject    = "possible-victim",
  threshold  = 0,
  tags       = { "trafficking", "all-conditions", "retired" },
  references = {
    "IATA, Human trafficking: guidance for airlines (2018): one-way ticket, last-minute booking",
    "NSIRA, Review of the CBSA's air passenger targeting program (2023): indicators must be justified and reviewed",
  },
  rationale  = [[First-generation rule from IATA's booking indicators: one-way and
booked at the last minute. Retired because the two facts together describe a large
share of ordinary business and family-emergency travel: officers confirmed almost
none of its hits, and IATA and FINTRAC both warn that such indicators only mean
something read together. Replaced by TRV-LAST-MINUTE-CASH-ONE-WAY, which keeps the
last-minute condition but scores payment evidence and exonerating facts.]],
  guidance   = {
    en = [[Retired scenario, kept for the record: it never runs. Possible victim
guidance, should it be reactivated: this hit is not grounds for enforcement; speak
with the traveller alone in a safe place; protection first, with referral to victim
services and the Canadian Human Trafficking Hotline 1-833-900-1010, and information
on the temporary resident permit for victims of human trafficking (IRCC).]],
    fr = [[Scénario retiré, conservé pour mémoire : il ne s'exécute jamais. Conduite à
tenir s'il était réactivé (victime possible) : ce résultat ne justifie pas une mesure
d'exécution ; s'entretenir seul à seul avec la personne dans un lieu sûr ; la
protection d'abord, avec orientation vers les services aux victimes et la Ligne
d'urgence canadienne contre la traite des personnes 1-833-900-1010, et information sur
le permis de séjour temporaire pour les victimes de la traite de personnes (IRCC).]],
  },

  conditions = {
    condition "one_way" {
      label = { en = "One-way ticket", fr = "Billet aller simple" },
      when  = field "one_way" :equals(true),
    },
    condition "last_minute" {
      label = { en = "Booked less than 72 hours before departure", fr = "Réservé moins de 72 heures avant le départ" },
      when  = field "booking_lead_hours" :lt(72),
    },
  },
}
