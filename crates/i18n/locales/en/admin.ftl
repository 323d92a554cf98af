# admin
# The organisation's settings: `casebook config ...`.
config-set-rag = Settings: RAG amber from { $amber }, red from { $red }
config-set-weight = Settings: COSMONAUTS weight of { $group } { $weight }
config-set-pathway = Settings: pathway { $stages }
config-set-stage-days = Settings: stalled after { $days ->
   *[other] { $days } days
} in { $stage }
config-part-contact-due = contact due after { $days ->
   *[other] { $days } days
}
config-part-unresponsive-days = unresponsive after { $days ->
   *[other] { $days } days
}
config-part-unresponsive-attempts = unresponsive after { $attempts ->
   *[other] { $attempts } attempts
}
config-part-stalled = stalled after { $days ->
   *[other] { $days } days
} without progress
# Two or more thresholds changed at once, listed.
config-parts = { $first }, { $next }
config-set-thresholds = Settings: { $thresholds }
config-error-stage-word = stage names are single words such as 'diagnostic' or 'action-plan', got '{ $name }'
config-error-stage-twice = stage '{ $name }' is listed twice
config-error-no-threshold = give at least one of --contact-due-days, --unresponsive-days, --unresponsive-attempts, --stalled-days
config-saved = { $change }: saved in { $organisation }'s settings (version { $version }); { $files } client summaries recomputed. Other nodes of the organisation take it when they sync.
config-show-title = Settings of { $organisation } (version { $version }), set by its administrators: { $administrators }
config-show-matrix = RAG matrix (rows: likelihood 5→1, columns: severity 1→5)
config-column-l-s = L \ S
config-column-1 = 1
config-column-2 = 2
config-column-3 = 3
config-column-4 = 4
config-column-5 = 5
config-column-group = COSMONAUTS group
config-column-weight = weight
config-column-stage = pathway stage
config-column-stalled-after = stalled after (days)
config-show-thresholds = Contact due after { $contact } days · unresponsive after { $unresponsive } days or { $attempts } unanswered attempts · stalled after { $stalled } days without progress

# The organisation: `casebook org ...`.
org-node = node { $node }
org-created = Created { $organisation }; this node is its administrator
org-added-administrators = { $count ->
   *[other] { $names } now administrator(s) of { $organisation }; they take its settings when they sync with this node, then run `casebook org join { $id }`
}
org-added-members = { $count ->
   *[other] { $names } now member(s) of { $organisation }; they take its settings when they sync with this node, then run `casebook org join { $id }`
}
org-removed = { $count ->
   *[other] { $names } no longer part of { $organisation }
}
org-error-not-organisation = '{ $id }' is not an organisation's id; `casebook org show` on an administrator's node prints it
org-joined = This node now judges its account files by the settings of { $organisation }; { $moved } file(s) it owns moved with it
org-show-title = { $organisation } ({ $id }), settings version { $version }
org-column-node = node
org-column-adviser = adviser
org-column-role = role
org-role-administrator = administrator
org-role-member = member
org-show-config = `casebook config show` prints its settings.

# The demo: `casebook demo`. Names are the sample's.
demo-step-build = { $adviser } builds the sample portfolio
demo-step-listen = { $adviser }'s node { $node } listens on { $addr } (QUIC)
demo-step-share = { $adviser } shares her { $count } clients with { $first } and { $second } (write)
demo-step-offline = Everyone goes offline and works on the same client
demo-step-call = {"  "}{ $adviser } logs a call with { $client }
demo-step-meeting = {"  "}{ $adviser } logs a meeting and reassesses '{ $risk }': likelihood { $likelihood }
demo-step-reassess = {"  "}{ $adviser } reassesses the same risk: likelihood { $likelihood }
demo-step-reassess-and-complete = {"  "}{ $adviser } reassesses the same risk: likelihood { $likelihood }, and completes an open action
demo-step-sync = { $from } syncs with { $to } over QUIC: sent { $sent } file(s), received { $received } file(s) ({ $changes } changes), { $out } bytes out, { $in } in, { $millis } ms
demo-converged = Converged: all three nodes hold the same heads for all { $files } shared files ({ $seconds } s in all)
demo-not-converged = NOT converged: the three nodes do not all hold the same heads for the { $files } shared files ({ $seconds } s in all)
demo-heading-account = The merged account file, as { $adviser }'s node now holds it
demo-heading-history = Its merged history: who, which node, signed, received from
demo-earlier-changes = ({ $count ->
   *[other] { $count } earlier change(s)
} not shown; `casebook history` shows all)
demo-heading-conflicts = Where the advisers disagreed
demo-no-conflicts = no conflicts
demo-try = Try: casebook --data-dir { $dir } conflicts { $file }   (add --keep DIR to keep the demo's stores)
demo-error-tempdir = cannot create a temporary directory
demo-error-runtime = could not start the async runtime
demo-error-not-converged = the demo's nodes did not converge; this is a bug, please report it
config-set-capacity = Settings: { $adviser } can carry { $clients } clients and { $hours } hours a year (0: no limit)
config-error-capacity-adviser = Say whose capacity: give the adviser's name.
