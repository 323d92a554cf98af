//! The account file in Welsh: `client show`, `orgchart`, `action list`, `history`, `diff`,
//! `conflicts`, `resolve`, `withdraw` and each edit's confirmation read Welsh apart from names
//! and data; the command line's own errors are Welsh; `--json` is the same in both languages.

use casebook_e2e::{Casebook, Sandbox, entry, has_all, has_none, s, str_field};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

/// A client with people, a call, an action, an objective, a SWOT item, a risk, an exit plan and
/// a withdrawn entry, built in Welsh; returns the node and the file id.
fn afon(sb: &Sandbox) -> (Casebook, String) {
    let cb = sb.init("a", "Alys");
    let file = cb.add_client(
        "Afon Cyf",
        &["--sector", "bwyd", "--legal-form", "cwmni cyfyngedig"],
    );
    let added = cb.welsh(&[
        "person",
        "add",
        &file,
        "--name",
        "Rhys Jones",
        "--title",
        "Rheolwr Gyfarwyddwr",
        "--role",
        "decision-maker",
        "--coverage",
        "identified",
        "--department",
        "Cyllid",
    ]);
    has_all(
        &added,
        &[
            "Ychwanegwyd Rhys Jones, Rheolwr Gyfarwyddwr, at bobl Afon Cyf",
            "cofnod ",
        ],
    );
    has_none(&added, &["Added person", "entry"]);
    cb.json(&[
        "person",
        "add",
        &file,
        "--name",
        "Nia Evans",
        "--reports-to",
        "Rhys Jones",
        "--role",
        "influencer",
    ]);
    let logged = cb.welsh(&[
        "log",
        &file,
        "--kind",
        "call",
        "--direction",
        "outbound",
        "--purpose",
        "fact-finding",
        "--with",
        "Rhys Jones",
        "--at",
        "2026-05-12 10:00",
        "--summary",
        "Sgwrs gyntaf",
    ]);
    has_all(
        &logged,
        &[
            "Cofnodwyd galwad (allan) gyda Rhys Jones (Afon Cyf): casglu ffeithiau",
            "wedi cysylltu bellach â: Rhys Jones",
        ],
    );
    has_none(
        &logged,
        &["Logged", "outbound", "fact-finding", "now contacted"],
    );
    let action = cb.welsh(&[
        "action",
        "add",
        &file,
        "Anfon y cynllun",
        "--due",
        "2026-01-05",
    ]);
    has_all(
        &action,
        &["Cam gweithredu i Afon Cyf: Anfon y cynllun (perchennog Alys, erbyn 2026-01-05)"],
    );
    has_none(&action, &["Action for", "owner"]);
    cb.json(&[
        "client",
        "objective",
        &file,
        "--goal",
        "Tyfu",
        "--target",
        "10",
    ]);
    cb.json(&["client", "swot", &file, "strength", "Bara da"]);
    cb.json(&["client", "exit-plan", &file, "--criteria", "wedi gwerthu"]);
    cb.json(&[
        "risk",
        "add",
        &file,
        "Methiant cyflenwr",
        "--likelihood",
        "2",
        "--severity",
        "4",
    ]);
    let mistake = entry(&cb.json(&["action", "add", &file, "Camgymeriad", "--due", "2026-02-01"]));
    let withdrawn = cb.welsh(&["withdraw", &file, &mistake[..8], "--reason", "dyblyg"]);
    has_all(
        &withdrawn,
        &["Tynnwyd cam gweithredu Camgymeriad yn ôl o ffeil Afon Cyf: dyblyg"],
    );
    has_none(&withdrawn, &["Withdrew", "from"]);
    (cb, file)
}

