//! The command line itself: help for every command, the demo, and output into closed pipes.

use casebook_e2e::{Sandbox, s};

fn sandbox() -> Sandbox {
    Sandbox::new(env!("CARGO_BIN_EXE_casebook-under-test"))
}

/// Every command and subcommand in crates/cli/src/args.rs.
const COMMANDS: &[&[&str]] = &[
    &["init"],
    &["id"],
    &["invite"],
    &["peer"],
    &["peer", "add"],
    &["peer", "list"],
    &["peer", "remove"],
    &["share"],
    &["serve"],
    &["sync"],
    &["status"],
    &["unshare"],
    &["client"],
    &["client", "add"],
    &["client", "list"],
    &["client", "show"],
    &["client", "edit"],
    &["client", "stage"],
    &["client", "exit-plan"],
    &["client", "exit"],
    &["client", "objective"],
    &["client", "swot"],
    &["client", "letter"],
    &["show"],
    &["person"],
    &["person", "add"],
    &["person", "edit"],
    &["person", "coverage"],
    &["orgchart"],
    &["log"],
    &["action"],
    &["action", "add"],
    &["action", "done"],
    &["action", "list"],
    &["withdraw"],
    &["risk"],
    &["risk", "add"],
    &["risk", "assess"],
    &["risk", "list"],
    &["risk", "map"],
    &["risk", "prr"],
    &["risk", "prr", "list"],
    &["risk", "prr", "add"],
    &["risk", "prr", "promote"],
    &["risk", "prr", "retire"],
    &["risk", "prr", "restore"],
    &["risk", "prr", "check"],
    &["risk", "prr", "review"],
    &["risk", "alert"],
    &["risk", "alert", "duty"],
    &["risk", "alert", "send"],
    &["risk", "alert", "list"],
    &["risk", "plan"],
    &["risk", "plan", "start"],
    &["risk", "plan", "action"],
    &["risk", "plan", "review"],
    &["risk", "plan", "show"],
    &["opp"],
    &["opp", "add"],
    &["opp", "qualify"],
    &["opp", "show"],
    &["opp", "list"],
    &["opp", "close"],
    &["opp", "review"],
    &["opp", "orders"],
    &["contract"],
    &["contract", "add"],
    &["contract", "end"],
    &["contract", "list"],
    &["tier"],
    &["tier", "list"],
    &["tier", "add"],
    &["tier", "set"],
    &["tier", "retire"],
    &["tier", "restore"],
    &["tier", "move"],
    &["tier", "show"],
    &["scorecard"],
    &["scorecard", "new"],
    &["scorecard", "answer"],
    &["scorecard", "finalise"],
    &["scorecard", "show"],
    &["scorecard", "list"],
    &["scorecard", "trend"],
    &["scorecard", "kpi"],
    &["scorecard", "kpi", "list"],
    &["scorecard", "kpi", "add"],
    &["scorecard", "kpi", "edit"],
    &["scorecard", "kpi", "retire"],
    &["scorecard", "kpi", "restore"],
    &["survey"],
    &["survey", "plan"],
    &["survey", "recipient"],
    &["survey", "issue"],
    &["survey", "record"],
    &["survey", "import"],
    &["survey", "close"],
    &["survey", "analyse"],
    &["survey", "improve"],
    &["survey", "feedback"],
    &["survey", "list"],
    &["survey", "trend"],
    &["survey", "question"],
    &["survey", "question", "list"],
    &["survey", "question", "add"],
    &["survey", "question", "retire"],
    &["survey", "question", "restore"],
    &["review"],
    &["review", "schedule"],
    &["review", "attend"],
    &["review", "minutes"],
    &["review", "answer"],
    &["review", "action"],
    &["review", "decide"],
    &["review", "updated"],
    &["review", "close"],
    &["review", "show"],
    &["review", "list"],
    &["review", "cadence"],
    &["review", "pack"],
    &["review", "agenda"],
    &["review", "agenda", "list"],
    &["review", "agenda", "add"],
    &["review", "agenda", "retire"],
    &["review", "agenda", "restore"],
    &["review", "question"],
    &["review", "question", "list"],
    &["review", "question", "add"],
    &["review", "question", "retire"],
    &["review", "question", "restore"],
    &["plan"],
    &["plan", "add"],
    &["plan", "list"],
    &["plan", "remove"],
    &["topic"],
    &["topic", "add"],
    &["topic", "answer"],
    &["topic", "list"],
    &["competitor"],
    &["competitor", "appraise"],
    &["competitor", "list"],
    &["value"],
    &["value", "add"],
    &["value", "list"],
    &["value", "reference"],
    &["actionplan"],
    &["actionplan", "add"],
    &["actionplan", "item"],
    &["actionplan", "reviewed"],
    &["actionplan", "list"],
    &["portfolio"],
    &["effort"],
    &["history"],
    &["diff"],
    &["export"],
    &["import"],
    &["import-csv"],
    &["merge"],
    &["conflicts"],
    &["resolve"],
    &["config"],
    &["config", "show"],
    &["config", "rag"],
    &["config", "weight"],
    &["config", "pathway"],
    &["config", "stage-days"],
    &["config", "thresholds"],
    &["config", "band"],
    &["config", "capacity"],
    &["org"],
    &["org", "show"],
    &["org", "create"],
    &["org", "add"],
    &["org", "remove"],
    &["org", "join"],
    &["demo"],
];

