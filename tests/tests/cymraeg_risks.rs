//! Risks, opportunities, the organisation's settings and the demo in Welsh, through the real
//! binary: the risk register (headings, colours, responses, statuses, scopes, roll-up), the
//! opportunities' COSMONAUTS scores, trend and pipeline, `config show`, `org show`, what each
//! command says it did, their errors, and `casebook demo` under a Welsh locale. JSON is the same
//! in both languages.

use casebook::automerge::ScalarValue;
use casebook_e2e::{Casebook, Sandbox, another_tool_sets, entry, has_all, has_none, s};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

/// Alys's node with "Afon Valley Foods": a red threat with a sub-risk being reduced, an upside
/// risk, and a risk of an opportunity that was lost.
fn register() -> (Sandbox, Casebook) {
    let sb = sandbox();
    let cb = sb.init("a", "Alys");
    cb.add_client("Afon Valley Foods", &[]);
    let add = |title: &str, l: &str, s: &str, extra: &[&str]| {
        let mut args = vec![
            "risk",
            "add",
            "Afon",
            title,
            "--likelihood",
            l,
            "--severity",
            s,
        ];
        args.extend_from_slice(extra);
        entry(&cb.json(&args))
    };
    let key = add("Key supplier failure", "4", "4", &[]);
    add(
        "Second supplier late",
        "2",
        "3",
        &["--parent", &key[..8], "--response", "reduce"],
    );
    add("Grant funding", "3", "3", &["--polarity", "opportunity"]);
    let opp = entry(&cb.json(&["opp", "add", "Afon", "Export deal", "--value", "8000"]));
    add("Currency swing", "2", "2", &["--opportunity", &opp[..8]]);
    cb.json(&[
        "opp",
        "close",
        "Afon",
        &opp[..8],
        "--lost",
        "--reason",
        "price",
    ]);
    (sb, cb)
}

#[test]
fn the_risk_register_speaks_welsh_and_its_json_does_not_change() {
    let (_sb, cb) = register();
    let text = cb.welsh(&["risk", "list", "Afon"]);
    has_all(
        &text,
        &[
            "Risgiau Afon Valley Foods",
            "Bygythiadau:",
            "| dynodydd ",
            "| T×D ",
            "| lliw ",
            "| gyda'r is-risgiau ",
            "| ymateb ",
            "| gweddilliol ",
            "| maes ",
            "| statws ",
            "● coch",
            "○ gwyrdd",
            "◐ ambr",
            "└ Second supplier late",
            "lleihau",
            "ar agor",
            "| cyfrif ",
            "cyfle: Export deal (wedi'i golli; y tu allan i grynhoad y cyfrif)",
            "Risgiau cadarnhaol (pegynedd cyfle",
            "Crynhoad y cyfrif (y lliw uchaf sy'n ennill): ● coch",
            "Crynhoad y risgiau cadarnhaol (ar wahân; nid yw byth yn codi lliw'r cyfrif): ◐ ambr",
        ],
    );
    has_none(
        &text,
        &[
            "Risks of",
            "Threats",
            "Upside",
            "roll-up",
            "colour",
            "with sub-risks",
            "reduce",
            " open ",
            " red",
            "amber",
            "green",
            "account",
            "opp:",
            "lost",
        ],
    );
    // The English is as it was.
    let en = cb.text(&["risk", "list", "Afon"]);
    has_all(
        &en,
        &[
            "Risks of Afon Valley Foods",
            "Threats:",
            "Account roll-up (highest colour wins): ● red",
            "opp: Export deal (lost; out of the account's roll-up)",
            "| reduce ",
        ],
    );
    cb.same_json_in_both(&["risk", "list", "Afon"]);
}