#[test]
fn the_account_file_reads_welsh_and_its_json_does_not_change() {
    let sb = sandbox();
    let (cb, file) = afon(&sb);

    let show = cb.welsh(&["client", "show", &file]);
    has_all(
        &show,
        &[
            "rhif cwmni -",
            "Derbyn ",
            "Arweinydd Alys",
            "Pwyntiau cyswllt a roddwyd i'r cleient: ddim eto",
            "Crynhoad y risgiau: ◐ ambr",
            "Taith: cam enquiry ers",
            "Cynllun ymadael: wedi gwerthu",
            "Amcanion a SWOT:",
            "amcan: Tyfu",
            "cryfder: Bara da",
            "Pobl:",
            "gwneuthurwr penderfyniadau",
            "dylanwadwr",
            "wedi cael cyswllt",
            "wedi'i nodi",
            "yn atebol i",
            "adran Cyllid",
            "Cofnod cysylltu (1):",
            "galwad",
            "allan",
            "casglu ffeithiau",
            "Camau gweithredu:",
            "ar agor",
            "Risgiau:",
            "Wedi'u tynnu'n ôl",
            "cam gweithredu Camgymeriad — gan Alys",
        ],
    );
    has_none(
        &show,
        &[
            "company no.",
            "Intake",
            "Points of contact",
            "Risk roll-up",
            "Journey:",
            "Exit plan",
            "Objectives and SWOT",
            "strength",
            "People:",
            "decision",
            "reports to",
            "department",
            "Contact log",
            "outbound",
            "fact",
            "Actions:",
            "Withdrawn as entered",
        ],
    );
    cb.same_json_in_both(&["show", &file]);

    let chart = cb.welsh(&["orgchart", &file]);
    has_all(
        &chart,
        &[
            "Siart sefydliad Afon Cyf",
            "Rhys Jones — Rheolwr Gyfarwyddwr (gwneuthurwr penderfyniadau) [✔ wedi cael cyswllt]",
            "└─ Nia Evans — ? (dylanwadwr) [◎ wedi'i nodi]",
        ],
    );
    has_none(
        &chart,
        &[
            "Org chart",
            "contacted",
            "decision",
            "identified",
            "Coverage",
        ],
    );
    cb.same_json_in_both(&["orgchart", &file]);

    let actions = cb.welsh(&["action", "list"]);
    has_all(
        &actions,
        &[
            "cleient",
            "perchennog",
            "Anfon y cynllun",
            "2026-01-05 HWYR",
            "ar agor",
            "1 cam gweithredu, 1 yn hwyr",
        ],
    );
    has_none(
        &actions,
        &["owner", "OVERDUE", "overdue", "action(s)", "open"],
    );
    cb.same_json_in_both(&["action", "list"]);

    let history = cb.welsh(&["history", &file]);
    has_all(
        &history,
        &[
            "newid",
            "pwy",
            "wedi'i lofnodi",
            "o ble",
            "(sgema)",
            "lleol",
            "Sgema 1: crëwyd y ffeil cyfrif",
            "Ychwanegwyd y cleient Afon Cyf",
            "Ychwanegwyd Nia Evans at bobl Afon Cyf",
            "Cofnodwyd galwad (allan) gyda Rhys Jones (Afon Cyf): casglu ffeithiau",
            "Amcan: Tyfu",
            "SWOT (cryfder): Bara da",
            "Cytunwyd ar gynllun ymadael i Afon Cyf: wedi gwerthu",
            "Codwyd y risg 'Methiant cyflenwr': tebygolrwydd 2, difrifoldeb 4 (ambr)",
            "Tynnwyd cam gweithredu Camgymeriad yn ôl o ffeil Afon Cyf: dyblyg",
            " newid\n",
        ],
    );
    has_none(
        &history,
        &[
            "Schema",
            "Added",
            "Logged",
            "Objective:",
            "exit plan",
            "raised",
            "Withdrew",
            "change(s)",
            "local",
            "received",
        ],
    );
    cb.same_json_in_both(&["history", &file]);

    let diff = cb.welsh(&["diff", &file, "5 changes ago"]);
    has_all(
        &diff,
        &[
            "ble", "cofnod", "maes", "cynt", "wedyn", "risgiau/", "swot/", "taith",
        ],
    );
    has_none(
        &diff,
        &["where", "field", "before", "after", "risks/", "journey"],
    );
    cb.same_json_in_both(&["diff", &file, "5 changes ago"]);
    let none = cb.welsh(&["diff", &file, "1 changes ago", "1 changes ago"]);
    assert_eq!(none.trim(), "Dim gwahaniaethau.", "{none}");

    // The English reads as before.
    let en = cb.text(&["client", "show", &file]);
    has_all(
        &en,
        &[
            "Points of contact told to the client: not yet",
            "Journey: stage enquiry since",
            "Exit plan: wedi gwerthu (planned -, onward -)",
            "Contact log (1):",
            "Withdrawn as entered by mistake (kept in history):",
        ],
    );
    let en = cb.text(&["history", &file]);
    has_all(
        &en,
        &[
            "Logged outbound call with Rhys Jones (Afon Cyf): fact-finding; now contacted: Rhys Jones",
            "Schema 1: account file created",
        ],
    );
}

