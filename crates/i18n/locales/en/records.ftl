# records
# The account file as the command line shows it (`client show`, `orgchart`, `log`, `action`,
# `history`, `diff`, `conflicts`, `resolve`, `withdraw`, `init`), and the command line's own
# errors. Keys: rec-<what>.

## The command line's own lines and errors.
rec-no-data-dir = no platform data directory is known here; pass --data-dir DIR or set CASEBOOK_DIR
rec-init-name-empty = --name must not be empty: give your name as the adviser using this node
rec-init-created =
    Created casebook store in { $dir }
    Node id: { $node }
    Adviser: { $adviser }
rec-not-a-date = { $field } '{ $text }' is not a date; use YYYY-MM-DD (e.g. 2026-05-12) or DD/MM/YYYY
rec-not-a-date-time = { $field } '{ $text }' is not a date-time; use 2026-05-12, 12/05/2026, 2026-05-12 14:30, 12/05/2026 14:30 (local time) or 2026-05-12T14:30:00Z
rec-printing-account-file = printing the account file
rec-person-ambiguous = '{ $text }' matches several people at { $client }; give the person's id (`casebook orgchart "{ $client }"`)
rec-no-such-person = no person '{ $text }' at { $client }; run `casebook client show "{ $client }"` to see people and their ids
rec-log-with-unknown = --with: { $error }; for someone not in the org chart use --with-other "{ $name }"
rec-keep-counts-from-1 = --keep counts from 1, as `casebook conflicts FILE` numbers the values
rec-say-which-value = say which value to keep: --keep N, --keep-by ADVISER or --set VALUE

## After an edit: the change, then where it went.
rec-report-file = file { $file }
rec-report-file-entry = file { $file }  entry { $entry }

## client list
rec-clients-count = { $count } client(s)
rec-list-disputed = Disputed: advisers set some fields apart; colours and flags take the worst value until one is kept (casebook conflicts CLIENT, then casebook resolve)

## client show
rec-show-conflicts = { $count } field(s) hold values advisers set apart; colours and flags take the worst until one is kept: casebook conflicts { $file }
rec-show-profile = { $legal-form } · { $sector } · { $region } { $postcode } · company no. { $company-number } · segments: { $segments }
rec-show-team = Intake { $intake } from { $source } · Lead { $lead } · Deputy { $deputy } · Sponsor { $sponsor }
rec-show-contact-communicated = Points of contact told to the client: { $date }
rec-show-not-yet = not yet
rec-show-mission = Mission: { $text }
rec-show-strategy = Strategy: { $text }
rec-show-priorities = Priorities: { $text }
rec-show-rollup = Risk roll-up: { $rag }{ $disputed }
rec-show-journey = Journey: stage { $stage } since { $since }
rec-show-by = by { $who }
rec-show-remedial-plan = Remedial plan: { $text }
rec-show-exit-plan = Exit plan: { $criteria } (planned { $planned }, onward { $onward })
rec-show-no-exit-plan = Exit plan: NONE — every client needs one (casebook client exit-plan)
rec-show-exited = EXITED { $date }: { $reason } — { $outcome } → { $destination }
rec-show-objectives-heading = Objectives and SWOT:
rec-show-objective = objective: { $goal } ({ $measure } → { $target }, by { $due })
rec-show-people-heading = People:
rec-show-left = (left)
rec-show-coverage-disputed = { $worst } (disputed: { $values })
rec-show-department = department { $department }
rec-show-person-language = language { $language }
rec-show-contact-log-heading = Contact log ({ $count }):
rec-show-actions-heading = Actions:
rec-show-risks-heading = Risks:
rec-show-withdrawn-heading = Withdrawn as entered by mistake (kept in history):
rec-show-withdrawn = { $id } { $what } — by { $who } on { $when }: { $reason }
rec-show-opportunities-heading = Opportunities:
rec-col-name = name
rec-col-title = title
rec-col-roles = roles
rec-col-channel = channel
rec-col-coverage = coverage
rec-col-reports-to = reports to
rec-col-when = when
rec-col-type = type
rec-col-dir = dir
rec-col-min = min
rec-col-purpose = purpose
rec-col-with = with
rec-col-summary = summary
rec-col-needs = needs
rec-col-action = action
rec-col-owner = owner
rec-col-due = due
rec-col-status = status
rec-col-opportunity = opportunity
rec-col-origin = origin
rec-col-value = value
rec-col-sessions = sessions
rec-col-qualification = qualification

