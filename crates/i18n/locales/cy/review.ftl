# Adolygiadau perfformiad cyfrif (RV-1..RV-8): templedi'r agenda a'r cwestiynau, adolygiadau, eu
# cofnodion, camau gweithredu, penderfyniadau a diweddariadau ar ôl yr adolygiad, a'r pecyn adolygu.

## Geirfaoedd
vocab-review-kind = math o adolygiad
enum-review-kind-internal = mewnol
enum-review-kind-client = gyda'r cleient
vocab-review-decision = penderfyniad
enum-review-decision-lead = arweinydd
enum-review-decision-deputy = dirprwy
enum-review-decision-sponsor = noddwr uwch
enum-review-decision-priority = blaenoriaeth

## Termau a meysydd
doc-term-review = adolygiad
doc-term-review-template-item = eitem ar yr agenda neu gwestiwn yr adolygiad
field-reviews = adolygiadau
field-account-manager = rheolwr cyfrif
field-line-manager = rheolwr llinell
field-attendees = mynychwyr
field-agenda = agenda
field-decisions = penderfyniadau
field-checklist = diweddariadau ar ôl yr adolygiad
field-scheduled-by = wedi'i drefnu gan
field-review-days = diwrnodau rhwng adolygiadau
rec-section-reviews = adolygiadau
rec-what-review = adolygiad '{ $label }'

## Rheolau
rv-problem-closed = mae'r adolygiad wedi'i gau eisoes
rv-problem-no-account-manager = mae angen ei reolwr cyfrif ar yr adolygiad: rhowch --account-manager, neu enwch gynghorydd arweiniol y cleient
rv-problem-no-line-manager = mae adolygiad mewnol bob amser yn cynnwys rheolwr llinell y rheolwr cyfrif: rhowch --line-manager
rv-problem-absent = mae angen presenoldeb { $name } yn yr adolygiad (casebook review attend FILE "{ $name }")
rv-problem-no-minutes = nid oes cofnodion wedi'u nodi ar gyfer yr adolygiad (casebook review minutes FILE R1 "…")
rv-cannot-close = Ni ellir cau adolygiad { $date } eto: { $problems }.
rv-rule-no-attendee = Enwch pwy oedd yn bresennol.
rv-rule-no-such-item = Nid oes eitem { $code } yn yr adolygiad; ei eitemau yw { $codes }.
rv-rule-empty-minutes = Dim i'w gofnodi: rhowch y testun.
rv-rule-empty-decision = Mae angen ei werth ar benderfyniad: yr arweinydd, y dirprwy, y noddwr uwch neu'r flaenoriaeth newydd.
rv-rule-bad-update = Nid yw "{ $update }" yn ddiweddariad ar ôl adolygiad; y diweddariadau yw { $accepted }.
rv-rule-updated-already = Mae "{ $update }" wedi'i dicio eisoes.
rv-rule-review-days = Nid yw { $days } yn nifer posibl o ddiwrnodau rhwng adolygiadau: rhowch rhwng 1 a 730 diwrnod.
rv-rule-bad-group = Nid yw "{ $group }" yn un o'r canlynol: { $accepted }.

## Hanes
rec-change-schema-8 = Sgema 8: adolygiadau perfformiad cyfrif
rec-change-review-scheduled = Trefnwyd adolygiad ({ $kind }) ar gyfer { $name } ar { $date }
rec-change-review = Adolygiad { $date }: { $what }
rec-review-attended = mynychwyr { $names }
rec-review-minutes = cofnodion { $code }
rec-review-answer = ateb { $code }
rec-review-action = cam gweithredu { $title } (perchennog { $owner }{ $due })
rec-review-decided = penderfynwyd { $what } — { $value }
rec-review-updated = diweddarwyd { $update }
rec-change-review-closed = Caewyd adolygiad { $date }: { $count ->
    [zero] dim cam gweithredu
    [one] 1 cam gweithredu
    [two] 2 gam gweithredu
    [few] { $count } cham gweithredu
    [many] { $count } cham gweithredu
   *[other] { $count } cam gweithredu
}
rec-change-review-days = Cynhelir adolygiadau { $name } bob { $days ->
    [one] dydd
    [two] 2 ddiwrnod
   *[other] { $days } diwrnod
}
rec-change-agenda-added = Ychwanegwyd eitem { $code } at agenda'r adolygiad: { $text }
rec-change-agenda-changed = Eitem { $code } ar agenda'r adolygiad: { $state }
rec-change-rvq-added = Ychwanegwyd cwestiwn adolygiad { $code }: { $text }
rec-change-rvq-changed = Cwestiwn adolygiad { $code }: { $state }
rv-update-account-file = ffeil cyfrif
rv-update-swot = SWOT
rv-update-scorecard = cerdyn sgorio
rv-update-objectives = amcanion
rv-update-risks = risgiau
rv-update-action-plan = cynllun camau gweithredu

