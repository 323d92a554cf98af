# gweinyddu
# Gosodiadau'r sefydliad: `casebook config ...`.
config-set-rag = Gosodiadau: RAG yn ambr o { $amber }, yn goch o { $red }
config-set-weight = Gosodiadau: pwysoliad COSMONAUTS { $group } { $weight }
config-set-pathway = Gosodiadau: llwybr { $stages }
config-set-stage-days = Gosodiadau: cleient wedi aros yn ei unfan ar ôl { $days } diwrnod yng ngham { $stage }
config-part-contact-due = cyswllt yn ddyledus ar ôl { $days } diwrnod
config-part-unresponsive-days = cleient yn un nad yw'n ymateb ar ôl { $days } diwrnod
config-part-unresponsive-attempts = cleient yn un nad yw'n ymateb ar ôl { $attempts ->
    [one] 1 ymgais
   *[other] { $attempts } ymgais
}
config-part-stalled = taith wedi aros yn ei hunfan ar ôl { $days } diwrnod heb gynnydd
# Dau drothwy neu fwy wedi'u newid ar unwaith, mewn rhestr.
config-parts = { $first }, { $next }
config-set-thresholds = Gosodiadau: { $thresholds }
config-error-stage-word = mae enwau camau yn eiriau sengl fel 'diagnostic' neu 'action-plan', cafwyd '{ $name }'
config-error-stage-twice = mae'r cam '{ $name }' wedi'i restru ddwywaith
config-error-no-threshold = rhowch o leiaf un o --contact-due-days, --unresponsive-days, --unresponsive-attempts, --stalled-days
config-saved = { $change }: wedi'i gadw yng ngosodiadau { $organisation } (fersiwn { $version }); ailgyfrifwyd crynodebau { $files } cleient. Bydd nodau eraill y sefydliad yn ei gael pan fyddant yn cysoni.
config-show-title = Gosodiadau { $organisation } (fersiwn { $version }), wedi'u gosod gan ei weinyddwyr: { $administrators }
config-show-matrix = Matrics RAG (rhesi: tebygolrwydd 5→1, colofnau: difrifoldeb 1→5)
config-column-l-s = T \ D
config-column-1 = 1
config-column-2 = 2
config-column-3 = 3
config-column-4 = 4
config-column-5 = 5
config-column-group = grŵp COSMONAUTS
config-column-weight = pwysoliad
config-column-stage = cam y llwybr
config-column-stalled-after = wedi aros yn ei unfan ar ôl (diwrnodau)
config-show-thresholds = Cyswllt yn ddyledus ar ôl { $contact } diwrnod · cleient yn un nad yw'n ymateb ar ôl { $unresponsive } diwrnod neu { $attempts } ymgais heb ateb · taith wedi aros yn ei hunfan ar ôl { $stalled } diwrnod heb gynnydd

# Y sefydliad: `casebook org ...`.
org-node = nod { $node }
org-created = Crëwyd { $organisation }; y nod hwn yw ei weinyddwr
org-added-administrators = { $count ->
    [one] Mae { $names } bellach yn weinyddwr { $organisation }; bydd yn cael ei osodiadau wrth gysoni â'r nod hwn, ac yna'n rhedeg `casebook org join { $id }`
   *[other] Mae { $names } bellach yn weinyddwyr { $organisation }; byddant yn cael ei osodiadau wrth gysoni â'r nod hwn, ac yna'n rhedeg `casebook org join { $id }`
}
org-added-members = { $count ->
    [one] Mae { $names } bellach yn aelod o { $organisation }; bydd yn cael ei osodiadau wrth gysoni â'r nod hwn, ac yna'n rhedeg `casebook org join { $id }`
   *[other] Mae { $names } bellach yn aelodau o { $organisation }; byddant yn cael ei osodiadau wrth gysoni â'r nod hwn, ac yna'n rhedeg `casebook org join { $id }`
}
org-removed = { $count ->
   *[other] Nid yw { $names } yn rhan o { $organisation } mwyach
}
org-error-not-organisation = nid yw '{ $id }' yn ddynodydd sefydliad; mae `casebook org show` ar nod gweinyddwr yn ei ddangos
org-joined = Mae'r nod hwn bellach yn barnu ei ffeiliau cyfrif yn ôl gosodiadau { $organisation }; symudodd { $moved } ffeil sy'n eiddo iddo gydag ef
org-show-title = { $organisation } ({ $id }), fersiwn y gosodiadau { $version }
org-column-node = nod
org-column-adviser = cynghorydd
org-column-role = rôl
org-role-administrator = gweinyddwr
org-role-member = aelod
org-show-config = Mae `casebook config show` yn dangos ei osodiadau.

