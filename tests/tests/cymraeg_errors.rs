//! The engine's and the store's errors in Welsh: a Welsh run names what went wrong and what to
//! do in Welsh (names, ids, commands and typed values aside), still fails with a non-zero exit
//! code on stderr, and an English run reads as before. JSON stays the same in both languages.

use casebook_e2e::{Sandbox, s, speaks_welsh, str_field};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

fn write(sb: &Sandbox, name: &str, text: &str) -> String {
    let path = sb.path(name);
    std::fs::write(&path, text).expect("cannot write the file");
    s(&path).to_string()
}

#[test]
fn no_store_and_a_second_init_are_told_in_welsh() {
    let sb = sandbox();
    let none = sb.node("empty");
    let run = none.welsh_fails(&["client", "list"]);
    speaks_welsh(
        &run.stderr,
        &[
            "nid oes storfa casebook yn",
            "rhedwch `casebook init` yn gyntaf",
            "gosodwch CASEBOOK_DIR",
        ],
        &["no casebook store", "run `casebook init` first", "or pass"],
    );
    // English as before.
    let en = none.fails(&["client", "list"]);
    assert!(
        en.stderr.contains("error: no casebook store in ")
            && en.stderr.contains("run `casebook init` first"),
        "{en}"
    );

    let cb = sb.init("a", "Alys");
    let run = cb.welsh_fails(&["init", "--name", "Alys"]);
    speaks_welsh(
        &run.stderr,
        &[
            "mae storfa casebook yn",
            "eisoes",
            "dewiswch --data-dir arall",
        ],
        &["already exists", "choose another"],
    );
}

#[test]
fn unknown_ambiguous_and_duplicate_clients_are_told_in_welsh() {
    let sb = sandbox();
    let cb = sb.init("a", "Alys");
    cb.add_client("Acme Cyf", &["--postcode", "CF10 1AA"]);
    cb.add_client("Acme Holdings", &[]);

    let run = cb.welsh_fails(&["show", "Neb Cyf"]);
    speaks_welsh(
        &run.stderr,
        &[
            "nid oes cleient yn cyfateb i 'Neb Cyf'",
            "rhedwch `casebook client list` i weld y cleientiaid a'u dynodyddion",
        ],
        &["no client matches", "to see clients"],
    );

    let run = cb.welsh_fails(&["show", "Acme"]);
    speaks_welsh(
        &run.stderr,
        &[
            "mae 'Acme' yn cyfateb i sawl cleient",
            "Acme Cyf",
            "Acme Holdings",
        ],
        &["matches several clients", "give more of the id"],
    );

    let run = cb.welsh_fails(&[
        "client",
        "add",
        "--name",
        "ACME  cyf",
        "--postcode",
        "cf101aa",
    ]);
    speaks_welsh(
        &run.stderr,
        &[
            "mae ACME  cyf yn edrych fel cleient sydd yma eisoes",
            "(yr un enw a chod post)",
            "--allow-duplicate os yw hwn yn un gwahanol",
        ],
        &[
            "looks like a client",
            "same name and postcode",
            "use that client",
        ],
    );
    assert_eq!(cb.clients().len(), 2, "nothing was added");

    let run = cb.welsh_fails(&["show", "Acme Cyf", "--at", "zzzz"]);
    speaks_welsh(
        &run.stderr,
        &[
            "nid yw 'zzzz' yn newid i'r ffeil hon",
            "stwnsh newid",
            "amser lleol",
        ],
        &["is neither a change", "a local time like"],
    );
}

