//! `casebook demo`: a realistic sample portfolio in a temporary store.

use std::path::PathBuf;

use anyhow::Context;
use casebook::{Node, demo};
use indicatif::{ProgressBar, ProgressStyle};

use super::Ctx;
use crate::output::{self, line};

pub(crate) fn run(ctx: &Ctx, keep: Option<PathBuf>) -> anyhow::Result<()> {
    // A temporary directory unless --keep: the demo never touches the adviser's real store.
    let tmp;
    let dir = match keep {
        Some(d) => d,
        None => {
            tmp = tempfile::Builder::new()
                .prefix("casebook-demo-")
                .tempdir()
                .context("cannot create a temporary directory")?;
            tmp.path().to_path_buf()
        }
    };
    let mut node = Node::init(&dir, demo::ADVISERS[0])?;
    let now = node.now();
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} clients")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message("Building sample portfolio");
    let started = std::time::Instant::now();
    let report = demo::build(&mut node, now, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    let elapsed = started.elapsed();
    let p = super::portfolio::compute(&node, None, None, None)?;
    if ctx.json {
        return output::json(&serde_json::json!({
            "data_dir": dir, "node_id": node.node_id(), "files": report.files.len(),
            "durable_changes": report.changes, "portfolio": p,
        }));
    }
    line(format!(
        "Demo store: {} (redb)\nNode {} · {} clients · {} durable changes in {:.1}s\n",
        dir.join(casebook::STORE_FILE).display(),
        node.node_id().short(),
        report.files.len(),
        report.changes,
        elapsed.as_secs_f64()
    ))?;
    super::portfolio::print(&p)?;
    if let Some(first) = report.files.first() {
        line(format!(
            "\nTry: casebook --data-dir {} client show {}   (add --keep DIR to keep the demo store)",
            dir.display(),
            first.short()
        ))?;
    }
    Ok(())
}
