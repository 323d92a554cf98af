//! Command handlers: one module per group of commands.

mod action_plans;
mod client;
mod client_show;
mod config;
mod conflicts;
mod contract;
mod demo;
mod effort;
mod history;
mod letter;
mod log;
mod opp;
mod opp_list;
mod orders;
mod org;
mod peers;
mod people;
mod pictures;
mod portfolio;
mod prr;
mod relationship;
mod review;
mod review_list;
mod risk;
mod risk_alerts;
mod risk_plans;
mod scorecard;
mod scorecard_list;
mod survey;
mod survey_report;
mod sync;
mod tier;
mod transfer;
mod value;
mod withdraw;

use std::path::PathBuf;

use anyhow::{Context, anyhow};
use casebook::{FileId, Node};
use chrono::{DateTime, NaiveDate, Utc};

use crate::args::{Cli, Command};

/// Global options every handler may need.
pub(crate) struct Ctx {
    pub data_dir: PathBuf,
    pub json: bool,
}

impl Ctx {
    pub(crate) fn open(&self) -> anyhow::Result<Node> {
        let node = Node::open(&self.data_dir)?;
        // On stderr, so scripts reading stdout (or --json) are undisturbed.
        if let Some(exposed) = casebook::private::exposed_store(node.store().path()) {
            eprintln!(
                "{}",
                crate::i18n::ta(
                    "err-warning",
                    &[(
                        "warning",
                        crate::i18n::say(&casebook::i18n::Localised::message(&exposed)).into()
                    )]
                )
            );
        }
        Ok(node)
    }
}

/// Run one parsed command line.
pub(crate) fn run(cli: Cli) -> anyhow::Result<()> {
    let data_dir = match cli.data_dir {
        Some(d) => d,
        None => casebook::default_data_dir().context(crate::i18n::t("rec-no-data-dir"))?,
    };
    let ctx = Ctx {
        data_dir,
        json: cli.json,
    };
    match cli.command {
        Command::Init { name } => init(&ctx, &name),
        Command::Id => {
            let node = ctx.open()?;
            if ctx.json {
                crate::output::json(
                    &serde_json::json!({"node_id": node.node_id(), "adviser": node.adviser()}),
                )
            } else {
                crate::output::line(node.node_id())
            }
        }
        Command::Invite { addrs } => peers::invite(&ctx, &addrs),
        Command::Peer(c) => peers::run(&ctx, c),
        Command::Share {
            file,
            peer,
            read: _,
            write,
        } => peers::share(&ctx, &file, &peer, write),
        Command::Serve(a) => sync::serve(&ctx, &a),
        Command::Sync(a) => sync::sync(&ctx, &a),
        Command::Status => sync::status(&ctx),
        Command::Unshare { file, peer } => peers::unshare(&ctx, &file, &peer),
        Command::Client(c) => client::run(&ctx, c),
        Command::Show(a) => client_show::show(&ctx, &a),
        Command::Person(c) => people::run(&ctx, c),
        Command::Orgchart { file, svg, out } => {
            if svg {
                pictures::org_chart(&ctx, &file, out.as_deref())
            } else {
                people::orgchart(&ctx, &file)
            }
        }
        Command::Log(a) => log::log(&ctx, a),
        Command::Action(c) => log::action(&ctx, c),
        Command::Withdraw { file, id, reason } => withdraw::run(&ctx, &file, &id, &reason),
        Command::Risk(c) => risk::run(&ctx, c),
        Command::Contract(c) => contract::run(&ctx, c),
        Command::Tier(c) => tier::run(&ctx, c),
        Command::Effort(a) => effort::run(&ctx, &a),
        Command::Opportunity(c) => opp::run(&ctx, c),
        Command::Scorecard(c) => scorecard::run(&ctx, c),
        Command::Survey(c) => survey::run(&ctx, c),
        Command::Review(c) => review::run(&ctx, c),
        Command::Plan(c) => relationship::plan(&ctx, c),
        Command::Topic(c) => relationship::topic(&ctx, c),
        Command::Competitor(c) => value::competitor(&ctx, c),
        Command::Value(c) => value::value(&ctx, c),
        Command::ActionPlan(c) => action_plans::run(&ctx, c),
        Command::Portfolio(a) => portfolio::run(&ctx, &a),
        Command::History { file } => history::history(&ctx, &file),
        Command::Diff { file, from, to } => history::diff(&ctx, &file, &from, to.as_deref()),
        Command::Export(a) => transfer::export(&ctx, &a),
        Command::Import { path, as_new } => transfer::import(&ctx, &path, as_new),
        Command::ImportCsv(a) => transfer::import_csv(&ctx, &a),
        Command::Merge { path, into } => transfer::merge(&ctx, &path, into.as_deref()),
        Command::Conflicts { file } => conflicts::conflicts(&ctx, file.as_deref()),
        Command::Resolve(a) => conflicts::resolve(&ctx, a),
        Command::Config(c) => config::run(&ctx, c),
        Command::Org(c) => org::run(&ctx, c),
        Command::Demo { keep } => demo::run(&ctx, keep),
    }
}

