# Documents casebook writes for a client to read, in the client's language.
document-lines-1 = { $a }
document-lines-2 = { $a }
    { $b }
letter-contacts-title = Your points of contact — { $organisation }
letter-greeting = Dear { $name },
letter-contacts-intro = These are the people to contact about the support { $client } receives from us.
letter-lead = Lead adviser: { $name }
letter-deputy = Deputy adviser, when { $lead } is away: { $name }
letter-sponsor = Senior sponsor: { $name }
letter-languages = We welcome correspondence in Welsh and in English, and we will answer in the language you choose.
letter-sign-off = Yours sincerely,
    { $name }
letter-written = Wrote the letter in { $language ->
    [cy] Welsh
   *[en] English
} to { $path }
letter-cannot-write = cannot write the letter to { $path }
rule-letter-no-lead = { $client } has no lead adviser, so the letter would name nobody: set one with `casebook client edit` and `--lead`
# Pictures: the risk map and the org chart.
pic-risk-map-title = Risk map — { $client }
pic-likelihood = Likelihood
pic-severity = Severity
pic-risk-line = { $n }. { $title } — likelihood { $likelihood }, severity { $severity }: { $colour }
pic-disputed = (advisers disagree: placed by the worst of their values)
pic-unplaced = Not placed, with values off the 1–5 scale: { $titles }
pic-no-risks = No open threats.
pic-more = +{ $count } more
pic-org-chart-title = Org chart — { $client }
pic-left = left
pic-key = Key:
pic-written = Wrote { $path }
pic-cannot-write = cannot write the picture to { $path }
pic-colour = colour
pic-no-people = No people recorded yet: casebook person add