## orgchart
rec-orgchart-title = Org chart of { $client }
rec-orgchart-disputed = disputed: { $values }

## action list
rec-overdue = OVERDUE
rec-actions-count = { $count } action(s), { $overdue } overdue

## history and diff
rec-col-change = change
rec-col-who = who
rec-col-node = node
rec-col-signed = signed
rec-col-received = received
rec-col-what = what
rec-history-schema = (schema)
rec-history-actor = actor { $actor }
rec-history-brought-in = brought in from a file by { $adviser } on { $date }
rec-history-unsigned = unsigned (local only)
rec-origin-local = local
rec-origin-file = file { $name }
rec-origin-peer = peer { $node }
rec-changes-count = { $count } change(s)
rec-no-differences = No differences.
rec-col-where = where
rec-col-entry = entry
rec-col-field = field
rec-col-before = before
rec-col-after = after
rec-section-profile = profile
rec-section-team = team
rec-section-journey = journey
rec-section-people = people
rec-section-interactions = interactions
rec-section-actions = actions
rec-section-risks = risks
rec-section-opportunities = opportunities
rec-section-objectives = objectives
rec-section-swot = swot
# A day: chrono's "%-d %B %Y" and "%-d %b %Y".
rec-month = { $day } { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }
rec-month-short = { $day } { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
} { $year }

## conflicts and resolve
rec-no-conflicts-here = No conflicts in this account file.
rec-no-conflicts = No conflicts in any account file.
rec-col-conflict = conflict
rec-col-number = #
rec-col-by = by
rec-col-shown-now = shown now
rec-conflicts-client = { $client } (file { $file })
rec-conflicts-count = { $count } conflict(s). Resolve one with: casebook resolve FILE CONFLICT --keep N | --keep-by ADVISER | --set VALUE
rec-author-schema = schema
rec-conflict-sentence = { $what }: { $values }
rec-conflict-value = { $value } by { $who }
rec-conflict-value-on = { $value } by { $who } on { $day }
rec-conflict-same-day = { $count ->
    [2] , both on { $day }
   *[other] , all on { $day }
}

## The changes casebook records, as history and each edit's confirmation show them. English
## runs show the stored message itself; these are for a library reader, and the words of the
## other languages.
rec-text = { $text }
rec-list = { $first }, { $rest }
rec-lines = { $first }; { $rest }
rec-none = (none)
rec-unscored = unscored
rec-value-by = { $value } by { $who }
rec-field-value = { $field } { $value }
rec-rag-off-scale = red: a value is off the 1–5 scale
rec-role-read = read
rec-role-write = write
rec-change-schema-file = Schema 1: account file created
rec-change-schema-org = Schema 1: organisation created
rec-change-schema-2 = Schema 2: objectives and SWOT analysis
rec-change-schema-3 = Schema 3: advisers' nodes
rec-change-schema-4 = Schema 4: changes brought in from files
rec-change-schema-5 = Schema 5: entries withdrawn as entered by mistake
rec-change-added-client = Added client { $name }
rec-change-edited-client = Edited { $name }: { $changes }
rec-change-segment-added = segment +{ $segment }
rec-change-segment-removed = segment -{ $segment }
rec-change-moved = Moved { $name } from { $from } to { $to }
rec-change-exit-plan-agreed = Agreed exit plan for { $name }: { $criteria }
rec-change-exit-plan-revised = Revised exit plan for { $name }: { $criteria }
rec-change-exited = Exited { $name }: { $reason }
rec-change-logged = Logged { $direction } { $kind } with { $with }: { $purpose }
rec-change-now-contacted = { $change }; now contacted: { $names }
rec-change-action = Action for { $name }: { $title } (owner { $owner })
rec-change-action-due = Action for { $name }: { $title } (owner { $owner }, due { $due })
rec-change-action-done = Completed action: { $title }
rec-change-withdrew = Withdrew { $what } from { $name }: { $reason }
rec-change-opportunity = Opportunity for { $name }: { $title } ({ $origin }, £{ $value })
rec-change-opportunity-closed = Opportunity '{ $title }' { $result } on { $date } (£{ $value }): { $reason }
rec-change-qualified = Qualified '{ $title }': { $total }, decision { $decision }
rec-change-risk-raised = Risk '{ $title }' raised: likelihood { $likelihood }, severity { $severity } ({ $rag })
rec-change-risk-assessed = Risk '{ $title }' assessed: { $changes } ({ $rag })
rec-change-objective = Objective: { $goal }
rec-change-swot = SWOT { $kind }: { $text }
rec-change-imported = Imported account file of { $name }
rec-change-added-person = Added person { $name } at { $client }
rec-change-added-person-titled = Added person { $name }, { $title } at { $client }
rec-change-edited-person = Edited person { $name }: { $changes }
rec-change-role-added = +{ $role }
rec-change-role-removed = -{ $role }
rec-change-coverage = Coverage of { $name }: { $from } → { $to }
rec-change-shared = Shared { $name } with { $label } ({ $role })
rec-change-unshared = Stopped sharing { $name } with { $label }
rec-change-brought-in = { $count ->
    [one] Brought in { $count } change from file { $source }
   *[other] Brought in { $count } changes from file { $source }
}
rec-change-org-named = Organisation named { $name }
rec-change-judged = Judged by the rules of { $name } from now on
rec-change-resolved-kept = Resolved { $what }: kept { $value } ({ $who })
rec-change-resolved-set = Resolved { $what }: set { $value } (over { $values })

