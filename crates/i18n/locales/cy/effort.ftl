# Ymdrech (CL-3) a chapasiti (PF-5).

effort-title = Ymdrech o { $from } i { $to } ({ $months } mis calendr), o'r munudau a gofnodwyd gyda chysylltiadau
effort-col-adviser = cynghorydd
effort-col-hours = oriau
effort-col-hours-year = oriau (12 mis)
effort-col-budget = cyllideb (oriau)
effort-col-capacity = capasiti
effort-col-over = dros
effort-over = dros
effort-no-lead = (dim arweinydd)
effort-capacity = { $clients } o gleientiaid, { $hours } awr y flwyddyn
effort-error-period = Mae'r cyfnod yn dod i ben cyn iddo ddechrau: rhowch --from ar neu cyn --to.
effort-error-by = Nid yw "{ $by }" yn ffordd o gyfrif ymdrech: rhowch --by client (fesul cleient), tier (fesul haen) neu adviser (fesul cynghorydd).
portfolio-load = Llwyth yn erbyn capasiti (y 12 mis diwethaf)

## Bandiau cydbwysedd (PF-2)
config-set-band = Gosodiadau: band { $band } o { $min }% i { $max }% (0 i 100: dim)
config-error-band-measure = Nid yw "{ $measure }" yn fand: rhowch segment (segment), stage (cam) neu churn (trosiant).
config-error-band-name = Enwch segment neu gam y band (nid oes enw i fand trosiant, churn).
portfolio-balance = Cydbwysedd yn erbyn bandiau'r sefydliad
balance-col-measure = band
balance-col-name = o
balance-col-share = nawr
balance-col-band = band
balance-col-outside = y tu allan
balance-segment = segment
balance-stage = cam
balance-churn = trosiant
balance-outside = y tu allan i'r band
