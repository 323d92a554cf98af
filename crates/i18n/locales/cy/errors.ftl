# errors
# Dynodwyr, tocynnau ac allwedd y nod (casebook-base).
err-bad-file-id = nid yw '{ $input }' yn ddynodydd ffeil (disgwylid UUID fel 0b5e...); rhedwch `casebook client list` i weld y dynodwyr
err-bad-node-id = nid yw '{ $input }' yn ddynodydd nod (disgwylid 52 nod base32, fel y mae `casebook id` yn eu hargraffu)
err-bad-ticket = nid yw '{ $input }' yn docyn casebook: { $why }; copïwch y llinell gyfan y mae `casebook invite` yn ei hargraffu
err-ticket-prefix = nid yw'n dechrau gyda 'casebook:'
err-ticket-no-at = nid oes '@' o flaen y cyfeiriadau
err-ticket-node-id = nid yw dynodydd y nod yn ddilys
err-ticket-address = nid yw '{ $address }' yn gyfeiriad ip:porth
err-random = methodd generadur haprifau'r system weithredu: { $why }
err-key-io = ni ellir cyrchu ffeil allwedd y nod { $path }
err-key-permissions = gall defnyddwyr eraill ddarllen ffeil allwedd y nod { $path } (modd { $mode }); rhedwch `chmod 600 { $path }` a gwiriwch pwy allai fod wedi'i chopïo
err-key-malformed = nid yw ffeil allwedd y nod { $path } yn allwedd casebook (disgwylid 32 beit); adferwch hi o gopi wrth gefn neu rhedwch `casebook init` eto mewn cyfeiriadur data newydd
