//! The refusals of account files in Welsh: rules an edit must keep, words that are not in a
//! vocabulary, numbers out of range, unknown ids and texts past their limits read Welsh
//! throughout under `--lang cy`, and exactly as before in English.

use casebook_e2e::{Casebook, Run, Sandbox};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

/// Run `args` in Welsh and require a clean refusal: a non-zero exit code, nothing on stdout,
/// a Welsh error on stderr, and the store as it was.
fn refuses_cy(cb: &Casebook, args: &[&str]) -> Run {
    let before = cb.snapshot();
    let mut all = vec!["--lang", "cy"];
    all.extend_from_slice(args);
    let run = cb.run(&all);
    assert!(
        run.code.is_some_and(|c| c != 0),
        "expected a refusal: {run}"
    );
    assert!(run.stdout.trim().is_empty(), "printed on stdout: {run}");
    assert!(
        run.stderr.starts_with("gwall: "),
        "not a Welsh error: {run}"
    );
    assert!(!run.stderr.contains("error"), "English on stderr: {run}");
    assert_eq!(cb.snapshot(), before, "the store changed: {run}");
    run
}

/// The same refusal in English: `english` is in it.
fn refuses_en(cb: &Casebook, args: &[&str], english: &str) {
    let run = cb.refuses(args);
    assert!(run.stderr.contains(english), "{run}");
}

/// `welsh` is in the Welsh refusal, `english` is not.
fn says(run: &Run, welsh: &str, english: &str) {
    assert!(run.stderr.contains(welsh), "no '{welsh}': {run}");
    assert!(!run.stderr.contains(english), "English '{english}': {run}");
}

#[test]
fn a_future_intake_and_a_too_long_name_are_refused_in_welsh() {
    let sb = sandbox();
    let cb = sb.init("a", "Alys");
    let future = [
        "client",
        "add",
        "--name",
        "Hwyrach Cyf",
        "--intake-date",
        "2099-01-01",
    ];
    let run = refuses_cy(&cb, &future);
    says(
        &run,
        "mae'r dyddiad derbyn 2099-01-01 yn y dyfodol: y dyddiad derbyn yw'r diwrnod yr ymunodd y cleient",
        "in the future",
    );
    refuses_en(
        &cb,
        &future,
        "an intake date of 2099-01-01 is in the future: the intake is the day the client joined",
    );

    let long_name = "N".repeat(201);
    let run = refuses_cy(&cb, &["client", "add", "--name", &long_name]);
    says(
        &run,
        "mae'r testun ar gyfer enw yn 201 nod o hyd, a'r mwyaf a ganiateir yw 200: byrhewch ef",
        "characters long",
    );
    refuses_en(
        &cb,
        &["client", "add", "--name", &long_name],
        "the name is 201 characters long, and the most is 200: shorten it",
    );

    let run = refuses_cy(&cb, &["client", "add", "--name", " "]);
    says(&run, "mae angen enw ar gleient (--name)", "needs a name");
}

#[test]
fn words_numbers_and_ids_the_file_does_not_hold_are_refused_in_welsh() {
    let sb = sandbox();
    let cb = sb.init("a", "Alys");
    let file = cb.add_client("Afon Cyf", &["--intake-date", "2026-01-05"]);

    // A word that is in no vocabulary: the vocabulary is named in Welsh, the accepted values
    // stay the values people type.
    let log = |kind: &'static str| -> Vec<String> {
        [
            "log",
            file.as_str(),
            "--kind",
            kind,
            "--direction",
            "inbound",
            "--purpose",
            "sales",
        ]
        .map(str::to_string)
        .to_vec()
    };
    let args = log("telegram");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = refuses_cy(&cb, &args);
    says(
        &run,
        "nid yw 'telegram' yn werth dilys ar gyfer math o ryngweithiad; derbynnir: call, meeting, visit, email, im, event, hospitality, other",
        "is not a valid",
    );
    refuses_en(
        &cb,
        &args,
        "'telegram' is not a valid interaction type; accepted: call, meeting, visit, email, im, event, hospitality, other",
    );

    // A stage the pathway does not have.
    let run = refuses_cy(&cb, &["client", "stage", &file, "nowhere"]);
    says(
        &run,
        "nid yw 'nowhere' yn werth dilys ar gyfer cam y llwybr; derbynnir: enquiry, diagnostic",
        "pathway stage",
    );

    // A likelihood off the scale.
    let risk = [
        "risk",
        "add",
        &file,
        "Colli'r prif gwsmer",
        "--likelihood",
        "9",
        "--severity",
        "1",
    ];
    let run = refuses_cy(&cb, &risk);
    says(
        &run,
        "rhaid i'r gwerth ar gyfer tebygolrwydd fod rhwng 1 a 5, cafwyd 9",
        "must be between",
    );
    refuses_en(&cb, &risk, "likelihood must be between 1 and 5, got 9");

    // A risk id the file does not hold.
    let unknown = ["risk", "assess", &file, "ffffffff", "--likelihood", "2"];
    let run = refuses_cy(&cb, &unknown);
    says(
        &run,
        "nid oes risg â'r dynodydd 'ffffffff' yn y ffeil cyfrif hon; rhedwch `casebook client show FILE` i weld ei dynodyddion",
        "no risk with id",
    );
    refuses_en(
        &cb,
        &unknown,
        "no risk with id 'ffffffff' in this account file; run `casebook client show FILE` to see its ids",
    );
}

