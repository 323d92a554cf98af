# Y cerdyn sgorio cytbwys (BS-1..BS-5): set KPI y sefydliad, cardiau sgorio misol, rheol
# Lefel 1, yr atebion y mae'r ffeil cyfrif yn eu hawgrymu, a'r duedd.

## Geirfaoedd
vocab-kpi-category = categori KPI
enum-kpi-category-management = rheolaeth
enum-kpi-category-financial = ariannol
enum-kpi-category-people = pobl
enum-kpi-category-client = cleient
enum-kpi-category-sales = gwerthu
vocab-kpi-source = data sy'n ateb KPI
enum-kpi-source-lost-orders-reviewed = archebion a gollwyd wedi'u hadolygu
enum-kpi-source-new-business-up = mwy o fusnes newydd na'r llynedd
enum-kpi-source-pipeline-qualified = piblinell wedi'i chymhwyso
enum-kpi-source-exit-plan-agreed = cynllun ymadael wedi'i gytuno
enum-kpi-source-contact-frequency-met = cyswllt yn ddigon aml
enum-kpi-source-journey-advanced = taith wedi symud ymlaen

## Termau a meysydd
doc-term-kpi = KPI
doc-term-scorecard = cerdyn sgorio
field-scorecards = cardiau sgorio
field-month = mis
field-kpis = KPIs
field-code = cod
field-level = lefel
field-text-cy = cwestiwn Cymraeg
field-started-by = wedi'i ddechrau gan
field-started-at = wedi'i ddechrau
field-supersedes = yn cywiro
field-finalised = wedi'i derfynoli
field-scores = sgorau
field-evidence = tystiolaeth
field-explanation = eglurhad
field-next-action = cam gweithredu nesaf
field-action = cam gweithredu
rec-section-scorecards = cardiau sgorio

## Y set KPI
rule-kpi-level = Mae KPI naill ai ar Lefel 1 (gorfodol) neu ar Lefel 2 (argymelledig), nid { $level }.
rule-kpi-needs-text = Mae angen ei gwestiwn ar KPI: rhowch --text "…?".
rule-kpi-needs-category = Mae angen ei gategori ar KPI: rhowch --category management (rheolaeth), financial (ariannol), people (pobl), client (cleient) neu sales (gwerthu).
rule-kpi-bad-code = Nid yw '{ $code }' yn god KPI: un gair yw cod, fel A3 neu EE2.
rule-kpi-code-taken = Mae'r cod KPI { $code } yn cael ei ddefnyddio eisoes ("{ $text }"): rhowch un arall gyda --code.
rule-kpi-unchanged = Mae KPI { $code } yn dweud hynny eisoes: dim i'w newid.