#[test]
fn invalid_values_and_parent_cycles_are_shown_in_welsh() {
    let sb = sandbox();
    let cb = sb.init("a", "Alys");
    cb.add_client("Afon Valley Foods", &[]);
    let add = |title: &str| {
        entry(&cb.json(&[
            "risk",
            "add",
            "Afon",
            title,
            "--likelihood",
            "1",
            "--severity",
            "1",
        ]))
    };
    let (one, two) = (add("Key supplier failure"), add("Late payments"));
    another_tool_sets(
        &sb,
        &cb,
        &[
            (&one, "likelihood", ScalarValue::Uint(9)),
            (&one, "parent", ScalarValue::Str(two.clone().into())),
            (&two, "parent", ScalarValue::Str(one.clone().into())),
        ],
    );
    let text = cb.welsh(&["risk", "list", "Afon"]);
    has_all(
        &text,
        &[
            "● coch (annilys: tebygolrwydd 9)",
            "(cylch rhieni)",
            "Problemau data (wedi'u hysgrifennu gan offeryn arall neu wedi'u creu wrth gyfuno; \
             mae'r crynhoad yn gweithio o'u cwmpas nes eu cywiro):",
            "✘ mae tebygolrwydd risg 'Key supplier failure' yn 9, y tu allan i'r raddfa 1–5",
            "yn enwi ei gilydd yn rhiant",
        ],
    );
    has_none(
        &text,
        &[
            "invalid",
            "parent cycle",
            "Data problems",
            "off the 1–5 scale",
            "name each other",
        ],
    );
    let en = cb.text(&["risk", "list", "Afon"]);
    has_all(
        &en,
        &[
            "● red (invalid: likelihood 9)",
            "(parent cycle)",
            "risk 'Key supplier failure' has likelihood 9, off the 1–5 scale; it counts as red \
             until corrected with `casebook risk assess`",
        ],
    );
    cb.same_json_in_both(&["risk", "list", "Afon"]);
}

#[test]
fn a_disputed_risk_is_shown_in_welsh() {
    let sb = sandbox();
    let a = sb.init("a", "Alys");
    let b = sb.init("b", "Bryn");
    let file = a.add_client("Afon Valley Foods", &[]);
    let risk = entry(&a.json(&[
        "risk",
        "add",
        "Afon",
        "Key supplier failure",
        "--likelihood",
        "3",
        "--severity",
        "4",
    ]));
    a.share_for_writing(&b, "Afon");
    let first = sb.path("afon-1.automerge");
    a.send_copy(&b, "Afon", &first);
    // Apart, Alys and Bryn set the risk's likelihood to different values.
    for (node, likelihood) in [(&a, "4"), (&b, "2")] {
        node.json(&[
            "risk",
            "assess",
            "Afon",
            &risk[..8],
            "--likelihood",
            likelihood,
        ]);
    }
    for (from, to, name) in [(&a, &b, "afon-a.automerge"), (&b, &a, "afon-b.automerge")] {
        let path = sb.path(name);
        from.json(&["export", "Afon", "--format", "automerge", "--out", s(&path)]);
        to.json(&["merge", s(&path)]);
    }
    let text = a.welsh(&["risk", "list", "Afon"]);
    has_all(
        &text,
        &[
            "● coch (dan anghydfod)",
            &format!(
                "Dan anghydfod (gosododd cynghorwyr y rhain ar wahân; mae'r lliwiau a'r crynhoad \
                 yn cymryd y gwaethaf nes cadw un gwerth gyda `casebook resolve`, gweler \
                 `casebook conflicts {}`):",
                &file[..8]
            ),
            "'Key supplier failure': tebygolrwydd ",
            "Crynhoad y cyfrif (y lliw uchaf sy'n ennill): ● coch (dan anghydfod)",
        ],
    );
    assert!(
        text.contains("tebygolrwydd 4 neu 2") || text.contains("tebygolrwydd 2 neu 4"),
        "{text}"
    );
    has_none(&text, &["disputed", "Disputed", " or "]);
    a.same_json_in_both(&["risk", "list", "Afon"]);
}

