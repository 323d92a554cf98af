# rules
# The errors of account files (casebook-doc): bad values, ranges, unknown entries, limits, and
# the rules an edit must keep (keys rule-*).
doc-bad-value = '{ $input }' is not a valid { $what }; accepted: { $accepted }
doc-out-of-range = { $what } must be between { $min } and { $max }, got { $value }
doc-bad-date = '{ $input }' is not a valid { $what }; use { $forms }
doc-no-such-entry = no { $what } with id '{ $id }' in this account file; run `casebook client show FILE` to see its ids
doc-ambiguous-entry = '{ $id }' matches more than one { $what }; give more characters of the id
doc-no-such-conflict = no conflict with id '{ $id }' in this account file (it may have been resolved already); run `casebook conflicts FILE` to list its conflicts and their ids
doc-too-long = the { $field } is { $chars } characters long, and the most is { $max }: shorten it
doc-not-an-account-file = this is not a casebook account file: { $why }
doc-schema-too-new = account file { $file_id } has schema version { $found }, but this casebook reads up to { $supported }; upgrade casebook to open it
doc-malformed = account file content is malformed: { $why }
doc-automerge = automerge: { $why }

# Why a document is not an account file.
doc-why-section-missing = its '{ $key }' section is missing
doc-why-section-missing-since = its '{ $key }' section is missing (schema { $schema })
doc-why-not-organisation = { $id } is an account file, not an organisation
doc-why-no-sharing = it has no sharing map
doc-why-genesis-journey = genesis lost its journey
doc-why-bad-file-id = file_id '{ $text }' is not a UUID
doc-why-not-text = { $key } is not text
doc-why-no-key = it has no { $key }
doc-why-bad-owner = owner '{ $text }' is not a node id
doc-why-no-schema = it has no schema version

# Terms the errors above name: kinds of entry, fields, numbers (doc-term-<term>).
doc-term-other = { $what }
doc-term-entry = entry
doc-term-any-entry = entry (person, interaction, action, risk or opportunity)
doc-term-withdrawn-entry = entry (it is already withdrawn)
doc-term-person = person
doc-term-interaction = interaction
doc-term-action = action
doc-term-risk = risk
doc-term-parent-risk = parent risk
doc-term-pathway-stage = pathway stage
doc-term-sharing-role = sharing role
doc-term-an-interaction-s-minutes = an interaction's minutes
doc-term-cosmonauts-score = COSMONAUTS score
doc-term-days-without-contact-before-a-contact-is-overdue = days without contact before a contact is overdue
doc-term-days-without-a-response-before-a-client-is-unresponsive = days without a response before a client is unresponsive
doc-term-days-without-progress-before-a-journey-is-stalled = days without progress before a journey is stalled
doc-term-days-a-client-may-stay-in-a-stage = days a client may stay in a stage
doc-term-unanswered-attempts-before-a-client-is-unresponsive = unanswered attempts before a client is unresponsive
doc-term-the-score-where-amber-starts = the score where amber starts
doc-term-the-score-where-red-starts = the score where red starts
doc-term-name-in-a-list = name in a list
doc-term-segment = segment

