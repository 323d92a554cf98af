# network
# Cysoni, cymheiriaid a throsglwyddo: gwallau casebook-sync a casebook-net, a `casebook serve`,
# `sync`, `status`, `invite`, `peer`, `share`, `unshare`, `export`, `import`, `import-csv` a
# `merge`.

## Gwallau casebook-sync.
sync-err-text = { $text }
sync-err-connection = collwyd y cysylltiad gyda { $peer }: { $reason }
sync-err-session = stopiodd y cysoni gyda { $peer }: { $reason }
sync-err-refused = gorffennodd y cysoni gyda { $peer }, ond gwrthodwyd y newidiadau i { $count } ffeil: { $files }
sync-refused-by-this-node = ffeil cyfrif { $file } (gwrthododd y nod hwn newidiadau'r cymar: { $reason })
sync-refused-by-peer = ffeil cyfrif { $file } (gwrthododd y cymar newidiadau'r nod hwn: { $reason })
sync-list-next = { $before }; { $next }
sync-err-not-trusted = nid yw { $name } (nod { $node }) yn adnabod y nod hwn, felly gwrthododd y cysylltiad: ar beiriant { $name } rhedwch `casebook peer add { $ticket } --name "<enw ar gyfer y nod hwn>"` (tocyn y nod hwn; mae `casebook invite` yn ei argraffu yma)
sync-ticket-placeholder = <y tocyn y mae `casebook invite` yn ei argraffu>
sync-node-short = nod { $node }
sync-err-no-address = nid oes cyfeiriad yn hysbys ar gyfer y cymar { $peer }; ychwanegwch ef eto o docyn newydd (`casebook invite` ar y nod hwnnw, yna `casebook peer add`)
sync-err-timeout = ni orffennodd y cysoni gyda { $peer } o fewn { $secs } eiliad
sync-end-protocol = torrwyd y protocol: { $why }
sync-end-refused = gwrthodwyd: { $why }
sync-end-revoked = diddymwyd y mynediad: { $why }
sync-protocol-bloom = hidlydd Bloom na ellir ei ddefnyddio: { $bytes } beit o ddidau, { $probes } chwiliad i bob stwnsh
sync-protocol-too-many-announced = cyhoeddwyd mwy na { $limit } ffeil mewn un sesiwn
sync-protocol-undecodable = neges cysoni Automerge na ellir ei datgodio: { $why }
sync-protocol-unusable = neges cysoni Automerge na ellir ei defnyddio: { $why }
sync-protocol-too-many-in-play = mwy na { $limit } ffeil ar y gweill ar unwaith
sync-protocol-second-hello = ail Hello
sync-protocol-version = fersiwn protocol { $version }, mae'r nod hwn yn siarad { $ours }
sync-protocol-before-hello = neges cyn Hello
sync-protocol-too-many-refused = gwrthodwyd mwy na { $limit } ffeil mewn un sesiwn
sync-revoked-unshared = nid yw ffeil cyfrif { $file } yn cael ei rhannu â'r cymar hwn mwyach
sync-revoked-untrusted = nid yw'r nod hwn yn ymddiried yn y cymar mwyach
sync-lost-incomplete = caeodd y cymar y sesiwn cyn iddi gael ei chwblhau

## Gwallau casebook-net.
net-err-bind = ni ellir gwrando ar { $addr }
net-err-tls = methodd ffurfweddiad TLS: { $why }
net-err-timeout = dim ateb gan { $addr } o fewn { $secs } eiliad; gwiriwch y cyfeiriad a bod y cymar yn rhedeg `casebook serve`
net-err-connect = methodd y cysylltiad â { $addr } (disgwylid y nod { $expected })
net-err-not-trusted = nid yw nod { $node } yn { $addr } yn ymddiried yn y nod hwn (nid yw'r nod hwn yn ei restr nodau cymar)
net-err-untrusted = gwrthodwyd cysylltiad i mewn o { $addr }: nid yw'r nod yn rhestr nodau cymar y nod hwn
net-err-dial = ni ellir deialu { $addr }
net-err-incoming = gwrthodwyd cysylltiad i mewn o { $addr }: { $why }
net-err-handshake-timeout = ni orffennodd ysgwyd llaw i mewn o { $addr } o fewn { $secs } eiliad
net-err-busy = trowyd cysylltiad i mewn o { $addr } ymaith: mae { $limit } ysgwyd llaw eisoes ar y gweill
net-err-no-identity = ni chyflwynodd y cymar hunaniaeth ed25519
net-err-io = gwall soced

## casebook serve, sync a status.
net-runtime-failed = methwyd â chychwyn yr amgylchedd rhedeg anghydamserol
net-file-named = { $name } (ffeil { $id })
net-file-unknown = ffeil cyfrif { $id }
net-refused-by-this-node = gwrthododd y nod hwn newidiadau { $peer } i { $file }: { $reason }
net-refused-by-peer = gwrthododd { $peer } newidiadau'r nod hwn i { $file }: { $reason }
net-conflicts-in-file = { $client } ({ $count } maes yn dal gwerthoedd cydamserol: `casebook conflicts "{ $client }"`)
net-list-next = { $before }; { $next }
net-conflicts-arrived = cyrhaeddodd gwrthdaro mewn { $count } ffeil: { $files }
net-conflicts-arrived-line = Cyrhaeddodd gwrthdaro mewn { $count } ffeil: { $files }
net-refusal-advice-peer = Mae `casebook history { $client }` yn dangos y newidiadau ar y nod hwn (nid yw nodau eraill yn derbyn un sydd wedi'i farcio'n ddi-lofnod); cysonwyd popeth arall
net-refusal-advice-this-node = Mae `casebook history { $client }` ar nod { $peer } yn dangos y newidiadau na fyddai'r nod hwn yn eu derbyn; cysonwyd popeth arall
net-refusal-with-advice = { $refusal }. { $advice }
net-log-listening = yn gwrando ar { $addr } fel nod { $node }
net-log-connected-dialled = wedi cysylltu gyda { $peer } (deialwyd)
net-log-connected-incoming = wedi cysylltu gyda { $peer } (i mewn)
net-log-received = derbyniwyd { $changes } newid i { $files } ffeil gan { $peer }
net-log-ended = daeth y sesiwn gyda { $peer } i ben: anfonwyd { $sent } ffeil, derbyniwyd { $received } ffeil
net-log-ended-refused = { $before }, gwrthodwyd { $count } ffeil
net-log-ended-error = daeth y sesiwn gyda { $peer } i ben: { $reason }
net-log-refused = gwrthodwyd cysylltiad: { $reason }
net-log-redial = methwyd â chysoni gyda { $peer }: { $reason }; rhoi cynnig arall ymhen { $wait }
net-log-untrusted = gwrthodwyd nod { $node }: nid yw yn rhestr nodau cymar y nod hwn (deialodd gyda thocyn y nod hwn, ond nid ychwanegodd y nod hwn ei docyn erioed, neu fe'i tynnodd oddi ar y rhestr). Os nod cydweithiwr ydyw, rhedwch yma `casebook peer add { $ticket } --name ENW` (neu ei docyn llawn, y mae `casebook invite` yn ei argraffu ar y nod hwnnw, fel y gall y nod hwn ei ddeialu hefyd)
net-log-replaced = agorodd { $peer } fwy na { $limit } cysylltiad; caewyd yr hynaf
net-log-warning = { $time } rhybudd: { $text }
net-wait-minutes = { $min } mun { $sec } eiliad
net-wait-seconds = { $sec } eiliad
net-syncing-with = yn cysoni gyda { $peer }
net-sync-progress = Cynnydd: { $in_play } ffeil ar y gweill, { $sent } wedi'u hanfon, { $received } wedi'u derbyn, { $out } allan / { $in } i mewn
net-sync-did-not-finish = ni orffennodd y cysoni gyda { $peer }
net-sync-failed = methodd y cysoni gyda { $peer }
net-synced = Cysonwyd gyda { $peer } mewn { $secs } eiliad: anfonwyd { $sent } ffeil, derbyniwyd { $received } ffeil ({ $changes } newid); { $out } allan, { $in } i mewn
net-refused-line = Gwrthodwyd: { $refusal }
net-still-refused-line = Yn dal wedi'i gwrthod (ers cysoni cynharach): { $refusal }
net-refused-now = gwrthodwyd y newidiadau i { $count } ffeil cyfrif:
net-refused-standing = { $count ->
    [one] mae { $count } ffeil cyfrif yn dal wedi'i gwrthod ers cysoni cynharach (fe'i cynigir eto unwaith y bydd yn newid):
   *[other] mae { $count } ffeil cyfrif yn dal wedi'u gwrthod ers cysoni cynharach (fe'u cynigir eto unwaith y byddant yn newid):
}
net-sync-refusals = gorffennodd y cysoni gyda { $peer }, ond { $parts }
net-status-no-peers = Dim cymheiriaid eto: ymddiriedwch mewn un gyda `casebook peer add TICKET --name NAME`.
net-status-peer = { $peer } ({ $adviser }), nod { $node }: cyswllt diwethaf { $when }
net-status-nothing-shared = nid oes ffeil cyfrif yn cael ei rhannu â'r cymar hwn
net-column-client = cleient
net-column-state = cyflwr
net-column-last-synced = cysonwyd ddiwethaf
net-state-in-sync = wedi'i chysoni
net-state-ahead = ar y blaen
net-state-behind = ar ei hôl hi
net-state-diverged = wedi gwahanu
net-state-never-synced = heb ei chysoni erioed
net-state-refused = wedi'i gwrthod
net-state-refused-by-this-node = gwrthodwyd: { $reason } (gan y nod hwn)
net-state-refused-by-peer = gwrthodwyd: { $reason } (gan y cymar)

## casebook invite, peer, share ac unshare.
net-invite-no-address = nodyn: nid oes cyfeiriad yn y tocyn hwn, felly ni all y nod arall ddeialu'r un hwn; y nod hwn sy'n ei ddeialu ef (`casebook serve` neu `casebook sync`). Rhowch --addr IP:PORT lle mae'r nod hwn yn gwrando er mwyn iddo yntau allu deialu hefyd.
net-peer-trusted = Yn ymddiried yn { $peer } (nod { $node }) ar { $addrs }
net-peer-trusted-no-address = Yn ymddiried yn { $peer } (nod { $node }), heb gyfeiriad (mae'n deialu'r nod hwn)
net-peer-already-shared = Ffeiliau sydd eisoes wedi'u rhannu ag ef: { $files } (`casebook unshare FILE "{ $peer }"` i roi'r gorau i'w rhannu)
net-grant = { $name } ({ $role })
net-role-read = darllen
net-role-write = ysgrifennu
net-no-address = dim cyfeiriad (mae'n deialu'r nod hwn)
net-column-name = enw
net-column-adviser = cynghorydd
net-column-node = nod
net-column-addresses = cyfeiriadau
net-column-added = ychwanegwyd
net-peer-count = { $count ->
    [zero] dim cymheiriaid
   *[other] { $count } cymar
}
net-peer-removed = Dim ymddiried yn { $peer } (nod { $node }) mwyach
net-peer-stopped-sharing = Rhoddwyd y gorau i rannu { $grant } ag ef
net-peer-still-shared = Yn dal wedi'i rhannu ag ef: { $grant }: { $why }
net-kept-shares = cadwyd (--keep-shares): mae ychwanegu'r cymar eto yn adfer y mynediad hwn
net-not-revocable-own-file = ffeil y nod hwnnw ei hun ydyw
net-not-revocable-read-only = dim ond ei darllen y caiff y nod hwn; gofynnwch i un o'i hysgrifenwyr roi'r gorau i'w rhannu
net-shared = Rhannwyd { $client } gyda { $peer } ({ $role })
net-unshared = Rhoddwyd y gorau i rannu { $client } gyda { $peer }

## casebook export, import, import-csv a merge.
net-cannot-read = ni ellir darllen { $path }
net-cannot-write = ni ellir ysgrifennu { $path }
net-too-big = mae { $path } yn { $size } MiB, dros y terfyn o { $limit } MiB
net-exporting = yn allforio { $id }
net-exported = Allforiwyd { $id } ({ $bytes } beit) i { $path }
net-export-binary = Mae allforiad Automerge yn ddeuaidd: rhowch --out FILE
net-importing = yn mewnforio { $path }
net-not-utf8 = { $path }: nid yw'n destun UTF-8, felly nid yw'n allforiad JSON
net-imported-json = Mewnforiwyd { $client } fel ffeil { $id }
net-as-new-json-only = { $path }: mae --as-new yn cymryd allforiad JSON (`casebook export --format json`); mae allforiad Automerge o gleient sydd eisoes yma yn mynd i mewn iddo gyda `casebook merge`
net-merging = yn cyfuno { $path }
net-merge-imported = Mewnforiwyd { $client } ({ $id }): { $count } newid newydd
net-merge-merged = Cyfunwyd i mewn i { $client } ({ $id }): { $count } newid newydd
net-column-change = newid
net-column-when = pryd
net-column-what = beth
net-merge-conflicts = Cyrhaeddodd { $count } gwrthdaro newydd: mae { $fields } maes o { $client } bellach yn dal gwerthoedd cydamserol; mae `casebook conflicts "{ $client }"` yn eu rhestru
net-merge-vouched = Gwarantodd y nod hwn { $vouched } o'r { $count } newid a ddygwyd i mewn: maen nhw'n cyrraedd cynghorwyr eraill y ffeil, wedi'u dangos fel rhai a ddygwyd i mewn o'r ffeil hon gennych chi.
net-merge-not-vouched = Mae { $count } newid a ddygwyd i mewn yn aros ar y nod hwn, ac mae nodau eraill yn gwrthod newidiadau'r ffeil tra bo'n eu dal: dim ond dros gynnwys y mae nod yn gwarantu, ar ffeil y gallai ei hysgrifennu cyn y cyfuno, byth dros newid i bwy gaiff ddarllen neu ysgrifennu'r ffeil, pa reolau sy'n ei barnu, na gair nod arall. Dylech gysoni â'r nod a'u gwnaeth yn lle hynny.
net-merge-what-changed = Beth a newidiodd yn y ffeil cyfrif:
net-csv-unknown-columns = rhybudd: anwybyddwyd colofn(au) nad yw casebook yn eu hadnabod: { $columns } (mae --strict yn eu gwrthod; mae `casebook import-csv --help` yn rhestru'r colofnau)
net-csv-imported = Mewnforiwyd { $rows } rhes i { $files } ffeil
net-csv-skipped = hepgorwyd { $what }
net-progress-rows = rhes
net-progress-left = ar ôl
