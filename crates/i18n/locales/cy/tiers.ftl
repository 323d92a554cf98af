# Haenau cleientiaid a lefelau eu gwasanaeth (PF-4, PF-5).

field-tier-history = haenau
field-tier = haen
rec-section-tier_history = haenau
rec-change-schema-13 = Sgema 13: haenau cleientiaid
rec-change-tier-set = Haen { $client }: { $name } o { $date } ({ $reason })
rec-change-tier-added = Ychwanegwyd yr haen '{ $name }': cyswllt bob { $days } diwrnod
rec-change-tier-changed = Newidiwyd yr haen '{ $name }': { $fields }
rec-change-tier-state = Haen { $name }: { $state }
tier-field-name = enw
tier-field-name-cy = enw Cymraeg
tier-field-entry = meini prawf mynediad
tier-field-entry-cy = meini prawf mynediad yn Gymraeg
tier-field-exit = meini prawf ymadael
tier-field-exit-cy = meini prawf ymadael yn Gymraeg
tier-field-contact-days = cyswllt bob (diwrnodau)
tier-field-review-days = adolygiad bob (diwrnodau)
tier-field-effort-hours = cyllideb amser (oriau bob blwyddyn)
tier-field-sponsor = noddwr uwch yn ofynnol

## Gwrthodiadau
tier-no-such = Nid oes haen o'r enw "{ $name }": yr haenau yw { $names } (casebook tier list).
tier-rule-needs-name = Mae angen enw ar haen: rhowch --name.
tier-rule-name-taken = Mae haen o'r enw "{ $name }" eisoes: rhowch enw arall.
tier-rule-needs-contact = Mae angen ei rheol cyswllt ar haen: rhowch --contact-days.
tier-rule-days = Mae cyfnodau cyswllt ac adolygiad haen rhwng 1 a { $max } diwrnod (0 os nad oes adolygiad): rhowch rif yn yr ystod honno.
tier-rule-hours = Mae cyllideb amser haen rhwng 0 a { $max } awr y flwyddyn: rhowch rif yn yr ystod honno.
tier-rule-unchanged = Dim i'w newid ar gyfer yr haen "{ $name }": rhowch yr hyn sy'n newid (casebook tier set --help).
tier-rule-needs-reason = Dywedwch pam mae'r cleient yn ymuno â'r haen (bodlonwyd ei meini prawf mynediad, neu feini prawf ymadael yr haen flaenorol): rhowch --reason.
tier-rule-retired = Mae'r haen "{ $name }" allan o ddefnydd: dewiswch haen sydd mewn defnydd (casebook tier list).
tier-rule-already = Mae'r cleient yn yr haen "{ $name }" eisoes.
tier-rule-before-last = Ymunodd y cleient â'r haen "{ $name }" ar { $date }: rhaid i symudiad fod ar y diwrnod hwnnw neu'n hwyrach.
tier-what-move = Symudiad rhwng haenau

## casebook tier
tier-col-name = haen
tier-col-contact = cyswllt bob
tier-col-review = adolygiad bob
tier-col-effort = cyllideb amser
tier-col-sponsor = noddwr uwch
tier-col-entry = meini prawf mynediad
tier-col-exit = meini prawf ymadael
tier-col-state = mewn defnydd
tier-days = { $days ->
    [one] 1 diwrnod
    [two] 2 ddiwrnod
   *[other] { $days } diwrnod
}
tier-hours = { $hours } awr y flwyddyn
tier-none = dim
tier-required = gofynnol
tier-retired = allan o ddefnydd
tier-col-from = o
tier-col-to = tan
tier-col-reason = pam
tier-col-by = gan
tier-not-in-one = Nid yw { $client } mewn haen eto: mae casebook tier move FILE TIER --reason … yn rhoi'r cleient mewn un.
tier-current = Mae { $client } yn yr haen { $name } ers { $date }: cyswllt bob { $contact ->
    [one] dydd
    [two] 2 ddiwrnod
   *[other] { $contact } diwrnod
}{ $review }.
tier-current-review = , adolygiad bob { $days ->
    [one] dydd
    [two] 2 ddiwrnod
   *[other] { $days } diwrnod
}

## casebook portfolio
portfolio-service-levels = Lefelau gwasanaeth haen heb eu cyrraedd
portfolio-service-levels-ok = mae gan bob cleient y mae ei haen yn gofyn am noddwr uwch un
portfolio-by-tier = Llwyth achosion fesul haen
why-tier-no-sponsor = mae'r haen { $tier } yn gofyn am noddwr uwch, ac nid oes neb wedi'i enwi
portfolio-no-tier = dim haen
rec-what-tier-entry = cofnod haen '{ $label }'
rec-entry-tier = cofnod haen { $what }