#[test]
fn rules_of_risks_and_stages_are_refused_in_welsh() {
    let sb = sandbox();
    let cb = sb.init("a", "Alys");
    let file = cb.add_client("Afon Cyf", &[]);

    // Accepting a risk needs a note of its budget and contingency.
    let accept = [
        "risk",
        "add",
        &file,
        "Llifogydd",
        "--likelihood",
        "2",
        "--severity",
        "2",
        "--response",
        "accept",
    ];
    let run = refuses_cy(&cb, &accept);
    says(
        &run,
        "mae angen nodyn am gyllideb a chynllun wrth gefn i dderbyn risg (--mitigation \"...\")",
        "accepting a risk",
    );
    refuses_en(
        &cb,
        &accept,
        "accepting a risk needs a budget and contingency note (--mitigation \"...\")",
    );

    // Moving a client to the stage it is in.
    let stage = cb.account(&file)["journey"]["stage"]
        .as_str()
        .expect("a first stage")
        .to_string();
    let run = refuses_cy(&cb, &["client", "stage", &file, &stage]);
    says(
        &run,
        &format!("mae Afon Cyf yng ngham {stage} eisoes"),
        "is already in stage",
    );
    refuses_en(
        &cb,
        &["client", "stage", &file, &stage],
        &format!("Afon Cyf is already in stage {stage}"),
    );

    // An exit plan needs its criteria.
    let run = refuses_cy(&cb, &["client", "exit-plan", &file, "--criteria", " "]);
    says(
        &run,
        "mae angen meini prawf ar gynllun ymadael (--criteria)",
        "needs criteria",
    );
}

#[test]
fn outcomes_and_withdrawals_are_refused_in_welsh() {
    let sb = sandbox();
    let cb = sb.init("a", "Alys");
    let file = cb.add_client("Afon Cyf", &[]);
    let opp = casebook_e2e::entry(&cb.json(&["opp", "add", &file, "Allforio", "--value", "8000"]));
    cb.json(&[
        "opp",
        "close",
        &file,
        &opp[..8],
        "--won",
        "--reason",
        "y pris gorau",
    ]);

    // An outcome is recorded once: the status reads in Welsh words.
    let again = [
        "opp",
        "close",
        &file,
        &opp[..8],
        "--lost",
        "--reason",
        "newid meddwl",
    ];
    let run = refuses_cy(&cb, &again);
    says(&run, "caewyd y cyfle 'Allforio' eisoes ar ", "already");
    assert!(run.stderr.contains("(wedi'i ennill)"), "{run}");
    refuses_en(&cb, &again, "opportunity 'Allforio' was closed as won on ");

    // A status that is no status: the vocabulary is named in Welsh.
    let run = refuses_cy(&cb, &["opp", "list", "--status", "sold"]);
    says(
        &run,
        "nid yw 'sold' yn werth dilys ar gyfer statws cyfle; derbynnir: open, hold, won",
        "opportunity status",
    );

    // Withdrawing needs a reason, and an id that names an entry.
    let run = refuses_cy(&cb, &["withdraw", &file, &opp[..8], "--reason", "  "]);
    says(
        &run,
        "dywedwch pam y caiff y cofnod ei dynnu'n ôl (--reason)",
        "say why",
    );
    let run = refuses_cy(
        &cb,
        &["withdraw", &file, "ffffffff", "--reason", "camgymeriad"],
    );
    says(
        &run,
        "nid oes cofnod (person, rhyngweithiad, cam gweithredu, risg neu gyfle) â'r dynodydd 'ffffffff'",
        "no entry",
    );
}
