-- traveller/minor_party_other_payer.lua
local payment = use "payment" -- lib/payment.lua: shared indicators

scenario {
  id         = "TRV-MINOR-PARTY-OTHER-PAYER",
  title      = { en = "Minor travelling in a party, ticket paid by someone with another surname, booked late",
                 fr = "Mineur voyageant en groupe, billet payé par une personne d'un autre nom de famille, réservé tard" },
  applies_to = "traveller",
  status     = "active",
  owner      = "NTC human trafficking desk",
  review_by  = "2027-09-30",
  subject    = "possible-victim",
  threshold  = 4,
  tags       = { "trafficking", "minor", "escort", "third-party-payment" },
  references = {
    "Frontex, VEGA Handbook: Children at airports (2015): a minor travelling with an unrelated adult",
    "IATA, Human trafficking: guidance for airlines (2018): last-minute bookings, cash payment, one-way tickets",
    "US DHS/DOT Blue Lightning Initiative, human trafficking indicators for aviation personnel",
    "UNODC, Global Report on Trafficking in Persons 2022",
  },
  rationale  = [[A minor who travels with an adult who is not a parent is the VEGA
handbook's central case. The PNR cannot show how the people on a booking are related,
but a ticket paid by someone with another surname, bought at the last minute, in
cash, one-way, fits the escorted-minor pattern in IATA and Frontex guidance. The
innocent look-alike is common: blended families and parents with different surnames,
including families emigrating on one-way tickets. They book weeks ahead, and children
of travelling families often have their own frequent-flyer number, so those facts
lower the score. A child's own baggage count is not used: a family's bags are usually
checked on an adult's record.]],
  guidance   = {
    en = [[Possible victim: this hit is not grounds for enforcement. Speak with the
minor apart from the accompanying adult, in a safe place; ask the adult, separately,
about the relationship and the parents' consent (a consent letter is usual but not
required). Do not treat a different surname as suspicious in itself. Protection
first: if there are signs of trafficking, refer to child protection services and the
Canadian Human Trafficking Hotline 1-833-900-1010; a foreign national child may be
eligible for a temporary resident permit for victims of human trafficking (IRCC).
Record the outcome, including when it was an ordinary family.]],
    fr = [[Victime possible : ce résultat ne justifie pas une mesure d'exécution.
Parler au mineur à l'écart de l'adulte qui l'accompagne, dans un lieu sûr ; interroger
l'adulte séparément sur le lien de parenté et le consentement des parents (une lettre
de consentement est d'usage mais pas obligatoire). Un nom de famille différent n'est
pas suspect en soi. La protection d'abord : en cas de signes de traite, orienter vers
les services de protection de l'enfance et la Ligne d'urgence canadienne contre la
traite des personnes 1-833-900-1010 ; un enfant étranger peut être admissible à un
permis de séjour temporaire pour les victimes de la traite de personnes (IRCC).
Consigner le résultat, y compris lorsqu'il s'agissait d'une famille ordinaire.]],
  },
  justification = {
    age = "Minors travelling with unrelated adults are a distinct victim profile in Frontex VEGA and IATA guidance.",
  },

  conditions = {
    condition "minor" {
      label = { en = "Traveller is under 18", fr = "Voyageur de moins de 18 ans" },
      when  = field "age" :lt(18),
    },
    condition "in_a_party" {
      label = { en = "Two or more passengers on the booking", fr = "Deux passagers ou plus sur la réservation" },
      when  = field "party_size" :ge(2),
    },
    condition "payer_other_surname" {
      label = { en = "Paid by someone with another surname", fr = "Payé par une personne d'un autre nom de famille" },
      when  = payment.paid_by_other_surname,
    },
  },

  indicators = {
    indicator "one_way" {
      label  = { en = "One-way ticket", fr = "Billet aller simple" },
      weight = 2,
      when   = field "one_way" :equals(true),
    },
    indicator "last_minute" {
      label  = { en = "Booked less than 72 hours before departure", fr = "Réservé moins de 72 heures avant le départ" },
      weight = 2,
      when   = field "booking_lead_hours" :lt(72),
    },
    indicator "cash" {
      label  = { en = "Paid in cash", fr = "Payé en espèces" },
      weight = 2,
      when   = field "form_of_payment" :equals "CASH",
    },
    indicator "via_transit_hub" {
      label  = { en = "Routed through a hub on documented trafficking routes",
                 fr = "Itinéraire par une plaque tournante de routes de traite documentées" },
      weight = 1,
      when   = field "itinerary" :contains_any(list "transit_hubs"),
    },
    indicator "planned_ahead" {
      label  = { en = "Booked two weeks or more ahead", fr = "Réservé deux semaines ou plus à l'avance" },
      weight = -3,
      when   = field "booking_lead_hours" :ge(336),
    },
    indicator "child_frequent_flyer" {
      label  = { en = "Minor has a frequent-flyer number", fr = "Le mineur a un numéro de voyageur fréquent" },
      weight = -1,
      when   = field "frequent_flyer" :is_present(),
    },
  },
}
