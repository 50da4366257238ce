-- traveller/go_show_cash_one_way.lua
-- All-conditions scenario (threshold 0, no weights): the CBSA scenario form.
local payment = use "payment" -- lib/payment.lua: shared indicators

scenario {
  id         = "TRV-GO-SHOW-CASH-ONE-WAY",
  title      = { en = "Go-show on a one-way ticket bought in cash by someone else",
                 fr = "Passager de dernière minute au comptoir avec un billet aller simple acheté en espèces par un tiers" },
  applies_to = "traveller",
  status     = "active",
  owner      = "NTC human trafficking desk",
  review_by  = "2027-06-30",
  subject    = "possible-victim",
  threshold  = 0,
  tags       = { "trafficking", "all-conditions", "cash", "third-party-payment" },
  references = {
    "IATA, Human trafficking: guidance for airlines (2018): tickets bought at the airport in cash by a person who does not travel",
    "US DHS/DOT Blue Lightning Initiative, human trafficking indicators for aviation personnel",
    "FINTRAC, Project Protect: cash purchases of travel for third parties",
  },
  rationale  = [[IATA guidance describes tickets bought at the airport, shortly before
departure, in cash, by a person who then does not travel; Blue Lightning trains
ticket agents to notice the same. In PNR data that is a go-show (ticket bought at the
airport for the same flight), a one-way ticket, payment in cash, and a payer whose
surname is not the traveller's. Each fact alone is common; the four together are rare
enough for an all-conditions scenario.]],
  guidance   = {
    en = [[Possible victim: this hit is not grounds for enforcement. Speak with the
traveller alone, in a safe place, with an interpreter if needed: who bought the
ticket, why at the airport, who holds their documents, who will meet them and what
they expect at destination. Protection first: if there are signs of trafficking,
offer referral to victim services and the Canadian Human Trafficking Hotline
1-833-900-1010 and explain that a foreign national victim may be eligible for a
temporary resident permit for victims of human trafficking (IRCC). Record the
outcome.]],
    fr = [[Victime possible : ce résultat ne justifie pas une mesure d'exécution.
S'entretenir seul à seul avec la personne, dans un lieu sûr, avec un interprète au
besoin : qui a acheté le billet, pourquoi à l'aéroport, qui détient ses documents, qui
viendra la chercher et ce qu'elle attend à destination. La protection d'abord : en cas
de signes de traite, proposer une orientation vers les services aux victimes et la
Ligne d'urgence canadienne contre la traite des personnes 1-833-900-1010 et expliquer
qu'une victime étrangère peut être admissible à un permis de séjour temporaire pour
les victimes de la traite de personnes (IRCC). Consigner le résultat.]],
  },

  conditions = {
    condition "go_show" {
      label = { en = "Ticket bought at the airport for this flight (go-show)",
                fr = "Billet acheté à l'aéroport pour ce vol (go-show)" },
      when  = field "checkin_status" :equals "GO_SHOW",
    },
    condition "one_way" {
      label = { en = "One-way ticket", fr = "Billet aller simple" },
      when  = field "one_way" :equals(true),
    },
    condition "cash" {
      label = { en = "Paid in cash", fr = "Payé en espèces" },
      when  = field "form_of_payment" :equals "CASH",
    },
    condition "payer_other_surname" {
      label = { en = "Paid by someone with another surname", fr = "Payé par une personne d'un autre nom de famille" },
      when  = payment.paid_by_other_surname,
    },
  },
}
