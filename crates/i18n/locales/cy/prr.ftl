# Y Gofrestr Risgiau Ataliol (RK-4): y risgiau y mae'r sefydliad wedi'u diffinio ymlaen llaw, a
# rhestrau gwirio pob cyfrif a phob cyfle.

doc-term-preventative-risk = risg ataliol
field-prr = gwiriadau'r gofrestr risgiau ataliol
field-applies = yn berthnasol
field-risk = risg
rec-section-prr = gwiriadau'r gofrestr risgiau ataliol
prr-scope-account = cyfrif
prr-scope-opportunity = cyfle
prr-scope-contract = contract
prr-rule-needs-text = Mae angen geiriad ar risg ataliol: rhowch --text.
prr-rule-scope = Gwirir { $code } ar lefel { $scope }: rhowch --opportunity ar gyfer risgiau cyfle, --contract ar gyfer risgiau contract, a dim byd ar gyfer risgiau'r cyfrif.
prr-rule-checked = Gwiriwyd { $code } yma eisoes.
prr-rule-needs-reason = Dywedwch pam nad yw { $code } yn berthnasol: rhowch --not-applicable "y rheswm".
prr-no-such-item = Nid oes eitem { $code } yn y gofrestr risgiau ataliol (casebook risk prr list).
prr-say-which = Dywedwch a yw'r risg yn berthnasol (--likelihood a --severity) neu beidio (--not-applicable "y rheswm").
prr-col-scope = gwirio ar gyfer
prr-col-category = categori
prr-col-risk = risg
prr-col-check = gwiriad
prr-for-account = y cyfrif
prr-for-opportunity = y cyfle '{ $title }'
prr-checklist-title = Cofrestr risgiau ataliol ar gyfer { $what }: { $done } o { $of } wedi'u gwirio
prr-unchecked = i'w gwirio
prr-applies = yn berthnasol
prr-not-applicable = nid yw'n berthnasol: { $reason }
rec-prr-not-applies = nid yw'n berthnasol
rec-change-schema-10 = Sgema 10: gwiriadau'r gofrestr risgiau ataliol
rec-change-prr-added = Ychwanegwyd y risg ataliol { $code } ({ $scope }): { $text }
rec-change-prr-changed = Risg ataliol { $code }: { $state }
rec-change-prr-checked = Risg ataliol { $code } ar gyfer { $what }: { $decided }