## Cardiau sgorio
sc-rule-bad-month = Nid yw '{ $month }' yn fis: rhowch ef ar y ffurf YYYY-MM, fel 2026-11.
sc-rule-future-month = Nid yw { $month } wedi dod eto ({ $now } yw'r mis presennol): mae cerdyn sgorio'n sgorio mis sydd wedi dechrau.
sc-rule-open-already = Mae'r cerdyn sgorio ar gyfer { $month } wedi'i ddechrau eisoes ({ $id }): atebwch ef a'i derfynoli (casebook scorecard show FILE --month { $month }).
sc-rule-finalised-already = Mae'r cerdyn sgorio ar gyfer { $month } wedi'i derfynoli, ac nid yw cerdyn sgorio a derfynolwyd byth yn newid: i'w gywiro, dechreuwch un newydd gyda --correct.
sc-rule-correct-the-record = Nid y cerdyn sgorio { $id } yw'r cerdyn sgorio a derfynolwyd ar gyfer { $month }: dim ond cofnod y mis y gellir ei gywiro.
sc-rule-score = Mae KPI yn sgorio 1 (ie) neu 0 (na), nid { $score }.
sc-rule-nothing-said = Dim i'w gofnodi ar gyfer { $code }: rhowch --yes neu --no, neu beth i'w ychwanegu (--evidence, --explanation, --next-action, --owner, --due).
sc-cannot-finalise = Ni ellir terfynoli'r cerdyn sgorio ar gyfer { $month } eto: { $problems }.
sc-problem-finalised = mae'r cerdyn sgorio ar gyfer { $month } wedi'i derfynoli eisoes
sc-problem-no-kpis = nid oes ganddo unrhyw KPI i'w ateb
sc-problem-unanswered = heb eu hateb eto: { $codes }
sc-problem-disputed = atebodd cynghorwyr ar wahân, ac yn wahanol: { $codes } (casebook conflicts FILE, yna casebook resolve)
sc-problem-level1-no = 'na' yw ateb { $code }, KPI Lefel 1, ac mae angen y rhain arno o hyd: { $fields }

## Y dystiolaeth y mae'r ffeil cyfrif yn ei rhoi (BS-5)
sc-evidence-lost-all-reviewed = { $lost ->
    [0] dim archeb wedi'i cholli, felly dim i'w hadolygu
    [one] mae'r unig archeb a gollwyd wedi'i hadolygu
   *[other] mae'r { $lost } archeb a gollwyd i gyd wedi'u hadolygu
}
sc-evidence-lost-not-reviewed = { $count ->
    [one] 1 o'r { $lost } archeb a gollwyd heb ei hadolygu, sef '{ $title }'
   *[other] { $count } o'r { $lost } archeb a gollwyd heb eu hadolygu, fel '{ $title }'
}
sc-evidence-new-business = { $this_year } wedi'i ennill eleni hyd yma, { $last_year } erbyn yr un diwrnod y llynedd
sc-evidence-exit-plan = cynllun ymadael wedi'i gytuno: { $criteria }
sc-evidence-no-exit-plan = dim cynllun ymadael wedi'i gytuno
sc-evidence-last-contact = y cyswllt diwethaf ar { $date } ({ $days ->
    [one] dylid cysylltu bob dydd
    [two] dylid cysylltu bob 2 ddiwrnod
   *[other] dylid cysylltu bob { $days } diwrnod
})
sc-evidence-no-contact = dim cyswllt wedi'i gofnodi
sc-evidence-stage-moved = symudodd i'r cam { $stage } ar { $date }
sc-evidence-stage-since = yn y cam { $stage } ers { $date }
sc-evidence-no-stage = dim symudiad ar hyd y llwybr wedi'i gofnodi
sc-evidence-no-pipeline = dim cyfle ar agor
sc-evidence-not-qualified = nid oes sesiwn COSMONAUTS ar gyfer '{ $title }'
sc-evidence-worsening = mae '{ $title }' yn cymhwyso'n waeth nag yn ei sesiwn flaenorol
sc-evidence-pipeline-qualified = { $count ->
    [one] mae'r cyfle sydd ar agor wedi'i gymhwyso, ac nid yw'n gwaethygu
    [two] mae'r 2 gyfle sydd ar agor wedi'u cymhwyso, ac nid oes yr un yn gwaethygu
    [few] mae'r { $count } chyfle sydd ar agor i gyd wedi'u cymhwyso, ac nid oes yr un yn gwaethygu
    [many] mae'r { $count } chyfle sydd ar agor i gyd wedi'u cymhwyso, ac nid oes yr un yn gwaethygu
   *[other] mae'r { $count } cyfle sydd ar agor i gyd wedi'u cymhwyso, ac nid oes yr un yn gwaethygu
}

## Hanes a gwrthdaro
rec-change-schema-6 = Sgema 6: cardiau sgorio cytbwys
rec-change-scorecard-started = Dechreuwyd cerdyn sgorio ar gyfer { $month } ({ $count } KPI)
rec-change-scorecard-correction = Dechreuwyd cerdyn sgorio ar gyfer { $month } i gywiro'r un a derfynolwyd
rec-change-scorecard-answer = Cerdyn sgorio { $month }: { $code } { $what }
rec-scorecard-answered-yes = atebwyd ie
rec-scorecard-answered-no = atebwyd na
rec-change-scorecard-finalised = Terfynolwyd cerdyn sgorio { $month }: { $percent }% (Lefel 1 { $level1 }, Lefel 2 { $level2 }); { $count ->
    [zero] ni agorwyd yr un cam gweithredu
    [one] agorwyd 1 cam gweithredu
    [two] agorwyd 2 gam gweithredu
    [few] agorwyd { $count } cham gweithredu
    [many] agorwyd { $count } cham gweithredu
   *[other] agorwyd { $count } cam gweithredu
}
rec-change-kpi-added = Ychwanegwyd KPI { $code } (lefel { $level }): { $text }
rec-change-kpi-changed = KPI { $code }: { $what }
rec-kpi-code = cod { $code }
rec-kpi-question = cwestiwn '{ $text }'
rec-kpi-question-cy = cwestiwn Cymraeg '{ $text }'
rec-kpi-retired = allan o ddefnydd
rec-kpi-in-use = mewn defnydd
rec-what-scorecard = cerdyn sgorio '{ $label }'
rec-what-scorecard-kpi = cerdyn sgorio '{ $label }' KPI { $code } { $field }

## Portffolio
portfolio-level1-failures = Methiannau Lefel 1: cyfrifon sydd angen sylw ar unwaith
portfolio-level1-failures-ok = dim cyfrif islaw marciau llawn mewn categori Lefel 1
why-level1-failure = Lefel 1 islaw marciau llawn ym mis { $month }: { $categories }
portfolio-scorecards-overdue = Cardiau sgorio hwyr
portfolio-scorecards-overdue-ok = mae gan bob cyfrif sydd ar drefn y cerdyn sgorio ei fisoedd wedi'u terfynoli
why-scorecard-overdue = { $count ->
    [one] dim cerdyn sgorio wedi'i derfynoli ar gyfer { $months }
    [two] dim cerdyn sgorio wedi'i derfynoli ar gyfer 2 fis: { $months }
   *[other] dim cerdyn sgorio wedi'i derfynoli ar gyfer { $count } mis: { $months }
}
portfolio-lost-not-reviewed = Archebion a gollwyd heb eu hadolygu
portfolio-lost-not-reviewed-ok = mae pob archeb a gollwyd wedi'i hadolygu
why-lost-not-reviewed = { $count ->
    [one] 1 archeb a gollwyd heb ei hadolygu (casebook opp orders)
    [two] 2 archeb a gollwyd heb eu hadolygu (casebook opp orders)
   *[other] { $count } archeb a gollwyd heb eu hadolygu (casebook opp orders)
}

## Llun y duedd
pic-trend-title = Tuedd y cerdyn sgorio cytbwys: { $client }
pic-trend-empty = Dim cerdyn sgorio wedi'i derfynoli eto
pic-trend-overall = cyfan
pic-trend-attention-key = ⚠ mis pan oedd categori Lefel 1 islaw marciau llawn: roedd angen sylw ar unwaith ar y cyfrif

## casebook scorecard
sc-several-open = Dechreuodd cynghorwyr gerdyn sgorio { $month } fwy nag unwaith ar wahân ({ $ids }): enwch un â --scorecard.
sc-none-for-month = Dim cerdyn sgorio ar gyfer { $month } eto: dechreuwch un â casebook scorecard new FILE --month { $month }.
sc-no-such-kpi = Nid yw'r cerdyn sgorio ar gyfer { $month } yn gofyn KPI { $code }; ei KPI yw { $codes }.
sc-nothing-to-correct = Nid oes gan { $month } gerdyn sgorio wedi'i derfynoli i'w gywiro.
sc-next-answer = { $count } KPI i'w hateb ar y cerdyn sgorio: casebook scorecard show { $file } --month { $month }, yna casebook scorecard answer { $file } COD --yes neu --no.
sc-which-kpi = Enwch y KPI i'w ateb wrth ei god (fel A1), neu rhowch --suggested i dderbyn yr hyn y mae'r ffeil cyfrif yn ei awgrymu.
sc-no-suggestions = Dim i'w dderbyn: mae pob KPI y gall y ffeil cyfrif ei ateb wedi'i ateb yn barod.
sc-attention = Angen sylw ar unwaith: { $categories } islaw marciau llawn ar Lefel 1.
sc-cannot-finalise-yet = Ni ellir ei derfynoli eto: { $problems }
sc-yes = ie
sc-no = na
sc-state-open = ar agor
sc-state-finalised = wedi'i derfynoli
sc-state-corrected = wedi'i gywiro
sc-state-finalised-by = wedi'i derfynoli gan { $by } ar { $date }
sc-show-title = Cerdyn sgorio cytbwys { $client } ar gyfer { $month } ({ $state })
sc-col-code = cod
sc-col-category = categori
sc-col-question = cwestiwn
sc-col-answer = ateb
sc-col-notes = tystiolaeth a chamau gweithredu
sc-col-level1 = Lefel 1
sc-col-level2 = Lefel 2
sc-col-month = mis
sc-col-state = cyflwr
sc-col-overall = cyfan
sc-col-attention = sylw ar unwaith
sc-col-last = terfynolwyd ddiwethaf
sc-col-this-month = y mis hwn
sc-col-overdue = hwyr
sc-col-source = wedi'i ateb o
sc-col-in-use = mewn defnydd
sc-disputed = dan anghydfod: { $values }
sc-next-action = nesaf: { $action } ({ $owner }, erbyn { $due })
sc-suggested = awgrym { $answer }: { $evidence }
sc-level = lefel { $level }
sc-totals = Cyfan { $overall } · Lefel 1 { $level1 } · Lefel 2 { $level2 }
sc-changed-after = Atebion a newidiwyd ar ôl terfynoli, o nod nad oedd wedi'i weld (y sgoriau terfynol sy'n sefyll): { $codes }
sc-list-none = Nid oes unrhyw gleient ar drefn y cerdyn sgorio eto: mae casebook scorecard new FILE yn dechrau un.
sc-list-none-here = Dim cerdyn sgorio eto: mae casebook scorecard new { $file } yn dechrau un y mis hwn.
sc-list-title = Cardiau sgorio cytbwys { $client }
sc-due = i'w wneud
sc-done = wedi'i derfynoli
sc-overdue-months = Hwyr: dim cerdyn sgorio wedi'i derfynoli ar gyfer { $months }
sc-trend-title = Tuedd cerdyn sgorio cytbwys { $client } (⚠ angen sylw ar unwaith)
sc-kpi-added = Ychwanegwyd KPI { $code }: { $text }
sc-kpi-changed = Newidiwyd KPI { $code }: { $text }
sc-kpi-retired = Tynnwyd KPI { $code } allan o ddefnydd (bydd cardiau sgorio newydd yn ei hepgor): { $text }
sc-kpi-restored = Mae KPI { $code } mewn defnydd eto: { $text }
sc-kpi-edit-nothing = Dim i'w newid: rhowch --code, --text neu --text-cy.
sc-retired = allan o ddefnydd
sc-in-use = ie
sc-kpi-seed-note = Mae hedyn 003 yn enwi 10 o'i 20 KPI Lefel 1 a 5 o'i 15 KPI Lefel 2; mae casebook yn darparu'r rheini, a thri ar gyfer cynghorwyr cymorth busnes (allan o ddefnydd nes eu hadfer). Ychwanegwch KPI eich sefydliad eich hun at y cerdyn sgorio â casebook scorecard kpi add.
