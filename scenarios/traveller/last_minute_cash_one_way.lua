-- traveller/last_minute_cash_one_way.lua
-- Replaces TRV-ONEWAY-LASTMINUTE (retired): same trigger, but scored, with
-- payment evidence and exonerating weights for ordinary last-minute travel.
local payment = use "payment" -- lib/payment.lua: shared indicators

scenario {
  id         = "TRV-LAST-MINUTE-CASH-ONE-WAY",
  title      = { en = "Last-minute one-way trip paid in cash or by a third party",
                 fr = "Aller simple de dernière minute payé en espèces ou par un tiers" },
  applies_to = "traveller",
  status     = "active",
  owner      = "NTC human trafficking desk",
  review_by  = "2027-06-30",
  subject    = "possible-victim",
  threshold  = 2,
  tags       = { "trafficking", "last-minute", "cash", "third-party-payment" },
  references = {
    "IATA, Human trafficking: guidance for airlines (2018): last-minute booking, cash payment, one-way ticket, ticket bought by a third party, little luggage",
    "US DHS/DOT Blue Lightning Initiative, human trafficking indicators for aviation personnel",
    "FINTRAC, Project Protect: indicators of laundering of proceeds of trafficking (cash purchases of travel, travel bought for others); indicators read as a whole",
  },
  rationale  = [[IATA and Blue Lightning guidance list a last-minute booking, a cash
payment, a one-way ticket, a ticket bought by someone else and little luggage among
the booking-level signs of a trafficked traveller; FINTRAC's Project Protect reads
cash travel purchases for others the same way, and insists that indicators are read
as a whole. A last-minute booking alone is ordinary (the retired
TRV-ONEWAY-LASTMINUTE hit mostly business travellers), so it is only a condition
here, with the one-way ticket the title names, and the score needs payment evidence:
cash, or a payer with another surname (either reaches the threshold; no bag and a
transit hub add to it). Business travellers are the usual
look-alike: an established traveller (frequent-flyer number), a trip invoiced to a
company account, or a traveller paying by card in their own name lowers the
score.]],
  guidance   = {
    en = [[Possible victim: this hit is not grounds for enforcement. Speak with the
traveller alone, in a safe place, with an interpreter if needed: why the trip was
decided so late, who paid, the purpose of travel, who holds their documents and who
will meet them. Protection first: if there are signs of trafficking, offer referral to
victim services and the Canadian Human Trafficking Hotline 1-833-900-1010 and explain
that a foreign national victim may be eligible for a temporary resident permit for
victims of human trafficking (IRCC). Record the outcome, including ordinary travel, so
the false-positive rate of the scenario is known.]],
    fr = [[Victime possible : ce résultat ne justifie pas une mesure d'exécution.
S'entretenir seul à seul avec la personne, dans un lieu sûr, avec un interprète au
besoin : pourquoi le voyage a été décidé si tard, qui a payé, le but du voyage, qui
détient ses documents et qui viendra la chercher. La protection d'abord : en cas de
signes de traite, proposer une orientation vers les services aux victimes et la Ligne
d'urgence canadienne contre la traite des personnes 1-833-900-1010 et expliquer
qu'une victime étrangère peut être admissible à un permis de séjour temporaire pour
les victimes de la traite de personnes (IRCC). Consigner le résultat, y compris les
voyages ordinaires, pour connaître le taux de faux positifs du scénario.]],
  },

  conditions = {
    condition "last_minute" {
      label = { en = "Booked less than 48 hours before departure", fr = "Réservé moins de 48 heures avant le départ" },
      when  = field "booking_lead_hours" :lt(48),
    },
    condition "one_way" {
      label = { en = "One-way ticket", fr = "Billet aller simple" },
      when  = field "one_way" :equals(true),
    },
  },

  indicators = {
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
    indicator "no_checked_bag" {
      label  = { en = "No checked baggage", fr = "Aucun bagage enregistré" },
      weight = 1,
      when   = field "baggage_count" :equals(0),
    },
    indicator "via_transit_hub" {
      label  = { en = "Routed through a hub on documented trafficking routes",
                 fr = "Itinéraire par une plaque tournante de routes de traite documentées" },
      weight = 1,
      when   = field "itinerary" :contains_any(list "transit_hubs"),
    },
    indicator "frequent_flyer" {
      label  = { en = "Has a frequent-flyer number (established traveller)",
                 fr = "A un numéro de voyageur fréquent (voyageur habituel)" },
      weight = -3,
      when   = field "frequent_flyer" :is_present(),
    },
    indicator "corporate_invoice" {
      label  = { en = "Invoiced to a company or agency account (business travel)",
                 fr = "Facturé au compte d'une entreprise ou d'une agence (voyage d'affaires)" },
      weight = -3,
      when   = field "form_of_payment" :equals "INV",
    },
    indicator "self_paid_by_card" {
      label  = { en = "Paid by the traveller, by credit or debit card",
                 fr = "Payé par le voyageur, par carte de crédit ou de débit" },
      weight = -1,
      when   = all_of {
        field "payer_surname" :same_as "surname",
        field "form_of_payment" :is_in { "CC", "DC" },
      },
    },
  },
}