#[test]
fn every_bad_row_of_a_clients_sheet_is_named_in_welsh() {
    let sb = sandbox();
    let cb = sb.init("a", "Alys");
    cb.add_client("Peiriannau Presennol", &["--company-number", "12345678"]);
    let csv = write(
        &sb,
        "drwg.csv",
        "name,intake_date,company_number\n\
         Da Un,2026-01-01,\n\
         Dyddiad Drwg,2026-13-45,\n\
         ,2026-01-02,\n\
         Enw Newydd,,12345678\n",
    );
    let run = cb.welsh_fails(&["import-csv", "clients", &csv]);
    speaks_welsh(
        &run.stderr,
        &[
            "ni fewnforiwyd dim: ",
            "rhes 3, colofn intake_date: nid yw '2026-13-45' yn ddyddiad; defnyddiwch YYYY-MM-DD neu DD/MM/YYYY (anwybyddir amser ar ôl y dyddiad)",
            "; rhes 4, colofn name: gwag; mae angen enw ar bob cleient",
            "rhes 5, colofn company_number: mae Enw Newydd yn dyblygu cleient presennol Peiriannau Presennol (yr un rhif cwmni)",
        ],
        &[
            "nothing imported",
            "row 3",
            "column",
            "is not a date",
            "every client needs a name",
            "duplicates",
            "existing client",
            "same company number",
        ],
    );
    assert!(!run.stderr.contains("rhes 2"), "only bad rows: {run}");
    assert_eq!(cb.clients().len(), 1, "nothing was imported");

    // The same refusal in English, word for word as before.
    let en = cb.refuses(&["import-csv", "clients", &csv]);
    assert!(
        en.stderr.contains(
            "nothing imported: row 3, column intake_date: '2026-13-45' is not a date; use YYYY-MM-DD or DD/MM/YYYY (a time after the date is ignored); row 4, column name: empty; every client needs a name; row 5, column company_number: Enw Newydd duplicates existing client Peiriannau Presennol (same company number)"
        ),
        "{en}"
    );
}

#[test]
fn an_interactions_sheet_and_an_unreadable_header_are_refused_in_welsh() {
    let sb = sandbox();
    let cb = sb.init("a", "Alys");
    cb.add_client("Un Cyf", &[]);
    let csv = write(
        &sb,
        "drwg.csv",
        "client,at,kind,direction,purpose,minutes\r\n\
         Neb Cyf,2026-05-01,call,outbound,introduction,15\r\n\
         Un Cyf,31/02/2026 10:00,call,outbound,introduction,15\r\n\
         Un Cyf,2026-05-03,call,outbound,introduction,sbel\r\n\
         Un Cyf,2026-05-04,call,outbound\r\n\
         ,2026-05-05,call,outbound,introduction,5\r\n",
    );
    let run = cb.welsh_fails(&["import-csv", "interactions", &csv]);
    speaks_welsh(
        &run.stderr,
        &[
            "rhes 2, colofn client: nid oes cleient o'r enw 'Neb Cyf'; rhowch enw llawn y cleient",
            "rhes 3, colofn at: nid yw '31/02/2026 10:00' yn ddyddiad ac amser; defnyddiwch",
            "(amser lleol) neu 2026-05-12T14:30:00Z",
            "rhes 4, colofn minutes: nid yw 'sbel' yn nifer cyfan o funudau",
            "rhes 5: mae ganddi 4 cell lle mae rhes y penawdau'n enwi 6 colofn",
            "rhes 6, colofn client: gwag; enwch y cleient neu rowch ddynodydd ei ffeil",
        ],
        &[
            "no client named",
            "is not a date-time",
            "local time",
            "whole number",
            "cell(s)",
            "empty; name the client",
        ],
    );

    let headless = write(&sb, "heb.csv", "name,postcode\nUn,AA1 1AA\n");
    let run = cb.welsh_fails(&["import-csv", "interactions", &headless]);
    speaks_welsh(
        &run.stderr,
        &[
            "rhes 1 (rhes y penawdau): colofn(au) ar goll: client, at, kind, direction, purpose",
            "rhaid i'r rhes gyntaf enwi'r colofnau",
        ],
        &["header row", "missing column", "must name"],
    );

    let strict = write(&sb, "llym.csv", "name,lliw\nUn,coch\n");
    let run = cb.welsh_fails(&["import-csv", "clients", &strict, "--strict"]);
    speaks_welsh(
        &run.stderr,
        &[
            "colofn(au) anhysbys lliw (wedi'u gwrthod gan --strict)",
            "y colofnau hysbys yw name, postcode",
        ],
        &["unknown column", "refused by", "known columns"],
    );

    let no_bom: Vec<u8> = "name\nUn\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let utf16 = sb.path("utf16.csv");
    std::fs::write(&utf16, no_bom).expect("write");
    let run = cb.welsh_fails(&["import-csv", "clients", s(&utf16)]);
    speaks_welsh(
        &run.stderr,
        &[
            "mae'r ffeil yn dal beitiau NUL",
            "cadwch y daenlen fel \"CSV UTF-8 (comma delimited)\" (Excel)",
        ],
        &["the file holds", "save the sheet as"],
    );
}

