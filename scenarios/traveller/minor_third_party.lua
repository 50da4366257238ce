-- traveller/minor_third_party.lua
local payment = use "payment" -- lib/payment.lua: shared indicators

scenario {
  id         = "TRV-MINOR-THIRD-PARTY",
  title      = { en = "Minor on a one-way ticket paid by someone else",
                 fr = "Mineur sur un billet aller simple payé par un tiers" },
  applies_to = "traveller",
  status     = "active",
  owner      = "NTC human trafficking desk",
  review_by  = "2027-09-30",
  subject    = "possible-victim",
  threshold  = 5,
  tags       = { "trafficking", "minor", "third-party-payment" },
  references = {
    "IATA, Human trafficking: guidance for airlines (2018): tickets bought by a third party who does not travel; one-way tickets",
    "Frontex, VEGA Handbook: Children at airports (2015): children travelling with or sent by adults who are not their parents",
    "US DHS/DOT Blue Lightning Initiative, human trafficking indicators for aviation personnel",
    "UNODC, Global Report on Trafficking in Persons 2022: children are about a third of detected victims",
    "Public Safety Canada, National Strategy to Combat Human Trafficking, 2021-2023 report (CBSA scenario-based targeting)",
  },
  rationale  = [[Minors trafficked by air often travel one-way on a ticket bought by an
adult who does not travel with them (IATA guidance; Frontex VEGA handbook on children
at airports; Blue Lightning). A one-way ticket paid by someone with another surname
is the core pattern; routing through a hub used on documented trafficking routes adds
a little. Families on one booking (several passengers, no unaccompanied-minor
request) are the common innocent look-alike, including parents with different
surnames, and lower the score.]],
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
    indicator "via_transit_hub" {
      label  = { en = "Routed through a hub on documented trafficking routes",
                 fr = "Itinéraire par une plaque tournante de routes de traite documentées" },
      weight = 1,
      when   = field "itinerary" :contains_any(list "transit_hubs"),
    },
    indicator "family_booking" {
      label  = { en = "Travels with others on the same booking, no unaccompanied-minor request",
                 fr = "Voyage avec d'autres personnes sur la même réservation, sans demande de mineur non accompagné" },
      weight = -3,
      when   = function(r)
        if r.party_size == nil then return nil end
        return r.party_size >= 2 and r.unaccompanied_minor ~= true
      end,
    },
  },
}
