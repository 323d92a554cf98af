# The balanced scorecard (BS-1..BS-5): the organisation's KPI set, monthly scorecards, the
# Level 1 rule, the answers the account file suggests, and the trend.

## Vocabularies
vocab-kpi-category = KPI category
enum-kpi-category-management = management
enum-kpi-category-financial = financial
enum-kpi-category-people = people
enum-kpi-category-client = client
enum-kpi-category-sales = sales
vocab-kpi-source = data that answers a KPI
enum-kpi-source-lost-orders-reviewed = lost orders reviewed
enum-kpi-source-new-business-up = new business up on last year
enum-kpi-source-pipeline-qualified = pipeline qualified
enum-kpi-source-exit-plan-agreed = exit plan agreed
enum-kpi-source-contact-frequency-met = contact frequency met
enum-kpi-source-journey-advanced = journey advanced

## Terms and fields
doc-term-kpi = KPI
doc-term-scorecard = scorecard
field-scorecards = scorecards
field-month = month
field-kpis = KPIs
field-code = code
field-level = level
field-text-cy = Welsh question
field-started-by = started by
field-started-at = started
field-supersedes = corrects
field-finalised = finalised
field-scores = scores
field-evidence = evidence
field-explanation = explanation
field-next-action = next action
field-action = action
rec-section-scorecards = scorecards

## The KPI set
rule-kpi-level = A KPI is Level 1 (mandatory) or Level 2 (recommended), not { $level }.
rule-kpi-needs-text = A KPI needs its question: give --text "…?".
rule-kpi-needs-category = A KPI needs its category: give --category management, financial, people, client or sales.
rule-kpi-bad-code = "{ $code }" is no KPI code: a code is one word, such as A3 or EE2.
rule-kpi-code-taken = KPI code { $code } is in use already ("{ $text }"): give another with --code.
rule-kpi-unchanged = KPI { $code } already says that: nothing to change.

## Scorecards
sc-rule-bad-month = "{ $month }" is no month: give it as YYYY-MM, such as 2026-11.
sc-rule-future-month = { $month } has not come yet (this is { $now }): a scorecard scores a month that has begun.
sc-rule-open-already = The scorecard for { $month } is started already ({ $id }): answer it and finalise it (casebook scorecard show FILE --month { $month }).
sc-rule-finalised-already = The scorecard for { $month } is finalised, and a finalised scorecard never changes: to correct it, start a new one with --correct.
sc-rule-correct-the-record = Scorecard { $id } is not the finalised scorecard of { $month }: only the month's record can be corrected.
sc-rule-score = A KPI scores 1 (yes) or 0 (no), not { $score }.
sc-rule-nothing-said = Nothing to record for { $code }: give --yes or --no, or what to add (--evidence, --explanation, --next-action, --owner, --due).
sc-cannot-finalise = The scorecard for { $month } cannot be finalised yet: { $problems }.
sc-problem-finalised = the scorecard for { $month } is finalised already
sc-problem-no-kpis = it has no KPIs to answer
sc-problem-unanswered = not answered yet: { $codes }
sc-problem-disputed = advisers answered differently apart: { $codes } (casebook conflicts FILE, then casebook resolve)
sc-problem-level1-no = { $code } is a Level 1 no and still needs its { $fields }

## Evidence the account file gives (BS-5)
sc-evidence-lost-all-reviewed = { $lost ->
    [0] no order lost, so none to review
    [one] the 1 lost order has been reviewed
   *[other] all { $lost } lost orders have been reviewed
}
sc-evidence-lost-not-reviewed = { $count } of { $lost } lost orders not reviewed, such as "{ $title }"
sc-evidence-new-business = { $this_year } won this year to date, { $last_year } by the same day last year
sc-evidence-exit-plan = exit plan agreed: { $criteria }
sc-evidence-no-exit-plan = no exit plan agreed
sc-evidence-last-contact = last contact { $date } (contact is due every { $days } days)
sc-evidence-no-contact = no contact logged
sc-evidence-stage-moved = moved to { $stage } on { $date }
sc-evidence-stage-since = at { $stage } since { $date }
sc-evidence-no-stage = no move along the pathway recorded
sc-evidence-no-pipeline = no open opportunity
sc-evidence-not-qualified = "{ $title }" has no COSMONAUTS session
sc-evidence-worsening = "{ $title }" is qualifying worse than at its session before
sc-evidence-pipeline-qualified = { $count ->
    [one] the open opportunity is qualified and not worsening
   *[other] all { $count } open opportunities are qualified and none worsening
}

