//! `casebook export`, `import`, `import-csv` and `merge`.

use std::path::Path;

use anyhow::{Context, anyhow};
use casebook::import::{CsvOptions, import_clients_csv, import_interactions_csv, import_json};
use casebook::{MergeReport, view};

use super::{Ctx, find};
use crate::args::{CsvKind, ExportArgs, ExportFormat, ImportCsvArgs};
use crate::i18n::{t, ta};
use crate::output::{self, headed, line};
use crate::progress::Progress;

/// "cannot read PATH" / "cannot write PATH" in the run's language.
fn cannot(key: &str, path: &Path) -> String {
    ta(key, &[("path", path.display().to_string().into())])
}

fn read_limited(path: &Path, limit: u64) -> anyhow::Result<Vec<u8>> {
    let meta = std::fs::metadata(path).with_context(|| cannot("net-cannot-read", path))?;
    if meta.len() > limit {
        return Err(anyhow!(ta(
            "net-too-big",
            &[
                ("path", path.display().to_string().into()),
                ("size", (meta.len() >> 20).into()),
                ("limit", (limit >> 20).into()),
            ],
        )));
    }
    std::fs::read(path).with_context(|| cannot("net-cannot-read", path))
}

pub(crate) fn export(ctx: &Ctx, a: &ExportArgs) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let file = find(&node, &a.file)?;
    let progress = Progress::spinner(ta("net-exporting", &[("id", file.short().into())]));
    let bytes = match a.format {
        ExportFormat::Automerge => node.export_automerge(file)?,
        ExportFormat::Json => {
            let doc = node.load(file)?;
            let mut v = serde_json::to_vec_pretty(&view::to_json(&doc)?)?;
            v.push(b'\n');
            v
        }
    };
    drop(progress);
    match &a.out {
        Some(path) => {
            // Write beside the target and rename, so a crash never leaves half an export.
            let tmp = path.with_extension("partial");
            std::fs::write(&tmp, &bytes).with_context(|| cannot("net-cannot-write", &tmp))?;
            std::fs::rename(&tmp, path).with_context(|| cannot("net-cannot-write", path))?;
            if ctx.json {
                output::json(
                    &serde_json::json!({"file_id": file, "path": path, "bytes": bytes.len()}),
                )
            } else {
                line(ta(
                    "net-exported",
                    &[
                        ("id", file.short().into()),
                        ("bytes", bytes.len().into()),
                        ("path", path.display().to_string().into()),
                    ],
                ))
            }
        }
        None => match a.format {
            ExportFormat::Json => {
                use std::io::Write;
                std::io::stdout().lock().write_all(&bytes)?;
                Ok(())
            }
            ExportFormat::Automerge => Err(anyhow!(t("net-export-binary"))),
        },
    }
}

pub(crate) fn import(ctx: &Ctx, path: &Path, as_new: bool) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let bytes = read_limited(path, casebook::limits::MAX_DOCUMENT_BYTES)?;
    let name = path.display().to_string();
    let trimmed = bytes.iter().find(|b| !b.is_ascii_whitespace());
    let progress = Progress::spinner(ta("net-importing", &[("path", name.as_str().into())]));
    if trimmed == Some(&b'{') {
        let text = String::from_utf8(bytes)
            .map_err(|_| anyhow!(ta("net-not-utf8", &[("path", name.as_str().into())])))?;
        let id = import_json(&node, &text, &name, as_new)?;
        drop(progress);
        let account = node.read(id)?;
        if ctx.json {
            return output::json(
                &serde_json::json!({"file_id": id, "name": account.profile.name, "created": true}),
            );
        }
        return line(ta(
            "net-imported-json",
            &[
                ("client", account.profile.name.as_str().into()),
                ("id", id.short().into()),
            ],
        ));
    }
    if as_new {
        return Err(anyhow!(ta(
            "net-as-new-json-only",
            &[("path", name.as_str().into())]
        )));
    }
    let report = node.import_automerge(&bytes, &name)?;
    drop(progress);
    print_merge(ctx, &report)
}

