-- traveller/escort_repeat_young.lua
-- The adult who pays for and travels with young people of other surnames, again and
-- again: the booking view shows the companions, the links show the other trips.
local links = use "links" -- lib/links.lua: shared link indicators

scenario {
  id         = "TRV-ESCORT-REPEAT-YOUNG",
  title      = { en = "Adult who pays for and travels with young people of other surnames, on several bookings",
                 fr = "Adulte qui paie et voyage avec des jeunes d'autres noms de famille, sur plusieurs réservations" },
  applies_to = "traveller",
  status     = "active",
  owner      = "NTC human trafficking desk",
  review_by  = "2027-11-30",
  subject    = "possible-facilitator",
  threshold  = 4,
  tags       = { "trafficking", "escort", "facilitator", "links", "booking" },
  references = {
    "IATA, Human trafficking: guidance for airlines (2018): an adult who pays and speaks for young companions who are not family, the same person travelling repeatedly with different young people",
    "US DHS/DOT Blue Lightning Initiative, human trafficking indicators for aviation personnel: a companion who controls the travellers and their documents",
    "UNODC, Global Report on Trafficking in Persons 2022: traffickers who accompany victims in transit",
    "FINTRAC, Project Protect: purchases of travel for several people on one card, read as a whole with the other indicators",
  },
  rationale  = [[Escorts travel with the people they move and pay for them, and they do
it more than once, with different young people each time (IATA; Blue Lightning;
UNODC case studies; FINTRAC's Project Protect on travel bought for several people).
One record sees neither the companions nor the other trips; the booking view sees
that this traveller paid for a booking on which travels someone of 22 or under with
another surname, and the link index sees the same card, payer name or contact phone
on other bookings of the run. The innocent look-alikes are a parent travelling with
children of another surname (one booking, planned weeks ahead) and a teacher paying
for a school trip (months ahead, return tickets): planning ahead weighs -4, and a
booking with a single surname does not meet the condition. What it cannot see: an
escort who pays each trip with another card and name and gives another phone, trips
outside the run, and who holds the documents (an officer's observation).]],
  guidance   = {
    en = [[Possible facilitator: a hit is a reason to look, not evidence of an offence.
Do not confront this traveller in front of the people travelling with them. The
explanation lists the other bookings of the card, payer or phone: first make sure the
young companions are safe, speak with each of them apart and treat them as possible
victims (protection, Canadian Human Trafficking Hotline 1-833-900-1010, temporary
resident permit for foreign national victims). Examine this traveller under ordinary
CBSA authorities; note who holds the companions' passports and tickets and how the
traveller knows them. If there are grounds to suspect trafficking, refer to CBSA
Criminal Investigations and the RCMP; record what you observed, including an ordinary
family or school trip.]],
    fr = [[Facilitateur possible : un résultat est une raison d'examiner, pas une preuve
d'infraction. Ne pas confronter ce voyageur devant les personnes qui l'accompagnent.
L'explication énumère les autres réservations de la carte, du payeur ou du téléphone :
d'abord assurer la sécurité des jeunes accompagnés, s'entretenir avec chacun à l'écart
et les traiter comme des victimes possibles (protection, Ligne d'urgence canadienne
contre la traite des personnes 1-833-900-1010, permis de séjour temporaire pour les
victimes étrangères). Examiner ce voyageur selon les pouvoirs ordinaires de l'ASFC ;
noter qui détient les passeports et billets des accompagnés et comment le voyageur les
connaît. S'il y a des motifs de soupçonner la traite, renvoyer aux Enquêtes
criminelles de l'ASFC et à la GRC ; consigner les observations, y compris lorsqu'il
s'agissait d'une famille ou d'un voyage scolaire ordinaire.]],
  },
  justification = {
    age = "The young companion (22 or under) is the victim profile the escort pattern is about (Statistics Canada 2021: victims are mostly young; IATA, UNODC); the age is read on the booking's companions, never used alone: the evidence is who pays and who travels on which bookings.",
  },

  conditions = {
    condition "pays_for_the_booking" {
      label = { en = "This traveller is the payer of the booking", fr = "Ce voyageur est le payeur de la réservation" },
      when  = booking "is_payer" :equals(true),
    },
    condition "young_other_surname_aboard" {
      label = { en = "Travels with someone of 22 or under and of another surname",
                fr = "Voyage avec une personne de 22 ans ou moins et d'un autre nom de famille" },
      when  = booking "other_surnames" :ge(1) & booking "youngest_age" :le(22),
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
    indicator "planned_ahead" {
      label  = { en = "Booked 30 days or more ahead (school trips, family holidays)",
                 fr = "Réservé 30 jours ou plus à l'avance (voyages scolaires, vacances familiales)" },
      weight = -4,
      when   = field "booking_lead_hours" :ge(720),
    },
  },
}
