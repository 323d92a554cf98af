//! `casebook demo`: the mission end to end on this machine alone. Three advisers' nodes in
//! temporary directories (real redb stores) build and share a sample portfolio, work offline on
//! the same client, then sync over real QUIC on loopback; the demo prints the merged account
//! file, its merged history with authors and origins, and the surfaced conflicts.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};

use super::Ctx;
use crate::output::{self, line};

pub(crate) fn run(ctx: &Ctx, keep: Option<PathBuf>) -> anyhow::Result<()> {
    // A temporary directory unless --keep: the demo never touches the adviser's real store.
    let tmp;
    let root = match keep {
        Some(d) => d,
        None => {
            tmp = tempfile::Builder::new()
                .prefix("casebook-demo-")
                .tempdir()
                .context("cannot create a temporary directory")?;
            tmp.path().to_path_buf()
        }
    };
    let bar = if ctx.json || !crate::terminal::animate() {
        ProgressBar::hidden()
    } else {
        ProgressBar::new_spinner()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let json = ctx.json;
    let started = Instant::now();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("could not start the async runtime")?;
    let mission = rt.block_on(casebook_sync::mission::run(&root, |step| {
        bar.set_message(step.to_string());
        if !json {
            bar.suspend(|| {
                let _ = line(step);
            });
        }
    }))?;
    bar.finish_and_clear();
    let converged = mission.converged()?;
    let alice = &mission.nodes[0];
    let account = alice.node.read(mission.file)?;
    let history = alice.node.history(mission.file)?;
    let conflicts = alice.node.conflicts(mission.file)?;
    if json {
        output::json(&serde_json::json!({
            "root": root,
            "nodes": mission.nodes.iter().map(|n| serde_json::json!({
                "adviser": n.adviser, "node_id": n.node.node_id(), "data_dir": n.dir,
                "listened_on": n.addr,
            })).collect::<Vec<_>>(),
            "syncs": mission.syncs.iter().map(|s| serde_json::json!({
                "from": s.from, "to": s.to, "report": s.report,
            })).collect::<Vec<_>>(),
            "converged": converged,
            "shared_files": mission.files.len(),
            "account_file": account,
            "history": history,
            "conflicts": conflicts.iter().map(|c| serde_json::json!({
                "id": c.id, "sentence": c.sentence(), "conflict": c,
            })).collect::<Vec<_>>(),
        }))?;
    } else {
        line(format!(
            "\n{} all three nodes hold the same heads for all {} shared files ({:.1} s in all)\n",
            if converged {
                "Converged:"
            } else {
                "NOT converged:"
            },
            mission.files.len(),
            started.elapsed().as_secs_f64()
        ))?;
        line(
            "── The merged account file, as Alice's node now holds it ──
",
        )?;
        super::client::print_account(&alice.node, &account)?;
        line("\n── Its merged history: who, which node, signed, received from ──\n")?;
        let recent = history.len().saturating_sub(8);
        super::history::print_history(&history[recent..])?;
        line(format!(
            "({} earlier change(s) not shown; `casebook history` shows all)",
            recent
        ))?;
        line("\n── Where the advisers disagreed ──\n")?;
        if conflicts.is_empty() {
            line("no conflicts")?;
        }
        for c in &conflicts {
            line(format!("[{}] {}", c.id, c.sentence()))?;
        }
        line(format!(
            "\nTry: casebook --data-dir {} conflicts {}   (add --keep DIR to keep the demo's stores)",
            alice.dir.display(),
            &mission.file.to_string()[..8]
        ))?;
    }
    if !converged {
        bail!("the demo's nodes did not converge; this is a bug, please report it");
    }
    Ok(())
}
