//! `casebook person ...` and `casebook orgchart`.

use anyhow::anyhow;
use casebook::edit::{self, PersonPatch};
use casebook::enums::{Coverage, InteractionKind, PersonRole};
use casebook::model::{AccountFile, Person};
use casebook::rules::coverage::{contacted, covered_total, worst_coverage};
use casebook::view;
use uuid::Uuid;

use super::client::report;
use super::{Ctx, find, opt_date, word};
use crate::args::PersonCmd;
use crate::i18n::ta;
use crate::output::{self, line};

/// Find a person by exact name, id or unique id prefix (see [`view::resolve_person`]).
pub(crate) fn person(f: &AccountFile, text: &str) -> anyhow::Result<Uuid> {
    view::resolve_person(f, text).map_err(|e| match e {
        casebook::DocError::AmbiguousEntry { .. } => anyhow!(ta(
            "rec-person-ambiguous",
            &[
                ("text", text.into()),
                ("client", f.profile.name.as_str().into())
            ]
        )),
        _ => anyhow!(ta(
            "rec-no-such-person",
            &[
                ("text", text.into()),
                ("client", f.profile.name.as_str().into())
            ]
        )),
    })
}

pub(crate) fn run(ctx: &Ctx, cmd: PersonCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    match cmd {
        PersonCmd::Add(a) => {
            let file = find(&node, &a.file)?;
            let account = node.read(file)?;
            let roles = a
                .roles
                .iter()
                .map(|r| word::<PersonRole>(r).map(|r| (r, true)))
                .collect::<anyhow::Result<_>>()?;
            let p = Person {
                name: a.name,
                title: a.title,
                department: a.department,
                email: a.email,
                phone: a.phone,
                roles,
                channel: a
                    .channel
                    .as_deref()
                    .map(word::<InteractionKind>)
                    .transpose()?,
                language: a.language,
                reports_to: a
                    .reports_to
                    .as_deref()
                    .map(|r| person(&account, r))
                    .transpose()?,
                coverage: word(&a.coverage)?,
                ..Default::default()
            };
            let e = node.apply(file, |d, c, _| edit::add_person(d, c, &p))?;
            report(ctx, &node, file, &e.message, e.entry)
        }
        PersonCmd::Edit(a) => {
            let file = find(&node, &a.file)?;
            let account = node.read(file)?;
            let id = person(&account, &a.person)?;
            let patch = PersonPatch {
                name: a.name,
                title: a.title,
                department: a.department,
                email: a.email,
                phone: a.phone,
                channel: a
                    .channel
                    .as_deref()
                    .map(word::<InteractionKind>)
                    .transpose()?,
                language: a.language,
                reports_to: a
                    .reports_to
                    .as_deref()
                    .map(|r| person(&account, r))
                    .transpose()?,
                add_roles: a
                    .add_roles
                    .iter()
                    .map(|r| word(r))
                    .collect::<anyhow::Result<_>>()?,
                remove_roles: a
                    .remove_roles
                    .iter()
                    .map(|r| word(r))
                    .collect::<anyhow::Result<_>>()?,
                left: a.left.then_some(true),
            };
            let e = node.apply(file, |d, c, _| edit::edit_person(d, c, id, &patch))?;
            report(ctx, &node, file, &e.message, None)
        }
        PersonCmd::Coverage {
            file,
            person: who,
            state,
            by,
            planned_for,
        } => {
            let file = find(&node, &file)?;
            let account = node.read(file)?;
            let id = person(&account, &who)?;
            let state: Coverage = word(&state)?;
            let when = opt_date("--for", &planned_for)?;
            let e = node.apply(file, |d, c, _| {
                edit::set_coverage(d, c, id, state, &by, when)
            })?;
            report(ctx, &node, file, &e.message, None)
        }
    }
}

fn marker(c: Coverage) -> String {
    let sign = match c {
        Coverage::Contacted => "✔",
        Coverage::VisitPlanned => "◷",
        Coverage::Identified => "◎",
        Coverage::NotIdentified => "·",
    };
    format!("[{sign} {}]", crate::i18n::word(c))
}

fn colour(c: Coverage, text: &str) -> String {
    if !crate::terminal::colour() {
        return text.to_string();
    }
    let code = match c {
        Coverage::Contacted => "32",
        Coverage::VisitPlanned => "36",
        Coverage::Identified => "33",
        Coverage::NotIdentified => "90",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

pub(crate) fn orgchart(ctx: &Ctx, file: &str) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let file = find(&node, file)?;
    let f = node.read(file)?;
    let tree = casebook::rules::org_tree::OrgTree::of(&f, crate::i18n::collation());
    if ctx.json {
        return output::json(&serde_json::json!({
            "client": f.profile.name, "people": f.people, "contacted": contacted(&f),
            "total": covered_total(&f), "left": f.people.len() - covered_total(&f),
            "disputes": f.disputes.people,
        }));
    }
    line(ta(
        "rec-orgchart-title",
        &[("client", f.profile.name.as_str().into())],
    ))?;
    fn walk(
        f: &AccountFile,
        tree: &casebook::rules::org_tree::OrgTree,
        id: Uuid,
        prefix: &str,
        last: bool,
        root: bool,
    ) -> anyhow::Result<()> {
        let p = &f.people[&id];
        // A disputed coverage shows as the least covered of its values, and says so.
        let dispute = f.disputes.person(&id);
        let state = worst_coverage(p, dispute);
        let branch = if root {
            ""
        } else if last {
            "└─ "
        } else {
            "├─ "
        };
        let roles: Vec<String> = p.roles.keys().map(|r| crate::i18n::word(*r)).collect();
        let text = format!(
            "{}{} — {}{} {}{}",
            if p.left {
                format!("{} ", crate::i18n::t("rec-show-left"))
            } else {
                String::new()
            },
            p.name,
            if p.title.is_empty() { "?" } else { &p.title },
            if roles.is_empty() {
                String::new()
            } else {
                format!(" ({})", roles.join(", "))
            },
            marker(state),
            match dispute {
                Some(d) => format!(
                    " {}",
                    ta(
                        "rec-orgchart-disputed",
                        &[(
                            "values",
                            d.coverage
                                .iter()
                                .map(|c| crate::i18n::word(*c))
                                .collect::<Vec<_>>()
                                .join(&format!(" {} ", crate::i18n::t("word-or")))
                                .into()
                        )]
                    )
                ),
                None => String::new(),
            }
        );
        line(format!("{prefix}{branch}{}", colour(state, &text)))?;
        let kids = tree.reports_of(&id);
        let next = if root {
            prefix.to_string()
        } else {
            format!("{prefix}{}", if last { "   " } else { "│  " })
        };
        for (i, k) in kids.iter().enumerate() {
            walk(f, tree, *k, &next, i + 1 == kids.len(), false)?;
        }
        Ok(())
    }
    // Everyone once: people caught in a reporting cycle are roots of the tree too.
    for r in &tree.roots {
        walk(&f, &tree, *r, "", true, true)?;
    }
    let total = covered_total(&f);
    let contacted = contacted(&f);
    let pct = (contacted * 100).checked_div(total).unwrap_or(0);
    let left = f.people.len() - total;
    let mut text = ta(
        "orgchart-coverage",
        &[
            ("contacted", contacted.into()),
            ("total", total.into()),
            ("percent", pct.into()),
        ],
    );
    if left > 0 {
        text.push_str(&ta("orgchart-left", &[("left", left.into())]));
    }
    line(text)
}
