# Geiriau'r llinell orchymyn nad ydynt yn perthyn i un gorchymyn: penawdau a baneri clap.
ui-usage = Defnydd:
ui-commands = Gorchmynion
ui-options = Opsiynau
ui-arguments = Dadleuon
ui-print-help = Dangos cymorth
ui-print-version = Dangos y fersiwn
ui-help-subcommand = Dangos y neges hon, neu gymorth yr is-orchymyn(ion) a roddir
ui-error = gwall
# Llinell olaf y siart sefydliad: faint o'r bobl sy'n dal yno yr ydym wedi cysylltu â nhw.
orgchart-coverage = Cwmpas: { $contacted } o { $total } wedi cael cyswllt ({ $percent }%)
orgchart-left = { $left ->
    [one] ; 1 sydd wedi gadael heb ei gyfrif
    [two] ; 2 sydd wedi gadael heb eu cyfrif
   *[other] ; { $left } sydd wedi gadael heb eu cyfrif
}
ui-possible-values = gwerthoedd posibl
ui-default = rhagosodiad
ui-env = newidyn amgylchedd
# Camgymeriadau ar y llinell orchymyn.
usage-unknown-argument = ni ddisgwylid y ddadl '{ $arg }'
usage-invalid-subcommand = nid oes is-orchymyn '{ $name }'
usage-value-missing = mae angen gwerth i '{ $arg }' ond ni roddwyd un
usage-invalid-value = nid yw '{ $value }' yn werth dilys i '{ $arg }'
usage-missing-required = ni roddwyd y dadleuon hyn sy'n ofynnol: { $args }
usage-missing-subcommand = mae angen is-orchymyn ar '{ $name }' ond ni roddwyd un
usage-argument-conflict = ni ellir defnyddio'r ddadl '{ $arg }' gyda '{ $other }'
usage-too-many-values = ni ddisgwylid y gwerth '{ $value }' i '{ $arg }'; ni ddisgwylid rhagor
usage-wrong-number-of-values = rhoddwyd y nifer anghywir o werthoedd i '{ $arg }'
usage-no-equals = mae angen arwydd hafal wrth roi gwerthoedd i '{ $arg }'
usage-invalid-utf8 = canfuwyd UTF-8 annilys mewn un neu ragor o'r dadleuon
usage-not-understood = ni ddeallwyd y llinell orchymyn
usage-did-you-mean = awgrym: mae rhai tebyg: { $suggestion }
usage-try-help = Am ragor o wybodaeth, rhowch gynnig ar '--help'.
