-- traveller/circuitous_one_way.lua
local payment = use "payment" -- lib/payment.lua: shared indicators

scenario {
  id         = "TRV-CIRCUITOUS-ONE-WAY",
  title      = { en = "One-way journey on an indirect, doubling-back route paid by someone else or in cash",
                 fr = "Aller simple sur un itinéraire indirect avec retour en arrière, payé par un tiers ou en espèces" },
  applies_to = "traveller",
  status     = "active",
  owner      = "NTC human trafficking desk",
  review_by  = "2027-09-30",
  subject    = "possible-victim",
  threshold  = 5,
  tags       = { "trafficking", "routing", "third-party-payment" },
  references = {
    "Frontex, VEGA Handbook: Children at airports (2015): indirect routes and broken-up journeys to avoid checks",
    "UNODC, Global Report on Trafficking in Persons 2022: detected trafficking flows and transit routes",
    "IATA, Human trafficking: guidance for airlines (2018): known routing patterns, one-way tickets, tickets bought by a third party",
  },
  rationale  = [[Traffickers move victims on indirect routes, with extra connections
that break the journey into legs where nobody sees the whole trip, sometimes doubling
back through an airport already visited (Frontex VEGA handbook; UNODC GLOTIP flows;
IATA on known routing patterns). An indirect one-way journey is also what budget
travellers buy, so the routing alone does not hit: payment by someone else or in cash
is needed, and a journey planned a month ahead or a frequent-flyer number lowers the
score.]],
  guidance   = {
    en = [[Possible victim: this hit is not grounds for enforcement. Speak with the
traveller alone, in a safe place, with an interpreter if needed: who planned the
route and why, who paid, who holds their documents, who will meet them. Protection
first: if there are signs of trafficking, offer referral to victim services and the
Canadian Human Trafficking Hotline 1-833-900-1010 and explain that a foreign national
victim may be eligible for a temporary resident permit for victims of human
trafficking (IRCC). Record the outcome.]],
    fr = [[Victime possible : ce résultat ne justifie pas une mesure d'exécution.
S'entretenir seul à seul avec la personne, dans un lieu sûr, avec un interprète au
besoin : qui a choisi l'itinéraire et pourquoi, qui a payé, qui détient ses documents,
qui viendra la chercher. La protection d'abord : en cas de signes de traite, proposer
une orientation vers les services aux victimes et la Ligne d'urgence canadienne contre
la traite des personnes 1-833-900-1010 et expliquer qu'une victime étrangère peut être
admissible à un permis de séjour temporaire pour les victimes de la traite de
personnes (IRCC). Consigner le résultat.]],
  },

  conditions = {
    condition "one_way" {
      label = { en = "One-way ticket", fr = "Billet aller simple" },
      when  = field "one_way" :equals(true),
    },
    condition "connecting" {
      label = { en = "At least one connection", fr = "Au moins une correspondance" },
      when  = field "leg_count" :ge(2),
    },
  },

  indicators = {
    indicator "doubles_back" {
      label  = { en = "Itinerary passes twice through the same airport",
                 fr = "L'itinéraire passe deux fois par le même aéroport" },
      weight = 2,
      when   = function(r)
        local legs = r.itinerary
        if legs == nil then return nil end
        local seen = {}
        for _, code in ipairs(legs) do
          local key = string.upper(code)
          if seen[key] then return true end
          seen[key] = true
        end
        return false
      end,
    },
    indicator "many_legs" {
      label  = { en = "Three legs or more", fr = "Trois segments ou plus" },
      weight = 1,
      when   = field "leg_count" :ge(3),
    },
    indicator "long_journey" {
      label  = { en = "Journey of 30 hours or more", fr = "Voyage de 30 heures ou plus" },
      weight = 1,
      when   = field "trip_hours" :ge(30),
    },
    indicator "cash" {
      label  = { en = "Paid in cash", fr = "Payé en espèces" },
      weight = 2,
      when   = field "form_of_payment" :equals "CASH",
    },
    indicator "paid_by_other" {
      label  = { en = "Paid by someone with another surname", fr = "Payé par une personne d'un autre nom de famille" },
      weight = 2,
      when   = payment.paid_by_other_surname,
    },
    indicator "booked_well_ahead" {
      label  = { en = "Booked a month or more ahead (budget travel pattern)",
                 fr = "Réservé un mois ou plus à l'avance (profil de voyage économique)" },
      weight = -2,
      when   = field "booking_lead_hours" :ge(720),
    },
    indicator "frequent_flyer" {
      label  = { en = "Has a frequent-flyer number (established traveller)",
                 fr = "A un numéro de voyageur fréquent (voyageur habituel)" },
      weight = -1,
      when   = field "frequent_flyer" :is_present(),
    },
  },
}
