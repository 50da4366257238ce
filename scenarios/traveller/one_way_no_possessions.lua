-- traveller/one_way_no_possessions.lua
local payment = use "payment" -- lib/payment.lua: shared indicators

scenario {
  id         = "TRV-ONE-WAY-NO-POSSESSIONS",
  title      = { en = "Long one-way journey with no checked baggage, ticket bought by someone else",
                 fr = "Long voyage aller simple sans bagage enregistré, billet acheté par un tiers" },
  applies_to = "traveller",
  status     = "active",
  owner      = "NTC human trafficking desk",
  review_by  = "2027-06-30",
  subject    = "possible-victim",
  threshold  = 4,
  tags       = { "trafficking", "no-luggage", "third-party-payment" },
  references = {
    "US DHS/DOT Blue Lightning Initiative, human trafficking indicators for aviation personnel: few or no personal possessions for the length of the trip",
    "IATA, Human trafficking: guidance for airlines (2018): one-way ticket, little luggage, ticket bought by a third party",
    "ILO, Indicators of Forced Labour (2012): deception about the nature of the work",
  },
  rationale  = [[People recruited with promises of work abroad often leave on a one-way
ticket with almost nothing, because the recruiter tells them everything will be
provided (Blue Lightning: few possessions for the length of the trip; IATA; ILO
indicator of deception). A long one-way journey with no checked bag is the condition;
the score needs someone else paying, cash or a recruiting agency. Seasoned business
travellers with cabin bags only and people moving on a long-planned trip are the
look-alikes: a frequent-flyer number, a booking made a month or more ahead, or a trip
invoiced to a company account lowers the score (less for the invoice, which
recruiting agencies also use).]],
  guidance   = {
    en = [[Possible victim: this hit is not grounds for enforcement. Speak with the
traveller alone, in a safe place, with an interpreter if needed: purpose of travel,
who paid, what work or stay was promised, where they will live, who holds their
documents. Protection first: if there are signs of trafficking, offer referral to
victim services and the Canadian Human Trafficking Hotline 1-833-900-1010 and explain
that a foreign national victim may be eligible for a temporary resident permit for
victims of human trafficking (IRCC). Record the outcome.]],
    fr = [[Victime possible : ce résultat ne justifie pas une mesure d'exécution.
S'entretenir seul à seul avec la personne, dans un lieu sûr, avec un interprète au
besoin : but du voyage, qui a payé, quel travail ou séjour on lui a promis, où elle
logera, qui détient ses documents. La protection d'abord : en cas de signes de traite,
proposer une orientation vers les services aux victimes et la Ligne d'urgence
canadienne contre la traite des personnes 1-833-900-1010 et expliquer qu'une victime
étrangère peut être admissible à un permis de séjour temporaire pour les victimes de
la traite de personnes (IRCC). Consigner le résultat.]],
  },

  conditions = {
    condition "one_way" {
      label = { en = "One-way ticket", fr = "Billet aller simple" },
      when  = field "one_way" :equals(true),
    },
    condition "no_checked_bag" {
      label = { en = "No checked baggage", fr = "Aucun bagage enregistré" },
      when  = field "baggage_count" :equals(0),
    },
    condition "long_journey" {
      label = { en = "Journey of 10 hours or more", fr = "Voyage de 10 heures ou plus" },
      when  = field "trip_hours" :ge(10),
    },
  },

  indicators = {
    indicator "paid_by_other" {
      label  = { en = "Paid by someone with another surname", fr = "Payé par une personne d'un autre nom de famille" },
      weight = 3,
      when   = payment.paid_by_other_surname,
    },
    indicator "cash" {
      label  = { en = "Paid in cash", fr = "Payé en espèces" },
      weight = 2,
      when   = field "form_of_payment" :equals "CASH",
    },
    indicator "agency_booking" {
      label  = { en = "Booked through a travel agency", fr = "Réservé par une agence de voyages" },
      weight = 1,
      when   = field "travel_agency" :is_present(),
    },
    indicator "via_transit_hub" {
      label  = { en = "Routed through a hub on documented trafficking routes",
                 fr = "Itinéraire par une plaque tournante de routes de traite documentées" },
      weight = 1,
      when   = field "itinerary" :contains_any(list "transit_hubs"),
    },
    indicator "corporate_invoice" {
      label  = { en = "Invoiced to a company or agency account (business travel)",
                 fr = "Facturé au compte d'une entreprise ou d'une agence (voyage d'affaires)" },
      weight = -1,
      when   = field "form_of_payment" :equals "INV",
    },
    indicator "booked_well_ahead" {
      label  = { en = "Booked a month or more ahead", fr = "Réservé un mois ou plus à l'avance" },
      weight = -2,
      when   = field "booking_lead_hours" :ge(720),
    },
    indicator "frequent_flyer" {
      label  = { en = "Has a frequent-flyer number (established traveller)",
                 fr = "A un numéro de voyageur fréquent (voyageur habituel)" },
      weight = -2,
      when   = field "frequent_flyer" :is_present(),
    },
  },
}
