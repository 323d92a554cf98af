# network
# Sync, peers and transfer: the errors of casebook-sync and casebook-net, and `casebook serve`,
# `sync`, `status`, `invite`, `peer`, `share`, `unshare`, `export`, `import`, `import-csv` and
# `merge`.

## Errors of casebook-sync.
sync-err-text = { $text }
sync-err-connection = the connection to { $peer } was lost: { $reason }
sync-err-session = sync with { $peer } stopped: { $reason }
sync-err-refused = sync with { $peer } finished, but the changes to { $count } file(s) were refused: { $files }
sync-refused-by-this-node = account file { $file } (this node refused the peer's changes: { $reason })
sync-refused-by-peer = account file { $file } (the peer refused this node's changes: { $reason })
sync-list-next = { $before }; { $next }
sync-err-not-trusted = { $name } (node { $node }) does not know this node, so it refused the connection: on { $name }'s machine run `casebook peer add { $ticket } --name "<a name for this node>"` (this node's ticket; `casebook invite` prints it here)
sync-ticket-placeholder = <the ticket `casebook invite` prints>
sync-node-short = node { $node }
sync-err-no-address = no address is known for peer { $peer }; add it again from a fresh ticket (`casebook invite` on that node, then `casebook peer add`)
sync-err-timeout = sync with { $peer } timed out after { $secs } s
sync-end-protocol = protocol violation: { $why }
sync-end-refused = refused: { $why }
sync-end-revoked = access revoked: { $why }
sync-revoked-unshared = account file { $file } is no longer shared with this peer
sync-revoked-untrusted = this node no longer trusts the peer
sync-lost-incomplete = the peer closed the session before it was complete

## Errors of casebook-net.
net-err-bind = cannot listen on { $addr }
net-err-tls = TLS configuration failed: { $why }
net-err-timeout = no answer from { $addr } within { $secs } s; check the address and that the peer is running `casebook serve`
net-err-connect = connection to { $addr } (expected node { $expected }) failed
net-err-not-trusted = node { $node } at { $addr } does not trust this node (this node is not in its peer list)
net-err-untrusted = incoming connection from { $addr } refused: the node is not in this node's peer list
net-err-dial = cannot dial { $addr }
net-err-incoming = incoming connection from { $addr } refused: { $why }
net-err-handshake-timeout = incoming handshake from { $addr } did not finish within { $secs } s
net-err-busy = incoming connection from { $addr } turned away: { $limit } handshakes already under way
net-err-no-identity = the peer presented no ed25519 identity
net-err-io = socket error

## casebook serve, sync and status.
net-runtime-failed = could not start the async runtime
net-file-named = { $name } (file { $id })
net-file-unknown = account file { $id }
net-refused-by-this-node = this node refused { $peer }'s changes to { $file }: { $reason }
net-refused-by-peer = { $peer } refused this node's changes to { $file }: { $reason }
net-conflicts-in-file = { $client } ({ $count } field(s) hold concurrent values: `casebook conflicts "{ $client }"`)
net-list-next = { $before }; { $next }
net-conflicts-arrived = conflicts arrived in { $count } file(s): { $files }
net-conflicts-arrived-line = Conflicts arrived in { $count } file(s): { $files }
net-refusal-advice-peer = `casebook history { $client }` shows the changes on this node (one marked unsigned is not taken by other nodes); everything else synced
net-refusal-advice-this-node = `casebook history { $client }` on { $peer }'s node shows the changes this node would not take; everything else synced
net-refusal-with-advice = { $refusal }. { $advice }
net-log-listening = listening on { $addr } as node { $node }
net-log-connected-dialled = connected to { $peer } (dialled)
net-log-connected-incoming = connected to { $peer } (incoming)
net-log-received = received { $changes } change(s) to { $files } file(s) from { $peer }
net-log-ended = session with { $peer } ended: sent { $sent } file(s), received { $received } file(s)
net-log-ended-refused = { $before }, { $count } file(s) refused
net-log-ended-error = session with { $peer } ended: { $reason }
net-log-refused = refused a connection: { $reason }
net-log-redial = could not sync with { $peer }: { $reason }; retrying in { $wait }
net-log-untrusted = refused node { $node }: it is not in this node's peer list (it dialled with this node's ticket, but this node never added its ticket, or removed it). If it is a colleague's node, run here `casebook peer add { $ticket } --name NAME` (or its full ticket, which `casebook invite` prints on that node, so this node can dial it too)
net-log-replaced = { $peer } opened more than { $limit } connections; closed its oldest
net-log-warning = { $time } warning: { $text }
net-wait-minutes = { $min } min { $sec } s
net-wait-seconds = { $sec } s
net-syncing-with = syncing with { $peer }
net-sync-progress = { $in_play } file(s) in progress, { $sent } sent, { $received } received, { $out } out / { $in } in
net-sync-did-not-finish = sync with { $peer } did not finish
net-sync-failed = sync with { $peer } failed
net-synced = Synced with { $peer } in { $secs } s: sent { $sent } file(s), received { $received } file(s) ({ $changes } change(s)); { $out } out, { $in } in
net-refused-line = Refused: { $refusal }
net-still-refused-line = Still refused (since an earlier sync): { $refusal }
net-refused-now = the changes to { $count } account file(s) were refused:
net-refused-standing = { $count } account file(s) are still refused since an earlier sync (offered again once they change):
net-sync-refusals = sync with { $peer } finished, but { $parts }
net-status-no-peers = No peers yet: trust one with `casebook peer add TICKET --name NAME`.
net-status-peer = { $peer } ({ $adviser }), node { $node }: last contact { $when }
net-status-nothing-shared = no account file is shared with this peer
net-column-client = client
net-column-state = state
net-column-last-synced = last synced
net-state-in-sync = in sync
net-state-ahead = ahead
net-state-behind = behind
net-state-diverged = diverged
net-state-never-synced = never synced
net-state-refused = refused
net-state-refused-by-this-node = refused: { $reason } (by this node)
net-state-refused-by-peer = refused: { $reason } (by the peer)

