# records
# Y ffeil cyfrif fel y mae'r llinell orchymyn yn ei dangos (`client show`, `orgchart`, `log`,
# `action`, `history`, `diff`, `conflicts`, `resolve`, `withdraw`, `init`), a gwallau'r llinell
# orchymyn ei hun. Allweddi: rec-<beth>.

## Llinellau a gwallau'r llinell orchymyn ei hun.
rec-no-data-dir = nid oes cyfeiriadur data'r platfform yn hysbys yma; rhowch --data-dir DIR neu osodwch CASEBOOK_DIR
rec-init-name-empty = ni all --name fod yn wag: rhowch eich enw, fel y cynghorydd sy'n defnyddio'r nod hwn
rec-init-created =
    Crëwyd storfa casebook yn { $dir }
    Dynodydd y nod: { $node }
    Cynghorydd: { $adviser }
rec-not-a-date = nid yw { $field } '{ $text }' yn ddyddiad; defnyddiwch YYYY-MM-DD (e.e. 2026-05-12) neu DD/MM/YYYY
rec-not-a-date-time = nid yw { $field } '{ $text }' yn ddyddiad ac amser; defnyddiwch 2026-05-12, 12/05/2026, 2026-05-12 14:30, 12/05/2026 14:30 (amser lleol) neu 2026-05-12T14:30:00Z
rec-printing-account-file = wrth argraffu'r ffeil cyfrif
rec-person-ambiguous = mae '{ $text }' yn cyfateb i sawl person ymhlith pobl { $client }; rhowch ddynodydd y person (`casebook orgchart "{ $client }"`)
rec-no-such-person = does dim person '{ $text }' ymhlith pobl { $client }; rhedwch `casebook client show "{ $client }"` i weld y bobl a'u dynodyddion
rec-log-with-unknown = --with: { $error }; i rywun nad yw yn y siart sefydliad, defnyddiwch --with-other "{ $name }"
rec-keep-counts-from-1 = mae --keep yn cyfrif o 1, fel y mae `casebook conflicts FILE` yn rhifo'r gwerthoedd
rec-say-which-value = dywedwch pa werth i'w gadw: --keep N, --keep-by ADVISER (enw'r cynghorydd) neu --set VALUE

## Ar ôl golygiad: y newid, yna ble yr aeth.
rec-report-file = ffeil { $file }
rec-report-file-entry = ffeil { $file }  cofnod { $entry }

## client list
rec-clients-count = { $count ->
    [one] 1 cleient
    [two] 2 gleient
    [few] { $count } chleient
    [many] { $count } chleient
   *[other] { $count } cleient
}
rec-list-disputed = Dan anghydfod: gosododd cynghorwyr rai meysydd ar wahân; mae lliwiau a baneri'n cymryd y gwerth gwaethaf nes cadw un ohonynt (casebook conflicts CLIENT i weld gwrthdaro'r cleient, yna casebook resolve)

