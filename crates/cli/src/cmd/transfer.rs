//! `casebook export`, `import`, `import-csv` and `merge`.

use std::path::Path;

use anyhow::{Context, anyhow};
use casebook::import::{CsvOptions, import_clients_csv, import_interactions_csv, import_json};
use casebook::{MergeReport, view};

use super::{Ctx, find};
use crate::args::{CsvKind, ExportArgs, ExportFormat, ImportCsvArgs};
use crate::output::{self, line, table};
use crate::progress::Progress;

fn read_limited(path: &Path, limit: u64) -> anyhow::Result<Vec<u8>> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.len() > limit {
        return Err(anyhow!(
            "{} is {} MiB, over the {} MiB limit",
            path.display(),
            meta.len() >> 20,
            limit >> 20
        ));
    }
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

pub(crate) fn export(ctx: &Ctx, a: &ExportArgs) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let file = find(&node, &a.file)?;
    let progress = Progress::spinner(format!("exporting {}", file.short()));
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
            std::fs::write(&tmp, &bytes)
                .with_context(|| format!("cannot write {}", tmp.display()))?;
            std::fs::rename(&tmp, path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            if ctx.json {
                output::json(
                    &serde_json::json!({"file_id": file, "path": path, "bytes": bytes.len()}),
                )
            } else {
                line(format!(
                    "Exported {} ({} bytes) to {}",
                    file.short(),
                    bytes.len(),
                    path.display()
                ))
            }
        }
        None => match a.format {
            ExportFormat::Json => {
                use std::io::Write;
                std::io::stdout().lock().write_all(&bytes)?;
                Ok(())
            }
            ExportFormat::Automerge => Err(anyhow!("Automerge export is binary: give --out FILE")),
        },
    }
}

pub(crate) fn import(ctx: &Ctx, path: &Path, as_new: bool) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let bytes = read_limited(path, casebook::limits::MAX_DOCUMENT_BYTES)?;
    let name = path.display().to_string();
    let trimmed = bytes.iter().find(|b| !b.is_ascii_whitespace());
    let progress = Progress::spinner(format!("importing {name}"));
    if trimmed == Some(&b'{') {
        let text = String::from_utf8(bytes)
            .map_err(|_| anyhow!("{name}: not UTF-8 text, so not a JSON export"))?;
        let id = import_json(&node, &text, &name, as_new)?;
        drop(progress);
        let account = node.read(id)?;
        if ctx.json {
            return output::json(
                &serde_json::json!({"file_id": id, "name": account.profile.name, "created": true}),
            );
        }
        return line(format!(
            "Imported {} as file {}",
            account.profile.name,
            id.short()
        ));
    }
    if as_new {
        return Err(anyhow!(
            "{name}: --as-new takes a JSON export (`casebook export --format json`); an Automerge \
             export of a client already here goes into it with `casebook merge`"
        ));
    }
    let report = node.import_automerge(&bytes, &name)?;
    drop(progress);
    print_merge(ctx, &report)
}

pub(crate) fn merge(ctx: &Ctx, path: &Path, into: Option<&str>) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let into = into.map(|q| find(&node, q)).transpose()?;
    let bytes = read_limited(path, casebook::limits::MAX_DOCUMENT_BYTES)?;
    let progress = Progress::spinner(format!("merging {}", path.display()));
    let report = node.merge_automerge(&bytes, &path.display().to_string(), into)?;
    drop(progress);
    print_merge(ctx, &report)
}

fn print_merge(ctx: &Ctx, r: &MergeReport) -> anyhow::Result<()> {
    if ctx.json {
        return output::json(r);
    }
    line(format!(
        "{} {} ({}): {} new change(s)",
        if r.created { "Imported" } else { "Merged into" },
        r.name,
        r.file_id.short(),
        r.new_changes.len()
    ))?;
    if !r.new_changes.is_empty() {
        let mut t = table(&["change", "when", "node", "what"]);
        for c in &r.new_changes {
            t.add_row(vec![
                c.hash[..8].to_string(),
                output::when(c.time),
                c.author.to_string(),
                c.message.clone(),
            ]);
        }
        line(t)?;
    }
    if r.new_conflicts > 0 {
        line(format!(
            "{} new conflict(s) arrived: {} field(s) of {} now hold concurrent values; `casebook conflicts \"{}\"` lists them",
            r.new_conflicts, r.conflicts, r.name, r.name
        ))?;
    }
    if r.vouched > 0 {
        line(format!(
            "This node vouched for {} of the {} change(s) brought in: they reach the file's other \
             advisers, shown as brought in from this file by you.",
            r.vouched, r.brought_in
        ))?;
    }
    if r.brought_in > r.vouched {
        line(format!(
            "{} change(s) brought in stay on this node, and other nodes refuse the file's changes \
             while it holds them: a node vouches only for content, on a file it could write \
             before the merge, never for a change of who may read or write the file, whose \
             rules judge it, or another node's word. Sync with the node that made them instead.",
            r.brought_in - r.vouched
        ))?;
    }
    if !r.created && !r.diff.is_empty() {
        line("What changed in the account file:")?;
        super::history::print_diff(&r.diff)?;
    }
    Ok(())
}

pub(crate) fn import_csv(ctx: &Ctx, a: &ImportCsvArgs) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let bytes = read_limited(&a.path, casebook::limits::MAX_CSV_BYTES)?;
    let progress = Progress::rows(format!("importing {}", a.path.display()));
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
    let report = report.with_context(|| format!("importing {}", a.path.display()))?;
    if !report.unknown_columns.is_empty() {
        eprintln!(
            "warning: ignored column(s) casebook does not know: {} (--strict refuses them; `casebook import-csv --help` lists the columns)",
            report.unknown_columns.join(", ")
        );
    }
    if ctx.json {
        return output::json(&report);
    }
    line(format!(
        "Imported {} row(s) into {} file(s)",
        report.imported,
        report.files.len()
    ))?;
    for s in &report.skipped {
        line(format!("  skipped {}", crate::i18n::say(s)))?;
    }
    Ok(())
}