## casebook invite, peer, share and unshare.
net-invite-no-address = note: this ticket has no address, so the other node cannot dial this one; this node dials it (`casebook serve` or `casebook sync`). Give --addr IP:PORT where this node listens to let it dial too.
net-peer-trusted = Trusted { $peer } (node { $node }) at { $addrs }
net-peer-trusted-no-address = Trusted { $peer } (node { $node }) at no address (it dials this node)
net-peer-already-shared = Files already shared with it: { $files } (`casebook unshare FILE "{ $peer }"` to stop)
net-grant = { $name } ({ $role })
net-role-read = read
net-role-write = write
net-no-address = no address (it dials this node)
net-column-name = name
net-column-adviser = adviser
net-column-node = node
net-column-addresses = addresses
net-column-added = added
net-peer-count = { $count } peer(s)
net-peer-removed = No longer trusting { $peer } (node { $node })
net-peer-stopped-sharing = Stopped sharing { $grant } with it
net-peer-still-shared = Still shared with it: { $grant }: { $why }
net-kept-shares = kept (--keep-shares): adding the peer again restores this access
net-not-revocable-own-file = it is that node's own file
net-not-revocable-read-only = this node may only read it; ask one of its writers to unshare it
net-shared = Shared { $client } with { $peer } ({ $role })
net-unshared = Stopped sharing { $client } with { $peer }

## casebook export, import, import-csv and merge.
net-cannot-read = cannot read { $path }
net-cannot-write = cannot write { $path }
net-too-big = { $path } is { $size } MiB, over the { $limit } MiB limit
net-exporting = exporting { $id }
net-exported = Exported { $id } ({ $bytes } bytes) to { $path }
net-export-binary = Automerge export is binary: give --out FILE
net-importing = importing { $path }
net-not-utf8 = { $path }: not UTF-8 text, so not a JSON export
net-imported-json = Imported { $client } as file { $id }
net-as-new-json-only = { $path }: --as-new takes a JSON export (`casebook export --format json`); an Automerge export of a client already here goes into it with `casebook merge`
net-merging = merging { $path }
net-merge-imported = Imported { $client } ({ $id }): { $count } new change(s)
net-merge-merged = Merged into { $client } ({ $id }): { $count } new change(s)
net-column-change = change
net-column-when = when
net-column-what = what
net-merge-conflicts = { $count } new conflict(s) arrived: { $fields } field(s) of { $client } now hold concurrent values; `casebook conflicts "{ $client }"` lists them
net-merge-vouched = This node vouched for { $vouched } of the { $count } change(s) brought in: they reach the file's other advisers, shown as brought in from this file by you.
net-merge-not-vouched = { $count } change(s) brought in stay on this node, and other nodes refuse the file's changes while it holds them: a node vouches only for content, on a file it could write before the merge, never for a change of who may read or write the file, whose rules judge it, or another node's word. Sync with the node that made them instead.
net-merge-what-changed = What changed in the account file:
net-csv-unknown-columns = warning: ignored column(s) casebook does not know: { $columns } (--strict refuses them; `casebook import-csv --help` lists the columns)
net-csv-imported = Imported { $rows } row(s) into { $files } file(s)
net-csv-skipped = skipped { $what }
net-progress-rows = rows
net-progress-left = left
