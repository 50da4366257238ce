-- traveller/quick_turnaround_escort.lua
scenario {
  id         = "TRV-QUICK-TURNAROUND-ESCORT",
  title      = { en = "Long-haul out-and-back trip of a few days, booked late and paid in cash",
                 fr = "Aller-retour long-courrier de quelques jours, réservé tard et payé en espèces" },
  applies_to = "traveller",
  status     = "active",
  owner      = "NTC human trafficking desk",
  review_by  = "2027-10-31",
  subject    = "possible-facilitator",
  threshold  = 5,
  tags       = { "trafficking", "escort", "facilitator", "round-trip" },
  references = {
    "UNODC, Global Report on Trafficking in Persons 2022: traffickers who recruit and accompany victims across borders",
    "IATA, Human trafficking: guidance for airlines (2018): cash, last-minute bookings, little luggage",
    "FINTRAC, Project Protect: frequent short trips and travel paid in cash as indicators of proceeds of trafficking (read as a whole)",
  },
  rationale  = [[Recruiters and escorts travel to where victims are recruited and come
back within days, often with them (UNODC case studies). A long-haul trip with several
connections each way that starts and ends at the same airport within four days leaves
no time for tourism; booked late, paid in cash, without checked luggage, it fits the
escort role better than a holiday. FINTRAC's Project Protect names frequent short
trips paid in cash among proceeds-of-trafficking indicators. Business travellers make
the same short trips: a frequent-flyer number or a corporate invoice lowers the score.
The scenario is weakly specific and depends on the other travellers on the return
flights, which a single record cannot see; its hit rate is reviewed at each annual
review.]],
  guidance   = {
    en = [[Possible facilitator: a hit is a reason to look, not evidence of an offence.
If the traveller returns with companions, first make sure they are safe: speak with
each of them apart and treat them as possible victims (protection, Canadian Human
Trafficking Hotline 1-833-900-1010, temporary resident permit for foreign national
victims). Examine the traveller under ordinary CBSA authorities: purpose of the trip,
who paid, whose passports and tickets they carry. If there are grounds to suspect
trafficking, refer to CBSA Criminal Investigations and the RCMP. Record the outcome,
including ordinary business travel.]],
    fr = [[Facilitateur possible : un résultat est une raison d'examiner, pas une preuve
d'infraction. Si le voyageur revient accompagné, d'abord assurer la sécurité des
accompagnés : s'entretenir avec chacun à l'écart et les traiter comme des victimes
possibles (protection, Ligne d'urgence canadienne contre la traite des personnes
1-833-900-1010, permis de séjour temporaire pour les victimes étrangères). Examiner le
voyageur selon les pouvoirs ordinaires de l'ASFC : but du voyage, qui a payé, quels
passeports et billets il transporte. S'il y a des motifs de soupçonner la traite,
renvoyer aux Enquêtes criminelles de l'ASFC et à la GRC. Consigner le résultat, y
compris les voyages d'affaires ordinaires.]],
  },

  conditions = {
    condition "round_trip" {
      label = { en = "Journey starts and ends at the same airport", fr = "Le voyage part du même aéroport où il se termine" },
      when  = field "origin" :same_as "destination",
    },
    condition "within_four_days" {
      label = { en = "Whole journey lasts 96 hours or less", fr = "Le voyage entier dure 96 heures ou moins" },
      when  = field "trip_hours" :le(96),
    },
  },

  indicators = {
    indicator "long_haul_connections" {
      label  = { en = "Four legs or more (connections both ways)", fr = "Quatre segments ou plus (correspondances à l'aller et au retour)" },
      weight = 2,
      when   = field "leg_count" :ge(4),
    },
    indicator "cash" {
      label  = { en = "Paid in cash", fr = "Payé en espèces" },
      weight = 2,
      when   = field "form_of_payment" :equals "CASH",
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
    indicator "via_transit_hub" {
      label  = { en = "Routed through a hub on documented trafficking routes",
                 fr = "Itinéraire par une plaque tournante de routes de traite documentées" },
      weight = 1,
      when   = field "itinerary" :contains_any(list "transit_hubs"),
    },
    indicator "frequent_flyer" {
      label  = { en = "Has a frequent-flyer number (established traveller)",
                 fr = "A un numéro de voyageur fréquent (voyageur habituel)" },
      weight = -2,
      when   = field "frequent_flyer" :is_present(),
    },
    indicator "corporate_invoice" {
      label  = { en = "Invoiced to a company or agency account", fr = "Facturé au compte d'une entreprise ou d'une agence" },
      weight = -1,
      when   = field "form_of_payment" :equals "INV",
    },
  },
}