## Portffolio
portfolio-reviews-overdue = Adolygiadau perfformiad cyfrif sy'n hwyr
portfolio-reviews-overdue-ok = mae pob cyfrif sydd ar drefn yr adolygiadau wedi cael ei adolygiad
why-review-overdue = { $days ->
    [zero] adolygiad yn ddyledus ar { $due }, heddiw
    [one] adolygiad yn ddyledus ar { $due }, 1 diwrnod yn ôl
    [two] adolygiad yn ddyledus ar { $due }, 2 ddiwrnod yn ôl
    [few] adolygiad yn ddyledus ar { $due }, { $days } diwrnod yn ôl
    [many] adolygiad yn ddyledus ar { $due }, { $days } diwrnod yn ôl
   *[other] adolygiad yn ddyledus ar { $due }, { $days } diwrnod yn ôl
}

## casebook review
rv-none-yet = Nid oes gan y cleient hwn adolygiad eto: mae casebook review schedule FILE --line-manager NAME yn trefnu un.
rv-heading-admin = Gweinyddiaeth
rv-heading-risk = Rheoli risg
rv-heading-client = Cleient
rv-heading-relationship = Cyswllt a pherthynas â'r cleient
rv-heading-issues = Problemau
rv-heading-delivery = Cyflawni a pherfformiad
rv-heading-sales = Gwerthu
rv-heading-competitors = Cystadleuwyr
rv-checklist-account-file = y ffeil cyfrif
rv-checklist-swot = y dadansoddiad SWOT
rv-checklist-scorecard = y cerdyn sgorio cytbwys
rv-checklist-objectives = perfformiad personol ac amcanion
rv-checklist-risks = rheoli risg
rv-checklist-action-plan = cynllun camau gweithredu'r cyfrif
rv-show-title = { $client }: adolygiad ({ $kind }) { $date }
rv-show-people = Rheolwr cyfrif { $account_manager } · rheolwr llinell { $line_manager } · yn bresennol: { $attendees }
rv-show-answered = Cwestiynau a atebwyd: { $headings }
rv-show-actions = Camau gweithredu y cytunwyd arnynt: { $actions }
rv-show-carried = Wedi'u dwyn ymlaen o adolygiadau cynharach: { $actions }
rv-show-decision = Penderfynwyd: { $what } — { $value }
rv-show-updates-left = Diweddariadau sydd i'w gwneud o hyd ar ôl yr adolygiad: { $updates }
rv-show-cannot-close = Ni ellir ei gau eto: { $problems }
rv-col-item = eitem
rv-col-minutes = cofnodion
rv-col-group = pennawd neu fewnbwn
rv-col-date = dyddiad
rv-col-kind = math
rv-col-state = cyflwr
rv-col-actions = camau gweithredu
rv-col-last-held = cynhaliwyd ddiwethaf
rv-col-due = adolygiad nesaf
rv-state-open = ar agor
rv-state-closed = wedi'i gau
rv-list-title = Adolygiadau perfformiad cyfrif { $client }
rv-list-none = Nid oes unrhyw gyfrif ar drefn yr adolygiadau eto: mae casebook review schedule FILE yn dechrau un.
rv-next-due = Mae'r adolygiad mewnol nesaf yn ddyledus ar { $date }.
rv-next-overdue = Roedd yr adolygiad mewnol nesaf yn ddyledus ar { $date }: mae'n hwyr.