pub(crate) fn merge(ctx: &Ctx, path: &Path, into: Option<&str>) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let into = into.map(|q| find(&node, q)).transpose()?;
    let bytes = read_limited(path, casebook::limits::MAX_DOCUMENT_BYTES)?;
    let progress = Progress::spinner(ta(
        "net-merging",
        &[("path", path.display().to_string().into())],
    ));
    let report = node.merge_automerge(&bytes, &path.display().to_string(), into)?;
    drop(progress);
    print_merge(ctx, &report)
}

fn print_merge(ctx: &Ctx, r: &MergeReport) -> anyhow::Result<()> {
    if ctx.json {
        return output::json(r);
    }
    line(ta(
        if r.created {
            "net-merge-imported"
        } else {
            "net-merge-merged"
        },
        &[
            ("client", r.name.as_str().into()),
            ("id", r.file_id.short().into()),
            ("count", r.new_changes.len().into()),
        ],
    ))?;
    if !r.new_changes.is_empty() {
        let mut tb = headed(&[
            "net-column-change",
            "net-column-when",
            "net-column-node",
            "net-column-what",
        ]);
        for c in &r.new_changes {
            tb.add_row(vec![
                c.hash[..8].to_string(),
                output::when(c.time),
                c.author.to_string(),
                c.message.clone(),
            ]);
        }
        line(tb)?;
    }
    if r.new_conflicts > 0 {
        line(ta(
            "net-merge-conflicts",
            &[
                ("count", r.new_conflicts.into()),
                ("fields", r.conflicts.into()),
                ("client", r.name.as_str().into()),
            ],
        ))?;
    }
    if r.vouched > 0 {
        line(ta(
            "net-merge-vouched",
            &[
                ("vouched", r.vouched.into()),
                ("count", r.brought_in.into()),
            ],
        ))?;
    }
    if r.brought_in > r.vouched {
        line(ta(
            "net-merge-not-vouched",
            &[("count", (r.brought_in - r.vouched).into())],
        ))?;
    }
    if !r.created && !r.diff.is_empty() {
        line(t("net-merge-what-changed"))?;
        super::history::print_diff(&r.diff)?;
    }
    Ok(())
}

pub(crate) fn import_csv(ctx: &Ctx, a: &ImportCsvArgs) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let bytes = read_limited(&a.path, casebook::limits::MAX_CSV_BYTES)?;
    let shown = a.path.display().to_string();
    let progress = Progress::rows(ta("net-importing", &[("path", shown.as_str().into())]));
    let tell = |done: usize, total: usize| progress.at(done, total);
    let options = CsvOptions {
        skip_duplicates: a.skip_duplicates,
        strict: a.strict,
        progress: Some(&tell),
    };
    let report = match a.kind {
        CsvKind::Clients => import_clients_csv(&node, bytes.as_slice(), &options),
        CsvKind::Interactions => import_interactions_csv(&node, bytes.as_slice(), &options),
    };
    drop(progress);
    let report = report.with_context(|| ta("net-importing", &[("path", shown.as_str().into())]))?;
    if !report.unknown_columns.is_empty() {
        eprintln!(
            "{}",
            ta(
                "net-csv-unknown-columns",
                &[("columns", report.unknown_columns.join(", ").into())],
            )
        );
    }
    if ctx.json {
        return output::json(&report);
    }
    line(ta(
        "net-csv-imported",
        &[
            ("rows", report.imported.into()),
            ("files", report.files.len().into()),
        ],
    ))?;
    for s in &report.skipped {
        // What was skipped, and why, in the importer's words.
        line(format!(
            "  {}",
            ta("net-csv-skipped", &[("what", crate::i18n::say(s).into())])
        ))?;
    }
    Ok(())
}
