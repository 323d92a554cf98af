# rules
# Gwallau ffeiliau cyfrif (casebook-doc): gwerthoedd gwael, ystodau, cofnodion anhysbys,
# terfynau, a'r rheolau y mae'n rhaid i olygiad eu cadw (allweddi rule-*).
doc-bad-value = nid yw '{ $input }' yn werth dilys ar gyfer { $what }; derbynnir: { $accepted }
doc-out-of-range = rhaid i'r gwerth ar gyfer { $what } fod rhwng { $min } a { $max }, cafwyd { $value }
doc-bad-date = nid yw '{ $input }' yn werth dilys ar gyfer { $what }; defnyddiwch { $forms }
doc-no-such-entry = nid oes { $what } â'r dynodydd '{ $id }' yn y ffeil cyfrif hon; rhedwch `casebook client show FILE` i weld ei dynodyddion
doc-ambiguous-entry = mae '{ $id }' yn cyfateb i fwy nag un { $what }; rhowch fwy o'r dynodydd
doc-no-such-conflict = nid oes gwrthdaro â'r dynodydd '{ $id }' yn y ffeil cyfrif hon (efallai ei fod wedi'i ddatrys eisoes); rhedwch `casebook conflicts FILE` i restru ei gwrthdaro a'u dynodyddion
doc-too-long = mae'r testun ar gyfer { $field } yn { $chars } nod o hyd, a'r mwyaf a ganiateir yw { $max }: byrhewch ef
doc-not-an-account-file = nid ffeil cyfrif casebook yw hon: { $why }
doc-schema-too-new = mae gan ffeil cyfrif { $file_id } fersiwn sgema { $found }, ond mae'r casebook hwn yn darllen hyd at fersiwn { $supported }; uwchraddiwch casebook i'w hagor
doc-malformed = mae cynnwys y ffeil cyfrif wedi'i ffurfio'n wael: { $why }
doc-automerge = automerge: { $why }

# Pam nad yw dogfen yn ffeil cyfrif.
doc-why-section-missing = mae ei hadran '{ $key }' ar goll
doc-why-section-missing-since = mae ei hadran '{ $key }' ar goll (sgema { $schema })
doc-why-not-organisation = ffeil cyfrif yw { $id }, nid sefydliad
doc-why-no-sharing = nid oes ganddi fap rhannu
doc-why-genesis-journey = collodd y genesis ei daith
doc-why-bad-file-id = nid yw file_id '{ $text }' yn UUID
doc-why-not-text = nid testun yw { $key }
doc-why-no-key = nid oes ganddi { $key }
doc-why-bad-owner = nid yw'r perchennog '{ $text }' yn ddynodydd nod
doc-why-no-schema = nid oes ganddi fersiwn sgema

# Termau y mae'r gwallau uchod yn eu henwi: mathau o gofnod, meysydd, rhifau (doc-term-<term>).
doc-term-other = { $what }
doc-term-entry = cofnod
doc-term-any-entry = cofnod (person, rhyngweithiad, cam gweithredu, risg neu gyfle)
doc-term-withdrawn-entry = cofnod (mae wedi'i dynnu'n ôl eisoes)
doc-term-person = person
doc-term-interaction = rhyngweithiad
doc-term-action = cam gweithredu
doc-term-risk = risg
doc-term-parent-risk = rhiant-risg
doc-term-pathway-stage = cam y llwybr
doc-term-sharing-role = rôl rhannu
doc-term-an-interaction-s-minutes = munudau rhyngweithiad
doc-term-cosmonauts-score = sgôr COSMONAUTS
doc-term-days-without-contact-before-a-contact-is-overdue = nifer y dyddiau heb gyswllt cyn bod cyswllt yn hwyr
doc-term-days-without-a-response-before-a-client-is-unresponsive = nifer y dyddiau heb ymateb cyn bod cleient yn un nad yw'n ymateb
doc-term-days-without-progress-before-a-journey-is-stalled = nifer y dyddiau heb gynnydd cyn bod taith wedi aros yn ei hunfan
doc-term-days-a-client-may-stay-in-a-stage = nifer y dyddiau y caiff cleient aros mewn cam
doc-term-unanswered-attempts-before-a-client-is-unresponsive = nifer yr ymdrechion heb ateb cyn bod cleient yn un nad yw'n ymateb
doc-term-the-score-where-amber-starts = y sgôr lle mae ambr yn dechrau
doc-term-the-score-where-red-starts = y sgôr lle mae coch yn dechrau
doc-term-name-in-a-list = enw mewn rhestr
doc-term-segment = segment

