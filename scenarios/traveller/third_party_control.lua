-- traveller/third_party_control.lua
local payment = use "payment" -- lib/payment.lua: shared indicators

scenario {
  id         = "TRV-THIRD-PARTY-CONTROL",
  title      = { en = "Lone traveller whose booking is paid for and managed by someone else",
                 fr = "Voyageur seul dont la réservation est payée et gérée par un tiers" },
  applies_to = "traveller",
  status     = "active",
  owner      = "NTC human trafficking desk",
  review_by  = "2027-09-30",
  subject    = "possible-victim",
  threshold  = 5,
  tags       = { "trafficking", "third-party-payment", "contact-details" },
  references = {
    "IATA, Human trafficking: guidance for airlines (2018): a third party controls the booking, pays for it and gives their own contact details",
    "US DHS/DOT Blue Lightning Initiative, human trafficking indicators for aviation personnel: someone else speaks for the traveller or holds their documents",
    "ILO, Indicators of Forced Labour (2012): restriction of movement, retention of identity documents",
  },
  rationale  = [[Control is at the heart of trafficking (ILO indicators: restriction of
movement, retention of documents). On a booking, control shows when someone else pays
and leaves their own contact details, so that the airline and the authorities reach
the controller rather than the traveller (IATA guidance; Blue Lightning). For a person
travelling alone this, with a one-way ticket, cash and no luggage, is the pattern. A
relative or employer who books for someone is the ordinary look-alike; established
travellers and trips booked weeks ahead lower the score.]],
  guidance   = {
    en = [[Possible victim: this hit is not grounds for enforcement. Speak with the
traveller alone, in a safe place, with an interpreter if needed: who booked and paid,
whether they can reach that person and whether that person holds their documents or
money, who will meet them. Protection first: if there are signs of trafficking, offer
referral to victim services and the Canadian Human Trafficking Hotline 1-833-900-1010
and explain that a foreign national victim may be eligible for a temporary resident
permit for victims of human trafficking (IRCC). Record the outcome.]],
    fr = [[Victime possible : ce résultat ne justifie pas une mesure d'exécution.
S'entretenir seul à seul avec la personne, dans un lieu sûr, avec un interprète au
besoin : qui a réservé et payé, si elle peut joindre cette personne et si celle-ci
détient ses documents ou son argent, qui viendra la chercher. La protection d'abord :
en cas de signes de traite, proposer une orientation vers les services aux victimes et
la Ligne d'urgence canadienne contre la traite des personnes 1-833-900-1010 et
expliquer qu'une victime étrangère peut être admissible à un permis de séjour
temporaire pour les victimes de la traite de personnes (IRCC). Consigner le résultat.]],
  },

  conditions = {
    condition "travels_alone" {
      label = { en = "Only passenger on the booking", fr = "Seul passager de la réservation" },
      when  = field "party_size" :equals(1),
    },
    condition "payer_is_someone_else" {
      label = { en = "Payer's surname and given names are not the traveller's",
                fr = "Le nom et les prénoms du payeur ne sont pas ceux du voyageur" },
      when  = any_of {
        payment.paid_by_other_surname,
        field "payer_given_names" :differs_from "given_names",
      },
    },
  },

  indicators = {
    indicator "contact_not_traveller" {
      label  = { en = "Contact e-mail carries the payer's name, not the traveller's",
                 fr = "Le courriel de contact porte le nom du payeur, pas celui du voyageur" },
      weight = 2,
      when   = function(r)
        local email, payer = r.contact_email, r.payer_surname
        if email == nil or payer == nil then return nil end
        email = string.upper(email)
        local function mentions(names)
          for word in string.gmatch(string.upper(names or ""), "%a+") do
            if #word >= 3 and string.find(email, word, 1, true) then return true end
          end
          return false
        end
        return mentions(payer .. " " .. (r.payer_given_names or ""))
           and not mentions((r.surname or "") .. " " .. (r.given_names or ""))
      end,
    },
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
    indicator "no_checked_bag" {
      label  = { en = "No checked baggage", fr = "Aucun bagage enregistré" },
      weight = 1,
      when   = field "baggage_count" :equals(0),
    },
    indicator "frequent_flyer" {
      label  = { en = "Has a frequent-flyer number (established traveller)",
                 fr = "A un numéro de voyageur fréquent (voyageur habituel)" },
      weight = -2,
      when   = field "frequent_flyer" :is_present(),
    },
    indicator "booked_weeks_ahead" {
      label  = { en = "Booked three weeks or more ahead", fr = "Réservé trois semaines ou plus à l'avance" },
      weight = -1,
      when   = field "booking_lead_hours" :ge(504),
    },
  },
}
