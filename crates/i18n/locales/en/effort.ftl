# Effort (CL-3) and capacity (PF-5).

effort-title = Effort from { $from } to { $to } ({ $months } calendar months), from the minutes logged with contacts
effort-col-adviser = adviser
effort-col-hours = hours
effort-col-hours-year = hours (12 months)
effort-col-budget = budget (hours)
effort-col-capacity = capacity
effort-col-over = over
effort-over = over
effort-no-lead = (no lead)
effort-capacity = { $clients } clients, { $hours } hours a year
effort-error-period = The period ends before it starts: give a --from on or before --to.
effort-error-by = "{ $by }" is not a way to count effort: give --by client, tier or adviser.
portfolio-load = Load against capacity (last 12 months)