#[test]
fn the_command_lines_own_errors_are_welsh() {
    let sb = sandbox();
    let (cb, file) = afon(&sb);
    let e = cb
        .welsh_fails(&["action", "add", &file, "Rhywbeth", "--due", "2026-13-01"])
        .stderr;
    has_all(
        &e,
        &["nid yw --due '2026-13-01' yn ddyddiad; defnyddiwch YYYY-MM-DD"],
    );
    has_none(&e, &["is not a date"]);
    let e = cb
        .welsh_fails(&[
            "log",
            &file,
            "--kind",
            "call",
            "--direction",
            "outbound",
            "--purpose",
            "sales",
            "--summary",
            "x",
            "--at",
            "ddoe",
        ])
        .stderr;
    has_all(
        &e,
        &["nid yw --at 'ddoe' yn ddyddiad ac amser", "(amser lleol)"],
    );
    let e = cb
        .welsh_fails(&[
            "log",
            &file,
            "--kind",
            "call",
            "--direction",
            "outbound",
            "--purpose",
            "sales",
            "--summary",
            "x",
            "--with",
            "Neb",
        ])
        .stderr;
    has_all(
        &e,
        &[
            "does dim person 'Neb' ymhlith pobl Afon Cyf",
            "i rywun nad yw yn y siart sefydliad, defnyddiwch --with-other \"Neb\"",
        ],
    );
    has_none(&e, &["no person", "org chart"]);
    let e = cb
        .welsh_fails(&["resolve", &file, "deadbeef", "--keep", "0"])
        .stderr;
    has_all(&e, &["mae --keep yn cyfrif o 1"]);
    let none = sb.node("newydd");
    let e = none.welsh_fails(&["init", "--name", " "]).stderr;
    has_all(&e, &["ni all --name fod yn wag"]);
    let made = none.welsh(&["init", "--name", "Alys"]);
    has_all(
        &made,
        &[
            "Crëwyd storfa casebook yn ",
            "Dynodydd y nod: ",
            "Cynghorydd: Alys",
        ],
    );
    has_none(&made, &["Created", "Node id", "Adviser"]);
}

/// `casebook export FILE --format automerge` on `from`, then `casebook merge` on `to`.
fn send(sb: &Sandbox, from: &Casebook, to: &Casebook, name: &str) {
    let path = sb.path(name);
    from.json(&["export", "Afon", "--format", "automerge", "--out", s(&path)]);
    to.json(&["merge", s(&path)]);
}

#[test]
fn conflicts_and_their_resolution_read_welsh() {
    let sb = sandbox();
    let a = sb.init("a", "Alys");
    let b = sb.init("b", "Bryn");
    a.add_client("Afon Cyf", &[]);
    let risk = entry(&a.json(&[
        "risk",
        "add",
        "Afon",
        "Methiant cyflenwr",
        "--likelihood",
        "2",
        "--severity",
        "4",
    ]));
    a.share_for_writing(&b, "Afon");
    let first = sb.path("afon-1.automerge");
    a.send_copy(&b, "Afon", &first);
    assert_eq!(
        a.welsh(&["conflicts"]).trim(),
        "Dim gwrthdaro mewn unrhyw ffeil cyfrif."
    );
    a.json(&["risk", "assess", "Afon", &risk[..8], "--likelihood", "3"]);
    b.json(&["risk", "assess", "Afon", &risk[..8], "--likelihood", "4"]);
    send(&sb, &a, &b, "afon-a.automerge");
    send(&sb, &b, &a, "afon-b.automerge");

    let rows = a.same_json_in_both(&["conflicts", "Afon"]);
    let id = str_field(&rows[0], "id").to_string();
    let text = a.welsh(&["conflicts", "Afon"]);
    has_all(
        &text,
        &[
            "Afon Cyf (ffeil ",
            "risg 'Methiant cyflenwr': tebygolrwydd: ",
            "3 gan Alys",
            "4 gan Bryn",
            ", y ddau ar ",
            "gwrthdaro",
            "gan",
            "yn y golwg nawr",
            "1 gwrthdaro. Datryswch un â: casebook resolve FILE CONFLICT",
        ],
    );
    has_none(
        &text,
        &[
            "risk '",
            "likelihood",
            " by ",
            "both on",
            "shown now",
            "conflict(s)",
            "Resolve one",
        ],
    );

    let show = a.welsh(&["client", "show", "Afon"]);
    has_all(
        &show,
        &["⚠ Mae 1 maes yn dal gwerthoedd a osododd cynghorwyr ar wahân"],
    );

    let resolved = a.welsh(&["resolve", "Afon", &id, "--keep-by", "bryn"]);
    has_all(
        &resolved,
        &[
            "Datryswyd risg 'Methiant cyflenwr': tebygolrwydd: cadwyd 4 (Bryn)",
            "ffeil ",
        ],
    );
    has_none(&resolved, &["Resolved", "kept", "file "]);
    let history = a.welsh(&["history", "Afon"]);
    has_all(
        &history,
        &[
            "Aseswyd y risg 'Methiant cyflenwr': tebygolrwydd 3",
            "Aseswyd y risg 'Methiant cyflenwr': tebygolrwydd 4",
            "Datryswyd risg 'Methiant cyflenwr': tebygolrwydd: cadwyd 4 (Bryn)",
        ],
    );
    has_none(&history, &["assessed", "Resolved"]);
    assert_eq!(
        a.welsh(&["conflicts", "Afon"]).trim(),
        "Dim gwrthdaro yn y ffeil cyfrif hon."
    );
}
