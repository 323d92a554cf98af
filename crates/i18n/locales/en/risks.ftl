# risks
# The risk register: `casebook risk list`.
risks-list-title = Risks of { $client }
risks-rollup-account = Account roll-up (highest colour wins): { $colour }
risks-rollup-upside = Upside roll-up (apart; never raises the account's colour): { $colour }
risks-heading-threats = Threats
risks-heading-upside = Upside risks (polarity opportunity: rolled up apart, never raising the account's colour)
risks-column-id = id
risks-column-risk = risk
risks-column-ls = L×S
risks-column-colour = colour
risks-column-with-sub-risks = with sub-risks
risks-column-response = response
risks-column-residual = residual
risks-column-scope = scope
risks-column-status = status
risks-under = { $title } (under '{ $parent }')
risks-parent-cycle = (parent cycle)
risks-disputed = (disputed)
risks-invalid = (invalid: { $values })
risks-field-likelihood = likelihood
risks-field-severity = severity
risks-field-status = status
risks-field-response = response
risks-field-residual-likelihood = residual likelihood
risks-field-residual-severity = residual severity
# A field and its value or values: "likelihood 9", "likelihood 4 or 2".
risks-field-values = { $field } { $values }
risks-scope-account = account
risks-scope-opportunity = opp: { $opportunity }
risks-scope-ended = opp: { $opportunity } ({ $status }; out of the account's roll-up)
risks-scope-withdrawn = opp: { $opportunity } (withdrawn entry)
risks-scope-unknown = opp: { $opportunity } (unknown)
risks-disputed-heading = Disputed (advisers set these apart; colours and the roll-up take the worst until one value is kept with `casebook resolve`, see `casebook conflicts { $file }`)
risks-problems-heading = Data problems (written by another tool or made by merges; the roll-up works around them until corrected)
risks-problem-parent-cycle = risks { $risks } name each other as parent; { $shown } is shown as a top-level risk until a parent is corrected
risks-problem-unknown-parent = risk { $risk } names a parent { $parent } that is not in this file; it is shown as a top-level risk
risks-problem-out-of-range = risk { $risk } has { $field } { $value }, off the 1–5 scale; it counts as red until corrected with `casebook risk assess`

# opportunities
# Opportunities and their COSMONAUTS qualification: `casebook opportunity ...`.
opp-error-score-form = --score '{ $score }' is not GROUP=SCORE or GROUP=SCORE:question (e.g. money=4 or authority=2:Who signs off?)
opp-error-score-range = --score '{ $score }': scores run from 0 to 5
opp-error-value = --value must be a positive amount in pounds
opp-show-title = { $client } — { $opportunity } ({ $origin }, £{ $value }, { $status })
opp-show-closed = Closed { $result } on { $date } (£{ $value }) by { $by }: { $reason }
opp-show-rollup = Risk roll-up: { $colour }
opp-show-current = Current qualification: { $total } — { $answered } of 10 groups answered (latest answer per group; unanswered groups score 0). Trend: { $trend }
opp-show-unanswered = Not answered yet: { $groups }
opp-trend-not-enough-sessions = not enough sessions yet
opp-trend-improving = improving
opp-trend-steady = steady
opp-trend-worsening = worsening
opp-column-session = session
opp-column-when = when
opp-column-decision = decision
opp-column-answered = answered
opp-column-total = total (answered groups)
opp-column-today = with today's weights
# The short heading of each COSMONAUTS group's column in the sessions table.
opp-group-heading = { $group ->
    [competition] com
    [opportunity] opp
    [solution] sol
    [money] mon
    [objective] obj
    [need] nee
    [authority] aut
    [unique] uni
    [timescale] tim
    [size] siz
   *[other] { $group }
}
opp-todays-weights = { $total } (today's weights)
opp-row-current = current
opp-all-groups = { $total } (all ten groups)
opp-column-client = client
opp-column-id = id
opp-column-opportunity = opportunity
opp-column-status = status
opp-column-value = value
opp-column-raised = raised
opp-column-qualification = qualification
opp-column-trend = trend
opp-column-risk = risk
opp-column-outcome = outcome
opp-list-qualification = { $percent }% ({ $answered }/10 groups)
opp-list-not-qualified = not qualified yet
opp-list-outcome = { $result } { $date }: { $reason }
opp-list-none = No opportunities.
opp-list-totals = { $count ->
    [one] 1 opportunity
   *[other] { $count } opportunities
}; pipeline (open or on hold) £{ $pipeline }; won £{ $won }

# What `casebook risk add` and `risk assess` say they did (the history keeps the English).
risks-added = Risk '{ $risk }' raised: likelihood { $likelihood }, severity { $severity } ({ $colour })
risks-assessed = Risk '{ $risk }' assessed: { $changes } ({ $colour })
risks-colour-off-scale = red: a value is off the 1–5 scale
risks-field-mitigation = mitigation
risks-field-owner = owner
# What `casebook opportunity add`, `qualify` and `close` say they did.
opp-added = Opportunity for { $client }: { $opportunity } ({ $origin }, £{ $value })
opp-qualified = Qualified '{ $opportunity }': { $total }, decision { $decision }
opp-unscored = unscored
opp-closed = Opportunity '{ $opportunity }' { $result } on { $date } (£{ $value }): { $reason }
# Orders won and lost (OP-4).
opp-reviewed = Reviewed the lost order '{ $opportunity }' on { $date }
orders-none = No orders won or lost yet.
orders-won = won
orders-lost = lost
orders-win-rate = win rate
orders-not-reviewed = lost, not reviewed
orders-this-year = won this year to date
orders-last-year = same point last year
orders-ahead = (ahead)
orders-behind = (not ahead)
orders-unreviewed-total = { $count ->
    [0] Every lost order is reviewed.
    [one] 1 lost order is not reviewed yet: casebook opp review FILE OPPORTUNITY --notes "…"
   *[other] { $count } lost orders are not reviewed yet: casebook opp review FILE OPPORTUNITY --notes "…"
}
