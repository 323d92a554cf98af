# The Contact Management Plan (CT-6), questions to carry (CT-7), competitor appraisals (OP-5),
# value added and reference sites (OP-6).

## Vocabularies
vocab-value-kind = kind of value added
enum-value-kind-freebie = freebie
enum-value-kind-technology-update = technology update
enum-value-kind-talk = talk or seminar
enum-value-kind-training = training
enum-value-kind-reference-visit = reference visit
enum-value-kind-other = other
vocab-reference-status = reference site
enum-reference-status-candidate = candidate
enum-reference-status-agreed = agreed
enum-reference-status-declined = declined
enum-kpi-source-value-added-this-month = value added this month

## Terms and fields
doc-term-contact-plan-line = contact plan line
doc-term-topic = topic
field-contact-plan = contact plan
field-topics = topics
field-competitors = competitors
field-value-added = value added
field-ours = ours
field-every-days = every (days)
field-objective = objective
field-answered = answered
field-strengths = strengths
field-weaknesses = weaknesses
field-appraised = appraised
field-reference = reference site
rec-section-contact_plan = contact plan
rec-section-topics = topics
rec-section-competitors = competitors
rec-section-value_added = value added
rec-what-plan-line = contact plan line '{ $label }'
rec-what-topic = topic '{ $label }'
rec-what-competitor = competitor '{ $label }'
rec-what-value = value added '{ $label }'
sc-evidence-value-added = { $count ->
    [0] no value added logged this month
    [one] 1 thing of value added this month ({ $value })
   *[other] { $count } things of value added this month ({ $value })
}

## Rules
cp-rule-needs-ours = Say who on our side keeps the contact: give --ours NAME.
cp-rule-every = Every { $days } days is not a contact frequency: give 1 to 730 days.
cp-rule-topic-text = A topic needs its question or subject.
cp-rule-answered = "{ $text }" is answered already.
op-rule-competitor-name = A competitor needs a name.
op-rule-appraisal-empty = An appraisal needs strengths or weaknesses: give --strengths or --weaknesses.
op-rule-value-what = Say what value was added, and when.
op-rule-value-negative = A value is a sum of pounds of 0 or more.
op-rule-reference-unchanged = { $name } is so already.

## History
rec-change-schema-9 = Schema 9: contact plan, topics, competitors and value added
rec-change-plan-added = Contact plan for { $client }: { $ours } sees { $person } every { $days } days
rec-change-plan-removed = Contact plan for { $client }: { $ours } no longer sees { $person }
rec-change-topic-added = Topic for { $client }: { $text }
rec-change-topic-answered = Topic answered: { $text }
rec-change-competitor = Competitor { $name } appraised on { $date } at { $client }
rec-change-value-added = Value added for { $client }: { $what } on { $date } ({ $value })
rec-change-reference = Reference site { $client }: { $status }

## casebook plan, topic, competitor, value
cp-none = No contact plan yet: casebook plan add FILE PERSON --ours NAME --every DAYS.
cp-title = Contact plan of { $client }: { $met } of { $of } contacts kept
cp-col-ours = ours
cp-col-person = theirs
cp-col-every = every (days)
cp-col-last = last contact
cp-col-due = next due
cp-left = left the client
cp-no-topics = No open question or topic: casebook topic add FILE "…?" adds one.
cp-col-topic = question or topic
cp-col-raised = raised
cp-col-answer = answered
cp-offer-topics = Questions to carry to this client: { $topics }
op-no-competitors = No competitor appraised yet: casebook competitor appraise FILE NAME --strengths … --weaknesses ….
op-col-competitor = competitor
op-col-strengths = strengths
op-col-weaknesses = weaknesses
op-col-appraised = appraised
op-stale = (stale: appraise again)
op-no-value = No value added logged and no reference site: casebook value add FILE WHAT --kind … logs some.
op-value-title = Value added from { $from } to { $to }
op-col-things = things
op-col-value = value
op-col-reference = reference site
op-reference-ask = ask: the latest survey is positive
pack-no-plan = No contact management plan.
pack-plan = Contact management plan: { $met } of { $of } contacts kept.

## Senior-to-senior contact (CT-5)
portfolio-senior-contact = Senior sponsor contact with the client's senior people
portfolio-senior-contact-ok = every senior sponsor keeps in contact with the client's senior people as planned
why-senior-not-planned = no contact planned between { $sponsor } and the client's senior people (casebook plan add FILE PERSON --ours "{ $sponsor }" --every DAYS)
why-senior-overdue = { $sponsor }'s contact with the client's senior people was due { $due }
