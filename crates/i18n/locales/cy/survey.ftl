# Arolygon boddhad cleient (SV-1..SV-5): y banc cwestiynau fesul lefel, arolygon, ymatebion,
# y dadansoddiad, y duedd a'r Cynllun Camau Gweithredu Gwella.

## Geirfaoedd
vocab-survey-area = maes arolwg
enum-survey-area-relationship = perthynas
enum-survey-area-deliverables = darpariaeth
enum-survey-area-teamwork = gwaith tîm
enum-survey-area-account-manager = rheolwr cyfrif
enum-survey-area-culture = diwylliant
enum-survey-area-value = gwerth
vocab-survey-level = lefel arolwg
enum-survey-level-users = defnyddwyr
enum-survey-level-managers = rheolwyr
enum-survey-level-board = bwrdd
vocab-exposure = math o ymwneud
enum-exposure-direct = uniongyrchol
enum-exposure-indirect = anuniongyrchol
enum-kpi-source-survey-in-last-year = arolwg yn ystod y 12 mis diwethaf

## Termau a meysydd
doc-term-survey = arolwg
doc-term-survey-recipient = derbynnydd arolwg
doc-term-survey-question = cwestiwn arolwg
field-surveys = arolygon
field-planned = wedi'i gynllunio
field-deadline = dyddiad cau
field-administrator = gweinyddwr
field-anonymous = dienw
field-questions = cwestiynau
field-recipients = derbynwyr
field-issued = wedi'i anfon
field-responses = ymatebion
field-closed = wedi'i gau
field-improvements = gwelliannau
field-area = maes
field-person = person
field-function = swyddogaeth
field-exposure = ymwneud
field-recipient = derbynnydd
field-received = wedi'i dderbyn
field-unaware-of = heb wybod am
field-comment = sylw
rec-section-surveys = arolygon
rec-what-survey = arolwg '{ $label }'

## Rheolau
sv-rule-needs-title = Mae angen teitl ar arolwg: rhowch --title "Arolwg blynyddol 2026".
sv-rule-needs-deadline = Mae angen dyddiad cau ar arolwg ar gyfer yr ymatebion: rhowch --deadline.
sv-rule-deadline-past = Mae'r dyddiad cau { $deadline } wedi mynd heibio eisoes (heddiw yw { $today }): rhowch ddiwrnod sydd eto i ddod.
sv-rule-no-questions = Nid oes gan y sefydliad unrhyw gwestiwn arolwg mewn defnydd: ychwanegwch un â casebook survey question add.
sv-rule-closed = Mae'r arolwg "{ $title }" ar gau: ni ellir ychwanegu dim byd arall ato.
sv-rule-recipient-needs-name = Mae angen enw ar dderbynnydd.
sv-rule-asked-already = Mae { $name } wedi'i holi eisoes yn yr arolwg "{ $title }".
sv-cannot-issue = Ni ellir anfon yr arolwg "{ $title }" eto: { $problems }.
sv-problem-issued = mae'r arolwg "{ $title }" wedi'i anfon eisoes
sv-problem-no-recipients = nid oes neb i'w holi yn yr arolwg eto (casebook survey recipient FILE PERSON --level users|managers|board)
sv-problem-most-senior = rhaid holi'r person uchaf ei swydd y gwyddys amdano yn sefydliad y cleient ym mhob arolwg; holwch y canlynol: { $names }
sv-problem-recipient-level = mae angen lefel ar bob derbynnydd: users (defnyddwyr), managers (rheolwyr) neu board (bwrdd)
sv-rule-not-issued = Nid yw'r arolwg "{ $title }" wedi'i anfon eto: rhedwch casebook survey issue FILE yn gyntaf.
sv-rule-anonymous = Mae'r arolwg "{ $title }" yn ddienw: cofnodwch yr ymateb gyda --level a heb ymatebydd.
sv-rule-answered-already = Mae { $name } wedi ateb eisoes.
sv-rule-response-level = Dywedwch pa gwestiynau a atebwyd: rhowch --level users (defnyddwyr), managers (rheolwyr) neu board (bwrdd), neu'r ymatebydd.
sv-rule-empty-response = Nid oes dim yn yr ymateb: rhowch o leiaf un --score, --unaware neu --comment.
sv-rule-not-asked-at-level = Nid yw cwestiwn { $code } yn cael ei ofyn ar lefel { $level }.
sv-rule-score = Mae cwestiwn { $code } yn cael ei sgorio o 1 (gwael iawn) i 5 (rhagorol), nid { $score }.
sv-rule-improvement-owner = Mae angen perchennog ar welliant: rhowch --owner.
sv-rule-question-needs-text = Mae angen ei destun ar gwestiwn: rhowch --text "…?".
sv-rule-question-unchanged = Mae cwestiwn { $code } fel hynny eisoes: dim i'w newid.

