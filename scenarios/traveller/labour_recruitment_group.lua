-- traveller/labour_recruitment_group.lua
local payment = use "payment" -- lib/payment.lua: shared indicators

scenario {
  id         = "TRV-LABOUR-RECRUITMENT-GROUP",
  title      = { en = "Group booked through an agency and paid by a third party on one-way tickets",
                 fr = "Groupe réservé par une agence et payé par un tiers, sur des billets aller simple" },
  applies_to = "traveller",
  status     = "active",
  owner      = "NTC human trafficking desk (labour exploitation)",
  review_by  = "2027-10-31",
  subject    = "possible-victim",
  threshold  = 4,
  tags       = { "trafficking", "forced-labour", "recruitment", "group" },
  references = {
    "ILO, Indicators of Forced Labour (2012): deception, debt bondage, retention of identity documents",
    "UNODC, Global Report on Trafficking in Persons 2022: rising share of trafficking for forced labour, recruitment through agencies",
    "IATA, Human trafficking: guidance for airlines (2018): groups travelling on tickets bought by a third party",
    "Public Safety Canada, National Strategy to Combat Human Trafficking, 2021-2023 report: 357 of 9,881 ESDC temporary foreign worker tips related to trafficking or exploitation",
  },
  rationale  = [[Trafficking for forced labour often starts with a recruiter who books
and pays travel for a group of workers and later claims the cost as a debt (ILO
indicators of debt bondage and deception; UNODC GLOTIP). At the border this looks like
a group booked through an agency and paid by someone who is not travelling, on
one-way tickets, often late and in cash, with little luggage. The seed report counts
357 trafficking or exploitation tips in the temporary foreign worker program in
2021-2023. Tour groups, school trips and business delegations are the look-alikes:
they hold return tickets booked well ahead, and their members are often established
travellers.]],
  guidance   = {
    en = [[Possible victims of labour trafficking: this hit is not grounds for
enforcement against the travellers. Speak with members of the group one by one, away
from any group leader, in a safe place and in their language: who recruited them, what
work and pay they were promised, whether they paid or owe recruitment fees or travel
costs, who holds their passports and work permits. Protection first: if there are
signs of forced labour or trafficking, refer to victim services and the Canadian Human
Trafficking Hotline 1-833-900-1010 and explain that foreign national victims may be
eligible for a temporary resident permit for victims of human trafficking (IRCC);
share employer concerns with ESDC's temporary foreign worker tip line. Record the
outcome.]],
    fr = [[Victimes possibles de traite à des fins de travail forcé : ce résultat ne
justifie pas une mesure d'exécution contre les voyageurs. S'entretenir avec les
membres du groupe un par un, à l'écart de tout chef de groupe, dans un lieu sûr et
dans leur langue : qui les a recrutés, quel travail et quel salaire on leur a promis,
s'ils ont payé ou doivent des frais de recrutement ou de voyage, qui détient leurs
passeports et permis de travail. La protection d'abord : en cas de signes de travail
forcé ou de traite, orienter vers les services aux victimes et la Ligne d'urgence
canadienne contre la traite des personnes 1-833-900-1010 et expliquer que les victimes
étrangères peuvent être admissibles à un permis de séjour temporaire pour les victimes
de la traite de personnes (IRCC) ; signaler les préoccupations sur l'employeur à la
ligne de signalement du Programme des travailleurs étrangers temporaires d'EDSC.
Consigner le résultat.]],
  },

  conditions = {
    condition "group_of_four_or_more" {
      label = { en = "Four or more passengers on the booking", fr = "Quatre passagers ou plus sur la réservation" },
      when  = field "party_size" :ge(4),
    },
    condition "booked_by_agency" {
      label = { en = "Booked through a travel agency", fr = "Réservé par une agence de voyages" },
      when  = field "travel_agency" :is_present(),
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
    indicator "cash" {
      label  = { en = "Paid in cash", fr = "Payé en espèces" },
      weight = 2,
      when   = field "form_of_payment" :equals "CASH",
    },
    indicator "booked_within_week" {
      label  = { en = "Booked less than 7 days before departure", fr = "Réservé moins de 7 jours avant le départ" },
      weight = 1,
      when   = field "booking_lead_hours" :lt(168),
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
    indicator "planned_group_trip" {
      label  = { en = "Return ticket booked a month or more ahead (tour, school or business group)",
                 fr = "Billet aller-retour réservé un mois ou plus à l'avance (voyage organisé, scolaire ou d'affaires)" },
      weight = -3,
      when   = all_of { field "one_way" :equals(false), field "booking_lead_hours" :ge(720) },
    },
    indicator "frequent_flyer" {
      label  = { en = "Has a frequent-flyer number (established traveller)",
                 fr = "A un numéro de voyageur fréquent (voyageur habituel)" },
      weight = -2,
      when   = field "frequent_flyer" :is_present(),
    },
  },
}
