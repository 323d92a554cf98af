# Dangosfwrdd y portffolio (`casebook portfolio`).
portfolio-title = Iechyd y portffolio — { $adviser } — { $date }
portfolio-all-advisers = pob cynghorydd
portfolio-caseload = Llwyth achosion: { $active } yn weithredol, { $exited } wedi ymadael
portfolio-section-none = ✔ { $title }: dim — { $ok }
portfolio-section-some = ✘ { $title }: { $count }
portfolio-overdue-contacts = Cysylltiadau sy'n hwyr
portfolio-overdue-contacts-ok = mae pawb wedi cael cysylltiad yn ddiweddar
portfolio-stalled = Teithiau sydd wedi aros yn eu hunfan
portfolio-stalled-ok = mae pob taith yn symud
portfolio-unresponsive = Cleientiaid nad ydynt yn ymateb
portfolio-unresponsive-ok = mae pob cleient yn ymateb
portfolio-red = Cyfrifon sy'n goch ar ôl cyfuno'r risgiau
portfolio-red-ok = dim cyfrifon coch
portfolio-risk-problems = Cofrestrau risg â phroblemau data
portfolio-risk-problems-ok = mae pob cofrestr risg yn darllen yn lân
portfolio-no-exit-plan = Cleientiaid gweithredol heb gynllun ymadael
portfolio-no-exit-plan-ok = mae gan bob cleient gynllun ymadael
portfolio-no-point-of-contact = Cleientiaid heb bwynt cyswllt wedi'i enwi
portfolio-no-point-of-contact-ok = mae gan bob cleient gynghorydd arweiniol
portfolio-overdue-actions = Camau gweithredu sy'n hwyr
portfolio-overdue-actions-ok = does dim cam gweithredu'n hwyr
portfolio-conflicts-none = ✔ Gwrthdaro agored: dim — mae pob maes yn dal un gwerth y cytunwyd arno
portfolio-conflicts-some = ✘ Gwrthdaro agored: { $count } — mae lliwiau a baneri'n cymryd y gwerth gwaethaf nes ei ddatrys
portfolio-by-stage = Llwyth achosion fesul cam
portfolio-by-segment = Llwyth achosion fesul segment
portfolio-by-adviser = Llwyth achosion fesul cynghorydd
portfolio-churn = Trosiant { $from } i { $to }: { $exits } ymadawiad, { $intakes } derbyniad, llwyth achosion cyfartalog { $average }, cyfradd trosiant { $rate }
portfolio-not-applicable = amherthnasol
column-id = dynodydd
column-client = cleient
column-lead = arweinydd
column-why = pam
column-fields = meysydd
column-list-with = eu rhestru gyda
column-stage = cam
column-clients = cleientiaid
column-segment = segment
column-lead-adviser = cynghorydd arweiniol
# Pam mae cleient ar y rhestr.
why-never-contacted = dim cyswllt erioed
why-last-contact = y cyswllt diwethaf { $days } diwrnod yn ôl
why-too-long-in-stage = { $days } diwrnod yn y cam { $stage } (terfyn { $max_days })
why-no-progress = dim cynnydd ers { $days } diwrnod (terfyn { $max_days })
why-no-reply = dim ateb ers { $days } diwrnod
why-attempts-unanswered = { $attempts ->
    [one] 1 ymgais heb ateb
    [two] 2 ymgais heb ateb
   *[other] { $attempts } ymgais heb ateb
}
why-open-risks = { $count ->
    [one] 1 risg agored
    [two] 2 risg agored
   *[other] { $count } risg agored
}
why-risk-data-problems = { $count ->
    [one] 1 broblem ddata yn y gofrestr risg: { $command }
    [two] 2 broblem ddata yn y gofrestr risg: { $command }
    [few] { $count } phroblem ddata yn y gofrestr risg: { $command }
    [many] { $count } phroblem ddata yn y gofrestr risg: { $command }
   *[other] { $count } problem ddata yn y gofrestr risg: { $command }
}
why-no-exit-plan = dim cynllun ymadael wedi'i gytuno
why-no-lead-adviser = dim cynghorydd arweiniol wedi'i enwi
why-overdue-actions = { $count } yn hwyr
why-disputed = ; dan anghydfod
portfolio-welsh-in-english = Siaradwyr Cymraeg a gafodd wasanaeth yn Saesneg
portfolio-welsh-in-english-ok = cafodd pawb sy'n dewis y Gymraeg wasanaeth yn Gymraeg
why-welsh-served-in-english = { $count ->
    [one] 1 rhyngweithiad yn Saesneg â rhywun sy'n dewis y Gymraeg
    [two] 2 ryngweithiad yn Saesneg â rhywun sy'n dewis y Gymraeg
   *[other] { $count } rhyngweithiad yn Saesneg â rhywun sy'n dewis y Gymraeg
}
portfolio-period-reversed = mae --from { $from } ar ôl --to { $to }; rhowch ddechrau'r cyfnod yn gyntaf