/// The subcommands a help text lists under "Commands:", without `help`.
fn listed_commands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| l.trim() != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        // Command names start at the first indent; wrapped descriptions are indented further.
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn help_works_for_every_command() {
    let sb = sandbox();
    // A data directory that does not exist: help must not need a store.
    let node = sb.node("nowhere");

    // COMMANDS is complete: every command and subcommand the help lists is in it.
    let groups: Vec<&[&str]> = std::iter::once(&[][..])
        .chain(COMMANDS.iter().copied())
        .collect();
    for group in groups {
        let mut args = group.to_vec();
        args.push("--help");
        let listed = listed_commands(&node.text(&args));
        let known: Vec<String> = COMMANDS
            .iter()
            .filter(|p| p.len() == group.len() + 1 && p.starts_with(group))
            .map(|p| p[group.len()].to_string())
            .collect();
        assert_eq!(
            listed,
            known,
            "`casebook {} --help` lists other commands than COMMANDS",
            group.join(" ")
        );
    }

    for path in COMMANDS {
        let mut args = path.to_vec();
        args.push("--help");
        let out = node.text(&args);
        assert!(
            out.contains(&format!("Usage: casebook {}", path.join(" "))),
            "casebook {} --help:\n{out}",
            path.join(" ")
        );
        let mut args = vec!["help"];
        args.extend_from_slice(path);
        node.text(&args);
    }
    assert!(!node.dir().exists(), "help created nothing");
    let version = node.text(&["--version"]);
    assert!(version.starts_with("casebook "), "{version}");
}

#[test]
fn an_unknown_command_or_flag_is_a_usage_error() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    for args in [
        &["frobnicate"][..],
        &["client", "list", "--colour"],
        &["client", "add"],
    ] {
        let run = cb.fails(args);
        assert_eq!(run.code, Some(2), "{run}");
        assert!(run.stderr.contains("Usage:"), "{run}");
    }
}

#[test]
fn demo_runs_three_nodes_that_converge_over_quic_in_their_own_stores() {
    let sb = sandbox();
    // The adviser's own data directory is never touched by the demo.
    let own = sb.node("own");
    let keep = sb.path("demo");
    let out = own.json(&["demo", "--keep", s(&keep)]);
    assert_eq!(out["converged"], true, "{out}");
    let nodes = out["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), 3, "{out}");
    for n in nodes {
        let addr = n["listened_on"].as_str().expect("address");
        assert!(addr.starts_with("127.0.0.1:"), "loopback only: {addr}");
    }
    // Chris's work reached Alice through Bethan: a change by Chris, received from Bethan.
    let chris = nodes[2]["node_id"].as_str().expect("id");
    let bethan = nodes[1]["node_id"].as_str().expect("id");
    let history = out["history"].as_array().expect("history");
    assert!(
        history.iter().any(|h| h["author"]["id"] == chris
            && h["origin"]["origin"]["node"] == bethan
            && h["signed"] == true),
        "{out}"
    );
    // The two reassessments of one risk surface as one conflict naming both advisers.
    let conflicts = out["conflicts"].as_array().expect("conflicts");
    assert_eq!(conflicts.len(), 1, "{out}");
    let sentence = conflicts[0]["sentence"].as_str().expect("sentence");
    assert!(sentence.contains("likelihood"), "{sentence}");
    assert!(
        sentence.contains("Bethan") && sentence.contains("Chris"),
        "{sentence}"
    );
    assert!(!own.dir().exists(), "the demo did not touch --data-dir");

    // Each kept store is a real store the CLI can read, with the same clients.
    let alice = sb.node("demo/alice");
    let bethan_cli = sb.node("demo/bethan");
    let files = out["shared_files"].as_u64().expect("count");
    assert_eq!(alice.clients().len() as u64, files);
    assert_eq!(bethan_cli.clients().len() as u64, files);
    let status = bethan_cli.json(&["status"]);
    assert_eq!(status.as_array().map(Vec::len), Some(2), "{status}");
}

#[test]
fn text_output_into_a_closed_pipe_is_not_an_error() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    cb.add_client("Acme Ltd", &[]);
    for args in [
        &["history", "Acme"][..],
        &["client", "list"],
        &["export", "Acme"],
    ] {
        let run = cb.run_into_closed_pipe(args);
        assert_eq!(run.code, Some(0), "{run}");
        assert_eq!(run.stderr, "", "{run}");
    }
}

#[test]
fn json_output_into_a_closed_pipe_is_not_an_error() {
    let sb = sandbox();
    let cb = sb.init("a", "Alice");
    cb.add_client("Acme Ltd", &[]);
    for args in [
        &["--json", "history", "Acme"][..],
        &["--json", "client", "list"],
    ] {
        let run = cb.run_into_closed_pipe(args);
        assert_eq!(run.code, Some(0), "{run}");
        assert_eq!(run.stderr, "", "{run}");
    }
}