## What a withdrawal took out, and the field a conflict is about.
rec-entry-person = person { $name }
rec-entry-action = action { $title }
rec-entry-risk = risk { $title }
rec-entry-opportunity = opportunity { $title }
rec-entry-interaction = { $direction } { $kind } on { $date } ({ $purpose })
rec-what-client = client '{ $label }'
rec-what-person = person '{ $label }'
rec-what-interaction = interaction '{ $label }'
rec-what-action = action '{ $label }'
rec-what-risk = risk '{ $label }'
rec-what-opportunity = opportunity '{ $label }'
rec-what-objective = objective '{ $label }'
rec-what-swot = SWOT item '{ $label }'
rec-what-field = { $what } { $field }
rec-what-sharing-node = sharing with node { $node }
rec-what-sharing-adviser = sharing with { $name }'s node { $node }

## The fields of entries, as changes and conflicts name them.
# The fields of an account file in words (the diff table; JSON keeps the field names).
field-actions = actions
field-answers = answers
field-at = when
field-by = author's name
field-category = category
field-channel = channel
field-company-number = company number
field-contact-communicated = contact communicated
field-coverage = coverage
field-coverage-history = coverage history
field-criteria = criteria
field-date = date
field-decision = decision
field-department = department
field-deputy = deputy
field-destination = destination
field-direction = direction
field-disputes = disputes
field-done-at = done
field-due = due
field-email = email
field-exit = exit
field-exit-plan = exit plan
field-file-id = file id
field-goal = goal
field-group = group
field-history = history
field-intake-date = intake date
field-interactions = interactions
field-journey = journey
field-kind = type
field-language = language
field-lead = lead
field-left = left
field-legal-form = legal form
field-likelihood = likelihood
field-measure = measure
field-minutes = minutes
field-mission = mission
field-mitigation = mitigation
field-name = name
field-needs = needs
field-neutral-reviewer = neutral reviewer
field-nodes = nodes
field-note = note
field-objectives = objectives
field-onward-referral = onward referral
field-opportunities = opportunities
field-opportunity = opportunity
field-origin = origin
field-our-attendees = our attendees
field-outcome = outcome
field-owner = owner
field-parent = parent risk
field-participants = participants
field-people = people
field-phone = phone
field-planned-by = visitor
field-planned-date = planned date
field-planned-for = planned for
field-polarity = polarity
field-postcode = postcode
field-priorities = priorities
field-profile = profile
field-purpose = purpose
field-question = question
field-raised = raised
field-reason = reason
field-region = region
field-remedial-plan = remedial plan
field-reports-to = reports to
field-residual-likelihood = residual likelihood
field-residual-severity = residual severity
field-response = response
field-result = result
field-risks = risks
field-roles = roles
field-schema-version = schema version
field-score = score
field-section = section
field-sector = sector
field-segments = segments
field-sessions = qualification sessions
field-severity = severity
field-sharing = sharing
field-source = source
field-sponsor = sponsor
field-stage = stage
field-stage-entered = stage entered
field-state = state
field-status = status
field-strategy = strategy
field-summary = summary
field-swot = SWOT
field-target = target
field-team = team
field-text = text
field-their-attendees = their attendees
field-timescale = timescale
field-title = title
field-value = value
field-weights = weights
field-what = what
field-withdrawn = withdrawn
rec-change-order-reviewed = Lost order '{ $title }' reviewed on { $date }: { $notes }
field-review = review
field-notes = notes