# Rheolau y mae'n rhaid i olygiad eu cadw.
rule-nothing-to-change = dim i'w newid: mae pob gwerth a roddwyd wedi'i osod eisoes
rule-interaction-in-future = nid yw rhyngweithiad dyddiedig { $at } wedi digwydd eto: mae rhyngweithiadau wedi'u dyddio hyd at { $latest } (diwrnod o flaen yr amser presennol); i gynllunio cyswllt, ychwanegwch gam gweithredu gyda --due neu gynlluniwch ymweliad (person visit --planned)
rule-day-in-future = { $what }, dyddiedig { $date }: nid yw wedi digwydd eto; rhowch heddiw ({ $today }) neu'n gynharach
rule-intake-in-future = mae'r dyddiad derbyn { $intake } yn y dyfodol: y dyddiad derbyn yw'r diwrnod yr ymunodd y cleient, sef heddiw ({ $today }) neu'n gynharach
rule-exit-date-impossible = ni all ymadael ar { $date } fod yn wir: mae dyddiad ymadael rhwng { $from } a heddiw ({ $today }); i gynllunio ymadael, defnyddiwch `client exit-plan --date`
rule-exit-from-any-date = unrhyw ddyddiad
rule-exit-from-intake = y dyddiad derbyn ({ $date })
rule-planned-exit-before-intake = mae'r ymadael a gynlluniwyd ar { $date } cyn y dyddiad derbyn ({ $intake }): cynlluniwch ef ar { $intake } neu'n hwyrach
rule-stage-entry-impossible = ni all cam a ddechreuwyd am { $at } fod yn wir: mae cam yn dechrau rhwng { $from } a nawr ({ $now })
rule-stage-from-any-time = unrhyw adeg
rule-stage-from-earliest = { $at } (y dyddiad derbyn neu ddechrau'r cam presennol)
rule-client-needs-name = mae angen enw ar gleient (--name)
rule-client-name-empty = ni all enw cleient fod yn wag
rule-client-exited-no-journey = mae { $client } wedi ymadael; nid oes ganddo daith i'w symud
rule-already-in-stage = mae { $client } yng ngham { $stage } eisoes
rule-exit-plan-needs-criteria = mae angen meini prawf ar gynllun ymadael (--criteria)
rule-already-exited = mae { $client } wedi ymadael eisoes ar { $date } ({ $reason })
rule-action-needs-title = mae angen teitl ar gam gweithredu
rule-action-already-done = mae'r cam gweithredu '{ $title }' wedi'i wneud eisoes
rule-withdraw-needs-reason = dywedwch pam y caiff y cofnod ei dynnu'n ôl (--reason), fel bod eraill yn gwybod mai camgymeriad ydoedd
rule-opportunity-needs-title = mae angen teitl ar gyfle
rule-opportunity-closed-no-qualify = mae'r cyfle '{ $title }' wedi'i gau eisoes ({ $status }); ni chaiff cyfle a gaewyd ei gymhwyso eto
rule-opportunity-session-needs-answer = mae angen o leiaf un ateb â sgôr ar sesiwn gymhwyso
rule-opportunity-close-not-outcome = mae cyfle'n cau wedi'i ennill (won), wedi'i golli (lost) neu wedi'i dynnu'n ôl (withdrawn), nid { $status }
rule-opportunity-close-needs-reason = mae angen rheswm i gau cyfle (--reason "..."): beth a'i enillodd, neu pam y'i collwyd neu y'i tynnwyd yn ôl
rule-opportunity-value-negative = rhaid i --value fod yn swm cadarnhaol mewn punnoedd
rule-opportunity-already-closed = caewyd y cyfle '{ $title }' eisoes ({ $status }); cofnodir canlyniad unwaith yn unig
rule-opportunity-already-closed-on = caewyd y cyfle '{ $title }' eisoes ar { $date } ({ $status }); cofnodir canlyniad unwaith yn unig
rule-risk-needs-title = mae angen teitl ar risg
rule-sub-risk-scope = mae is-risg yn cadw maes ei rhiant, ac mae '{ $parent }' yn perthyn i'r maes hwn: { $scope }; gadewch --opportunity allan
rule-scope-opportunity = y cyfle '{ $title }'
rule-scope-account = y cyfrif
rule-accept-needs-note = mae angen nodyn am gyllideb a chynllun wrth gefn i dderbyn risg (--mitigation "...")
rule-objective-needs-goal = rhaid i amcan ddweud beth y mae'r cleient am ei gyflawni
rule-swot-needs-text = mae angen testun ar eitem SWOT
rule-import-needs-name = nid oes enw cleient yn y ffeil cyfrif (profile.name)
rule-person-needs-name = mae angen enw ar berson (--name)
rule-person-reports-to-self = ni all person adrodd iddo'i hun ({ $name })
rule-visit-needs-visitor = mae angen ymwelydd ar ymweliad a gynlluniwyd (--by NAME)
rule-already-shared = mae ffeil { $client } wedi'i rhannu gyda { $label } eisoes ({ $role })
rule-owner-keeps-write = mae perchennog ffeil bob amser yn cadw'r hawl i ysgrifennu ynddi
rule-owner-not-removed = ni ellir tynnu perchennog ffeil oddi arni
rule-not-shared = nid yw ffeil { $client } wedi'i rhannu gyda { $label }
rule-read-only = dim ond darllen ffeil { $client } y caiff y nod hwn; gofynnwch i nod sy'n cael ysgrifennu ynddi ei rhannu â chi
rule-nested-lists = nid yw rhestrau o fewn rhestrau yn rhan o'r sgema
rule-endorsement-unrecordable = ni ellir cofnodi'r ardystiad: { $why }
rule-settings-unchanged = mae gosodiadau'r sefydliad yn dweud hynny eisoes; ni newidiodd dim
rule-organisation-needs-name = mae angen enw ar sefydliad
rule-not-organisation-id = nid yw { $id } yn ddynodydd sefydliad
rule-role-unchanged-administrator = mae { $label } eisoes yn weinyddwr { $org }
rule-role-unchanged-member = mae { $label } eisoes yn aelod o { $org }
rule-role-unchanged-none = mae { $label } eisoes wedi peidio â bod yn rhan o { $org }
rule-last-administrator = { $label } yw unig weinyddwr { $org }; gwnewch nod arall yn weinyddwr yn gyntaf
rule-pathway-needs-stage = mae angen o leiaf un cam ar y llwybr
rule-cosmonauts-weight = mae angen pwysoliad uwch na 0 ar o leiaf un grŵp COSMONAUTS
rule-amber-below-red = rhaid i ambr ddechrau islaw coch: nid yw ambr o { $amber } a choch o { $red } yn gadael dim ambr; rhowch sgôr ambr o 2 i { $most }
rule-matrix-falls-with-likelihood = matrics RAG: { $here } yw tebygolrwydd { $likelihood } difrifoldeb { $severity }, ond { $there } yw tebygolrwydd { $next }; ni chaiff lliwiau ostwng wrth i'r tebygolrwydd godi
rule-matrix-falls-with-severity = matrics RAG: { $here } yw tebygolrwydd { $likelihood } difrifoldeb { $severity }, ond { $there } yw difrifoldeb { $next }; ni chaiff lliwiau ostwng wrth i'r difrifoldeb godi
rule-conflict-no-candidate = mae gan { $what } werthoedd 1 i { $count }; nid oes gwerth { $number }
rule-conflict-unstorable = ni ellir storio '{ $text }' fel { $what }: { $why }
rule-conflict-none-by = ni osododd '{ $wanted }' unrhyw werth ar gyfer { $what }; y gwerthoedd yw { $values }
rule-conflict-several-by = gosododd { $wanted } fwy nag un gwerth ar gyfer { $what } ({ $values }); dewiswch un yn ôl ei rif
rule-conflict-group = grŵp o feysydd yw { $what }, nid un gwerth; cadwch un o'i werthoedd yn ôl ei rif neu yn ôl y cynghorydd
rule-conflict-not-whole = nid yw '{ $text }' yn rhif cyfan; mae { $what } yn dal rhifau cyfan
rule-conflict-not-number = nid yw '{ $text }' yn rhif; mae { $what } yn dal rhifau
rule-conflict-not-yes-no = nid yw '{ $text }' yn yes nac yn no; mae { $what } yn dal yes neu no
rule-conflict-not-typed = ni ellir teipio gwerth ar gyfer { $what }; cadwch un o'i werthoedd yn ôl ei rif neu yn ôl y cynghorydd

# Beitiau Automerge a wrthodir cyn i Automerge eu darllen (gwarchodwr casebook-base).
guard-refused = { $why }
guard-panicked = beitiau wedi'u ffurfio'n wael na all datgodiwr Automerge eu darllen
guard-bundle = mae'n cynnwys bwndel Automerge, nad yw casebook yn ei ddarllen
guard-inflates-too-far = mae ei rannau cywasgedig yn ehangu i fwy na { $mib } MiB
guard-too-many-items = mae un o'i golofnau'n honni bod ganddi fwy na { $limit } o eitemau
guard-malformed-column = mae un o'i golofnau wedi'i ffurfio'n wael

# Problemau cofrestr risg a ysgrifennodd offeryn arall, a pham y mae dau gleient yn edrych fel dyblygion.
rule-risk-parent-cycle = mae'r risgiau { $risks } yn enwi ei gilydd yn rhiant; dangosir { $shown } fel risg lefel uchaf nes cywiro rhiant
rule-risk-unknown-parent = mae'r risg { $risk } yn enwi rhiant { $parent } nad yw yn y ffeil hon; fe'i dangosir fel risg lefel uchaf
rule-risk-off-scale = mae { $field } y risg { $risk } yn { $value }, y tu allan i'r raddfa 1–5; mae'r risg yn cyfrif yn goch nes ei chywiro gyda `casebook risk assess`
rule-duplicate-company-number = yr un rhif cwmni
rule-duplicate-name-and-postcode = yr un enw a chod post
rule-duplicate-name-without-postcode = yr un enw, a dim cod post i'w gwahaniaethu
# Adolygu archebion a gollwyd (OP-4).
rule-order-review-needs-notes = mae angen nodiadau ar adolygiad archeb a gollwyd: dywedwch beth a ddysgwyd
rule-order-review-not-lost = dim ond archeb a gollwyd a adolygir; mae '{ $title }' { $status }
rule-order-reviewed-already = adolygwyd yr archeb a gollwyd '{ $title }' eisoes ar { $date }
rule-order-review-before-loss = byddai adolygiad dyddiedig { $date } yn dod cyn colli'r archeb ar { $lost }
doc-term-clients-an-adviser-can-lead = y cleientiaid y gall cynghorydd eu harwain
doc-term-hours-a-year-an-adviser-can-give-clients = yr oriau'r flwyddyn y gall cynghorydd eu rhoi i gleientiaid
rule-band = Mae band yn rhedeg o isafswm i uchafswm rhwng 0 a 100 y cant: cafwyd { $min } i { $max }.
