# Sales, proposition and marketing action plans (OP-3).

vocab-plan-kind = kind of action plan
enum-plan-kind-sales = sales
enum-plan-kind-proposition = proposition
enum-plan-kind-marketing = marketing
doc-term-action-plan = action plan
field-action-plans = action plans
field-items = items
field-reviewed = reviewed
rec-section-action_plans = action plans
rec-what-action-plan = action plan '{ $label }'
ap-rule-needs-title = An action plan needs a title: give --title.
ap-rule-reviewed-today = "{ $title }" was reviewed today already.
ap-none = No action plan yet: casebook actionplan add FILE --kind sales --title ….
ap-col-kind = kind
ap-col-title = action plan
ap-col-reviewed = reviewed
ap-col-items = items
ap-out-of-date = (out of date: review it)
ap-items = { $done } done, { $open } open, { $overdue } overdue
pack-action-plans = Action plans:
rec-change-schema-11 = Schema 11: sales, proposition and marketing action plans
rec-change-plan-made = Action plan ({ $kind }) for { $client }: { $title }
rec-change-plan-item = Action plan '{ $title }': item { $item } (owner { $owner }{ $due })
rec-change-plan-reviewed = Action plan '{ $title }' reviewed on { $date }
