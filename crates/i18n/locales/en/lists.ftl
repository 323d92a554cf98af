# Words of the lists people read: `client list`, and the colours every table shows.
column-last-contact = last contact
column-risk = risk
column-exit-plan = exit plan
column-flags = flags
word-yes = yes
word-no-plan = NO
word-disputed = (disputed)
word-or = or
flag-exited = exited { $date }
flag-stalled = stalled
flag-unresponsive = unresponsive
flag-contact-due = contact due
flag-conflicts = { $count ->
    [one] 1 conflict
   *[other] { $count } conflicts
}
show-language-of-service = Language of service: { $language }
language-cy = Cymraeg (cy)
language-en = English (en)
