# Account performance reviews (RV-1..RV-8): the agenda and question templates, reviews, their
# minutes, actions, decisions and post-review updates, and the review pack.

## Vocabularies
vocab-review-kind = kind of review
enum-review-kind-internal = internal
enum-review-kind-client = with the client
vocab-review-decision = decision
enum-review-decision-lead = lead
enum-review-decision-deputy = deputy
enum-review-decision-sponsor = sponsor
enum-review-decision-priority = priority

## Terms and fields
doc-term-review = review
doc-term-review-template-item = agenda item or review question
field-reviews = reviews
field-account-manager = account manager
field-line-manager = line manager
field-attendees = attendees
field-agenda = agenda
field-decisions = decisions
field-checklist = updates after the review
field-scheduled-by = scheduled by
field-review-days = days between reviews
rec-section-reviews = reviews
rec-what-review = review '{ $label }'

## Rules
rv-problem-closed = the review is closed already
rv-problem-no-account-manager = the review needs its account manager: give --account-manager, or name the client's lead
rv-problem-no-line-manager = an internal review always includes the account manager's line manager: give --line-manager
rv-problem-absent = { $name } must attend (casebook review attend FILE "{ $name }")
rv-problem-no-minutes = no minutes are recorded (casebook review minutes FILE R1 "…")
rv-cannot-close = The review of { $date } cannot be closed yet: { $problems }.
rv-rule-no-attendee = Name who attended.
rv-rule-no-such-item = The review has no item { $code }; its items are { $codes }.
rv-rule-empty-minutes = Nothing to record: give the text.
rv-rule-empty-decision = A decision needs its value: the new lead, deputy, sponsor or priority.
rv-rule-bad-update = "{ $update }" is not an update after a review; they are { $accepted }.
rv-rule-updated-already = "{ $update }" is ticked off already.
rv-rule-review-days = Reviews every { $days } days is not a cadence: give 1 to 730 days.
rv-rule-bad-group = "{ $group }" is not one of { $accepted }.

## History
rec-change-schema-8 = Schema 8: account performance reviews
rec-change-review-scheduled = Review ({ $kind }) of { $name } scheduled for { $date }
rec-change-review = Review of { $date }: { $what }
rec-review-attended = attended by { $names }
rec-review-minutes = minutes of { $code }
rec-review-answer = answer to { $code }
rec-review-action = action { $title } (owner { $owner }{ $due })
rec-review-decided = decided { $what } { $value }
rec-review-updated = updated { $update }
rec-change-review-closed = Review of { $date } closed with { $count } actions
rec-change-review-days = Reviews of { $name } every { $days } days
rec-change-agenda-added = Review agenda item { $code } added: { $text }
rec-change-agenda-changed = Review agenda item { $code }: { $state }
rec-change-rvq-added = Review question { $code } added: { $text }
rec-change-rvq-changed = Review question { $code }: { $state }
rv-update-account-file = account-file
rv-update-swot = swot
rv-update-scorecard = scorecard
rv-update-objectives = objectives
rv-update-risks = risks
rv-update-action-plan = action-plan

## Portfolio
portfolio-reviews-overdue = Account performance reviews overdue
portfolio-reviews-overdue-ok = every account on the review routine has had its review
why-review-overdue = { $days ->
    [one] review due { $due }, 1 day ago
   *[other] review due { $due }, { $days } days ago
}

