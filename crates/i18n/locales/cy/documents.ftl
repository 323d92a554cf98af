# Dogfennau y mae casebook yn eu hysgrifennu i gleient eu darllen, yn iaith y cleient.
document-lines-1 = { $a }
document-lines-2 = { $a }
    { $b }
letter-contacts-title = Eich pwyntiau cyswllt — { $organisation }
letter-greeting = Annwyl { $name },
letter-contacts-intro = Dyma'r bobl i gysylltu â nhw ynglŷn â'r cymorth y mae { $client } yn ei gael gennym.
letter-lead = Cynghorydd arweiniol: { $name }
letter-deputy = Dirprwy gynghorydd, pan fydd { $lead } i ffwrdd: { $name }
letter-sponsor = Noddwr uwch: { $name }
letter-languages = Rydym yn croesawu gohebiaeth yn Gymraeg ac yn Saesneg, a byddwn yn ateb yn yr iaith a ddewiswch.
letter-sign-off = Yn gywir,
    { $name }
letter-written = Ysgrifennwyd y llythyr yn { $language ->
    [cy] Gymraeg
   *[en] Saesneg
} i { $path }
letter-cannot-write = ni ellir ysgrifennu'r llythyr i { $path }
rule-letter-no-lead = nid oes gan { $client } gynghorydd arweiniol, felly ni fyddai'r llythyr yn enwi neb: gosodwch un gyda `casebook client edit` a `--lead`
# Lluniau: y map risg a'r siart sefydliad.
pic-risk-map-title = Map risg — { $client }
pic-likelihood = Tebygolrwydd
pic-severity = Difrifoldeb
pic-risk-line = { $n }. { $title } — tebygolrwydd { $likelihood }, difrifoldeb { $severity }: { $colour }
pic-disputed = (mae'r cynghorwyr yn anghytuno: wedi'i gosod yn ôl y gwaethaf o'u gwerthoedd)
pic-unplaced = Heb eu gosod, â gwerthoedd y tu allan i'r raddfa 1–5: { $titles }
pic-no-risks = Dim bygythiadau agored.
pic-more = +{ $count } arall
pic-org-chart-title = Siart sefydliad — { $client }
pic-left = wedi gadael
pic-key = Allwedd:
pic-written = Ysgrifennwyd { $path }
pic-cannot-write = ni ellir ysgrifennu'r llun i { $path }
pic-colour = lliw
pic-no-people = Dim pobl wedi'u cofnodi eto: casebook person add
