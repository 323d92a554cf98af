# risgiau
# Y gofrestr risg: `casebook risk list`.
risks-list-title = Risgiau { $client }
risks-rollup-account = Crynhoad y cyfrif (y lliw uchaf sy'n ennill): { $colour }
risks-rollup-upside = Crynhoad y risgiau cadarnhaol (ar wahân; nid yw byth yn codi lliw'r cyfrif): { $colour }
risks-heading-threats = Bygythiadau
risks-heading-upside = Risgiau cadarnhaol (pegynedd cyfle: eu crynhoad ar wahân, heb godi lliw'r cyfrif byth)
risks-column-id = dynodydd
risks-column-risk = risg
risks-column-ls = T×D
risks-column-colour = lliw
risks-column-with-sub-risks = gyda'r is-risgiau
risks-column-response = ymateb
risks-column-residual = gweddilliol
risks-column-scope = maes
risks-column-status = statws
risks-under = { $title } (o dan '{ $parent }')
risks-parent-cycle = (cylch rhieni)
risks-disputed = (dan anghydfod)
risks-invalid = (annilys: { $values })
risks-field-likelihood = tebygolrwydd
risks-field-severity = difrifoldeb
risks-field-status = statws
risks-field-response = ymateb
risks-field-residual-likelihood = tebygolrwydd gweddilliol
risks-field-residual-severity = difrifoldeb gweddilliol
# Maes a'i werth neu ei werthoedd: "tebygolrwydd 9", "tebygolrwydd 4 neu 2".
risks-field-values = { $field } { $values }
risks-scope-account = cyfrif
risks-scope-opportunity = cyfle: { $opportunity }
risks-scope-ended = cyfle: { $opportunity } ({ $status }; y tu allan i grynhoad y cyfrif)
risks-scope-withdrawn = cyfle: { $opportunity } (cofnod wedi'i dynnu'n ôl)
risks-scope-unknown = cyfle: { $opportunity } (anhysbys)
risks-disputed-heading = Dan anghydfod (gosododd cynghorwyr y rhain ar wahân; mae'r lliwiau a'r crynhoad yn cymryd y gwaethaf nes cadw un gwerth gyda `casebook resolve`, gweler `casebook conflicts { $file }`)
risks-problems-heading = Problemau data (wedi'u hysgrifennu gan offeryn arall neu wedi'u creu wrth gyfuno; mae'r crynhoad yn gweithio o'u cwmpas nes eu cywiro)
risks-problem-parent-cycle = mae'r risgiau { $risks } yn enwi ei gilydd yn rhiant; dangosir { $shown } fel risg lefel uchaf nes cywiro rhiant
risks-problem-unknown-parent = mae risg { $risk } yn enwi rhiant { $parent } nad yw yn y ffeil hon; fe'i dangosir fel risg lefel uchaf
risks-problem-out-of-range = mae { $field } risg { $risk } yn { $value }, y tu allan i'r raddfa 1–5; mae'r risg yn cyfrif yn goch nes ei chywiro gyda `casebook risk assess`

# cyfleoedd
# Cyfleoedd a'u cymhwyso COSMONAUTS: `casebook opportunity ...`.
opp-error-score-form = nid yw --score '{ $score }' ar y ffurf GRŴP=SGÔR neu GRŴP=SGÔR:cwestiwn (e.e. money=4 neu authority=2:Pwy sy'n cymeradwyo?)
opp-error-score-range = --score '{ $score }': mae sgorau'n mynd o 0 i 5
opp-error-value = rhaid i --value fod yn swm cadarnhaol mewn punnoedd
opp-show-title = { $client } — { $opportunity } ({ $origin }, £{ $value }, { $status })
opp-show-closed = Wedi cau ({ $result }) ar { $date } (£{ $value }) gan { $by }: { $reason }
opp-show-rollup = Crynhoad y risgiau: { $colour }
opp-show-current = Y cymhwyso cyfredol: { $total } — { $answered } o'r 10 grŵp wedi'u hateb (yr ateb diweddaraf i bob grŵp; mae grwpiau heb eu hateb yn sgorio 0). Tuedd: { $trend }
opp-show-unanswered = Heb eu hateb eto: { $groups }
opp-trend-not-enough-sessions = dim digon o sesiynau eto
opp-trend-improving = yn gwella
opp-trend-steady = cyson
opp-trend-worsening = yn gwaethygu
opp-column-session = sesiwn
opp-column-when = pryd
opp-column-decision = penderfyniad
opp-column-answered = wedi'u hateb
opp-column-total = cyfanswm (grwpiau a atebwyd)
opp-column-today = gyda phwysoliadau heddiw
# Pennawd byr colofn pob grŵp COSMONAUTS yn nhabl y sesiynau (o'r gair Cymraeg).
opp-group-heading = { $group ->
    [competition] cys
    [opportunity] cyf
    [solution] dat
    [money] ari
    [objective] amc
    [need] ang
    [authority] awd
    [unique] uni
    [timescale] ams
    [size] mai
   *[other] { $group }
}
opp-todays-weights = { $total } (pwysoliadau heddiw)
opp-row-current = cyfredol
opp-all-groups = { $total } (pob un o'r deg grŵp)
opp-column-client = cleient
opp-column-id = dynodydd
opp-column-opportunity = cyfle
opp-column-status = statws
opp-column-value = gwerth
opp-column-raised = codwyd
opp-column-qualification = cymhwyso
opp-column-trend = tuedd
opp-column-risk = risg
opp-column-outcome = canlyniad
opp-list-qualification = { $percent }% ({ $answered }/10 grŵp)
opp-list-not-qualified = heb ei gymhwyso eto
opp-list-outcome = { $result } { $date }: { $reason }
opp-list-none = Dim cyfleoedd.
opp-list-totals = { $count ->
    [zero] 0 cyfle
    [one] 1 cyfle
    [two] 2 gyfle
    [few] { $count } chyfle
    [many] { $count } chyfle
   *[other] { $count } cyfle
}; piblinell (ar agor neu wedi'u hoedi) £{ $pipeline }; wedi'u hennill £{ $won }

# Yr hyn y mae `casebook risk add` a `risk assess` yn dweud iddynt ei wneud (mae'r hanes yn cadw'r Saesneg).
risks-added = Codwyd y risg '{ $risk }': tebygolrwydd { $likelihood }, difrifoldeb { $severity } ({ $colour })
risks-assessed = Aseswyd y risg '{ $risk }': { $changes } ({ $colour })
risks-colour-off-scale = coch: mae gwerth y tu allan i'r raddfa 1–5
risks-field-mitigation = lliniaru
risks-field-owner = perchennog
# Yr hyn y mae `casebook opportunity add`, `qualify` a `close` yn dweud iddynt ei wneud.
opp-added = Cyfle i { $client }: { $opportunity } ({ $origin }, £{ $value })
opp-qualified = Cymhwyswyd '{ $opportunity }': { $total }, penderfyniad: { $decision }
opp-unscored = heb sgôr
opp-closed = Cyfle '{ $opportunity }' { $result } ar { $date } (£{ $value }): { $reason }
# Archebion a enillwyd ac a gollwyd (OP-4).
opp-reviewed = Adolygwyd yr archeb a gollwyd '{ $opportunity }' ar { $date }
orders-none = Dim archebion wedi'u hennill na'u colli eto.
orders-won = wedi'u hennill
orders-lost = wedi'u colli
orders-win-rate = cyfradd ennill
orders-not-reviewed = wedi'u colli, heb eu hadolygu
orders-this-year = wedi'u hennill eleni hyd yma
orders-last-year = yr un adeg y llynedd
orders-ahead = (ar y blaen)
orders-behind = (nid ar y blaen)
orders-unreviewed-total = { $count ->
    [0] Mae pob archeb a gollwyd wedi'i hadolygu.
    [one] Nid yw 1 archeb a gollwyd wedi'i hadolygu eto: casebook opp review FILE OPPORTUNITY --notes "…"
   *[other] Nid yw { $count } archeb a gollwyd wedi'u hadolygu eto: casebook opp review FILE OPPORTUNITY --notes "…"
}