#[test]
fn skipped_duplicates_are_welsh_in_text_and_the_same_in_json() {
    let sb = sandbox();
    let csv = write(
        &sb,
        "dyblyg.csv",
        "name,company_number\n\
         Cwmni Un,11111111\n\
         Cwmni Un Eto,11111111\n",
    );
    let cy_node = sb.init("cy", "Alys");
    let en_node = sb.init("en", "Alys");
    let cy = cy_node.json(&[
        "--lang",
        "cy",
        "import-csv",
        "clients",
        &csv,
        "--skip-duplicates",
    ]);
    let en = en_node.json(&["import-csv", "clients", &csv, "--skip-duplicates"]);
    assert_eq!(
        cy["skipped"], en["skipped"],
        "JSON does not change with the language"
    );
    assert_eq!(
        en["skipped"][0],
        "row 3, column company_number: Cwmni Un Eto duplicates row 2 (same company number)"
    );

    let again = write(
        &sb,
        "eto.csv",
        "name,company_number\nCwmni Arall,11111111\n",
    );
    let text = cy_node.text(&[
        "--lang",
        "cy",
        "import-csv",
        "clients",
        &again,
        "--skip-duplicates",
    ]);
    assert!(
        text.contains(
            "rhes 2, colofn company_number: mae Cwmni Arall yn dyblygu cleient presennol Cwmni Un (yr un rhif cwmni)"
        ),
        "{text}"
    );
    assert!(!text.contains("duplicates"), "{text}");
}

#[test]
fn files_brought_in_are_refused_in_welsh() {
    let sb = sandbox();
    let cb = sb.init("a", "Alys");
    let id = cb.add_client("Acme Cyf", &[]);

    let not_json = write(&sb, "nid.json", "{ nid json");
    let run = cb.welsh_fails(&["import", &not_json]);
    speaks_welsh(
        &run.stderr,
        &[
            "nid JSON yw hwn (",
            "rhowch ffeil a ysgrifennwyd gan `casebook export --format json`",
        ],
        &["not JSON", "give a file written by"],
    );

    let exported = sb.path("acme.json");
    cb.json(&["export", &id, "--out", s(&exported)]);
    let run = cb.welsh_fails(&["import", s(&exported)]);
    let here = format!("mae ffeil cyfrif {id} (Acme Cyf) yn y storfa hon eisoes");
    speaks_welsh(
        &run.stderr,
        &[here.as_str(), "sy'n cyfuno'r ddau hanes"],
        &["is already in this store", "which merges the two histories"],
    );

    let random = sb.path("hap.am");
    std::fs::write(&random, b"\x85\x6f\x4a\x83 nid automerge").expect("write");
    let run = cb.welsh_fails(&["merge", s(&random)]);
    speaks_welsh(
        &run.stderr,
        &[
            "nid yw'n ddogfen Automerge (",
            "rhowch ffeil a ysgrifennwyd gan `casebook export --format automerge`",
        ],
        &["not an Automerge document", "give a file written by"],
    );
}