## casebook review
rv-none-yet = This client has no review yet: casebook review schedule FILE --line-manager NAME schedules one.
rv-heading-admin = Admin
rv-heading-risk = Risk management
rv-heading-client = Client
rv-heading-relationship = Client contact and relationship
rv-heading-issues = Issues
rv-heading-delivery = Delivery and performance
rv-heading-sales = Sales
rv-heading-competitors = Competitors
rv-checklist-account-file = the account file
rv-checklist-swot = the SWOT analysis
rv-checklist-scorecard = the balanced scorecard
rv-checklist-objectives = personal performance and objectives
rv-checklist-risks = risk management
rv-checklist-action-plan = the account action plan
rv-show-title = { $client }: review ({ $kind }) of { $date }
rv-show-people = Account manager { $account_manager } · line manager { $line_manager } · attended: { $attendees }
rv-show-answered = Questions answered: { $headings }
rv-show-actions = Actions agreed: { $actions }
rv-show-carried = Carried forward from earlier reviews: { $actions }
rv-show-decision = Decided: { $what } { $value }
rv-show-updates-left = Updates still to make after the review: { $updates }
rv-show-cannot-close = Cannot be closed yet: { $problems }
rv-col-item = item
rv-col-minutes = minutes
rv-col-group = heading or input
rv-col-date = date
rv-col-kind = kind
rv-col-state = state
rv-col-actions = actions
rv-col-last-held = last held
rv-col-due = next due
rv-state-open = open
rv-state-closed = closed
rv-list-title = Account performance reviews of { $client }
rv-list-none = No account is on the review routine yet: casebook review schedule FILE starts one.
rv-next-due = Next internal review due { $date }.
rv-next-overdue = The next internal review was due { $date }: it is overdue.

## The review pack
pack-title = Review pack: { $client }
pack-header = Review ({ $kind }) on { $date } · account manager { $account_manager } · line manager { $line_manager }
pack-attendees = Attended: { $names }
pack-snapshot = Account snapshot
pack-row-client = client
pack-row-team = lead / deputy / senior sponsor
pack-row-stage = stage
pack-row-rag = risk colour
pack-row-people = people known
pack-row-last-contact = last contact
pack-row-open-actions = open actions
pack-row-open-risks = open risks
pack-row-pipeline = open opportunities' value
pack-agenda = Agenda
pack-minuted = Minutes: { $text }
pack-nothing-recorded = Nothing recorded in the account file: discuss and minute.
pack-no-previous = No earlier review has been closed.
pack-previous-of = Minutes of the review of { $date }:
pack-col-item = item
pack-col-minutes = minutes
pack-no-carried = No action from an earlier review is still open.
pack-no-actions = No open action.
pack-col-action = action
pack-col-owner = owner
pack-col-due = due
pack-col-objective = objective
pack-col-measure = measure
pack-col-target = target
pack-no-leavers = Nobody at the client has left.
pack-col-left = left
pack-col-title = title
pack-no-scorecard = No finalised scorecard yet.
pack-scorecard-latest = Latest scorecard, { $month }: overall { $overall } · Level 1 { $level1 } · Level 2 { $level2 }
pack-orders = Orders won { $won }, lost { $lost } (win rate { $rate }); lost orders not reviewed: { $unreviewed }; won this year to date { $this_year }, by the same day last year { $last_year }.
pack-no-pipeline = No open opportunity.
pack-col-opportunity = opportunity
pack-col-value = value
pack-col-qualified = COSMONAUTS score
pack-col-trend = trend
pack-trend-not-enough = not enough sessions yet
pack-trend-improving = improving
pack-trend-steady = steady
pack-trend-worsening = worsening
pack-col-swot = SWOT
pack-col-items = items
pack-contact-frequency = { $met ->
    [yes] Last contact { $date }: within the { $days } days allowed.
   *[no] Last contact { $date }: more than the { $days } days allowed.
}
pack-org-chart = Org chart of { $client }, coloured by contact coverage
pack-nothing-missing = Nothing is missing from the account file.
pack-missing-mission = the client's mission statement
pack-missing-strategy = the client's strategy
pack-missing-deputy = a deputy
pack-missing-sponsor = a senior sponsor
pack-missing-swot = a SWOT analysis
pack-missing-objectives = the client's objectives
pack-missing-exit-plan = an exit plan
pack-missing-people = anyone at the client
pack-missing-decision-maker = the decision maker
pack-missing-survey = a satisfaction survey in the last 12 months
pack-missing-scorecard = a balanced scorecard
pack-no-survey = No satisfaction survey yet.
pack-survey-latest = { $title }, issued { $date }: response rate { $rate }.
pack-next-review = Next internal review due { $date }.
pack-questions = Questions to ask
pack-heading = { $heading } ({ $answered } of { $of } answered)
