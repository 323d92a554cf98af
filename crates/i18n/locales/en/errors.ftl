# errors
# Identifiers, tickets and the node key (casebook-base).
err-bad-file-id = '{ $input }' is not a file id (expected a UUID such as 0b5e...); run `casebook client list` to see ids
err-bad-node-id = '{ $input }' is not a node id (expected 52 base32 characters, as printed by `casebook id`)
err-bad-ticket = '{ $input }' is not a casebook ticket: { $why }; copy the whole line printed by `casebook invite`
err-ticket-prefix = it does not start with 'casebook:'
err-ticket-no-at = it has no '@' before the addresses
err-ticket-node-id = the node id is not valid
err-ticket-address = '{ $address }' is not an ip:port address
err-random = the operating system's random number generator failed: { $why }
err-key-io = cannot access the node key file { $path }
err-key-permissions = the node key file { $path } is readable by other users (mode { $mode }); run `chmod 600 { $path }` and check who may have copied it
err-key-malformed = the node key file { $path } is not a casebook key (expected 32 bytes); restore it from a backup or re-run `casebook init` in a new data directory
