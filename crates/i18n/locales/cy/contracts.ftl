# Contractau a enillwyd a'u cylch rheoli risg eu hunain (RK-6), rhybuddion risg â chod lliw gan y
# bobl sy'n gyfrifol am gyfleoedd a chontractau (RK-3), cynlluniau rheoli risg (RK-5).

field-contracts = contractau
field-contract = contract
field-risk-alerts = rhybuddion risg â chod lliw
field-risk-plans = cynlluniau rheoli risg
field-reporting = dyletswydd rhybuddion risg
field-manager = rheolwr
field-start = dechrau
field-ended = daeth i ben
field-reporter = anfonwr
field-from = o'r dyddiad
field-colour = lliw
field-commentary = sylwadau
field-register = lliw'r gofrestr
field-activity = gweithgaredd
field-started = dechreuwyd
field-effectiveness = effeithiolrwydd
rec-section-contracts = contractau
rec-section-risk_alerts = rhybuddion risg â chod lliw
rec-section-risk_plans = cynlluniau rheoli risg
rec-what-contract = contract '{ $label }'
rec-what-risk-alert = rhybudd risg '{ $label }'
rec-what-risk-plan = cynllun rheoli risg '{ $label }'
rec-entry-contract = contract { $title }
rec-entry-risk-alert = rhybudd risg dyddiedig { $date }
rule-scope-contract = y contract '{ $title }'
prr-for-contract = y contract '{ $title }'

## Gwrthodiadau
ct-rule-needs-title = Mae angen teitl ar gontract: rhowch --title (neu --opportunity, a bydd yn cymryd teitl y cyfle).
ct-rule-needs-manager = Mae angen y person sy'n ei reoli ar gontract: rhowch --manager.
ct-rule-value = Rhaid i werth contract fod yn nifer o bunnoedd, 0 neu fwy.
ct-rule-not-won = Mae "{ $title }" { $status }, nid wedi'i ennill: daw contract o archeb a enillwyd (mae casebook opp close FILE OPPORTUNITY --won --reason … yn cau cyfle fel un a enillwyd).
ct-rule-has-contract = Mae gan "{ $title }" ei gontract eisoes: "{ $contract }".
ct-rule-ended = Daeth y contract "{ $title }" i ben ar { $date }.
ct-rule-end-before-start = Ni all y contract "{ $title }" ddod i ben cyn iddo ddechrau: rhowch --date hwyrach.
ra-rule-activity = Anfonir rhybuddion risg â chod lliw ar gyfer cyfle neu gontract: rhowch --opportunity neu --contract.
ra-rule-opportunity-ended = Mae "{ $title }" { $status }: anfonir rhybuddion tra bo cyfle'n cael ei ddilyn (mae contract archeb a enillwyd yn anfon ei rai ei hun).
ra-rule-needs-reporter = Dywedwch pwy sy'n anfon y rhybuddion: rhowch --reporter (neu --by).
ra-rule-every = Anfonir rhybuddion bob 1 i { $max } diwrnod: rhowch --every gyda rhif yn yr ystod honno.
ra-rule-needs-from = Dywedwch o ba ddiwrnod y mae'r rhybuddion yn ddyledus: rhowch --from.
ra-rule-needs-colour = Mae angen ei liw ar rybudd: gwyrdd, ambr neu goch.
ct-what-end = Diwedd contract
ra-what-alert = Rhybudd risg
ra-rule-needs-date = Mae angen ar rybudd y diwrnod y cafodd ei anfon: rhowch --date.
rmp-rule-scope = Cedwir cynlluniau rheoli risg ar gyfer y cyfrif ac ar gyfer contractau: rhowch --contract, neu ddim byd ar gyfer y cyfrif.
rmp-rule-no-plan = Nid oes cynllun rheoli risg ar gyfer { $what } eto: mae casebook risk plan start FILE yn ei ddechrau.
rmp-rule-needs-owner = Mae angen y person sy'n ei gadw ar gynllun rheoli risg: rhowch --owner.
rmp-rule-every = Adolygir cynllun bob 1 i { $max } diwrnod: rhowch --review-every gyda rhif yn yr ystod honno.
rmp-rule-started = Mae'r cynllun rheoli risg ar gyfer { $what } wedi'i ddechrau eisoes.
rmp-rule-risk-scope = Nid yw "{ $risk }" yn un o'r risgiau ar gyfer { $what }: mae camau gweithredu cynllun yn trin ei risgiau ei hun.
rmp-rule-needs-notes = Dywedwch pa mor effeithiol y bu'r cynllun: rhowch --notes.

## Hanes
rec-change-schema-12 = Sgema 12: contractau, rhybuddion risg â chod lliw a chynlluniau rheoli risg
rec-change-contract-made = Gwnaed y contract '{ $title }' (rheolwr { $manager }{ $start }, £{ $value })
rec-change-contract-starts = , yn dechrau { $date }
rec-change-contract-ended = Daeth y contract '{ $title }' i ben ar { $date }
rec-change-alert-duty = Rhybuddion risg ar gyfer { $what }: { $reporter } bob { $every } diwrnod o { $date }
rec-change-alert-sent = Rhybudd risg ar gyfer { $what }: { $colour } gan { $reporter } ar { $date }{ $below }
rec-change-alert-below = , islaw'r gofrestr ({ $colour })
rec-change-risk-plan-started = Cynllun rheoli risg ar gyfer { $what }: perchennog { $owner }, adolygir bob { $every } diwrnod
rec-change-risk-plan-action = Cynllun rheoli risg ar gyfer { $what }: cam gweithredu ar '{ $risk }': { $item } (perchennog { $owner }{ $due })
rec-change-risk-plan-reviewed = Adolygwyd y cynllun rheoli risg ar gyfer { $what } ar { $date }

