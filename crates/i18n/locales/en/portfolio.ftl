# The portfolio dashboard (`casebook portfolio`).
portfolio-title = Portfolio health — { $adviser } — { $date }
portfolio-all-advisers = all advisers
portfolio-caseload = Caseload: { $active } active, { $exited } exited
portfolio-section-none = ✔ { $title }: none — { $ok }
portfolio-section-some = ✘ { $title }: { $count }
portfolio-overdue-contacts = Overdue contacts
portfolio-overdue-contacts-ok = everyone contacted recently
portfolio-stalled = Stalled journeys
portfolio-stalled-ok = every journey is moving
portfolio-unresponsive = Unresponsive clients
portfolio-unresponsive-ok = every client is responding
portfolio-red = Red risk roll-ups
portfolio-red-ok = no red accounts
portfolio-risk-problems = Risk registers with data problems
portfolio-risk-problems-ok = every risk register reads cleanly
portfolio-no-exit-plan = Active clients without an exit plan
portfolio-no-exit-plan-ok = every client has an exit plan
portfolio-no-point-of-contact = Clients without a named point of contact
portfolio-no-point-of-contact-ok = every client has a lead adviser
portfolio-overdue-actions = Overdue actions
portfolio-overdue-actions-ok = no action is late
portfolio-conflicts-none = ✔ Open conflicts: none — every field holds one agreed value
portfolio-conflicts-some = ✘ Open conflicts: { $count } — colours and flags take the worst value until resolved
portfolio-by-stage = Caseload by stage
portfolio-by-segment = Caseload by segment
portfolio-by-adviser = Caseload by adviser
portfolio-churn = Churn { $from } to { $to }: { $exits } exits, { $intakes } intakes, average caseload { $average }, churn rate { $rate }
portfolio-not-applicable = n/a
column-id = id
column-client = client
column-lead = lead
column-why = why
column-fields = fields
column-list-with = list them with
column-stage = stage
column-clients = clients
column-segment = segment
column-lead-adviser = lead adviser
# Why a client is listed.
why-never-contacted = never contacted
why-last-contact = last contact { $days } days ago
why-too-long-in-stage = { $days } days in { $stage } (limit { $max_days })
why-no-progress = no progress for { $days } days (limit { $max_days })
why-no-reply = no reply for { $days } days
why-attempts-unanswered = { $attempts ->
    [one] 1 attempt unanswered
   *[other] { $attempts } attempts unanswered
}
why-open-risks = { $count ->
    [one] 1 open risk
   *[other] { $count } open risks
}
why-risk-data-problems = { $count ->
    [one] 1 data problem in the risk register: { $command }
   *[other] { $count } data problems in the risk register: { $command }
}
why-no-exit-plan = no exit plan agreed
why-no-lead-adviser = no lead adviser named
why-overdue-actions = { $count } overdue
why-disputed = ; disputed
portfolio-welsh-in-english = Welsh speakers served in English
portfolio-welsh-in-english-ok = everyone who prefers Welsh was served in Welsh
why-welsh-served-in-english = { $count ->
    [one] 1 interaction in English with someone who prefers Welsh
   *[other] { $count } interactions in English with someone who prefers Welsh
}
portfolio-period-reversed = --from { $from } is after --to { $to }; give the period start first
