-- traveller/young_adult_third_party.lua
local payment = use "payment" -- lib/payment.lua: shared indicators

scenario {
  id         = "TRV-YOUNG-ADULT-THIRD-PARTY",
  title      = { en = "Young adult on a ticket bought by someone else, booked late, travelling light",
                 fr = "Jeune adulte sur un billet acheté par un tiers, réservé tard, voyageant avec peu de bagages" },
  applies_to = "traveller",
  status     = "active",
  owner      = "NTC human trafficking desk",
  review_by  = "2027-09-30",
  subject    = "possible-victim",
  threshold  = 5,
  tags       = { "trafficking", "young-adult", "third-party-payment", "recruitment" },
  references = {
    "IATA, Human trafficking: guidance for airlines (2018): ticket bought by a third party, last-minute booking, cash, one-way, little luggage, contact details of someone else",
    "US DHS/DOT Blue Lightning Initiative, human trafficking indicators for aviation personnel",
    "Statistics Canada, Trafficking in persons in Canada, 2021 (Juristat, 6 December 2022): police-reported victims are mostly young women and girls; 18 to 24 is the largest age group",
    "FINTRAC, Project Protect: indicators of laundering of proceeds of trafficking, including purchases of travel for third parties",
  },
  rationale  = [[Police-reported data show that trafficking victims in Canada are mostly
young, and 18 to 24 is the largest age group (Statistics Canada, Trafficking in
persons in Canada, 2021, the study the national strategy report cites). Recruiters buy the ticket, often at the last minute, in cash, one-way, and
put their own contact details on the booking (IATA; Blue Lightning; FINTRAC Project
Protect lists travel bought for third parties). The age band narrows the scenario to
the documented victim profile; the evidence itself is booking and payment behaviour.
Students whose tickets are paid by a parent with another surname are the innocent
look-alike: they book weeks ahead and check luggage, which lowers the score.]],
  guidance   = {
    en = [[Possible victim: this hit is not grounds for enforcement. Speak with the
traveller alone, in a safe place, with an interpreter if needed: who paid, what job or
study they were promised, who holds their passport, who will meet them, whether they
owe money for the trip. Protection first: if there are signs of trafficking, offer
referral to victim services and the Canadian Human Trafficking Hotline
1-833-900-1010 and explain that a foreign national victim may be eligible for a
temporary resident permit for victims of human trafficking (IRCC). Record what you
observed, including when it was an ordinary student or visitor.]],
    fr = [[Victime possible : ce résultat ne justifie pas une mesure d'exécution.
S'entretenir seul à seul avec la personne, dans un lieu sûr, avec un interprète au
besoin : qui a payé, quel emploi ou quelles études on lui a promis, qui détient son
passeport, qui viendra la chercher, si elle doit de l'argent pour le voyage. La
protection d'abord : en cas de signes de traite, proposer une orientation vers les
services aux victimes et la Ligne d'urgence canadienne contre la traite des personnes
1-833-900-1010 et expliquer qu'une victime étrangère peut être admissible à un permis
de séjour temporaire pour les victimes de la traite de personnes (IRCC). Consigner les
observations, y compris lorsqu'il s'agissait d'un étudiant ou d'un visiteur ordinaire.]],
  },
  justification = {
    age = "18 to 24 is the largest age group of police-reported victims in Canada (Statistics Canada 2021); the band narrows the scenario to the documented profile and is never used alone.",
  },

  conditions = {
    condition "age_18_to_24" {
      label = { en = "Traveller is 18 to 24", fr = "Voyageur de 18 à 24 ans" },
      when  = field "age" :between(18, 24),
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
    indicator "last_minute" {
      label  = { en = "Booked less than 48 hours before departure", fr = "Réservé moins de 48 heures avant le départ" },
      weight = 2,
      when   = field "booking_lead_hours" :lt(48),
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
    indicator "contact_not_traveller" {
      label  = { en = "Contact e-mail does not carry the traveller's name",
                 fr = "Le courriel de contact ne porte pas le nom du voyageur" },
      weight = 1,
      when   = function(r)
        local email = r.contact_email
        if email == nil then return nil end
        local names = (r.surname or "") .. " " .. (r.given_names or "")
        local seen = false
        email = string.upper(email)
        for word in string.gmatch(string.upper(names), "%a+") do
          if #word >= 3 then
            seen = true
            if string.find(email, word, 1, true) then return false end
          end
        end
        if not seen then return nil end
        return true
      end,
    },
    indicator "student_pattern" {
      label  = { en = "Booked three weeks or more ahead with checked baggage (student pattern)",
                 fr = "Réservé trois semaines ou plus à l'avance avec bagage enregistré (profil étudiant)" },
      weight = -3,
      when   = all_of { field "booking_lead_hours" :ge(504), field "baggage_count" :ge(1) },
    },
    indicator "frequent_flyer" {
      label  = { en = "Has a frequent-flyer number", fr = "A un numéro de voyageur fréquent" },
      weight = -1,
      when   = field "frequent_flyer" :is_present(),
    },
  },
}
