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
