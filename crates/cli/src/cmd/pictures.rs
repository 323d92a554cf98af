//! Pictures: `casebook orgchart FILE --svg` and `casebook risk map FILE [--svg]`.

use std::path::Path;

use anyhow::Context;
use casebook::rules::risk_map::risk_map as place_risks;

use super::{Ctx, find};
use crate::i18n::{current, t, ta, word};
use crate::output::{self, headed, line};

/// Print a picture, or write it to `out` and say so; `--json` wraps it with its language.
pub(crate) fn deliver(ctx: &Ctx, svg: &str, out: Option<&Path>) -> anyhow::Result<()> {
    if let Some(path) = out {
        std::fs::write(path, svg).with_context(|| {
            ta(
                "pic-cannot-write",
                &[("path", path.display().to_string().into())],
            )
        })?;
    }
    if ctx.json {
        return output::json(&serde_json::json!({
            "language": current().tag(),
            "out": out,
            "svg": if out.is_some() { None } else { Some(svg) },
        }));
    }
    match out {
        Some(path) => line(ta(
            "pic-written",
            &[("path", path.display().to_string().into())],
        )),
        None => line(svg.trim_end()),
    }
}

/// The org chart as a picture.
pub(crate) fn org_chart(ctx: &Ctx, file: &str, out: Option<&Path>) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let f = node.read(find(&node, file)?)?;
    deliver(ctx, &casebook::pictures::org_chart_svg(&f, current()), out)
}

/// The risk map: a picture with `--svg`, else a grid of cells naming the risks in them.
pub(crate) fn risk_map(ctx: &Ctx, file: &str, svg: bool, out: Option<&Path>) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let id = find(&node, file)?;
    let f = node.read(id)?;
    let matrix = node.config_for(id)?.rag_matrix;
    if svg {
        return deliver(
            ctx,
            &casebook::pictures::risk_map_svg(&f, &matrix, current()),
            out,
        );
    }
    let map = place_risks(&f, &matrix);
    if ctx.json {
        return output::json(&map);
    }
    line(ta(
        "pic-risk-map-title",
        &[("client", f.profile.name.as_str().into())],
    ))?;
    // Rows: likelihood 5 at the top; each cell its colour's word and the numbers of its risks.
    let heading = format!("{} \\ {}", t("pic-likelihood"), t("pic-severity"));
    let mut table = output::table(
        &std::iter::once(heading.as_str())
            .chain(["1", "2", "3", "4", "5"])
            .collect::<Vec<_>>(),
    );
    for l in (1..=5u8).rev() {
        let mut row = vec![l.to_string()];
        for s in 1..=5u8 {
            let colour = map.cells[usize::from(l - 1)][usize::from(s - 1)]
                .map(word)
                .unwrap_or_default();
            let numbers: Vec<String> = map
                .placed
                .iter()
                .enumerate()
                .filter(|(_, p)| (p.likelihood, p.severity) == (l, s))
                .map(|(i, _)| format!("[{}]", i + 1))
                .collect();
            row.push(format!("{colour} {}", numbers.join(" ")).trim().to_string());
        }
        table.add_row(row);
    }
    line(table)?;
    if map.placed.is_empty() {
        line(t("pic-no-risks"))?;
    }
    let mut list = headed(&[
        "column-id",
        "column-risk",
        "pic-likelihood",
        "pic-severity",
        "pic-colour",
    ]);
    for (i, p) in map.placed.iter().enumerate() {
        let mut colour = word(p.rag);
        if p.disputed {
            colour = format!("{colour} {}", t("word-disputed"));
        }
        list.add_row(vec![
            format!("[{}] {}", i + 1, &p.id.to_string()[..8]),
            p.title.clone(),
            p.likelihood.to_string(),
            p.severity.to_string(),
            colour,
        ]);
    }
    if !map.placed.is_empty() {
        line(list)?;
    }
    if !map.unplaced.is_empty() {
        let titles: Vec<&str> = map.unplaced.iter().map(|(_, t)| t.as_str()).collect();
        line(ta("pic-unplaced", &[("titles", titles.join(", ").into())]))?;
    }
    Ok(())
}