#[test]
fn peers_the_store_and_its_warnings_speak_welsh() {
    let sb = sandbox();
    let cb = sb.init("a", "Alys");
    cb.add_client("Acme Cyf", &[]);

    let run = cb.welsh_fails(&["peer", "remove", "neb"]);
    speaks_welsh(
        &run.stderr,
        &[
            "nid oes gan unrhyw gymar yr ymddiriedir ynddo yr enw neu'r dynodydd nod hwnnw",
            "`casebook peer list`",
        ],
        &["no trusted peer", "has that name"],
    );

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let store = cb.store_path();
        let mode = |m: u32| {
            std::fs::set_permissions(&store, std::fs::Permissions::from_mode(m)).expect("chmod")
        };
        // Readable by others: a warning in Welsh, the command still done.
        mode(0o644);
        let run = cb.run(&["--lang", "cy", "client", "list"]);
        assert!(run.success(), "{run}");
        assert!(
            run.stderr
                .contains("rhybudd: gall defnyddwyr eraill y peiriant hwn ddarllen")
                && run.stderr.contains(
                    "(modd 644), ac mae'n dal data personol cleientiaid; rhedwch `chmod 600"
                ),
            "{run}"
        );
        assert!(
            !run.stderr.contains("warning") && !run.stderr.contains("readable by other users"),
            "{run}"
        );
        // Read-only: listed, but no change, and why in Welsh.
        mode(0o400);
        let run = cb.welsh_fails(&["client", "add", "--name", "Newydd Cyf"]);
        speaks_welsh(
            &run.stderr,
            &[
                "yn un i'w darllen yn unig, felly ni ellir newid dim: mae ffeil y storfa i'w darllen yn unig (i ganiatáu newidiadau: `chmod u+w",
            ],
            &["is read-only", "nothing can be changed", "to allow changes"],
        );
        mode(0o600);
        assert_eq!(cb.clients().len(), 1);
    }
}

#[test]
fn peer_refusals_name_roles_in_welsh() {
    let sb = sandbox();
    let alys = sb.init("alys", "Alys");
    let bryn = sb.init("bryn", "Bryn");
    let own = str_field(&alys.json(&["invite"]), "ticket").to_string();
    let run = alys.welsh_fails(&["peer", "add", &own, "--name", "Fi"]);
    speaks_welsh(
        &run.stderr,
        &[
            "tocyn y nod hwn ei hun yw hwn",
            "ar beiriant y cynghorydd arall",
        ],
        &["own ticket", "other adviser's machine"],
    );

    let ticket = str_field(&bryn.json(&["invite"]), "ticket").to_string();
    alys.json(&["peer", "add", &ticket, "--name", "Bryn (gliniadur)"]);
    alys.add_client("Afon Cyf", &[]);
    alys.add_client("Taf Cyf", &[]);
    alys.json(&["share", "Afon", "Bryn (gliniadur)", "--write"]);
    alys.json(&["share", "Taf", "Bryn (gliniadur)", "--read"]);
    let run = alys.welsh_fails(&["peer", "remove", "Bryn (gliniadur)"]);
    speaks_welsh(
        &run.stderr,
        &[
            "mae gan Bryn (gliniadur) fynediad o hyd at 2 ffeil",
            "Afon Cyf (ysgrifennu), Taf Cyf (darllen)",
            "Ni newidiwyd dim",
            "--unshare",
            "--keep-shares",
        ],
        &[
            "still has access",
            "(write)",
            "(read)",
            "Nothing was changed",
        ],
    );
    let en = alys.refuses(&["peer", "remove", "Bryn (gliniadur)"]);
    assert!(
        en.stderr.contains(
            "Bryn (gliniadur) still has access to 2 file(s) this node can revoke: Afon Cyf (write), Taf Cyf (read). Nothing was changed."
        ),
        "{en}"
    );

    let run = alys.welsh_fails(&["show", "Afon", "--at", "99 changes ago"]);
    speaks_welsh(
        &run.stderr,
        &[
            "newid sydd gan y ffeil, felly nid oedd yn bod 99 newid yn ôl",
            "rhowch rhwng `0 changes ago` a `",
        ],
        &["the file has", "it did not exist yet"],
    );
}