## casebook contract
ct-made = { $count ->
    [0] Mae'r contract "{ $contract }" yn dechrau ei gofrestr risg ei hun: ni ddygir ymlaen unrhyw risg ataliol a oedd yn berthnasol i'r archeb (mae casebook risk prr check FILE yn dangos ei restr wirio).
    [one] Mae'r contract "{ $contract }" yn dechrau ei gofrestr risg ei hun gydag 1 risg ataliol wedi'i dwyn ymlaen o'r archeb (mae casebook risk prr check FILE yn dangos gweddill ei restr wirio).
   *[other] Mae'r contract "{ $contract }" yn dechrau ei gofrestr risg ei hun gyda { $count } risg ataliol wedi'u dwyn ymlaen o'r archeb (mae casebook risk prr check FILE yn dangos gweddill ei restr wirio).
}
ct-none = Nid oes gan y cleient hwn gontract eto: mae archeb a enillwyd (casebook opp close … --won) yn creu un.
ct-col-contract = contract
ct-col-manager = rheolwr
ct-col-start = yn dechrau
ct-col-value = gwerth
ct-col-colour = lliw
ct-col-checklist = wedi'u gwirio
ct-col-alerts = rhybuddion risg
ct-col-plan = cynllun rheoli risg
ct-ended-on = (daeth i ben ar { $date })
ct-no-duty = neb wedi'i enwi
ct-alerts = { $reporter } bob { $every ->
    [one] dydd
    [two] 2 ddiwrnod
   *[other] { $every } diwrnod
}, { $missing } ar goll
ct-plan-review = adolygiad { $date }
ct-no-plan = dim

## casebook risk alert
ra-none = Nid oes rhybuddion risg â chod lliw yn ddyledus nac wedi'u hanfon ar gyfer y cleient hwn: mae casebook risk alert duty FILE --contract … --reporter NAME yn gosod pwy sy'n eu hanfon.
ra-col-activity = ar gyfer
ra-col-reporter = gan
ra-col-latest = diweddaraf
ra-col-trend = tuedd
ra-col-missing = ar goll
ra-col-latest-below = yr olaf islaw'r gofrestr
ra-col-date = dyddiad
ra-col-colour = lliw
ra-col-register = cofrestr
ra-col-commentary = sylwadau
ra-every = { $reporter }, bob { $every ->
    [one] dydd
    [two] 2 ddiwrnod
   *[other] { $every } diwrnod
}
ra-overdue = { $count } (hwyr: y cyfnod o { $date })
ra-below = (rhybudd yn is)
ra-trend-worsening = yn gwaethygu
ra-trend-improving = yn gwella
ra-trend-steady = cyson

## casebook risk plan
rmp-missing = Bygythiadau agored heb gynllun rheoli risg ar gyfer { $what }: mae casebook risk plan start FILE yn dechrau un.
rmp-none = Dim cynllun rheoli risg eto: mae casebook risk plan start FILE yn dechrau cynllun y cyfrif.
rmp-review-current = cyfredol
rmp-review-due = adolygiad yn ddyledus cyn bo hir
rmp-review-overdue = adolygiad yn hwyr
rmp-title = Cynllun rheoli risg ar gyfer { $what }: yn cael ei gadw gan { $owner }, { $reviews } adolygiad, yr adolygiad nesaf { $next } ({ $state })
rmp-col-risk = risg
rmp-col-response = ymateb
rmp-col-actions = camau gweithredu
rmp-gap = dim cam gweithredu (ambr neu goch)
rmp-no-response = dim ymateb eto
rmp-per-response = Camau gweithredu fesul ymateb: { $counts }

## casebook portfolio
portfolio-risk-alerts = Rhybuddion risg â chod lliw sy'n hwyr neu islaw'r gofrestr
portfolio-risk-alerts-ok = anfonwyd pob rhybudd sy'n ddyledus, a does dim un islaw'r gofrestr
portfolio-risk-plans = Cynlluniau rheoli risg i'w dechrau, i'w cwblhau neu sydd angen adolygiad
portfolio-risk-plans-ok = mae pob cynllun rheoli risg wedi'i adolygu ac mae ganddo gam gweithredu ar gyfer pob bygythiad ambr neu goch
why-alert-overdue-contract = dim rhybudd gan { $reporter } ar gyfer y contract '{ $activity }' am y cyfnod o { $date }
why-alert-overdue-opportunity = dim rhybudd gan { $reporter } ar gyfer y cyfle '{ $activity }' am y cyfnod o { $date }
why-alerts-below-register = { $count ->
    [one] mae'r rhybudd diweddaraf islaw lliw'r gofrestr
   *[other] mae rhybuddion diweddaraf { $count } o weithgareddau islaw lliw'r gofrestr
}
why-plan-review-overdue = cynllun rheoli risg ar gyfer { $what }: adolygiad yn ddyledus ar { $date }
why-plan-gaps = { $count ->
    [one] cynllun rheoli risg ar gyfer { $what }: 1 bygythiad ambr neu goch heb gam gweithredu
    [two] cynllun rheoli risg ar gyfer { $what }: 2 fygythiad ambr neu goch heb gam gweithredu
   *[other] cynllun rheoli risg ar gyfer { $what }: { $count } bygythiad ambr neu goch heb gam gweithredu
}
why-no-plan = dim cynllun rheoli risg ar gyfer { $what }

## casebook risk list
risks-scope-contract = contract '{ $contract }'
risks-scope-contract-ended = contract '{ $contract }' (daeth i ben ar { $date })
risks-scope-contract-unknown = contract { $contract } (anhysbys)
risks-scope-contracted = cyfle: { $opportunity } (wedi'i ennill: cofrestr ei gontract sy'n parhau; y tu allan i grynhoad y cyfrif)