## Y pecyn adolygu
pack-title = Pecyn adolygu: adolygiad cyfrif { $client }
pack-header = Adolygiad ({ $kind }) ar { $date } · rheolwr cyfrif { $account_manager } · rheolwr llinell { $line_manager }
pack-attendees = Yn bresennol: { $names }
pack-snapshot = Cipolwg ar y cyfrif
pack-row-client = cleient
pack-row-team = arweinydd / dirprwy / noddwr uwch
pack-row-stage = cam
pack-row-rag = lliw risg
pack-row-people = pobl y gwyddys amdanynt
pack-row-last-contact = y cyswllt diwethaf
pack-row-open-actions = camau gweithredu ar agor
pack-row-open-risks = risgiau ar agor
pack-row-pipeline = gwerth y cyfleoedd sydd ar agor
pack-agenda = Agenda
pack-minuted = Cofnodion: { $text }
pack-nothing-recorded = Dim wedi'i gofnodi yn y ffeil cyfrif: trafodwch a chofnodwch.
pack-no-previous = Nid oes adolygiad cynharach wedi'i gau.
pack-previous-of = Cofnodion adolygiad { $date }:
pack-col-item = eitem
pack-col-minutes = cofnodion
pack-no-carried = Nid oes cam gweithredu o adolygiad cynharach yn dal ar agor.
pack-no-actions = Dim cam gweithredu ar agor.
pack-col-action = cam gweithredu
pack-col-owner = perchennog
pack-col-due = erbyn
pack-col-objective = amcan
pack-col-measure = mesur
pack-col-target = targed
pack-no-leavers = Nid oes neb yn sefydliad y cleient wedi gadael.
pack-col-left = wedi gadael
pack-col-title = teitl
pack-no-scorecard = Dim cerdyn sgorio wedi'i derfynoli eto.
pack-scorecard-latest = Y cerdyn sgorio diweddaraf, { $month }: cyfan { $overall } · Lefel 1 { $level1 } · Lefel 2 { $level2 }
pack-orders = Archebion a enillwyd: { $won }; a gollwyd: { $lost } (cyfradd ennill { $rate }); archebion a gollwyd heb eu hadolygu: { $unreviewed }; { $this_year } wedi'i ennill eleni hyd yma, { $last_year } erbyn yr un diwrnod y llynedd.
pack-no-pipeline = Dim cyfle ar agor.
pack-col-opportunity = cyfle
pack-col-value = gwerth
pack-col-qualified = sgôr COSMONAUTS
pack-col-trend = tuedd
pack-trend-not-enough = dim digon o sesiynau eto
pack-trend-improving = yn gwella
pack-trend-steady = sefydlog
pack-trend-worsening = yn gwaethygu
pack-col-swot = SWOT
pack-col-items = eitemau
pack-contact-frequency = { $met ->
    [yes] Y cyswllt diwethaf: { $date }, o fewn y terfyn o { $days ->
        [two] 2 ddiwrnod
       *[other] { $days } diwrnod
    }.
   *[no] Y cyswllt diwethaf: { $date }, y tu hwnt i'r terfyn o { $days ->
        [two] 2 ddiwrnod
       *[other] { $days } diwrnod
    }.
}
pack-org-chart = Siart sefydliad { $client }, wedi'i liwio yn ôl cwmpas cyswllt
pack-nothing-missing = Nid oes dim ar goll o'r ffeil cyfrif.
pack-missing-mission = datganiad cenhadaeth y cleient
pack-missing-strategy = strategaeth y cleient
pack-missing-deputy = dirprwy gynghorydd
pack-missing-sponsor = noddwr uwch
pack-missing-swot = dadansoddiad SWOT
pack-missing-objectives = amcanion y cleient
pack-missing-exit-plan = cynllun ymadael
pack-missing-people = unrhyw un yn sefydliad y cleient
pack-missing-decision-maker = y gwneuthurwr penderfyniadau
pack-missing-survey = arolwg boddhad yn ystod y 12 mis diwethaf
pack-missing-scorecard = cerdyn sgorio cytbwys
pack-no-survey = Dim arolwg boddhad eto.
pack-survey-latest = { $title }, anfonwyd ar { $date }: cyfradd ymateb { $rate }.
pack-next-review = Mae'r adolygiad mewnol nesaf yn ddyledus ar { $date }.
pack-questions = Cwestiynau i'w gofyn
pack-heading = { $heading } ({ $answered } o { $of } wedi'u hateb)