# Rules an edit must keep.
rule-nothing-to-change = nothing to change: every value given is already set
rule-interaction-in-future = an interaction dated { $at } has not happened yet: interactions are dated up to { $latest } (a day ahead of now); to plan a contact, add an action with --due or plan a visit (person visit --planned)
rule-day-in-future = { $what } dated { $date } has not happened yet: give today ({ $today }) or earlier
rule-intake-in-future = an intake date of { $intake } is in the future: the intake is the day the client joined, today ({ $today }) or earlier
rule-exit-date-impossible = an exit dated { $date } cannot be true: an exit is dated from { $from } to today ({ $today }); to plan an exit, use `client exit-plan --date`
rule-exit-from-any-date = any date
rule-exit-from-intake = the intake ({ $date })
rule-planned-exit-before-intake = a planned exit on { $date } is before the intake ({ $intake }): plan it on { $intake } or later
rule-stage-entry-impossible = a stage entered at { $at } cannot be true: a stage is entered from { $from } to now ({ $now })
rule-stage-from-any-time = any time
rule-stage-from-earliest = { $at } (the intake or the current stage's entry)
rule-client-needs-name = a client needs a name (--name)
rule-client-name-empty = a client's name cannot be empty
rule-client-exited-no-journey = { $client } has exited; it has no journey to move
rule-already-in-stage = { $client } is already in stage { $stage }
rule-exit-plan-needs-criteria = an exit plan needs criteria (--criteria)
rule-already-exited = { $client } already exited on { $date } ({ $reason })
rule-action-needs-title = an action needs a title
rule-action-already-done = action '{ $title }' is already done
rule-withdraw-needs-reason = say why the entry is withdrawn (--reason), so others know it was a mistake
rule-opportunity-needs-title = an opportunity needs a title
rule-opportunity-closed-no-qualify = opportunity '{ $title }' is { $status } already; a closed opportunity is not qualified again
rule-opportunity-session-needs-answer = a qualification session needs at least one scored answer
rule-opportunity-close-not-outcome = an opportunity closes as won, lost or withdrawn, not { $status }
rule-opportunity-close-needs-reason = closing an opportunity needs a reason (--reason "..."): what won it, or why it was lost or withdrawn
rule-opportunity-value-negative = --value must be a positive amount in pounds
rule-opportunity-already-closed = opportunity '{ $title }' was closed as { $status } already; an outcome is recorded once
rule-opportunity-already-closed-on = opportunity '{ $title }' was closed as { $status } on { $date } already; an outcome is recorded once
rule-risk-needs-title = a risk needs a title
rule-sub-risk-scope = a sub-risk keeps its parent's scope: '{ $parent }' belongs to { $scope }; leave out --opportunity
rule-scope-opportunity = opportunity '{ $title }'
rule-scope-account = the account
rule-accept-needs-note = accepting a risk needs a budget and contingency note (--mitigation "...")
rule-objective-needs-goal = an objective needs a goal
rule-swot-needs-text = a SWOT item needs text
rule-import-needs-name = the account file has no client name (profile.name)
rule-person-needs-name = a person needs a name (--name)
rule-person-reports-to-self = { $name } cannot report to themselves
rule-visit-needs-visitor = a planned visit needs a visitor (--by NAME)
rule-already-shared = { $client } is already shared with { $label } ({ $role })
rule-owner-keeps-write = the owner of a file always keeps write access
rule-owner-not-removed = the owner of a file cannot be removed from it
rule-not-shared = { $client } is not shared with { $label }
rule-read-only = this node may only read { $client }; ask a node that may write it to share it with you
rule-nested-lists = nested lists are not part of the schema
rule-endorsement-unrecordable = cannot record the endorsement: { $why }
rule-settings-unchanged = the organisation's settings already say that; nothing changed
rule-organisation-needs-name = an organisation needs a name
rule-not-organisation-id = { $id } is not an organisation's id
rule-role-unchanged-administrator = { $label } is already an administrator of { $org }
rule-role-unchanged-member = { $label } is already a member of { $org }
rule-role-unchanged-none = { $label } is already no longer part of { $org }
rule-last-administrator = { $label } is the only administrator of { $org }; make another node an administrator first
rule-pathway-needs-stage = the pathway needs at least one stage
rule-cosmonauts-weight = at least one COSMONAUTS group needs a weight above 0
rule-amber-below-red = amber must start below red: amber from { $amber } and red from { $red } leave no amber; give an amber score from 2 to { $most }
rule-matrix-falls-with-likelihood = RAG matrix: likelihood { $likelihood } severity { $severity } is { $here } but likelihood { $next } is { $there }; colours must not fall as likelihood rises
rule-matrix-falls-with-severity = RAG matrix: likelihood { $likelihood } severity { $severity } is { $here } but severity { $next } is { $there }; colours must not fall as severity rises
rule-conflict-no-candidate = { $what } has values 1 to { $count }; there is no value { $number }
rule-conflict-unstorable = '{ $text }' cannot be stored as { $what }: { $why }
rule-conflict-none-by = no value of { $what } was set by '{ $wanted }'; its values are { $values }
rule-conflict-several-by = { $wanted } set more than one value of { $what } ({ $values }); choose one by its number
rule-conflict-group = { $what } is a group of fields, not one value; keep one of its values by number or adviser
rule-conflict-not-whole = '{ $text }' is not a whole number; { $what } holds whole numbers
rule-conflict-not-number = '{ $text }' is not a number; { $what } holds numbers
rule-conflict-not-yes-no = '{ $text }' is not yes or no; { $what } holds yes or no
rule-conflict-not-typed = { $what } cannot be typed in; keep one of its values by number or adviser

# Automerge bytes refused before Automerge reads them (casebook-base's guard).
guard-refused = { $why }
guard-panicked = malformed bytes that the Automerge decoder cannot read
guard-bundle = it holds an Automerge bundle, which casebook does not read
guard-inflates-too-far = its compressed parts inflate to more than { $mib } MiB
guard-too-many-items = a column of it claims more than { $limit } items
guard-malformed-column = a column of it is malformed

# Problems of a risk register another tool wrote, and why two clients look like duplicates.
rule-risk-parent-cycle = risks { $risks } name each other as parent; { $shown } is shown as a top-level risk until a parent is corrected
rule-risk-unknown-parent = risk { $risk } names a parent { $parent } that is not in this file; it is shown as a top-level risk
rule-risk-off-scale = risk { $risk } has { $field } { $value }, off the 1–5 scale; it counts as red until corrected with `casebook risk assess`
rule-duplicate-company-number = same company number
rule-duplicate-name-and-postcode = same name and postcode
rule-duplicate-name-without-postcode = same name, and no postcode to tell them apart
# Lost-order reviews (OP-4).
rule-order-review-needs-notes = a lost-order review needs notes: say what was learnt
rule-order-review-not-lost = only a lost order is reviewed; '{ $title }' is { $status }
rule-order-reviewed-already = the lost order '{ $title }' was reviewed already on { $date }
rule-order-review-before-loss = a review dated { $date } would come before the order was lost on { $lost }
doc-term-clients-an-adviser-can-lead = clients an adviser can lead
doc-term-hours-a-year-an-adviser-can-give-clients = hours a year an adviser can give clients
rule-band = A band runs from a minimum to a maximum between 0 and 100 per cent: got { $min } to { $max }.
