# Geiriau'r rhestrau y mae pobl yn eu darllen: `client list`, a'r lliwiau y mae pob tabl yn eu dangos.
column-last-contact = cyswllt diwethaf
column-risk = risg
column-exit-plan = cynllun ymadael
column-flags = baneri
word-yes = oes
word-no-plan = DIM
word-disputed = (dan anghydfod)
word-or = neu
flag-exited = wedi ymadael { $date }
flag-stalled = wedi aros yn ei unfan
flag-unresponsive = nad yw'n ymateb
flag-contact-due = cyswllt yn ddyledus
flag-conflicts = { $count ->
    [one] 1 gwrthdaro
    [two] 2 wrthdaro
   *[other] { $count } gwrthdaro
}
show-language-of-service = Iaith y gwasanaeth: { $language }
language-cy = Cymraeg (cy)
language-en = Saesneg (en)
