# Contracts won and their own cycle of risk management (RK-6), coloured risk alerts from the
# people responsible for opportunities and contracts (RK-3), risk management plans (RK-5).

field-contracts = contracts
field-contract = contract
field-risk-alerts = coloured risk alerts
field-risk-plans = risk management plans
field-reporting = risk alert duty
field-manager = manager
field-start = start
field-ended = ended
field-reporter = reporter
field-from = from
field-colour = colour
field-commentary = commentary
field-register = register colour
field-activity = activity
field-started = started
field-effectiveness = effectiveness
rec-section-contracts = contracts
rec-section-risk_alerts = coloured risk alerts
rec-section-risk_plans = risk management plans
rec-what-contract = contract '{ $label }'
rec-what-risk-alert = risk alert '{ $label }'
rec-what-risk-plan = risk management plan '{ $label }'
rec-entry-contract = contract { $title }
rec-entry-risk-alert = risk alert of { $date }
rule-scope-contract = contract '{ $title }'
prr-for-contract = contract '{ $title }'

## Refusals
ct-rule-needs-title = A contract needs a title: give --title (or --opportunity, whose title it takes).
ct-rule-needs-manager = A contract needs the person who manages it: give --manager.
ct-rule-value = A contract's value must be a number of pounds, 0 or more.
ct-rule-not-won = "{ $title }" is { $status }, not won: a contract comes from a won order (casebook opp close FILE OPPORTUNITY --won --reason …).
ct-rule-has-contract = "{ $title }" has its contract already: "{ $contract }".
ct-rule-ended = The contract "{ $title }" ended on { $date }.
ct-rule-end-before-start = The contract "{ $title }" cannot end before it starts: give a later --date.
ra-rule-activity = Coloured risk alerts are sent for an opportunity or a contract: give --opportunity or --contract.
ra-rule-opportunity-ended = "{ $title }" is { $status }: alerts are sent while an opportunity is pursued (a won order's contract sends its own).
ra-rule-needs-reporter = Say who sends the alerts: give --reporter (or --by).
ra-rule-every = Alerts are sent every 1 to { $max } days: give --every with a number in that range.
ra-rule-needs-from = Say from which day the alerts are due: give --from.
ra-rule-needs-colour = An alert needs its colour: green, amber or red.
ra-rule-needs-date = An alert needs the day it was sent: give --date.
ct-what-end = The end of a contract
ra-what-alert = A risk alert
rmp-rule-scope = Risk management plans are kept for the account and for contracts: give --contract, or nothing for the account.
rmp-rule-no-plan = There is no risk management plan for { $what } yet: casebook risk plan start FILE starts it.
rmp-rule-needs-owner = A risk management plan needs the person who keeps it: give --owner.
rmp-rule-every = A plan is reviewed every 1 to { $max } days: give --review-every with a number in that range.
rmp-rule-started = The risk management plan for { $what } is started already.
rmp-rule-risk-scope = "{ $risk }" is not a risk of { $what }: a plan's actions treat its own risks.
rmp-rule-needs-notes = Say how effective the plan has been: give --notes.

## History
rec-change-schema-12 = Schema 12: contracts, coloured risk alerts and risk management plans
rec-change-contract-made = Contract '{ $title }' made (manager { $manager }{ $start }, £{ $value })
rec-change-contract-starts = , starts { $date }
rec-change-contract-ended = Contract '{ $title }' ended on { $date }
rec-change-alert-duty = Risk alerts for { $what }: { $reporter } every { $every } days from { $date }
rec-change-alert-sent = Risk alert for { $what }: { $colour } from { $reporter } on { $date }{ $below }
rec-change-alert-below = , below the register ({ $colour })
rec-change-risk-plan-started = Risk management plan for { $what }: owner { $owner }, reviewed every { $every } days
rec-change-risk-plan-action = Risk management plan for { $what }: action on '{ $risk }': { $item } (owner { $owner }{ $due })
rec-change-risk-plan-reviewed = Risk management plan for { $what } reviewed on { $date }

## casebook contract
ct-made = { $count ->
    [0] The contract "{ $contract }" begins its own risk register: no preventative risk that applied to the order is carried (casebook risk prr check FILE shows its checklist).
    [one] The contract "{ $contract }" begins its own risk register with 1 preventative risk carried from the order (casebook risk prr check FILE shows the rest of its checklist).
   *[other] The contract "{ $contract }" begins its own risk register with { $count } preventative risks carried from the order (casebook risk prr check FILE shows the rest of its checklist).
}
ct-none = This client has no contract yet: an order won (casebook opp close … --won) makes one.
ct-col-contract = contract
ct-col-manager = manager
ct-col-start = starts
ct-col-value = value
ct-col-colour = colour
ct-col-checklist = checked
ct-col-alerts = risk alerts
ct-col-plan = risk management plan
ct-ended-on = (ended { $date })
ct-no-duty = nobody named
ct-alerts = { $reporter } every { $every } days, { $missing } missing
ct-plan-review = review { $date }
ct-no-plan = none

## casebook risk alert
ra-none = No coloured risk alerts are due or sent for this client: casebook risk alert duty FILE --contract … --reporter NAME sets who sends them.
ra-col-activity = for
ra-col-reporter = from
ra-col-latest = latest
ra-col-trend = trend
ra-col-missing = missing
ra-col-latest-below = latest below the register
ra-col-date = date
ra-col-colour = colour
ra-col-register = register
ra-col-commentary = commentary
ra-every = { $reporter }, every { $every } days
ra-overdue = { $count } (overdue: the period from { $date })
ra-below = (alert below it)
ra-trend-worsening = worsening
ra-trend-improving = improving
ra-trend-steady = steady

## casebook risk plan
rmp-missing = { $what } has open threats and no risk management plan: casebook risk plan start FILE starts one.
rmp-none = No risk management plan yet: casebook risk plan start FILE starts the account's.
rmp-review-current = current
rmp-review-due = review due soon
rmp-review-overdue = review overdue
rmp-title = Risk management plan for { $what }: kept by { $owner }, { $reviews } review(s), next review { $next } ({ $state })
rmp-col-risk = risk
rmp-col-response = response
rmp-col-actions = actions
rmp-gap = no action (amber or red)
rmp-no-response = no response yet
rmp-per-response = Actions per response: { $counts }

## casebook portfolio
portfolio-risk-alerts = Coloured risk alerts overdue or below the register
portfolio-risk-alerts-ok = every alert due has been sent, none below the register
portfolio-risk-plans = Risk management plans to review, complete or start
portfolio-risk-plans-ok = every risk management plan is reviewed and has an action for each amber or red threat
why-alert-overdue-contract = no alert from { $reporter } for contract '{ $activity }' for the period from { $date }
why-alert-overdue-opportunity = no alert from { $reporter } for opportunity '{ $activity }' for the period from { $date }
why-alerts-below-register = { $count ->
    [one] the latest alert is below the register's colour
   *[other] the latest alerts of { $count } activities are below the register's colour
}
why-plan-review-overdue = risk management plan for { $what }: review due { $date }
why-plan-gaps = { $count ->
    [one] risk management plan for { $what }: 1 amber or red threat without an action
   *[other] risk management plan for { $what }: { $count } amber or red threats without an action
}
why-no-plan = no risk management plan for { $what }

## casebook risk list
risks-scope-contract = contract '{ $contract }'
risks-scope-contract-ended = contract '{ $contract }' (ended { $date })
risks-scope-contract-unknown = contract { $contract } (unknown)
risks-scope-contracted = opp: { $opportunity } (won: its contract's register carries on; out of the account's roll-up)
