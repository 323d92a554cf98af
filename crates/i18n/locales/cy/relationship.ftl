# Y Cynllun Rheoli Cysylltiadau (CT-6), cwestiynau i'w codi gyda'r cleient (CT-7), gwerthusiadau o
# gystadleuwyr (OP-5), gwerth ychwanegol a safleoedd cyfeirio (OP-6).

## Geirfaoedd
vocab-value-kind = math o werth ychwanegol
enum-value-kind-freebie = rhodd
enum-value-kind-technology-update = diweddariad technoleg
enum-value-kind-talk = sgwrs neu seminar
enum-value-kind-training = hyfforddiant
enum-value-kind-reference-visit = ymweliad cyfeirio
enum-value-kind-other = arall
vocab-reference-status = statws safle cyfeirio
enum-reference-status-candidate = ymgeisydd
enum-reference-status-agreed = wedi cytuno
enum-reference-status-declined = wedi gwrthod
enum-kpi-source-value-added-this-month = gwerth ychwanegol wedi'i gofnodi y mis hwn

## Termau a meysydd
doc-term-contact-plan-line = llinell cynllun cyswllt
doc-term-topic = pwnc
field-contact-plan = cynllun cyswllt
field-topics = pynciau
field-competitors = cystadleuwyr
field-value-added = gwerth ychwanegol
field-ours = ein hochr ni
field-every-days = amlder (diwrnodau)
field-objective = amcan
# field-raised: mae records.ftl yn ei ddiffinio eisoes (mae Fluent yn cadw'r cyntaf yn unig).
field-answered = wedi'i ateb
field-strengths = cryfderau
field-weaknesses = gwendidau
field-appraised = wedi'i werthuso
field-reference = safle cyfeirio
rec-section-contact_plan = cynllun cyswllt
rec-section-topics = pynciau
rec-section-competitors = cystadleuwyr
rec-section-value_added = gwerth ychwanegol
rec-what-plan-line = llinell cynllun cyswllt '{ $label }'
rec-what-topic = pwnc '{ $label }'
rec-what-competitor = cystadleuydd '{ $label }'
rec-what-value = gwerth ychwanegol '{ $label }'
sc-evidence-value-added = { $count ->
    [0] dim gwerth ychwanegol wedi'i gofnodi y mis hwn
    [one] 1 peth o werth ychwanegol y mis hwn ({ $value })
    [two] 2 beth o werth ychwanegol y mis hwn ({ $value })
    [few] { $count } pheth o werth ychwanegol y mis hwn ({ $value })
    [many] { $count } pheth o werth ychwanegol y mis hwn ({ $value })
   *[other] { $count } peth o werth ychwanegol y mis hwn ({ $value })
}

## Rheolau
cp-rule-needs-ours = Dywedwch pwy ar ein hochr ni sy'n cadw'r cyswllt: rhowch --ours NAME.
cp-rule-every = Nid yw { $days } yn nifer posibl o ddiwrnodau rhwng cysylltiadau: rhowch rhwng 1 a 730 diwrnod.
cp-rule-topic-text = Mae angen cwestiwn neu destun trafod ar bwnc.
cp-rule-answered = Mae "{ $text }" wedi'i ateb eisoes.
op-rule-competitor-name = Mae angen enw ar gystadleuydd.
op-rule-appraisal-empty = Mae angen cryfderau neu wendidau ar werthusiad: rhowch --strengths neu --weaknesses.
op-rule-value-what = Dywedwch pa werth a ychwanegwyd, a phryd.
op-rule-value-negative = Swm mewn punnoedd yw gwerth, 0 neu fwy.
op-rule-reference-unchanged = Mae statws safle cyfeirio { $name } fel hynny eisoes.

## Hanes
rec-change-schema-9 = Sgema 9: cynllun cyswllt, pynciau, cystadleuwyr a gwerth ychwanegol
rec-change-plan-added = Cynllun cyswllt ar gyfer { $client }: mae { $ours } yn gweld { $person } { $days ->
    [one] bob dydd
    [two] bob 2 ddiwrnod
   *[other] bob { $days } diwrnod
}
rec-change-plan-removed = Cynllun cyswllt ar gyfer { $client }: nid yw { $ours } yn gweld { $person } mwyach
rec-change-topic-added = Pwnc ar gyfer { $client }: { $text }
rec-change-topic-answered = Atebwyd y pwnc: { $text }
rec-change-competitor = Gwerthuswyd y cystadleuydd { $name } yng nghyfrif { $client } ar { $date }
rec-change-value-added = Gwerth ychwanegol ar gyfer { $client }: { $what } ar { $date } ({ $value })
rec-change-reference = { $client } fel safle cyfeirio: { $status }

## casebook plan, topic, competitor, value
cp-none = Dim cynllun cyswllt eto: casebook plan add FILE PERSON --ours NAME --every DAYS.
cp-title = Cynllun cyswllt { $client } — cysylltiadau ar amser: { $met } o { $of }
cp-col-ours = ein hochr ni
cp-col-person = eu hochr nhw
cp-col-every = amlder (diwrnodau)
cp-col-last = cyswllt diwethaf
cp-col-due = cyswllt nesaf
cp-left = wedi gadael y cleient
cp-no-topics = Dim cwestiwn na phwnc ar agor: mae casebook topic add FILE "…?" yn ychwanegu un.
cp-col-topic = cwestiwn neu bwnc
cp-col-raised = codwyd
cp-col-answer = atebwyd
cp-offer-topics = Cwestiynau i'w codi gyda'r cleient hwn: { $topics }
op-no-competitors = Dim cystadleuydd wedi'i werthuso eto: casebook competitor appraise FILE NAME --strengths … --weaknesses ….
op-col-competitor = cystadleuydd
op-col-strengths = cryfderau
op-col-weaknesses = gwendidau
op-col-appraised = gwerthuswyd
op-stale = (wedi dyddio: gwerthuswch eto)
op-no-value = Dim gwerth ychwanegol wedi'i gofnodi, a dim safle cyfeirio: mae casebook value add FILE WHAT --kind … yn cofnodi rhywfaint.
op-value-title = Gwerth ychwanegol o { $from } i { $to }
op-col-things = pethau
op-col-value = gwerth
op-col-reference = safle cyfeirio
op-reference-ask = gofynnwch: mae'r arolwg diweddaraf yn gadarnhaol
pack-no-plan = Dim cynllun rheoli cysylltiadau.
pack-plan = Cynllun rheoli cysylltiadau — cysylltiadau ar amser: { $met } o { $of }.

## Cyswllt rhwng uwch bobl (CT-5)
portfolio-senior-contact = Cyswllt y noddwr uwch ag uwch bobl y cleient
portfolio-senior-contact-ok = mae pob noddwr uwch yn cadw mewn cysylltiad ag uwch bobl y cleient fel y cynlluniwyd
why-senior-not-planned = dim cyswllt wedi'i gynllunio rhwng { $sponsor } ac uwch bobl y cleient (casebook plan add FILE PERSON --ours "{ $sponsor }" --every DAYS)
why-senior-overdue = roedd cyswllt { $sponsor } ag uwch bobl y cleient i fod erbyn { $due }
