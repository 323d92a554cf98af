# Effort (CL-3) and capacity (PF-5).

effort-title = Effort from { $from } to { $to } ({ $months } calendar months), from the minutes logged with contacts
effort-col-adviser = adviser
effort-col-hours = hours
effort-col-hours-year = hours (12 months)
effort-col-budget = budget (hours)
effort-col-capacity = capacity
effort-col-over = over
effort-over = over
effort-no-lead = (no lead)
effort-capacity = { $clients } clients, { $hours } hours a year
effort-error-period = The period ends before it starts: give a --from on or before --to.
effort-error-by = "{ $by }" is not a way to count effort: give --by client, tier or adviser.
portfolio-load = Load against capacity (last 12 months)

## Balance bands (PF-2)
config-set-band = Settings: band { $band } from { $min }% to { $max }% (0 to 100: none)
config-error-band-measure = "{ $measure }" is not a band: give segment, stage or churn.
config-error-band-name = Name the segment or stage of the band (churn takes no name).
portfolio-balance = Balance against the organisation's bands
balance-col-measure = band
balance-col-name = of
balance-col-share = now
balance-col-band = band
balance-col-outside = outside
balance-segment = segment
balance-stage = stage
balance-churn = churn
balance-outside = outside the band