## History and conflicts
rec-change-schema-6 = Schema 6: balanced scorecards
rec-change-scorecard-started = Scorecard for { $month } started ({ $count } KPIs)
rec-change-scorecard-correction = Scorecard for { $month } started to correct the finalised one
rec-change-scorecard-answer = Scorecard { $month }: { $code } { $what }
rec-scorecard-answered-yes = answered yes
rec-scorecard-answered-no = answered no
rec-change-scorecard-finalised = Scorecard { $month } finalised: { $percent }% (Level 1 { $level1 }, Level 2 { $level2 }); { $count } actions opened
rec-change-kpi-added = KPI { $code } added (level { $level }): { $text }
rec-change-kpi-changed = KPI { $code }: { $what }
rec-kpi-code = code { $code }
rec-kpi-question = question '{ $text }'
rec-kpi-question-cy = Welsh question '{ $text }'
rec-kpi-retired = retired
rec-kpi-in-use = in use
rec-what-scorecard = scorecard '{ $label }'
rec-what-scorecard-kpi = scorecard '{ $label }' KPI { $code } { $field }

## Portfolio
portfolio-level1-failures = Level 1 failures: accounts requiring immediate attention
portfolio-level1-failures-ok = no account below full marks on a Level 1 category
why-level1-failure = Level 1 below full marks in { $month }: { $categories }
portfolio-scorecards-overdue = Scorecards overdue
portfolio-scorecards-overdue-ok = every account on the scorecard routine has its months finalised
why-scorecard-overdue = { $count ->
    [one] no finalised scorecard for { $months }
   *[other] no finalised scorecard for { $count } months: { $months }
}
portfolio-lost-not-reviewed = Lost orders not reviewed
portfolio-lost-not-reviewed-ok = every lost order has been reviewed
why-lost-not-reviewed = { $count ->
    [one] 1 lost order not reviewed (casebook opp orders)
   *[other] { $count } lost orders not reviewed (casebook opp orders)
}

## The trend picture
pic-trend-title = Balanced scorecard trend: { $client }
pic-trend-empty = No finalised scorecard yet
pic-trend-overall = overall
pic-trend-attention-key = ⚠ a month when a Level 1 category was below full marks: the account required immediate attention

## casebook scorecard
sc-several-open = Advisers started { $month }'s scorecard more than once apart ({ $ids }): name one with --scorecard.
sc-none-for-month = No scorecard for { $month } yet: start one with casebook scorecard new FILE --month { $month }.
sc-no-such-kpi = The scorecard for { $month } asks no KPI { $code }; its KPIs are { $codes }.
sc-nothing-to-correct = { $month } has no finalised scorecard to correct.
sc-next-answer = { $count } KPIs to answer: casebook scorecard show { $file } --month { $month }, then casebook scorecard answer { $file } CODE --yes or --no.
sc-which-kpi = Name the KPI to answer by its code (such as A1), or give --suggested to accept what the account file suggests.
sc-no-suggestions = Nothing to accept: every KPI the account file can answer is answered already.
sc-attention = Requires immediate attention: { $categories } below full marks on Level 1.
sc-cannot-finalise-yet = Cannot be finalised yet: { $problems }
sc-yes = yes
sc-no = no
sc-state-open = open
sc-state-finalised = finalised
sc-state-corrected = corrected
sc-state-finalised-by = finalised by { $by } on { $date }
sc-show-title = Balanced scorecard of { $client } for { $month } ({ $state })
sc-col-code = code
sc-col-category = category
sc-col-question = question
sc-col-answer = answer
sc-col-notes = evidence and actions
sc-col-level1 = Level 1
sc-col-level2 = Level 2
sc-col-month = month
sc-col-state = state
sc-col-overall = overall
sc-col-attention = immediate attention
sc-col-last = last finalised
sc-col-this-month = this month
sc-col-overdue = overdue
sc-col-source = answered from
sc-col-in-use = in use
sc-disputed = disputed: { $values }
sc-next-action = next: { $action } ({ $owner }, by { $due })
sc-suggested = suggested { $answer }: { $evidence }
sc-level = level { $level }
sc-totals = Overall { $overall } · Level 1 { $level1 } · Level 2 { $level2 }
sc-changed-after = Answers changed after finalising, from a node that had not seen it (the finalised scores stand): { $codes }
sc-list-none = No client is on the scorecard routine yet: casebook scorecard new FILE starts one.
sc-list-none-here = No scorecard yet: casebook scorecard new { $file } starts this month's.
sc-list-title = Balanced scorecards of { $client }
sc-due = due
sc-done = finalised
sc-overdue-months = Overdue: no finalised scorecard for { $months }
sc-trend-title = Balanced scorecard trend of { $client } (⚠ requires immediate attention)
sc-kpi-added = Added KPI { $code }: { $text }
sc-kpi-changed = Changed KPI { $code }: { $text }
sc-kpi-retired = Retired KPI { $code } (new scorecards leave it out): { $text }
sc-kpi-restored = KPI { $code } is in use again: { $text }
sc-kpi-edit-nothing = Nothing to change: give --code, --text or --text-cy.
sc-retired = retired
sc-in-use = yes
sc-kpi-seed-note = Seed 003 names 10 of its 20 Level 1 KPIs and 5 of its 15 Level 2 KPIs; casebook ships those, and three for business-support advisers (retired until restored). Add your organisation's own with casebook scorecard kpi add.
