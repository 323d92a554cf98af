# Tiers of clients and their service levels (PF-4, PF-5).

field-tier-history = tiers
field-tier = tier
rec-section-tier_history = tiers
rec-change-schema-13 = Schema 13: tiers of clients
rec-change-tier-set = Tier of { $client }: { $name } from { $date } ({ $reason })
rec-change-tier-added = Tier '{ $name }' added: contact every { $days } days
rec-change-tier-changed = Tier '{ $name }' changed: { $fields }
rec-change-tier-state = Tier { $name }: { $state }
tier-field-name = name
tier-field-name-cy = Welsh name
tier-field-entry = entry criteria
tier-field-entry-cy = entry criteria in Welsh
tier-field-exit = exit criteria
tier-field-exit-cy = exit criteria in Welsh
tier-field-contact-days = contact every (days)
tier-field-review-days = review every (days)
tier-field-effort-hours = effort budget (hours a year)
tier-field-sponsor = senior sponsor required

## Refusals
tier-no-such = There is no tier "{ $name }": the tiers are { $names } (casebook tier list).
tier-rule-needs-name = A tier needs a name: give --name.
tier-rule-name-taken = There is a tier called "{ $name }" already: give another name.
tier-rule-needs-contact = A tier needs its contact rule: give --contact-days.
tier-rule-days = A tier's contact and review periods are 1 to { $max } days (0 for no review): give a number in that range.
tier-rule-hours = A tier's effort budget is 0 to { $max } hours a year: give a number in that range.
tier-rule-unchanged = Nothing to change for the tier "{ $name }": give what changes (casebook tier set --help).
tier-rule-needs-reason = Say why the client enters the tier (its entry criteria met, or the last tier's exit criteria): give --reason.
tier-rule-retired = The tier "{ $name }" is retired: choose a tier in use (casebook tier list).
tier-rule-already = The client is in the tier "{ $name }" already.
tier-rule-before-last = The client entered "{ $name }" on { $date }: a move is dated that day or later.
tier-what-move = A move between tiers

## casebook tier
tier-col-name = tier
tier-col-contact = contact every
tier-col-review = review every
tier-col-effort = effort budget
tier-col-sponsor = senior sponsor
tier-col-entry = entry criteria
tier-col-exit = exit criteria
tier-col-state = in use
tier-days = { $days } days
tier-hours = { $hours } hours a year
tier-none = none
tier-required = required
tier-retired = retired
tier-col-from = from
tier-col-to = to
tier-col-reason = why
tier-col-by = by
tier-not-in-one = { $client } is in no tier yet: casebook tier move FILE TIER --reason … puts the client in one.
tier-current = { $client } is in the tier { $name } since { $date }: contact every { $contact } days{ $review }.
tier-current-review = , review every { $days } days

## casebook portfolio
portfolio-service-levels = Tier service levels missed
portfolio-service-levels-ok = every client whose tier requires a senior sponsor has one
portfolio-by-tier = Caseload by tier
why-tier-no-sponsor = the tier { $tier } requires a senior sponsor, and none is named
portfolio-no-tier = no tier
rec-what-tier-entry = tier entry '{ $label }'
rec-entry-tier = tier entry { $what }
