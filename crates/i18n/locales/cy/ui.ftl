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
orgchart-coverage = Cwmpas: wedi cysylltu â { $contacted } o { $total } ({ $percent }%)
orgchart-left = { $left ->
    [one] ; 1 sydd wedi gadael heb ei gyfrif
    [two] ; 2 sydd wedi gadael heb eu cyfrif
   *[other] ; { $left } sydd wedi gadael heb eu cyfrif
}
ui-possible-values = gwerthoedd posibl
ui-default = rhagosodiad
ui-env = newidyn amgylchedd
