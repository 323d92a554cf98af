//! `casebook demo`: the mission end to end on this machine alone. Three advisers' nodes in
//! temporary directories (real redb stores) build and share a sample portfolio, work offline on
//! the same client, then sync over real QUIC on loopback; the demo prints the merged account
//! file, its merged history with authors and origins, and the surfaced conflicts.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};

use super::Ctx;
use crate::i18n::{say, t, ta};
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
                .context(t("demo-error-tempdir"))?;
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
        .context(t("demo-error-runtime"))?;
    let mission = rt.block_on(casebook_sync::mission::run(&root, |step| {
        let step = say(step);
        bar.set_message(step.clone());
        if !json {
            bar.suspend(|| {
                let _ = line(&step);
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
            "\n{}\n",
            ta(
                if converged {
                    "demo-converged"
                } else {
                    "demo-not-converged"
                },
                &[
                    ("files", mission.files.len().into()),
                    (
                        "seconds",
                        format!("{:.1}", started.elapsed().as_secs_f64()).into(),
                    ),
                ],
            )
        ))?;
        line(format!(
            "── {} ──\n",
            ta("demo-heading-account", &[("adviser", "Alice".into())])
        ))?;
        super::client_show::print_account(&alice.node, &account)?;
        line(format!("\n── {} ──\n", t("demo-heading-history")))?;
        let recent = history.len().saturating_sub(8);
        super::history::print_history(&history[recent..])?;
        line(ta("demo-earlier-changes", &[("count", recent.into())]))?;
        line(format!("\n── {} ──\n", t("demo-heading-conflicts")))?;
        if conflicts.is_empty() {
            line(t("demo-no-conflicts"))?;
        }
        for c in &conflicts {
            line(format!("[{}] {}", c.id, super::conflicts::sentence(c)))?;
        }
        line(format!(
            "\n{}",
            ta(
                "demo-try",
                &[
                    ("dir", alice.dir.display().to_string().into()),
                    ("file", mission.file.to_string()[..8].into()),
                ],
            )
        ))?;
    }
    if !converged {
        bail!(t("demo-error-not-converged"));
    }
    Ok(())
}
