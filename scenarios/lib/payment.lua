-- lib/payment.lua - payment indicators several traveller scenarios share.
-- A scenario file takes them with `local payment = use "payment"`; its revision then
-- covers this file, so a change here changes the revision of every scenario that uses it.
return {
  -- The payer is known only by name: "paid by someone else" is approximated by a
  -- payer surname that differs from the traveller's (ignoring ASCII case; values are
  -- trimmed when read). It misses relatives with the same surname and counts parents
  -- with another one, hence the exonerating weights in the scenarios.
  paid_by_other_surname = field "payer_surname" :differs_from "surname",
}
