# Cynlluniau camau gweithredu gwerthu, cynigion a marchnata (OP-3).

vocab-plan-kind = math o gynllun camau gweithredu
enum-plan-kind-sales = gwerthu
enum-plan-kind-proposition = cynigion
enum-plan-kind-marketing = marchnata
doc-term-action-plan = cynllun camau gweithredu
field-action-plans = cynlluniau camau gweithredu
field-items = eitemau
field-reviewed = adolygwyd
rec-section-action_plans = cynlluniau camau gweithredu
rec-what-action-plan = cynllun camau gweithredu '{ $label }'
ap-rule-needs-title = Mae angen teitl ar gynllun camau gweithredu: rhowch --title.
ap-rule-reviewed-today = Adolygwyd "{ $title }" heddiw yn barod.
ap-none = Dim cynllun camau gweithredu eto: casebook actionplan add FILE --kind sales --title ….
ap-col-kind = math
ap-col-title = cynllun camau gweithredu
ap-col-reviewed = adolygwyd
ap-col-items = eitemau
ap-out-of-date = (wedi dyddio: mae angen adolygiad)
ap-items = wedi'u gwneud: { $done }, ar agor: { $open }, yn hwyr: { $overdue }
pack-action-plans = Cynlluniau camau gweithredu:
rec-change-schema-11 = Sgema 11: cynlluniau camau gweithredu gwerthu, cynigion a marchnata
rec-change-plan-made = Cynllun camau gweithredu ({ $kind }) ar gyfer { $client }: { $title }
rec-change-plan-item = Cynllun camau gweithredu '{ $title }': eitem { $item } (perchennog { $owner }{ $due })
rec-change-plan-reviewed = Adolygwyd y cynllun camau gweithredu '{ $title }' ar { $date }
