-- lib/links.lua - link indicators several traveller scenarios share: the same payer,
-- card or phone turning up on other bookings of the run (link values: scenarios/README.md).
-- A scenario file takes them with `local links = use "links"`; its revision then covers
-- this file, so a change here changes the revision of every scenario that uses it.
--
-- "Three or more surnames" keeps a family's own repeat bookings (one or two surnames)
-- out: what these point at is one payer or contact for several unrelated travellers.
return {
  card_on_other_bookings  = link("card_fingerprint", "bookings") :ge(2),
  payer_on_other_bookings = link("payer", "bookings") :ge(2) & link("payer", "surnames") :ge(3),
  phone_on_other_bookings = link("contact_phone", "bookings") :ge(2) & link("contact_phone", "surnames") :ge(3),
}
