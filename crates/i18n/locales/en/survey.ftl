# Client satisfaction surveys (SV-1..SV-5): the question bank by level, surveys, responses,
# the analysis, the trend and the Improvements Action Plan.

## Vocabularies
vocab-survey-area = survey area
enum-survey-area-relationship = relationship
enum-survey-area-deliverables = deliverables
enum-survey-area-teamwork = teamwork
enum-survey-area-account-manager = account manager
enum-survey-area-culture = culture
enum-survey-area-value = value
vocab-survey-level = survey level
enum-survey-level-users = users
enum-survey-level-managers = managers
enum-survey-level-board = board
vocab-exposure = exposure
enum-exposure-direct = direct
enum-exposure-indirect = indirect
enum-kpi-source-survey-in-last-year = survey in the last 12 months

## Terms and fields
doc-term-survey = survey
doc-term-survey-recipient = survey recipient
doc-term-survey-question = survey question
field-surveys = surveys
field-planned = planned
field-deadline = deadline
field-administrator = administrator
field-anonymous = anonymous
field-questions = questions
field-recipients = recipients
field-issued = issued
field-responses = responses
field-closed = closed
field-improvements = improvements
field-area = area
field-person = person
field-function = function
field-exposure = exposure
field-recipient = recipient
field-received = received
field-unaware-of = not aware of
field-comment = comment
rec-section-surveys = surveys
rec-what-survey = survey '{ $label }'

## Rules
sv-rule-needs-title = A survey needs a title: give --title "Annual survey 2026".
sv-rule-needs-deadline = A survey needs a deadline for responses: give --deadline.
sv-rule-deadline-past = The deadline { $deadline } has passed already (today is { $today }): give a day still to come.
sv-rule-no-questions = The organisation has no survey question in use: add one with casebook survey question add.
sv-rule-closed = Survey "{ $title }" is closed: nothing more can be added to it.
sv-rule-recipient-needs-name = A recipient needs a name.
sv-rule-asked-already = { $name } is asked in "{ $title }" already.
sv-cannot-issue = Survey "{ $title }" cannot be issued yet: { $problems }.
sv-problem-issued = "{ $title }" has been issued already
sv-problem-no-recipients = nobody is asked yet (casebook survey recipient FILE PERSON --level users|managers|board)
sv-problem-most-senior = the most senior person known at the client must always be surveyed: ask { $names }
sv-problem-recipient-level = every recipient needs a level: users, managers or board
sv-rule-not-issued = Survey "{ $title }" has not been issued yet: casebook survey issue FILE first.
sv-rule-anonymous = Survey "{ $title }" is anonymous: record the response with --level and no respondent.
sv-rule-answered-already = { $name } has answered already.
sv-rule-response-level = Say which questions were answered: give --level users, managers or board, or the respondent.
sv-rule-empty-response = The response holds nothing: give at least one --score, --unaware or --comment.
sv-rule-not-asked-at-level = Question { $code } is not asked of { $level }.
sv-rule-score = Question { $code } is scored 1 (very poor) to 5 (excellent), not { $score }.
sv-rule-improvement-owner = An improvement needs an owner: give --owner.
sv-rule-question-needs-text = A question needs its text: give --text "…?".
sv-rule-question-unchanged = Question { $code } is so already: nothing to change.

## casebook survey
sv-none-yet = This client has no survey yet: casebook survey plan FILE --title … --deadline … starts one.
sv-no-such-question = Survey "{ $title }" asks no question { $code }.
sv-not-a-recipient = { $name } is not asked in "{ $title }": add them with casebook survey recipient first.
sv-who = Name the person of the org chart to ask, or someone else with --other NAME.
sv-bad-score = "{ $text }" is no score: write CODE=N, such as U1=4.
sv-csv-score = "{ $text }" is no score from 1 to 5
sv-imported = { $count ->
    [one] Brought in 1 response.
   *[other] Brought in { $count } responses.
}
sv-ignored-columns = Columns left out (not a question of the survey): { $columns }
sv-analysis-title = { $client }: { $title } ({ $stage })
sv-stage-planned = planned, not issued
sv-stage-issued = issued, waiting for responses
sv-stage-analysis-due = the deadline has passed: the analysis must begin
sv-stage-closed = closed
sv-col-level = level
sv-col-asked = asked
sv-col-by-deadline = by the deadline
sv-col-late = late
sv-col-rate = response rate
sv-col-area = area
sv-col-all = all levels
sv-col-asked-of = asked of
sv-col-title = survey
sv-col-stage = stage
sv-col-issued = issued
sv-col-deadline = deadline
sv-col-responses = responses
sv-col-last-issued = last issued
sv-col-due = survey due
sv-due = due
sv-not-due = no
sv-overall-rate = Response rate over every level: { $rate }
sv-unaware = Not aware of our services (for the Improvements Action Plan): { $services }
sv-ask-reference = Every area scored 4 or more of 5: ask the client to be a reference site.
sv-off-scale = { $count } answers off the 1–5 scale were left out.
sv-improvement = Improvement: { $title } ({ $owner }, by { $due }; { $status })
sv-list-title = Satisfaction surveys of { $client }
sv-list-none = No survey yet: casebook survey plan { $file } --title … --deadline … starts one.
sv-trend-title = Satisfaction by area, survey by survey: { $client } (mean of 1–5)
sv-trend-empty = No closed survey yet.
sc-evidence-survey-issued = latest survey issued { $date }
sc-evidence-no-survey = no survey recorded
portfolio-surveys-due = Satisfaction surveys due (none in the last 12 months)
portfolio-surveys-due-ok = every key account has been surveyed in the last 12 months
why-survey-due = last survey issued { $date }
why-never-surveyed = never surveyed

## History
rec-change-schema-7 = Schema 7: satisfaction surveys
rec-change-survey-planned = Survey '{ $title }' planned (deadline { $deadline }, { $count } questions)
rec-change-survey-asked = Survey '{ $title }': { $name } asked ({ $level })
rec-change-survey-issued = Survey '{ $title }' issued to { $count } people
rec-change-survey-response = Survey '{ $title }': response from { $name } ({ $level })
rec-change-survey-response-anonymous = Survey '{ $title }': response from anonymous ({ $level })
rec-change-survey-closed = Survey '{ $title }' closed with { $count } responses
rec-change-survey-improvement = Survey '{ $title }': improvement: { $action } (owner { $owner }{ $due })
rec-change-survey-improvement-due = , due { $date }
rec-change-question-added = Survey question { $code } added ({ $level }): { $text }
rec-change-question-retired = Survey question { $code }: retired
rec-change-question-in-use = Survey question { $code }: in use
sv-respondent-ambiguous = { $count } recipients are called { $name }: give the recipient's id (casebook survey analyse FILE --json lists them).

## Feedback of the results (SV-5)
field-feedback = feedback
field-to = to
sv-rule-feedback-not-closed = "{ $title }" is not closed yet: its results are fed back once it is (casebook survey close FILE).
sv-rule-feedback-needs-date = Say on which day the results were fed back: give --date.
sv-what-feedback = Feedback of the results
sv-rule-feedback-to = Say who the results were fed back to: give --to.
rec-change-survey-feedback = Survey '{ $title }': results fed back to { $to } on { $date }
sv-feedback = { $count ->
    [0] Results fed back to nobody yet (casebook survey feedback FILE --to NAME).
   *[other] Results fed back to: { $given }.
}
sv-feedback-still-to = Recipients still to hear the results: { $names }.