## casebook survey
sv-none-yet = Nid oes gan y cleient hwn arolwg eto: mae casebook survey plan FILE --title … --deadline … yn dechrau un.
sv-no-such-question = Nid yw'r arolwg "{ $title }" yn gofyn cwestiwn { $code }.
sv-not-a-recipient = Nid yw { $name } wedi'i holi yn yr arolwg "{ $title }": ychwanegwch y person yn gyntaf â casebook survey recipient.
sv-who = Enwch y person ar y siart sefydliad i'w holi, neu rywun arall gyda --other NAME.
sv-bad-score = Nid yw "{ $text }" yn sgôr: ysgrifennwch CODE=N, fel U1=4.
sv-csv-score = nid yw "{ $text }" yn sgôr o 1 i 5
sv-imported = { $count ->
    [zero] Ni fewnforiwyd yr un ymateb.
    [one] Mewnforiwyd 1 ymateb.
    [two] Mewnforiwyd 2 ymateb.
    [few] Mewnforiwyd { $count } ymateb.
    [many] Mewnforiwyd { $count } ymateb.
   *[other] Mewnforiwyd { $count } ymateb.
}
sv-ignored-columns = Colofnau a hepgorwyd (nid ydynt yn gwestiynau yn yr arolwg): { $columns }
sv-analysis-title = { $client }: { $title } ({ $stage })
sv-stage-planned = wedi'i gynllunio, heb ei anfon
sv-stage-issued = wedi'i anfon, yn aros am ymatebion
sv-stage-analysis-due = mae'r dyddiad cau wedi mynd heibio: rhaid dechrau'r dadansoddiad
sv-stage-closed = ar gau
sv-col-level = lefel
sv-col-asked = a holwyd
sv-col-by-deadline = erbyn y dyddiad cau
sv-col-late = hwyr
sv-col-rate = cyfradd ymateb
sv-col-area = maes
sv-col-all = pob lefel
sv-col-asked-of = lefelau a holir
sv-col-title = arolwg
sv-col-stage = cam
sv-col-issued = anfonwyd
sv-col-deadline = dyddiad cau
sv-col-responses = ymatebion
sv-col-last-issued = anfonwyd ddiwethaf
sv-col-due = arolwg yn ddyledus
sv-due = yn ddyledus
sv-not-due = na
sv-overall-rate = Cyfradd ymateb dros bob lefel: { $rate }
sv-unaware = Heb wybod am ein gwasanaethau (ar gyfer y Cynllun Camau Gweithredu Gwella): { $services }
sv-ask-reference = Cafodd pob maes sgôr o 4 neu fwy allan o 5: gofynnwch i'r cleient a fyddai'n fodlon bod yn safle cyfeirio.
sv-off-scale = Hepgorwyd { $count } ateb y tu allan i'r raddfa 1–5.
sv-improvement = Gwelliant: { $title } ({ $owner }, erbyn { $due }; { $status })
sv-list-title = Arolygon boddhad { $client }
sv-list-none = Dim arolwg eto: mae casebook survey plan { $file } --title … --deadline … yn dechrau un.
sv-trend-title = Boddhad fesul maes, fesul arolwg: { $client } (cyfartaledd ar raddfa 1–5)
sv-trend-empty = Dim arolwg wedi'i gau eto.
sc-evidence-survey-issued = anfonwyd yr arolwg diweddaraf ar { $date }
sc-evidence-no-survey = dim arolwg wedi'i gofnodi
portfolio-surveys-due = Arolygon boddhad sy'n ddyledus (dim un yn ystod y 12 mis diwethaf)
portfolio-surveys-due-ok = mae pob cyfrif allweddol wedi cael arolwg yn ystod y 12 mis diwethaf
why-survey-due = anfonwyd yr arolwg diwethaf ar { $date }
why-never-surveyed = dim arolwg erioed