#[test]
fn risk_edits_say_what_they_did_in_welsh_and_the_history_keeps_the_english() {
    let sb = sandbox();
    let cb = sb.init("a", "Alys");
    cb.add_client("Afon Valley Foods", &[]);
    let added = cb.welsh(&[
        "risk",
        "add",
        "Afon",
        "Key supplier failure",
        "--likelihood",
        "4",
        "--severity",
        "4",
    ]);
    has_all(
        &added,
        &["Codwyd y risg 'Key supplier failure': tebygolrwydd 4, difrifoldeb 4 (coch)"],
    );
    has_none(&added, &["raised", "likelihood", "red"]);
    let assessed = cb.welsh(&[
        "risk",
        "assess",
        "Afon",
        "Key supplier failure",
        "--likelihood",
        "1",
        "--response",
        "reduce",
    ]);
    has_all(
        &assessed,
        &["Aseswyd y risg 'Key supplier failure': tebygolrwydd 1, ymateb lleihau (gwyrdd)"],
    );
    has_none(&assessed, &["assessed", "likelihood", "green"]);
    let english = cb.text(&[
        "risk",
        "assess",
        "Afon",
        "Key supplier failure",
        "--severity",
        "5",
    ]);
    has_all(
        &english,
        &["Risk 'Key supplier failure' assessed: severity 5 (green)"],
    );
    // The history records the English, whatever language the edit was made in.
    let history = cb.text(&["history", "Afon"]);
    has_all(
        &history,
        &["Risk 'Key supplier failure' raised: likelihood 4, severity 4 (red)"],
    );
}

#[test]
fn opportunities_show_their_cosmonauts_scores_trend_and_pipeline_in_welsh() {
    let sb = sandbox();
    let cb = sb.init("a", "Alys");
    cb.add_client("Afon Valley Foods", &[]);
    let added = cb.welsh(&["opp", "add", "Afon", "Export deal", "--value", "8000"]);
    has_all(
        &added,
        &["Cyfle i Afon Valley Foods: Export deal (angen, £8000)"],
    );
    let qualified = cb.welsh(&[
        "opp",
        "qualify",
        "Afon",
        "Export deal",
        "--decision",
        "continue",
        "--score",
        "money=2",
    ]);
    has_all(
        &qualified,
        &["Cymhwyswyd 'Export deal': 40%, penderfyniad: parhau"],
    );
    cb.json(&[
        "opp",
        "qualify",
        "Afon",
        "Export deal",
        "--decision",
        "continue",
        "--score",
        "money=5",
        "--score",
        "need=5",
    ]);
    cb.json(&["opp", "add", "Afon", "Shop fit-out", "--value", "500"]);
    let closed = cb.welsh(&[
        "opp",
        "close",
        "Afon",
        "Shop fit-out",
        "--lost",
        "--reason",
        "price",
        "--date",
        "2026-05-12",
    ]);
    has_all(
        &closed,
        &["Cyfle 'Shop fit-out' wedi'i golli ar 2026-05-12 (£500): price"],
    );

    let shop = cb.welsh(&["opp", "show", "Afon", "Shop fit-out"]);
    has_all(
        &shop,
        &[
            "(angen, £500, wedi'i golli)",
            "Wedi cau (wedi'i golli) ar 2026-05-12 (£500) gan Alys: price",
        ],
    );
    has_none(&shop, &["Closed", "lost"]);
    let show = cb.welsh(&["opp", "show", "Afon", "Export deal"]);
    has_all(
        &show,
        &[
            "Afon Valley Foods — Export deal (angen, £8000, ar agor)",
            "Crynhoad y risgiau: -",
            "| sesiwn ",
            "| penderfyniad ",
            "| cyfanswm (grwpiau a atebwyd) ",
            "| cys ",
            "| ari ",
            "| ang ",
            "| parhau ",
            "| cyfredol ",
            "(pob un o'r deg grŵp)",
            "Y cymhwyso cyfredol: 20% — 2 o'r 10 grŵp wedi'u hateb",
            "Tuedd: yn gwella",
            "Heb eu hateb eto: cystadleuaeth, cyfle, datrysiad, amcan, awdurdod, unigryw, amserlen, maint",
        ],
    );
    has_none(
        &show,
        &[
            "session",
            "decision",
            "continue",
            "current",
            "Trend",
            "improving",
            "Not answered",
            "competition",
            "| com ",
            "| mon ",
        ],
    );

    let list = cb.welsh(&["opp", "list"]);
    has_all(
        &list,
        &[
            "| cleient ",
            "| cyfle ",
            "| statws ",
            "| gwerth ",
            "| codwyd ",
            "| cymhwyso ",
            "| tuedd ",
            "| canlyniad ",
            "| ar agor ",
            "| wedi'i golli ",
            "20% (2/10 grŵp)",
            "heb ei gymhwyso eto",
            "| yn gwella ",
            "dim digon o sesiynau eto",
            "wedi'i golli 2026-05-12: price",
            "2 gyfle; piblinell (ar agor neu wedi'u hoedi) £8000; wedi'u hennill £0",
        ],
    );
    has_none(
        &list,
        &[
            "opportunit",
            "pipeline",
            "| open ",
            "lost",
            "groups",
            "not qualified",
            "improving",
        ],
    );
    assert_eq!(
        cb.welsh(&["opp", "list", "--status", "won"]).trim(),
        "Dim cyfleoedd."
    );
    // The English is as it was.
    let en = cb.text(&["opp", "list"]);
    has_all(
        &en,
        &["2 opportunities; pipeline (open or on hold) £8000; won £0"],
    );
    cb.same_json_in_both(&["opp", "list"]);
    cb.same_json_in_both(&["opp", "show", "Afon", "Export deal"]);

    let bad = cb
        .welsh_fails(&[
            "opp",
            "qualify",
            "Afon",
            "Export deal",
            "--decision",
            "continue",
            "--score",
            "money",
        ])
        .stderr;
    has_all(&bad, &["nid yw --score 'money' ar y ffurf GRŴP=SGÔR"]);
    has_none(&bad, &["is not GROUP=SCORE"]);
    let bad = cb
        .welsh_fails(&[
            "opp",
            "qualify",
            "Afon",
            "Export deal",
            "--decision",
            "continue",
            "--score",
            "money=7",
        ])
        .stderr;
    has_all(&bad, &["mae sgorau'n mynd o 0 i 5"]);
}

