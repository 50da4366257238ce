-- traveller/child_alone_no_umnr.lua
-- All-conditions scenario (threshold 0, no weights): the CBSA scenario form.
scenario {
  id         = "TRV-CHILD-ALONE-NO-UMNR",
  title      = { en = "Child under 12 booked alone without an unaccompanied-minor request",
                 fr = "Enfant de moins de 12 ans réservé seul sans demande d'accompagnement de mineur non accompagné" },
  applies_to = "traveller",
  status     = "active",
  owner      = "NTC human trafficking desk",
  review_by  = "2027-06-30",
  subject    = "possible-victim",
  threshold  = 0,
  tags       = { "trafficking", "minor", "all-conditions", "split-booking" },
  references = {
    "Frontex, VEGA Handbook: Children at airports (2015): children booked apart from the adult who escorts them",
    "IATA, Human trafficking: guidance for airlines (2018)",
    "IATA Passenger Services Conference Resolution 1724 and carrier conditions: unaccompanied-minor (UMNR) service for young children travelling alone",
  },
  rationale  = [[Carriers accept young children travelling alone only under their
unaccompanied-minor (UMNR) service, which records who hands the child over and who
meets them. A child under 12 on a booking of one with no UMNR request is either a
data error or a child whose escort is on another booking (split PNR), the pattern the
Frontex VEGA handbook describes for children moved by adults who want to stay out of
sight. The three facts together are specific enough to stand as an all-conditions
scenario; any one alone is not.]],
  guidance   = {
    en = [[Possible victim: this hit is not grounds for enforcement. Find out who the
child is travelling with: ask the carrier for the escort's booking and speak to the
child apart from the adult, in a safe place. Check the adult's relationship to the
child and the parents' or guardians' consent. Protection first: if the answers do not
hold, refer to child protection services and the Canadian Human Trafficking Hotline
1-833-900-1010; a foreign national child may be eligible for a temporary resident
permit for victims of human trafficking (IRCC). If it was a booking error, say so in
the review so the false positive is counted.]],
    fr = [[Victime possible : ce résultat ne justifie pas une mesure d'exécution.
Établir avec qui l'enfant voyage : demander au transporteur la réservation de
l'accompagnateur et parler à l'enfant à l'écart de l'adulte, dans un lieu sûr.
Vérifier le lien de l'adulte avec l'enfant et le consentement des parents ou tuteurs.
La protection d'abord : si les réponses sont incohérentes, orienter vers les services
de protection de l'enfance et la Ligne d'urgence canadienne contre la traite des
personnes 1-833-900-1010 ; un enfant étranger peut être admissible à un permis de
séjour temporaire pour les victimes de la traite de personnes (IRCC). S'il s'agit
d'une erreur de réservation, l'indiquer dans l'examen pour que le faux positif soit
compté.]],
  },
  justification = {
    age = "Unaccompanied-minor rules of carriers apply by age; young children are the group the Frontex VEGA handbook protects.",
  },

  conditions = {
    condition "under_12" {
      label = { en = "Traveller is under 12", fr = "Voyageur de moins de 12 ans" },
      when  = field "age" :lt(12),
    },
    condition "alone_on_booking" {
      label = { en = "Only passenger on the booking", fr = "Seul passager de la réservation" },
      when  = field "party_size" :equals(1),
    },
    condition "no_umnr_request" {
      label = { en = "No unaccompanied-minor service request",
                fr = "Aucune demande de service de mineur non accompagné" },
      when  = field "unaccompanied_minor" :equals(false),
    },
  },
}
