-- traveller/young_repeat_payer.lua
-- A young traveller whose ticket was bought by an adult of another surname who also
-- bought tickets on other bookings of the run: the link a single record cannot show.
local payment = use "payment" -- lib/payment.lua: shared indicators
local links = use "links" -- lib/links.lua: shared link indicators

scenario {
  id         = "TRV-YOUNG-REPEAT-PAYER",
  title      = { en = "Young traveller whose ticket was bought by someone who paid for other bookings",
                 fr = "Jeune voyageur dont le billet a été payé par une personne qui a payé d'autres réservations" },
  applies_to = "traveller",
  status     = "active",
  owner      = "NTC human trafficking desk",
  review_by  = "2027-11-30",
  subject    = "possible-victim",
  threshold  = 4,
  tags       = { "trafficking", "young-traveller", "third-party-payment", "links", "recruitment" },
  references = {
    "IATA, Human trafficking: guidance for airlines (2018): ticket bought by a third party, the same person buying tickets for different travellers, last-minute booking, one-way, little luggage",
    "US DHS/DOT Blue Lightning Initiative, human trafficking indicators for aviation personnel: travel arranged and paid by someone else for several young people",
    "FINTRAC, Project Protect (2016) and its 2021 update: purchases of travel for several unrelated people on one card or account, read as a whole with the other indicators",
    "OSCE Office of the Special Representative for Combating Trafficking in Human Beings, Following the Money (2019): payment data link recruiters to the travel of several victims",
    "Statistics Canada, Trafficking in persons in Canada, 2021 (Juristat, 6 December 2022): police-reported victims are mostly young; 18 to 24 is the largest age group, minors the next",
  },
  rationale  = [[Recruiters and escorts buy the tickets of the people they move, and they
buy several: the same card, or the same payer name, appears on the bookings of
different young people (IATA; Blue Lightning; FINTRAC's Project Protect reads travel
bought for several unrelated people on one card as a sign of proceeds of
trafficking; OSCE on payment data). One PNR cannot show this; the run's link index
can: a card fingerprint or a payer (surname and given names) on two or more bookings,
and a contact phone shared with bookings of other surnames. The scenario applies to
travellers of 24 or under whose payer has another surname, the documented victim
profile (Statistics Canada). Payer names alone collide (common names), so the name
link needs three surnames and weighs less than the card. The innocent look-alikes are
school trips (a school or teacher pays for many pupils, through an agency, months
ahead, return tickets) and families paying for children of another surname: planning
months ahead and invoicing to an account lower the score. What the scenario cannot
see: a payer who uses a new card and name each time, cash bought by the traveller
with money given by the recruiter, and links to bookings outside the run.]],
  guidance   = {
    en = [[Possible victim: this hit is not grounds for enforcement. The explanation lists
the other bookings the payer, card or phone is on: check whether the travellers know
each other and the payer. Speak with the traveller alone, in a safe place, with an
interpreter if needed: who paid and why, what work or study was promised, who holds
their passport, who will meet them, whether they owe money for the trip. Protection
first: if there are signs of trafficking, offer referral to victim services and the
Canadian Human Trafficking Hotline 1-833-900-1010 and explain that a foreign national
victim may be eligible for a temporary resident permit for victims of human
trafficking (IRCC). Record the outcome, including ordinary trips (a school, a family,
an employer), so the false-positive rate is known.]],
    fr = [[Victime possible : ce résultat ne justifie pas une mesure d'exécution.
L'explication énumère les autres réservations du payeur, de la carte ou du téléphone :
vérifier si les voyageurs se connaissent et connaissent le payeur. S'entretenir seul à
seul avec la personne, dans un lieu sûr, avec un interprète au besoin : qui a payé et
pourquoi, quel emploi ou quelles études ont été promis, qui détient son passeport, qui
viendra la chercher, si elle doit de l'argent pour le voyage. La protection d'abord :
en cas de signes de traite, proposer une orientation vers les services aux victimes et
la Ligne d'urgence canadienne contre la traite des personnes 1-833-900-1010 et
expliquer qu'une victime étrangère peut être admissible à un permis de séjour
temporaire pour les victimes de la traite de personnes (IRCC). Consigner le résultat,
y compris les voyages ordinaires (école, famille, employeur), pour connaître le taux
de faux positifs.]],
  },
  justification = {
    age = "Police-reported victims in Canada are mostly young (Statistics Canada 2021: 18 to 24 the largest group, minors the next); the age limit narrows the scenario to that profile and is never used alone: the evidence is who paid and on how many bookings.",
  },

  conditions = {
    condition "young" {
      label = { en = "Traveller is 24 or under", fr = "Voyageur de 24 ans ou moins" },
      when  = field "age" :le(24),
    },
    condition "payer_other_surname" {
      label = { en = "Paid by someone with another surname", fr = "Payé par une personne d'un autre nom de famille" },
      when  = payment.paid_by_other_surname,
    },
  },

  indicators = {
    indicator "card_on_other_bookings" {
      label  = { en = "The card that paid is on two or more bookings of the run",
                 fr = "La carte de paiement figure sur deux réservations ou plus de l'exécution" },
      weight = 3,
      when   = links.card_on_other_bookings,
    },
    indicator "payer_on_other_bookings" {
      label  = { en = "The payer is on two or more bookings with three or more surnames",
                 fr = "Le payeur figure sur deux réservations ou plus, avec trois noms de famille ou plus" },
      weight = 2,
      when   = links.payer_on_other_bookings,
    },
    indicator "phone_on_other_bookings" {
      label  = { en = "The contact phone is on two or more bookings with three or more surnames",
                 fr = "Le téléphone de contact figure sur deux réservations ou plus, avec trois noms de famille ou plus" },
      weight = 1,
      when   = links.phone_on_other_bookings,
    },
    indicator "one_way" {
      label  = { en = "One-way ticket", fr = "Billet aller simple" },
      weight = 1,
      when   = field "one_way" :equals(true),
    },
    indicator "last_minute" {
      label  = { en = "Booked less than 72 hours before departure", fr = "Réservé moins de 72 heures avant le départ" },
      weight = 1,
      when   = field "booking_lead_hours" :lt(72),
    },
    indicator "no_checked_bag" {
      label  = { en = "No checked baggage", fr = "Aucun bagage enregistré" },
      weight = 1,
      when   = field "baggage_count" :equals(0),
    },
    indicator "planned_ahead" {
      label  = { en = "Booked 30 days or more ahead (school trips, family holidays)",
                 fr = "Réservé 30 jours ou plus à l'avance (voyages scolaires, vacances familiales)" },
      weight = -4,
      when   = field "booking_lead_hours" :ge(720),
    },
    indicator "invoiced_to_account" {
      label  = { en = "Invoiced to an account (school, company, agency)",
                 fr = "Facturé à un compte (école, entreprise, agence)" },
      weight = -2,
      when   = field "form_of_payment" :equals "INV",
    },
  },
}