## Hanes
rec-change-schema-7 = Sgema 7: arolygon boddhad
rec-change-survey-planned = Cynlluniwyd yr arolwg '{ $title }' (dyddiad cau { $deadline }, { $count ->
    [one] 1 cwestiwn
    [two] 2 gwestiwn
    [few] { $count } chwestiwn
    [many] { $count } chwestiwn
   *[other] { $count } cwestiwn
})
rec-change-survey-asked = Arolwg '{ $title }': holwyd { $name } ({ $level })
rec-change-survey-issued = Anfonwyd yr arolwg '{ $title }' at { $count ->
    [one] 1 person
    [two] 2 berson
    [few] { $count } pherson
    [many] { $count } pherson
   *[other] { $count } person
}
rec-change-survey-response = Arolwg '{ $title }': ymatebodd { $name } ({ $level })
rec-change-survey-response-anonymous = Arolwg '{ $title }': ymateb dienw ({ $level })
rec-change-survey-closed = Caewyd yr arolwg '{ $title }' ({ $count ->
    [zero] dim ymateb
    [one] 1 ymateb
    [two] 2 ymateb
    [few] { $count } ymateb
    [many] { $count } ymateb
   *[other] { $count } ymateb
})
rec-change-survey-improvement = Arolwg '{ $title }': gwelliant: { $action } (perchennog { $owner }{ $due })
rec-change-survey-improvement-due = , erbyn { $date }
rec-change-question-added = Ychwanegwyd cwestiwn arolwg { $code } ({ $level }): { $text }
rec-change-question-retired = Cwestiwn arolwg { $code }: allan o ddefnydd
rec-change-question-in-use = Cwestiwn arolwg { $code }: mewn defnydd
sv-respondent-ambiguous = { $count ->
    [one] Mae 1 derbynnydd
    [two] Mae 2 dderbynnydd
    [few] Mae { $count } derbynnydd
    [many] Mae { $count } derbynnydd
   *[other] Mae { $count } derbynnydd
} o'r enw { $name }: rhowch ddynodydd y derbynnydd (mae casebook survey analyse FILE --json yn rhestru derbynwyr yr arolwg).

## Rhoi adborth ar y canlyniadau (SV-5)
field-feedback = adborth
field-to = at
sv-rule-feedback-not-closed = Nid yw'r arolwg "{ $title }" wedi'i gau eto: rhoddir adborth ar ei ganlyniadau ar ôl ei gau (casebook survey close FILE).
sv-rule-feedback-needs-date = Dywedwch ar ba ddiwrnod y rhoddwyd adborth ar y canlyniadau: rhowch --date.
sv-what-feedback = Adborth ar y canlyniadau
sv-rule-feedback-to = Dywedwch at bwy yr aeth yr adborth ar y canlyniadau: rhowch --to.
rec-change-survey-feedback = Arolwg '{ $title }': adborth ar y canlyniadau i: { $to } ar { $date }
sv-feedback = { $count ->
    [0] Nid oes adborth ar y canlyniadau wedi mynd at neb eto (casebook survey feedback FILE --to ENW).
   *[other] Adborth ar y canlyniadau wedi mynd at: { $given }.
}
sv-feedback-still-to = Derbynwyr sydd heb glywed y canlyniadau eto: { $names }.