# Y demo: `casebook demo`. Enwau'r sampl yw'r enwau.
demo-step-build = Mae { $adviser } yn adeiladu'r portffolio sampl
demo-step-listen = Mae nod { $adviser } { $node } yn gwrando ar { $addr } (QUIC)
demo-step-share = Mae { $adviser } yn rhannu ei { $count ->
    [one] 1 cleient
    [two] 2 gleient
    [few] { $count } chleient
    [many] { $count } chleient
   *[other] { $count } cleient
} gyda { $first } a { $second } (ysgrifennu)
demo-step-offline = Mae pawb yn mynd all-lein ac yn gweithio ar yr un cleient
demo-step-call = {"  "}Mae { $adviser } yn cofnodi galwad gyda { $client }
demo-step-meeting = {"  "}Mae { $adviser } yn cofnodi cyfarfod ac yn ailasesu '{ $risk }': tebygolrwydd { $likelihood }
demo-step-reassess = {"  "}Mae { $adviser } yn ailasesu'r un risg: tebygolrwydd { $likelihood }
demo-step-reassess-and-complete = {"  "}Mae { $adviser } yn ailasesu'r un risg: tebygolrwydd { $likelihood }, ac yn cwblhau cam gweithredu agored
demo-step-sync = Mae { $from } yn cysoni gyda { $to } dros QUIC: anfonwyd { $sent } ffeil, derbyniwyd { $received } ffeil ({ $changes } newid), { $out } beit allan, { $in } i mewn, { $millis } ms
demo-converged = Wedi cydgyfeirio: mae gan y tri nod yr un pennau ar gyfer pob un o'r { $files } ffeil a rennir ({ $seconds } eiliad i gyd)
demo-not-converged = HEB gydgyfeirio: nid oes gan y tri nod yr un pennau ar gyfer pob un o'r { $files } ffeil a rennir ({ $seconds } eiliad i gyd)
demo-heading-account = Y ffeil cyfrif wedi'i chyfuno, fel y mae nod { $adviser } yn ei dal yn awr
demo-heading-history = Ei hanes wedi'i gyfuno: pwy, pa nod, wedi'i lofnodi, wedi'i dderbyn gan
demo-earlier-changes = ({ $count ->
    [one] 1 newid cynharach heb ei ddangos
   *[other] { $count } newid cynharach heb eu dangos
}; mae `casebook history` yn dangos y cyfan)
demo-heading-conflicts = Lle roedd y cynghorwyr yn anghytuno
demo-no-conflicts = dim gwrthdaro
demo-try = Rhowch gynnig ar: casebook --data-dir { $dir } conflicts { $file }   (ychwanegwch --keep DIR i gadw storfeydd y demo)
demo-error-tempdir = ni ellir creu cyfeiriadur dros dro
demo-error-runtime = methwyd â chychwyn yr amgylchedd rhedeg anghydamserol
demo-error-not-converged = ni wnaeth nodau'r demo gydgyfeirio; nam yw hwn, rhowch wybod amdano
config-set-capacity = Gosodiadau: gall { $adviser } ysgwyddo { $clients } o gleientiaid a { $hours } awr y flwyddyn (0: dim terfyn)
config-error-capacity-adviser = Dywedwch gapasiti pwy: rhowch enw'r cynghorydd.