#[test]
fn the_organisation_and_its_settings_speak_welsh() {
    let sb = sandbox();
    let cb = sb.init("a", "Alys");
    let created = cb.welsh(&["org", "create", "--name", "Busnes Cymru"]);
    has_all(
        &created,
        &["Crëwyd Busnes Cymru; y nod hwn yw ei weinyddwr"],
    );
    let org = cb.welsh(&["org", "show"]);
    has_all(
        &org,
        &[
            "Busnes Cymru (",
            "fersiwn y gosodiadau",
            "| nod ",
            "| cynghorydd ",
            "| rôl ",
            "| Alys ",
            "| gweinyddwr ",
            "Mae `casebook config show` yn dangos ei osodiadau.",
        ],
    );
    has_none(&org, &["settings", "adviser", "administrator", "role"]);
    cb.same_json_in_both(&["org", "show"]);

    let set = cb.welsh(&[
        "config",
        "thresholds",
        "--contact-due-days",
        "20",
        "--unresponsive-attempts",
        "1",
    ]);
    has_all(
        &set,
        &[
            "Gosodiadau: cyswllt yn ddyledus ar ôl 20 diwrnod, cleient yn un nad yw'n ymateb ar ôl 1 ymgais: \
             wedi'i gadw yng ngosodiadau Busnes Cymru",
            "Bydd nodau eraill y sefydliad yn ei gael pan fyddant yn cysoni.",
        ],
    );
    has_none(&set, &["Settings", "saved", "contact due"]);
    let weight = cb.welsh(&["config", "weight", "money", "3"]);
    has_all(&weight, &["Gosodiadau: pwysoliad COSMONAUTS arian 3:"]);

    let show = cb.welsh(&["config", "show"]);
    has_all(
        &show,
        &[
            "Gosodiadau Busnes Cymru (fersiwn ",
            "wedi'u gosod gan ei weinyddwyr: Alys",
            "Matrics RAG (rhesi: tebygolrwydd 5→1, colofnau: difrifoldeb 1→5)",
            "| T \\ D ",
            "| gwyrdd ",
            "| ambr ",
            "| coch ",
            "| grŵp COSMONAUTS ",
            "| pwysoliad ",
            "| arian ",
            "| cam y llwybr ",
            "| diagnostic ",
            "Cyswllt yn ddyledus ar ôl 20 diwrnod · cleient yn un nad yw'n ymateb ar ôl 60 diwrnod neu 1 ymgais heb ateb",
        ],
    );
    has_none(
        &show,
        &[
            "Settings",
            "RAG matrix",
            "green",
            "amber",
            "red",
            "weight",
            "money",
            "pathway stage",
            "Contact due",
        ],
    );
    cb.same_json_in_both(&["config", "show"]);
    // The English is as it was, and the organisation's history keeps it.
    let en = cb.text(&["config", "show"]);
    has_all(
        &en,
        &[
            "RAG matrix (rows: likelihood 5→1, columns: severity 1→5)",
            "Contact due after 20 days · unresponsive after 60 days or 1 unanswered attempts",
        ],
    );

    let twice = cb
        .welsh_fails(&["config", "pathway", "enquiry", "review", "enquiry"])
        .stderr;
    has_all(&twice, &["mae'r cam 'enquiry' wedi'i restru ddwywaith"]);
    has_none(&twice, &["listed twice"]);
    let none = cb.welsh_fails(&["config", "thresholds"]).stderr;
    has_all(&none, &["rhowch o leiaf un o --contact-due-days"]);
    let client = cb.add_client("Afon Valley Foods", &[]);
    let not_org = cb.welsh_fails(&["org", "join", &client]).stderr;
    has_all(
        &not_org,
        &[&format!("nid yw '{client}' yn ddynodydd sefydliad")],
    );
    has_none(&not_org, &["is not an organisation"]);
}

