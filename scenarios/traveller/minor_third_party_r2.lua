-- traveller/minor_third_party_r2.lua
-- DRAFT: candidate revision of TRV-MINOR-THIRD-PARTY. Runs only in backtests until
-- the desk compares it with the live version on past manifests and switches.
local payment = use "payment" -- lib/payment.lua: shared indicators

scenario {
  id         = "TRV-MINOR-THIRD-PARTY-R2",
  title      = { en = "Minor on a one-way ticket paid by someone else (candidate revision 2)",
                 fr = "Mineur sur un billet aller simple payé par un tiers (révision candidate 2)" },
  applies_to = "traveller",
  status     = "draft",
  owner      = "NTC human trafficking desk",
  review_by  = "2027-03-31",
  subject    = "possible-victim",
  threshold  = 5,
  tags       = { "trafficking", "minor", "third-party-payment", "candidate-revision" },
  references = {
    "IATA, Human trafficking: guidance for airlines (2018): tickets bought by a third party, cash, last-minute booking, one-way tickets",
    "Frontex, VEGA Handbook: Children at airports (2015): a minor travelling with an adult who is not a parent, on the same booking",
    "US DHS/DOT Blue Lightning Initiative, human trafficking indicators for aviation personnel",
  },
  rationale  = [[Revision of TRV-MINOR-THIRD-PARTY. The live version lowers the score of
any minor on a booking with others; that also cancels the VEGA handbook's central
case, a minor escorted by an unrelated adult on the same booking. This candidate keeps
the family exoneration only when the booking was made two weeks or more ahead, as
family trips are, and adds two small IATA indicators (cash, booked within 72 hours).
It stays a draft until a backtest against the live version shows the new and lost
hits and what past dispositions say of them.]],
  guidance   = {
    en = [[Possible victim: this hit is not grounds for enforcement. Speak to the minor
apart from any adult, in a safe place, with an interpreter if needed; ask who bought
the ticket, who will meet them and where they will stay. Check that an accompanying
adult has consent of the parents or guardians. Protection first: if there are signs
of trafficking or the answers do not hold, refer to child protection services and
the Canadian Human Trafficking Hotline 1-833-900-1010; a foreign national child may
be eligible for a temporary resident permit for victims of human trafficking (IRCC).
Record what you observed and the outcome.]],
    fr = [[Victime possible : ce résultat ne justifie pas une mesure d'exécution.
Parler au mineur à l'écart de tout adulte, dans un lieu sûr, avec un interprète au
besoin ; demander qui a acheté le billet, qui viendra le chercher et où il logera.
Vérifier que l'adulte accompagnateur a le consentement des parents ou tuteurs. La
protection d'abord : en cas de signes de traite ou de réponses incohérentes, orienter
vers les services de protection de l'enfance et la Ligne d'urgence canadienne contre
la traite des personnes 1-833-900-1010 ; un enfant étranger peut être admissible à un
permis de séjour temporaire pour les victimes de la traite de personnes (IRCC).
Consigner les observations et le résultat.]],
  },
  justification = {
    age = "Minors are a distinct victim profile in IATA and Frontex VEGA guidance; the scenario protects children and is never applied to adults.",
  },

  conditions = {
    condition "minor" {
      label = { en = "Traveller is under 18", fr = "Voyageur de moins de 18 ans" },
      when  = field "age" :lt(18),
    },
  },

  indicators = {
    indicator "one_way" {
      label  = { en = "One-way ticket", fr = "Billet aller simple" },
      weight = 2,
      when   = field "one_way" :equals(true),
    },
    indicator "paid_by_other" {
      label  = { en = "Ticket paid by someone with another surname",
                 fr = "Billet payé par une personne d'un autre nom de famille" },
      weight = 3,
      when   = payment.paid_by_other_surname,
    },
    indicator "cash" {
      label  = { en = "Paid in cash", fr = "Payé en espèces" },
      weight = 1,
      when   = field "form_of_payment" :equals "CASH",
    },
    indicator "last_minute" {
      label  = { en = "Booked less than 72 hours before departure", fr = "Réservé moins de 72 heures avant le départ" },
      weight = 1,
      when   = field "booking_lead_hours" :lt(72),
    },
    indicator "via_transit_hub" {
      label  = { en = "Routed through a hub on documented trafficking routes",
                 fr = "Itinéraire par une plaque tournante de routes de traite documentées" },
      weight = 1,
      when   = field "itinerary" :contains_any(list "transit_hubs"),
    },
    indicator "planned_family_booking" {
      label  = { en = "Travels with others on a booking made two weeks or more ahead, no unaccompanied-minor request",
                 fr = "Voyage avec d'autres personnes sur une réservation faite deux semaines ou plus à l'avance, sans demande de mineur non accompagné" },
      weight = -3,
      when   = function(r)
        local party, lead = r.party_size, r.booking_lead_hours
        if party ~= nil and party < 2 then return false end
        if r.unaccompanied_minor == true then return false end
        if lead ~= nil and lead < 336 then return false end
        if party == nil or lead == nil then return nil end
        return true
      end,
    },
  },
}