fn init(ctx: &Ctx, name: &str) -> anyhow::Result<()> {
    if name.trim().is_empty() {
        return Err(anyhow!(crate::i18n::t("rec-init-name-empty")));
    }
    let node = Node::init(&ctx.data_dir, name)?;
    if ctx.json {
        crate::output::json(&serde_json::json!({
            "data_dir": node.dir(), "node_id": node.node_id(), "adviser": node.adviser(),
        }))
    } else {
        crate::output::line(crate::i18n::ta(
            "rec-init-created",
            &[
                ("dir", node.dir().display().to_string().into()),
                ("node", node.node_id().to_string().into()),
                ("adviser", node.adviser().into()),
            ],
        ))
    }
}

/// Parse a date in the forms advisers type.
pub(crate) fn date(field: &str, text: &str) -> anyhow::Result<NaiveDate> {
    casebook::time::parse_date(text).ok_or_else(|| {
        anyhow!(crate::i18n::ta(
            "rec-not-a-date",
            &[("field", field.into()), ("text", text.into())]
        ))
    })
}

/// Say what an edit of the organisation document did: its message in words, or `{entry,
/// message}` with `--json`.
pub(crate) fn org_said(ctx: &Ctx, e: &casebook::edit::Edited) -> anyhow::Result<()> {
    if ctx.json {
        return crate::output::json(&serde_json::json!({"entry": e.entry, "message": e.message}));
    }
    crate::output::line(
        casebook::history::describe(&e.message)
            .map_or_else(|| e.message.clone(), |m| crate::i18n::say(&m)),
    )
}

/// The scope `--opportunity` or `--contract` names, else the account.
pub(crate) fn scope(
    account: &casebook::model::AccountFile,
    opportunity: Option<&str>,
    contract: Option<&str>,
) -> anyhow::Result<casebook::rules::prr::Scope> {
    use casebook::rules::prr::Scope;
    Ok(match (opportunity, contract) {
        (_, Some(c)) => Scope::Contract(casebook::view::resolve_named(
            &account.contracts,
            c,
            "contract",
        )?),
        (Some(o), None) => Scope::Opportunity(casebook::view::resolve_named(
            &account.opportunities,
            o,
            "opportunity",
        )?),
        (None, None) => Scope::Account,
    })
}

/// Parse an optional date.
pub(crate) fn opt_date(field: &str, text: &Option<String>) -> anyhow::Result<Option<NaiveDate>> {
    text.as_deref().map(|t| date(field, t)).transpose()
}

/// Parse a date-time typed in local time (see [`casebook::time`]).
pub(crate) fn datetime(field: &str, text: &str) -> anyhow::Result<DateTime<Utc>> {
    casebook::parse_event_time(text).ok_or_else(|| {
        anyhow!(crate::i18n::ta(
            "rec-not-a-date-time",
            &[("field", field.into()), ("text", text.into())]
        ))
    })
}

/// Parse a vocabulary word: its language-neutral value (`decision-maker`), or its words in
/// either language (`decision maker`, `gwneuthurwr penderfyniadau`); the library's error lists
/// the accepted values.
pub(crate) fn word<T>(text: &str) -> anyhow::Result<T>
where
    T: std::str::FromStr<Err = casebook::DocError> + casebook::enums::Vocabulary,
{
    match text.parse::<T>() {
        Ok(value) => Ok(value),
        Err(err) => {
            let wanted = crate::i18n::fold(text);
            T::all()
                .iter()
                .copied()
                .find(|v| {
                    casebook::i18n::Lang::ALL
                        .iter()
                        .any(|lang| crate::i18n::fold(&v.word().render(*lang)) == wanted)
                })
                .ok_or_else(|| err.into())
        }
    }
}

/// Find a client by name or id.
/// Say what an edit did: its history message in the run's language; JSON gives the stored
/// message, the file and the entry it made or changed.
pub(crate) fn said(
    ctx: &Ctx,
    file: FileId,
    entry: Option<uuid::Uuid>,
    message: &str,
) -> anyhow::Result<()> {
    if ctx.json {
        return crate::output::json(&serde_json::json!({
            "file_id": file, "entry": entry, "message": message,
        }));
    }
    crate::output::line(
        casebook::history::describe(message)
            .map_or_else(|| message.to_string(), |m| crate::i18n::say(&m)),
    )
}

/// An open action with an owner, from what was typed (`--due` in any accepted date form): an
/// item of a review, a survey's improvement plan or an action plan.
pub(crate) fn owned_action(
    title: &str,
    owner: &str,
    due: &Option<String>,
) -> anyhow::Result<casebook::model::Action> {
    Ok(casebook::model::Action {
        title: title.trim().to_string(),
        owner: owner.trim().to_string(),
        due: opt_date("--due", due)?,
        status: casebook::enums::ActionStatus::Open,
        done_at: None,
        origin: None,
    })
}

pub(crate) fn find(node: &Node, query: &str) -> anyhow::Result<FileId> {
    Ok(node.find(query)?)
}
