-- traveller/shared_contact_unrelated.lua
-- One contact phone or e-mail on the bookings of several unrelated travellers: the
-- organiser who books them all and gives their own number.

scenario {
  id         = "TRV-SHARED-CONTACT-UNRELATED",
  title      = { en = "Contact phone or e-mail shared by the bookings of three or more unrelated travellers",
                 fr = "Téléphone ou courriel de contact commun aux réservations de trois voyageurs sans lien ou plus" },
  applies_to = "traveller",
  status     = "active",
  owner      = "NTC human trafficking desk",
  review_by  = "2027-11-30",
  subject    = "possible-victim",
  threshold  = 2,
  tags       = { "trafficking", "links", "shared-contact", "recruitment", "labour" },
  references = {
    "IATA, Human trafficking: guidance for airlines (2018): the same phone number, e-mail or address on the bookings of unrelated travellers; tickets bought by someone who does not travel",
    "US DHS/DOT Blue Lightning Initiative, human trafficking indicators for aviation personnel",
    "OSCE Office of the Special Representative for Combating Trafficking in Human Beings, Following the Money (2019): contact and payment data link recruiters to several victims",
    "UNODC, Global Report on Trafficking in Persons 2022: recruitment for labour exploitation moves groups of adults on separate bookings",
  },
  rationale  = [[Recruiters book the journeys of the people they move one by one, and
give their own phone or e-mail as the contact of every booking (IATA; OSCE on contact
and payment data; UNODC on labour recruitment). One PNR shows a contact that may or may
not be the traveller's; the run's link index shows the same phone or e-mail on three
or more bookings of three or more surnames. Shared contacts are also ordinary: tour
operators and travel agencies put their own number on their customers' bookings, and
schools on their pupils'; those bookings are return trips planned weeks ahead, often
invoiced to the operator's or school's account, and the travellers pay for themselves
or travel in groups. The score therefore needs the booking's own signs: a payer who
does not travel, cash, a one-way ticket, a last-minute booking, travelling alone
without luggage. What it cannot see: contacts that differ by one digit or use several
numbers, links to bookings outside the run, and whether the traveller knows the
contact (an officer's question). No protected field is read.]],
  guidance   = {
    en = [[Possible victim: this hit is not grounds for enforcement. The explanation lists
the other bookings that share the contact: check whether the travellers arrive
together, know each other, and who the contact is. Speak with the traveller alone, in
a safe place, with an interpreter if needed: who booked and paid, what work was
promised, who holds their passport, who will meet them, whether they owe money for
the trip. Protection first: if there are signs of trafficking, offer referral to
victim services and the Canadian Human Trafficking Hotline 1-833-900-1010 and explain
that a foreign national victim may be eligible for a temporary resident permit for
victims of human trafficking (IRCC). Record the outcome, including tour groups and
ordinary agency bookings, so the false-positive rate is known.]],
    fr = [[Victime possible : ce résultat ne justifie pas une mesure d'exécution.
L'explication énumère les autres réservations qui partagent le contact : vérifier si
les voyageurs arrivent ensemble, se connaissent, et qui est le contact. S'entretenir
seul à seul avec la personne, dans un lieu sûr, avec un interprète au besoin : qui a
réservé et payé, quel emploi a été promis, qui détient son passeport, qui viendra la
chercher, si elle doit de l'argent pour le voyage. La protection d'abord : en cas de
signes de traite, proposer une orientation vers les services aux victimes et la Ligne
d'urgence canadienne contre la traite des personnes 1-833-900-1010 et expliquer
qu'une victime étrangère peut être admissible à un permis de séjour temporaire pour
les victimes de la traite de personnes (IRCC). Consigner le résultat, y compris les
groupes touristiques et les réservations ordinaires d'agence, pour connaître le taux
de faux positifs.]],
  },

  conditions = {
    condition "contact_shared_by_unrelated" {
      label = { en = "Contact phone or e-mail on three or more bookings with three or more surnames",
                fr = "Téléphone ou courriel de contact sur trois réservations ou plus, avec trois noms de famille ou plus" },
      when  = any_of {
        link("contact_phone", "bookings") :ge(3) & link("contact_phone", "surnames") :ge(3),
        link("contact_email", "bookings") :ge(3) & link("contact_email", "surnames") :ge(3),
      },
    },
  },

  indicators = {
    indicator "payer_not_aboard" {
      label  = { en = "Whoever paid does not travel on the booking",
                 fr = "La personne qui a payé ne voyage pas sur la réservation" },
      weight = 2,
      when   = booking "payer_travels" :equals(false),
    },
    indicator "cash" {
      label  = { en = "Paid in cash", fr = "Payé en espèces" },
      weight = 1,
      when   = field "form_of_payment" :equals "CASH",
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
    indicator "alone_on_booking" {
      label  = { en = "Only traveller on the booking", fr = "Seul voyageur sur la réservation" },
      weight = 1,
      when   = booking "party_size" :equals(1),
    },
    indicator "no_checked_bag" {
      label  = { en = "No checked baggage", fr = "Aucun bagage enregistré" },
      weight = 1,
      when   = field "baggage_count" :equals(0),
    },
    indicator "planned_return_trip" {
      label  = { en = "Return ticket booked three weeks or more ahead (tours, school trips)",
                 fr = "Billet aller-retour réservé trois semaines ou plus à l'avance (circuits, voyages scolaires)" },
      weight = -3,
      when   = field "one_way" :equals(false) & field "booking_lead_hours" :ge(504),
    },
    indicator "invoiced_to_account" {
      label  = { en = "Invoiced to an account (tour operator, school, company)",
                 fr = "Facturé à un compte (voyagiste, école, entreprise)" },
      weight = -2,
      when   = field "form_of_payment" :equals "INV",
    },
  },
}
