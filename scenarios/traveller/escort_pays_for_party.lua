-- traveller/escort_pays_for_party.lua
scenario {
  id         = "TRV-ESCORT-PAYS-FOR-PARTY",
  title      = { en = "Traveller who paid in cash, at the last minute, for a party travelling light",
                 fr = "Voyageur ayant payé en espèces, au dernier moment, pour un groupe voyageant avec peu de bagages" },
  applies_to = "traveller",
  status     = "active",
  owner      = "NTC human trafficking desk",
  review_by  = "2027-09-30",
  subject    = "possible-facilitator",
  threshold  = 6,
  tags       = { "trafficking", "escort", "facilitator", "cash" },
  references = {
    "IATA, Human trafficking: guidance for airlines (2018): one person pays and speaks for a group, cash, last-minute booking",
    "US DHS/DOT Blue Lightning Initiative, human trafficking indicators for aviation personnel: a companion who controls the travellers and their documents",
    "FINTRAC, Project Protect: purchases of travel for several people, cash, as indicators of proceeds of trafficking (read as a whole)",
    "UNODC, Global Report on Trafficking in Persons 2022: traffickers who accompany victims in transit",
  },
  rationale  = [[Traffickers often travel with their victims and control the journey:
one person books and pays for the whole party, at the last minute, in cash, with
little luggage for the number of people (IATA; Blue Lightning; UNODC case studies).
FINTRAC's Project Protect reads cash purchases of travel for several people as a sign
of proceeds of trafficking. The look-alike is a parent paying for the family; family
trips are usually planned weeks ahead and carry luggage, and their payer is often an
established traveller, so those facts lower the score. A family that pays by card for
a last-minute one-way trip with little luggage is common enough that the threshold
(6 of 7) needs the cash payment as well. The companion cannot be linked
to the other travellers' ages or names in a single PNR record; see the ruleset notes.]],
  guidance   = {
    en = [[Possible facilitator: a hit is a reason to look, not evidence of an offence.
Do not confront this traveller in front of the people travelling with them. First
make sure the companions are safe: speak with each of them apart, treat them as
possible victims (protection, Canadian Human Trafficking Hotline 1-833-900-1010,
temporary resident permit for foreign national victims). Examine this traveller under
ordinary CBSA authorities; note who holds the party's passports and tickets. If there
are grounds to suspect trafficking, refer to CBSA Criminal Investigations and the
RCMP; record what you observed.]],
    fr = [[Facilitateur possible : un résultat est une raison d'examiner, pas une preuve
d'infraction. Ne pas confronter ce voyageur devant les personnes qui l'accompagnent.
D'abord assurer la sécurité des accompagnés : s'entretenir avec chacun à l'écart, les
traiter comme des victimes possibles (protection, Ligne d'urgence canadienne contre la
traite des personnes 1-833-900-1010, permis de séjour temporaire pour les victimes
étrangères). Examiner ce voyageur selon les pouvoirs ordinaires de l'ASFC ; noter qui
détient les passeports et billets du groupe. S'il y a des motifs de soupçonner la
traite, renvoyer aux Enquêtes criminelles de l'ASFC et à la GRC ; consigner les
observations.]],
  },

  conditions = {
    condition "in_a_party" {
      label = { en = "Two or more passengers on the booking", fr = "Deux passagers ou plus sur la réservation" },
      when  = field "party_size" :ge(2),
    },
    condition "paid_by_this_traveller" {
      label = { en = "This traveller is the payer", fr = "Ce voyageur est le payeur" },
      when  = all_of {
        field "payer_surname" :same_as "surname",
        field "payer_given_names" :same_as "given_names",
      },
    },
  },

  indicators = {
    indicator "cash" {
      label  = { en = "Paid in cash", fr = "Payé en espèces" },
      weight = 2,
      when   = field "form_of_payment" :equals "CASH",
    },
    indicator "last_minute" {
      label  = { en = "Booked less than 72 hours before departure", fr = "Réservé moins de 72 heures avant le départ" },
      weight = 2,
      when   = field "booking_lead_hours" :lt(72),
    },
    indicator "one_way" {
      label  = { en = "One-way ticket", fr = "Billet aller simple" },
      weight = 1,
      when   = field "one_way" :equals(true),
    },
    indicator "light_for_party" {
      label  = { en = "Fewer checked bags than passengers on the booking",
                 fr = "Moins de bagages enregistrés que de passagers sur la réservation" },
      weight = 1,
      when   = function(r)
        if r.baggage_count == nil or r.party_size == nil then return nil end
        return r.baggage_count < r.party_size
      end,
    },
    indicator "via_transit_hub" {
      label  = { en = "Routed through a hub on documented trafficking routes",
                 fr = "Itinéraire par une plaque tournante de routes de traite documentées" },
      weight = 1,
      when   = field "itinerary" :contains_any(list "transit_hubs"),
    },
    indicator "planned_ahead" {
      label  = { en = "Booked a month or more ahead", fr = "Réservé un mois ou plus à l'avance" },
      weight = -3,
      when   = field "booking_lead_hours" :ge(720),
    },
    indicator "frequent_flyer" {
      label  = { en = "Payer has a frequent-flyer number (established traveller)",
                 fr = "Le payeur a un numéro de voyageur fréquent (voyageur habituel)" },
      weight = -1,
      when   = field "frequent_flyer" :is_present(),
    },
  },
}
