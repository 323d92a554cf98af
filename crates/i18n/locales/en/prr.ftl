# The Preventative Risk Register (RK-4): the organisation's predefined risks and the
# checklists of every account and opportunity.

doc-term-preventative-risk = preventative risk
field-prr = preventative risk register checks
field-applies = applies
field-risk = risk
rec-section-prr = preventative risk register checks
prr-scope-account = account
prr-scope-opportunity = opportunity
prr-scope-contract = contract
prr-rule-needs-text = A preventative risk needs its words: give --text.
prr-rule-scope = { $code } is checked for the { $scope }: give --opportunity for an opportunity's risks, --contract for a contract's, none for the account's.
prr-rule-checked = { $code } is checked here already.
prr-rule-needs-reason = Say why { $code } does not apply: give --not-applicable "the reason".
prr-no-such-item = The preventative risk register has no item { $code } (casebook risk prr list).
prr-say-which = Say whether the risk applies (--likelihood and --severity) or not (--not-applicable "the reason").
prr-col-scope = checked for
prr-col-category = category
prr-col-risk = risk
prr-col-check = check
prr-for-account = the account
prr-for-opportunity = opportunity '{ $title }'
prr-checklist-title = Preventative risk register for { $what }: { $done } of { $of } checked
prr-unchecked = to check
prr-applies = applies
prr-not-applicable = does not apply: { $reason }
rec-prr-not-applies = does not apply
rec-change-schema-10 = Schema 10: preventative risk register checks
rec-change-prr-added = Preventative risk { $code } added ({ $scope }): { $text }
rec-change-prr-changed = Preventative risk { $code }: { $state }
rec-change-prr-checked = Preventative risk { $code } for { $what }: { $decided }