#[test]
fn the_demo_speaks_welsh_under_a_welsh_locale() {
    let sb = sandbox();
    let own = sb.node("own");
    let out = own
        .command()
        .env_remove("CASEBOOK_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "cy_GB.UTF-8")
        .arg("demo")
        .output()
        .expect("run casebook demo");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    has_all(
        &text,
        &[
            "Mae Alice yn adeiladu'r portffolio sampl",
            "yn gwrando ar 127.0.0.1:",
            "Mae Alice yn rhannu ei 12 cleient gyda Bethan a Chris (ysgrifennu)",
            "Mae Bethan Evans yn cysoni gyda Alice Morgan dros QUIC: anfonwyd",
            "Mae pawb yn mynd all-lein ac yn gweithio ar yr un cleient",
            "  Mae Alice yn cofnodi galwad gyda ",
            "  Mae Bethan yn cofnodi cyfarfod ac yn ailasesu 'Key supplier failure': tebygolrwydd 4",
            "  Mae Chris yn ailasesu'r un risg: tebygolrwydd 3",
            "Wedi cydgyfeirio: mae gan y tri nod yr un pennau ar gyfer pob un o'r 12 ffeil a rennir",
            "── Y ffeil cyfrif wedi'i chyfuno, fel y mae nod Alice yn ei dal yn awr ──",
            "── Ei hanes wedi'i gyfuno: pwy, pa nod, wedi'i lofnodi, wedi'i dderbyn gan ──",
            "newid cynharach heb eu dangos; mae `casebook history` yn dangos y cyfan)",
            "── Lle roedd y cynghorwyr yn anghytuno ──",
            "Rhowch gynnig ar: casebook --data-dir ",
            "(ychwanegwch --keep DIR i gadw storfeydd y demo)",
        ],
    );
    has_none(
        &text,
        &[
            "builds the sample portfolio",
            "listens on",
            "shares her",
            "syncs with",
            "goes offline",
            "logs a call",
            "reassesses",
            "Converged",
            "as Alice's node now holds it",
            "merged history",
            "earlier change",
            "Where the advisers disagreed",
            "Try: casebook",
            "to keep the demo's stores",
        ],
    );
    assert!(!own.dir().exists(), "the demo did not touch --data-dir");
}