## client show
rec-show-conflicts = { $count ->
    [one] Mae 1 maes yn dal gwerthoedd
    [two] Mae 2 faes yn dal gwerthoedd
   *[other] Mae { $count } maes yn dal gwerthoedd
} a osododd cynghorwyr ar wahân; mae lliwiau a baneri'n cymryd y gwaethaf nes cadw un: casebook conflicts { $file }
rec-show-profile = { $legal-form } · { $sector } · { $region } { $postcode } · rhif cwmni { $company-number } · segmentau: { $segments }
rec-show-team = Derbyn { $intake } drwy { $source } · Arweinydd { $lead } · Dirprwy { $deputy } · Noddwr uwch { $sponsor }
rec-show-contact-communicated = Pwyntiau cyswllt a roddwyd i'r cleient: { $date }
rec-show-not-yet = ddim eto
rec-show-mission = Cenhadaeth: { $text }
rec-show-strategy = Strategaeth: { $text }
rec-show-priorities = Blaenoriaethau: { $text }
rec-show-rollup = Crynhoad y risgiau: { $rag }{ $disputed }
rec-show-journey = Taith: cam { $stage } ers { $since }
rec-show-by = gan { $who }
rec-show-remedial-plan = Cynllun adfer: { $text }
rec-show-exit-plan = Cynllun ymadael: { $criteria } (wedi'i gynllunio ar gyfer { $planned }, ymlaen at { $onward })
rec-show-no-exit-plan = Cynllun ymadael: DIM — mae angen un ar bob cleient (casebook client exit-plan)
rec-show-exited = WEDI YMADAEL { $date }: { $reason } — { $outcome } → { $destination }
rec-show-objectives-heading = Amcanion a SWOT:
rec-show-objective = amcan: { $goal } ({ $measure } → { $target }, erbyn { $due })
rec-show-people-heading = Pobl:
rec-show-left = (wedi gadael)
rec-show-coverage-disputed = { $worst } (dan anghydfod: { $values })
rec-show-department = adran { $department }
rec-show-person-language = iaith { $language }
rec-show-contact-log-heading = Cofnod cysylltu ({ $count }):
rec-show-actions-heading = Camau gweithredu:
rec-show-risks-heading = Risgiau:
rec-show-withdrawn-heading = Wedi'u tynnu'n ôl am iddynt gael eu rhoi i mewn trwy gamgymeriad (yn dal yn yr hanes):
rec-show-withdrawn = { $id } { $what } — gan { $who } ar { $when }: { $reason }
rec-show-opportunities-heading = Cyfleoedd:
rec-col-name = enw
rec-col-title = teitl
rec-col-roles = rolau
rec-col-channel = sianel
rec-col-coverage = cwmpas
rec-col-reports-to = yn atebol i
rec-col-when = pryd
rec-col-type = math
rec-col-dir = cyf
rec-col-min = mun
rec-col-purpose = diben
rec-col-with = gyda
rec-col-summary = crynodeb
rec-col-needs = anghenion
rec-col-action = cam gweithredu
rec-col-owner = perchennog
rec-col-due = erbyn
rec-col-status = statws
rec-col-opportunity = cyfle
rec-col-origin = tarddiad
rec-col-value = gwerth
rec-col-sessions = sesiynau
rec-col-qualification = cymhwyso

## orgchart
rec-orgchart-title = Siart sefydliad { $client }
rec-orgchart-disputed = dan anghydfod: { $values }

## action list
rec-overdue = HWYR
rec-actions-count = { $count ->
    [one] 1 cam gweithredu
    [two] 2 gam gweithredu
    [few] { $count } cham gweithredu
    [many] { $count } cham gweithredu
   *[other] { $count } cam gweithredu
}, { $overdue } yn hwyr

## history a diff
rec-col-change = newid
rec-col-who = pwy
rec-col-node = nod
rec-col-signed = wedi'i lofnodi
rec-col-received = o ble
rec-col-what = beth
rec-history-schema = (sgema)
rec-history-actor = gweithredydd { $actor }
rec-history-brought-in = wedi'i ddwyn i mewn o ffeil gan { $adviser } ar { $date }
rec-history-unsigned = heb ei lofnodi (lleol yn unig)
rec-origin-local = lleol
rec-origin-file = ffeil { $name }
rec-origin-peer = cymar { $node }
rec-changes-count = { $count ->
    [one] 1 newid
    [two] 2 newid
   *[other] { $count } newid
}
rec-no-differences = Dim gwahaniaethau.
rec-col-where = ble
rec-col-entry = cofnod
rec-col-field = maes
rec-col-before = cynt
rec-col-after = wedyn
rec-section-profile = proffil
rec-section-team = tîm
rec-section-journey = taith
rec-section-people = pobl
rec-section-interactions = rhyngweithiadau
rec-section-actions = camau gweithredu
rec-section-risks = risgiau
rec-section-opportunities = cyfleoedd
rec-section-objectives = amcanion
rec-section-swot = swot
# Diwrnod: "12 Mai 2026".
rec-month = { $day } { $month ->
    [1] Ionawr
    [2] Chwefror
    [3] Mawrth
    [4] Ebrill
    [5] Mai
    [6] Mehefin
    [7] Gorffennaf
    [8] Awst
    [9] Medi
    [10] Hydref
    [11] Tachwedd
   *[12] Rhagfyr
} { $year }
rec-month-short = { $day } { $month ->
    [1] Ion
    [2] Chwef
    [3] Maw
    [4] Ebr
    [5] Mai
    [6] Meh
    [7] Gorff
    [8] Awst
    [9] Medi
    [10] Hyd
    [11] Tach
   *[12] Rhag
} { $year }

## conflicts a resolve
rec-no-conflicts-here = Dim gwrthdaro yn y ffeil cyfrif hon.
rec-no-conflicts = Dim gwrthdaro mewn unrhyw ffeil cyfrif.
rec-col-conflict = gwrthdaro
rec-col-number = rhif
rec-col-by = gan
rec-col-shown-now = yn y golwg nawr
rec-conflicts-client = { $client } (ffeil { $file })
rec-conflicts-count = { $count ->
    [one] 1 gwrthdaro
    [two] 2 wrthdaro
   *[other] { $count } gwrthdaro
}. Datryswch un â: casebook resolve FILE CONFLICT --keep N | --keep-by ADVISER (enw'r cynghorydd) | --set VALUE
rec-author-schema = sgema
rec-conflict-sentence = { $what }: { $values }
rec-conflict-value = { $value } gan { $who }
rec-conflict-value-on = { $value } gan { $who } ar { $day }
rec-conflict-same-day = { $count ->
    [2] , y ddau ar { $day }
   *[other] , y cyfan ar { $day }
}

## Y newidiadau y mae casebook yn eu cofnodi, fel y mae'r hanes a chadarnhad pob golygiad yn
## eu dangos.
rec-text = { $text }
rec-list = { $first }, { $rest }
rec-lines = { $first }; { $rest }
rec-none = (dim)
rec-unscored = heb sgôr
rec-value-by = { $value } gan { $who }
rec-field-value = { $field } { $value }
rec-rag-off-scale = coch: mae gwerth y tu allan i'r raddfa 1–5
rec-role-read = darllen
rec-role-write = ysgrifennu
rec-change-schema-file = Sgema 1: crëwyd y ffeil cyfrif
rec-change-schema-org = Sgema 1: crëwyd y sefydliad
rec-change-schema-2 = Sgema 2: amcanion a dadansoddiad SWOT
rec-change-schema-3 = Sgema 3: nodau'r cynghorwyr
rec-change-schema-4 = Sgema 4: newidiadau a ddygwyd i mewn o ffeiliau
rec-change-schema-5 = Sgema 5: cofnodion a dynnwyd yn ôl am iddynt gael eu rhoi i mewn trwy gamgymeriad
rec-change-added-client = Ychwanegwyd y cleient { $name }
rec-change-edited-client = Golygwyd { $name }: { $changes }
rec-change-segment-added = segment +{ $segment }
rec-change-segment-removed = segment -{ $segment }
rec-change-moved = Symudwyd { $name } o'r cam { $from } i'r cam { $to }
rec-change-exit-plan-agreed = Cytunwyd ar gynllun ymadael i { $name }: { $criteria }
rec-change-exit-plan-revised = Diwygiwyd y cynllun ymadael i { $name }: { $criteria }
rec-change-exited = { $name } wedi ymadael: { $reason }
rec-change-logged = Cofnodwyd { $kind } ({ $direction }) gyda { $with }: { $purpose }
rec-change-now-contacted = { $change }; wedi cysylltu bellach â: { $names }
rec-change-action = Cam gweithredu i { $name }: { $title } (perchennog { $owner })
rec-change-action-due = Cam gweithredu i { $name }: { $title } (perchennog { $owner }, erbyn { $due })
rec-change-action-done = Cwblhawyd y cam gweithredu: { $title }
rec-change-withdrew = Tynnwyd { $what } yn ôl o ffeil { $name }: { $reason }
rec-change-opportunity = Cyfle i { $name }: { $title } ({ $origin }, £{ $value })
rec-change-opportunity-closed = Cyfle '{ $title }' { $result } ar { $date } (£{ $value }): { $reason }
rec-change-qualified = Cymhwyswyd '{ $title }': { $total }, penderfyniad: { $decision }
rec-change-risk-raised = Codwyd y risg '{ $title }': tebygolrwydd { $likelihood }, difrifoldeb { $severity } ({ $rag })
rec-change-risk-assessed = Aseswyd y risg '{ $title }': { $changes } ({ $rag })
rec-change-objective = Amcan: { $goal }
rec-change-swot = SWOT ({ $kind }): { $text }
rec-change-imported = Mewnforiwyd ffeil cyfrif { $name }
rec-change-added-person = Ychwanegwyd { $name } at bobl { $client }
rec-change-added-person-titled = Ychwanegwyd { $name }, { $title }, at bobl { $client }
rec-change-edited-person = Golygwyd manylion { $name }: { $changes }
rec-change-role-added = +{ $role }
rec-change-role-removed = -{ $role }
rec-change-coverage = Cwmpas { $name }: { $from } → { $to }
rec-change-shared = Rhannwyd { $name } gyda { $label } ({ $role })
rec-change-unshared = Peidiwyd â rhannu { $name } gyda { $label }
rec-change-brought-in = Dygwyd { $count } newid i mewn o'r ffeil { $source }
rec-change-org-named = Enwyd y sefydliad yn { $name }
rec-change-judged = Caiff ei barnu yn ôl rheolau { $name } o hyn ymlaen
rec-change-resolved-kept = Datryswyd { $what }: cadwyd { $value } ({ $who })
rec-change-resolved-set = Datryswyd { $what }: gosodwyd { $value } (yn lle { $values })

## Beth a dynnwyd yn ôl, a'r maes y mae gwrthdaro yn ei gylch.
rec-entry-person = person { $name }
rec-entry-action = cam gweithredu { $title }
rec-entry-risk = risg { $title }
rec-entry-opportunity = cyfle { $title }
rec-entry-interaction = { $kind } ({ $direction }) ar { $date } ({ $purpose })
rec-what-client = cleient '{ $label }'
rec-what-person = person '{ $label }'
rec-what-interaction = rhyngweithiad '{ $label }'
rec-what-action = cam gweithredu '{ $label }'
rec-what-risk = risg '{ $label }'
rec-what-opportunity = cyfle '{ $label }'
rec-what-objective = amcan '{ $label }'
rec-what-swot = eitem SWOT '{ $label }'
rec-what-field = { $what }: { $field }
rec-what-sharing-node = rhannu â'r nod { $node }
rec-what-sharing-adviser = rhannu â nod { $name } { $node }

## Meysydd y cofnodion, fel y mae newidiadau a gwrthdaro yn eu henwi.
# Meysydd ffeil cyfrif mewn geiriau (tabl y gwahaniaethau; mae JSON yn cadw enwau'r meysydd).
field-actions = camau gweithredu
field-answers = atebion
field-at = pryd
field-by = enw'r awdur
field-category = categori
field-channel = hoff sianel
field-company-number = rhif cwmni
field-contact-communicated = pwyntiau cyswllt wedi'u rhoi
field-coverage = cwmpas
field-coverage-history = hanes cwmpas
field-criteria = meini prawf
field-date = dyddiad
field-decision = penderfyniad
field-department = adran
field-deputy = dirprwy gynghorydd
field-destination = cyrchfan
field-direction = cyfeiriad
field-disputes = anghydfodau
field-done-at = wedi'i wneud
field-due = erbyn
field-email = e-bost
field-exit = ymadael
field-exit-plan = cynllun ymadael
field-file-id = dynodydd ffeil
field-goal = yr hyn y mae'r cleient am ei gyflawni
field-group = grŵp
field-history = hanes
field-intake-date = dyddiad derbyn
field-interactions = rhyngweithiadau
field-journey = taith
field-kind = math
field-language = iaith
field-lead = cynghorydd arweiniol
field-left = wedi gadael
field-legal-form = ffurf gyfreithiol
field-likelihood = tebygolrwydd
field-measure = mesur
field-minutes = munudau
field-mission = cenhadaeth
field-mitigation = lliniaru
field-name = enw
field-needs = anghenion
field-neutral-reviewer = adolygydd niwtral
field-nodes = nodau
field-note = nodyn
field-objectives = amcanion
field-onward-referral = atgyfeiriad ymlaen
field-opportunities = cyfleoedd
field-opportunity = cyfle
field-origin = tarddiad
field-our-attendees = ein mynychwyr
field-outcome = canlyniad
field-owner = perchennog
field-parent = rhiant-risg
field-participants = cyfranogwyr
field-people = pobl
field-phone = ffôn
field-planned-by = ymwelydd
field-planned-date = dyddiad arfaethedig
field-planned-for = wedi'i gynllunio ar gyfer
field-polarity = pegynedd
field-postcode = cod post
field-priorities = blaenoriaethau
field-profile = proffil
field-purpose = diben
field-question = cwestiwn
field-raised = wedi'i chodi
field-reason = rheswm
field-region = rhanbarth
field-remedial-plan = cynllun adfer
field-reports-to = yn atebol i
field-residual-likelihood = tebygolrwydd gweddilliol
field-residual-severity = difrifoldeb gweddilliol
field-response = ymateb
field-result = canlyniad
field-risks = risgiau
field-roles = rolau
field-schema-version = fersiwn sgema
field-score = sgôr
field-section = adran
field-sector = sector
field-segments = segmentau
field-sessions = sesiynau cymhwyso
field-severity = difrifoldeb
field-sharing = rhannu
field-source = ffynhonnell
field-sponsor = noddwr uwch
field-stage = cam
field-stage-entered = dechrau'r cam
field-state = cyflwr
field-status = statws
field-strategy = strategaeth
field-summary = crynodeb
field-swot = SWOT
field-target = targed
field-team = tîm
field-text = testun
field-their-attendees = eu mynychwyr
field-timescale = amserlen
field-title = teitl
field-value = gwerth
field-weights = pwysoliadau
field-what = beth
field-withdrawn = wedi'u tynnu'n ôl
rec-change-order-reviewed = Adolygwyd yr archeb a gollwyd '{ $title }' ar { $date }: { $notes }
field-review = adolygiad
field-notes = nodiadau
