//! Concurrent values in an account file: finding them, and recording an adviser's decision.
//!
//! When two advisers set the same field while apart (both reassess a risk's likelihood
//! offline), Automerge keeps every concurrent value and shows one of them, picked the same way
//! on every node (the write with the highest operation id). Nothing is lost, but the other value
//! is invisible in every view. [`conflicts`] finds every such field and describes it in the
//! domain's words, naming who wrote each value and when; [`resolve`] records the decision as one
//! new change whose write supersedes all the concurrent values, so every node that merges it
//! shows the chosen value and no conflict.
//!
//! Entries that advisers add (interactions, actions, risks, ...) are keyed by fresh UUIDs, so
//! concurrent additions never meet on one key and never conflict.

use std::collections::BTreeMap;

use automerge::{
    ActorId, Automerge, ObjId, ObjType, ROOT, ReadDoc, ScalarValue, TextEncoding, Value, hydrate,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::Error;
use crate::history::{Author, author_of};

/// Root keys that are bookkeeping, never shown as conflicts.
///
/// - `file_id`, `owner` and `schema_version` are written only by the schema actor, with
///   identical changes on every node, so casebook never makes them conflict; if another tool
///   did, no adviser's choice could repair the file (`schema::check` judges it instead).
/// - `nodes` maps each node id to its adviser's name. Every node writes only its own key, once,
///   so a conflict there means one node key was used in two data directories; which label wins
///   is not a decision about the client, and an adviser could not make it sensibly.
const IGNORED_ROOT_KEYS: &[&str] = &["file_id", "owner", "schema_version", "nodes"];

/// Fields that record the moment of what another field of the same map holds: when the client
/// entered its stage, when an action was done. `(field, moment, typed)`: `typed` says whether a
/// new value typed for the field happens now (a stage moved to now does; nothing else).
///
/// A moment is not listed as a conflict of its own: two advisers who both moved a client to
/// diagnostic, or both ticked off one action, differ only in the moment, which nobody needs to
/// decide (and a differing stage is listed as the stage). Resolving the field writes its moment
/// with it, from the same change as the kept value, so the stage and the time it was entered
/// always go together.
const MOMENTS: &[(&str, &str, bool)] = &[
    ("stage", "stage_entered", true),
    ("status", "done_at", false),
];

/// Fields on the 1–5 scale of the risk matrix; a new value typed for one is range-checked.
const SCALE_FIELDS: &[&str] = &[
    "likelihood",
    "severity",
    "residual_likelihood",
    "residual_severity",
];

/// One field of an account file that holds more than one concurrent value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Conflict {
    /// A short id (8 hex digits) naming this conflict for [`resolve`]: the same on every node
    /// that holds the same concurrent values, and new if another concurrent value arrives.
    pub id: String,
    /// The map keys from the document root to the field, e.g. `["risks", "<uuid>",
    /// "likelihood"]`.
    pub path: Vec<String>,
    /// The field in the domain's words, e.g. `risk 'Key supplier failure' likelihood`.
    pub what: String,
    /// The concurrent values in Automerge's order (the same on every node); the last one is
    /// the value every view shows now.
    pub candidates: Vec<Candidate>,
    /// The map holding the field, in the document the conflict was found in.
    #[serde(skip)]
    obj: ObjId,
    /// The field's key in that map.
    #[serde(skip)]
    key: String,
}

/// One of the concurrent values of a [`Conflict`], with who wrote it and when.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Candidate {
    /// Its number as listed (1, 2, ...), which [`Choice::Candidate`] takes minus one.
    pub number: usize,
    /// The value as text, e.g. `4`, `diagnostic` or `criteria: sold; planned date: 2027-06-30`.
    pub text: String,
    /// The value as JSON, as an export would show it.
    pub value: serde_json::Value,
    /// Whether this is the value views show now (Automerge's deterministic winner).
    pub current: bool,
    /// The node (or tool) whose change wrote it.
    pub author: Author,
    /// That node's adviser, from the file's `nodes` map, where known.
    pub adviser: Option<String>,
    /// When the change was made (the author's clock).
    pub time: Option<DateTime<Utc>>,
    /// The hash of the change that wrote it, in hex.
    pub change: Option<String>,
    /// The value exactly as Automerge holds it, type for type (a text object stays text, an
    /// int stays an int): what keeping it writes back.
    #[serde(skip)]
    stored: hydrate::Value,
    /// The moment written with this value by the same change, if the field has one (see
    /// `MOMENTS`), as Automerge holds it.
    #[serde(skip)]
    moment: Option<hydrate::Value>,
}

/// Which value a [`resolve`] keeps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// The candidate at this index of [`Conflict::candidates`] (its number minus one).
    Candidate(usize),
    /// The value written by this adviser (their name, any case).
    Adviser(String),
    /// A new value, typed as text and stored with the field's type: whole numbers stay whole
    /// numbers, text stays text.
    Value(String),
}

impl Candidate {
    /// Who wrote the value, for people: the adviser's name, else the node or actor.
    pub fn who(&self) -> String {
        match (&self.adviser, &self.author) {
            (Some(name), _) => name.clone(),
            (None, Author::Node(n)) => format!("node {}", n.short()),
            (None, Author::Schema) => "casebook".into(),
            (None, other) => other.to_string(),
        }
    }

    /// The value as a sentence shows it: text quoted (whether a plain string or a text
    /// object), numbers bare, groups in parentheses.
    pub fn shown(&self) -> String {
        shown(&self.stored, &self.text)
    }

    fn day(&self) -> Option<NaiveDate> {
        self.time.map(|t| t.date_naive())
    }
}

impl Conflict {
    /// The conflict in one sentence, in the domain's words: `risk 'Key supplier failure'
    /// likelihood: 3 by Alice, 4 by Bob, both on 12 May 2026` (or, when the days differ,
    /// `3 by Alice on 12 May 2026, 4 by Bob on 13 May 2026`).
    pub fn sentence(&self) -> String {
        let days: Vec<Option<NaiveDate>> = self.candidates.iter().map(Candidate::day).collect();
        let same_day = days
            .first()
            .copied()
            .flatten()
            .filter(|d| days.iter().all(|x| *x == Some(*d)));
        let parts: Vec<String> = self
            .candidates
            .iter()
            .map(|c| {
                let mut part = format!("{} by {}", c.shown(), c.who());
                if same_day.is_none()
                    && let Some(day) = c.day()
                {
                    part.push_str(&format!(" on {}", long_date(day)));
                }
                part
            })
            .collect();
        let mut sentence = format!("{}: {}", self.what, parts.join(", "));
        if let Some(day) = same_day {
            let all = if self.candidates.len() == 2 {
                "both"
            } else {
                "all"
            };
            sentence.push_str(&format!(", {all} on {}", long_date(day)));
        }
        sentence
    }

    /// The candidate values as a list for messages: `3 by Alice, 4 by Bob`.
    fn values_by(&self) -> String {
        self.candidates
            .iter()
            .map(|c| format!("{} by {}", c.shown(), c.who()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn long_date(day: NaiveDate) -> String {
    day.format("%-d %B %Y").to_string()
}

/// Every field of `doc` that holds more than one concurrent value, in document order.
///
/// Fields whose concurrent values are all equal (two advisers set the same likelihood, or
/// both tagged the same segment) are left out: there is nothing to decide. Bookkeeping at the
/// root, and the moments that go with a stage or a status, are left out too (see
/// `IGNORED_ROOT_KEYS` and `MOMENTS` in the source).
///
/// # Errors
/// [`Error::Automerge`] if the document cannot be read.
pub fn conflicts(doc: &Automerge) -> Result<Vec<Conflict>, Error> {
    let mut raw = Vec::new();
    walk(doc, &ROOT, &mut Vec::new(), &mut raw)?;
    if raw.is_empty() {
        return Ok(Vec::new());
    }
    let lookup = Lookup::new(doc);
    let file_id = text_at(doc, &ROOT, "file_id").unwrap_or_default();
    let mut found = Vec::new();
    for r in raw {
        let moment = moment_of(&r.key);
        if MOMENTS
            .iter()
            .any(|(field, m, _)| *m == r.key && matches!(doc.get(&r.obj, *field), Ok(Some(_))))
        {
            continue;
        }
        let moments = match moment {
            Some((m, _)) => doc
                .get_all(&r.obj, m)?
                .into_iter()
                .map(|(v, op)| {
                    let hash = lookup.change_of(&op).1.map(|c| c.hash.clone());
                    Ok((hash, whole(doc, &v, &op)?))
                })
                .collect::<Result<Vec<_>, Error>>()?,
            None => Vec::new(),
        };
        let mut candidates = Vec::with_capacity(r.values.len());
        let last = r.values.len().saturating_sub(1);
        for (i, (stored, op)) in r.values.iter().enumerate() {
            let value = crate::view::json_of(stored);
            let text = words(stored);
            let (author, change) = lookup.change_of(op);
            candidates.push(Candidate {
                number: i + 1,
                text,
                value,
                current: i == last,
                adviser: author.as_ref().and_then(|a| lookup.adviser(a)),
                author: author.unwrap_or_else(|| Author::Other("unknown".into())),
                time: change.and_then(|c| c.time),
                change: change.map(|c| c.hash.clone()),
                stored: stored.clone(),
                moment: moments
                    .iter()
                    .find(|(hash, _)| hash.is_some() && *hash == change.map(|c| c.hash.clone()))
                    .map(|(_, m)| m.clone()),
            });
        }
        // Values that read the same are nothing to decide, whatever Automerge type holds them:
        // another tool may write casebook's uint as an int or a whole float, or its string as
        // a text object, and every view reads them alike. Only the listing skips them; the id
        // of a true conflict still hashes every concurrent write.
        let first = reading(&candidates[0].value);
        if candidates.iter().all(|c| reading(&c.value) == first) {
            continue;
        }
        let id = conflict_id(&file_id, &r.path, &r.values);
        found.push(Conflict {
            id,
            what: describe(doc, &lookup, &r.path),
            path: r.path,
            candidates,
            obj: r.obj,
            key: r.key,
        });
    }
    Ok(found)
}

/// A conflicted field found by [`walk`], before it is described.
struct Raw {
    obj: ObjId,
    key: String,
    path: Vec<String>,
    values: Vec<(hydrate::Value, ObjId)>,
}

/// Visit every key of every map reachable through the values views show, collecting keys with
/// several values.
///
/// Lists are not entered: the schema's lists (attendees, linked risks, participants) are
/// written whole with their entry and never edited in place, so their elements cannot hold
/// concurrent values. Only the shown value of a conflicted map is entered; the others are
/// listed as candidates, whole.
fn walk(
    doc: &Automerge,
    obj: &ObjId,
    path: &mut Vec<String>,
    out: &mut Vec<Raw>,
) -> Result<(), Error> {
    for key in doc.keys(obj) {
        if path.is_empty() && IGNORED_ROOT_KEYS.contains(&key.as_str()) {
            continue;
        }
        let all = doc.get_all(obj, key.as_str())?;
        if all.len() > 1 {
            let values = all
                .iter()
                .map(|(v, id)| Ok((whole(doc, v, id)?, id.clone())))
                .collect::<Result<_, Error>>()?;
            let mut p = path.clone();
            p.push(key.clone());
            out.push(Raw {
                obj: obj.clone(),
                key: key.clone(),
                path: p,
                values,
            });
        }
        if let Some((Value::Object(ObjType::Map), child)) = all.last() {
            path.push(key.clone());
            walk(doc, child, path, out)?;
            path.pop();
        }
    }
    Ok(())
}

/// A stable short id for a conflict: FNV-1a (64-bit, fixed by its definition so every build
/// and node computes the same) over the file id, the path and the operation ids (counter and
/// actor) of the concurrent writes, so a stale id never resolves a newer set of values.
fn conflict_id(file_id: &str, path: &[String], values: &[(hydrate::Value, ObjId)]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes.iter().chain(std::iter::once(&0u8)) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    feed(file_id.as_bytes());
    for p in path {
        feed(p.as_bytes());
    }
    for (_, op) in values {
        if let ObjId::Id(counter, actor, _) = op {
            feed(&counter.to_le_bytes());
            feed(actor.to_bytes());
        }
    }
    format!("{h:016x}")[..8].to_string()
}

/// One change's authorship and span of operations.
struct ChangeRef {
    actor: ActorId,
    start_op: u64,
    max_op: u64,
    time: Option<DateTime<Utc>>,
    hash: String,
}

/// The file's changes and advisers, for attributing values.
struct Lookup {
    changes: Vec<ChangeRef>,
    advisers: BTreeMap<String, String>,
}

impl Lookup {
    fn new(doc: &Automerge) -> Self {
        let changes = doc
            .get_changes_meta(&[])
            .into_iter()
            .map(|m| ChangeRef {
                actor: m.actor.into_owned(),
                start_op: m.start_op,
                max_op: m.max_op,
                time: (m.timestamp > 0)
                    .then(|| DateTime::from_timestamp(m.timestamp, 0))
                    .flatten(),
                hash: m.hash.to_string(),
            })
            .collect();
        let mut advisers = BTreeMap::new();
        if let Ok(Some((Value::Object(ObjType::Map), nodes))) = doc.get(ROOT, "nodes") {
            for node in doc.keys(&nodes) {
                if let Some(name) = text_at(doc, &nodes, &node) {
                    advisers.insert(node, name);
                }
            }
        }
        Self { changes, advisers }
    }

    /// The author of the operation `op` and the change that contains it: a change by actor A
    /// starting at operation S with last operation M holds A's operations S..=M.
    fn change_of(&self, op: &ObjId) -> (Option<Author>, Option<&ChangeRef>) {
        let ObjId::Id(counter, actor, _) = op else {
            return (None, None);
        };
        let change = self
            .changes
            .iter()
            .find(|c| c.actor == *actor && c.start_op <= *counter && *counter <= c.max_op);
        (Some(author_of(actor.to_bytes())), change)
    }

    fn adviser(&self, author: &Author) -> Option<String> {
        match author {
            Author::Node(n) => self.advisers.get(&n.to_string()).cloned(),
            _ => None,
        }
    }
}

/// The text at `key` in map `obj`, if it is text: a plain string, as casebook writes it, or a
/// text object, as other Automerge tools (automerge-js) write theirs. Names are looked up here,
/// so a risk whose title another tool wrote is still named by its title.
fn text_at(doc: &Automerge, obj: &ObjId, key: &str) -> Option<String> {
    match doc.get(obj, key) {
        Ok(Some((Value::Scalar(s), _))) => match s.as_ref() {
            ScalarValue::Str(t) => Some(t.to_string()),
            _ => None,
        },
        Ok(Some((Value::Object(ObjType::Text), id))) => doc.text(&id).ok(),
        _ => None,
    }
}

/// The map at a path of keys from the root, following the shown values.
fn map_at(doc: &Automerge, keys: &[&str]) -> Option<ObjId> {
    let mut obj = ROOT;
    for key in keys {
        match doc.get(&obj, *key) {
            Ok(Some((Value::Object(ObjType::Map), id))) => obj = id,
            _ => return None,
        }
    }
    Some(obj)
}

/// The field at `path` in the domain's words, e.g. `risk 'Key supplier failure' likelihood`.
fn describe(doc: &Automerge, lookup: &Lookup, path: &[String]) -> String {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    let joined = |head: String, rest: &[&str]| {
        let rest = rest_words(rest);
        if rest.is_empty() {
            head
        } else {
            format!("{head} {rest}")
        }
    };
    match p.as_slice() {
        // Profile, team and journey fields all read as the client's.
        ["profile" | "team" | "journey", rest @ ..] => {
            let name = map_at(doc, &["profile"])
                .and_then(|o| text_at(doc, &o, "name"))
                .unwrap_or_else(|| "(unnamed)".into());
            joined(format!("client '{name}'"), rest)
        }
        // A scorecard's answer reads by its month and the KPI's code: `scorecard '2026-11' KPI
        // A1 score`.
        ["scorecards", id, "answers", kpi, rest @ ..] => {
            let month = entry_label(doc, "scorecards", id);
            let code = map_at(doc, &["scorecards", id, "kpis", kpi])
                .and_then(|o| text_at(doc, &o, "code"))
                .unwrap_or_else(|| key_word(kpi));
            joined(format!("scorecard '{month}' KPI {code}"), rest)
        }
        [section, id, rest @ ..] if entry_word(section).is_some() => {
            let word = entry_word(section).unwrap_or_default();
            let label = entry_label(doc, section, id);
            joined(format!("{word} '{label}'"), rest)
        }
        ["sharing", node] => {
            let short: String = node.chars().take(10).collect();
            match lookup.advisers.get(*node) {
                Some(name) => format!("sharing with {name}'s node {short}"),
                None => format!("sharing with node {short}"),
            }
        }
        _ => joined(String::new(), &p).trim().to_string(),
    }
}

/// The singular word for an entry of a keyed section.
fn entry_word(section: &str) -> Option<&'static str> {
    Some(match section {
        "people" => "person",
        "interactions" => "interaction",
        "actions" => "action",
        "risks" => "risk",
        "opportunities" => "opportunity",
        "objectives" => "objective",
        "swot" => "SWOT item",
        "scorecards" => "scorecard",
        "surveys" => "survey",
        "reviews" => "review",
        "contact_plan" => "contact plan line",
        "topics" => "topic",
        "competitors" => "competitor",
        "value_added" => "value added",
        "action_plans" => "action plan",
        "contracts" => "contract",
        "risk_alerts" => "risk alert",
        "risk_plans" => "risk management plan",
        "tier_history" => "tier entry",
        _ => return None,
    })
}

/// An entry's name as people know it: a person's name, a risk's title, "call on 2026-05-12".
fn entry_label(doc: &Automerge, section: &str, id: &str) -> String {
    let fallback = || key_word(id);
    let Some(obj) = map_at(doc, &[section, id]) else {
        return fallback();
    };
    if section == "interactions" {
        let kind = text_at(doc, &obj, "kind").unwrap_or_else(|| "contact".into());
        return match text_at(doc, &obj, "at") {
            Some(at) => format!("{kind} on {}", at.chars().take(10).collect::<String>()),
            None => kind,
        };
    }
    [
        "name", "title", "goal", "text", "month", "date", "what", "ours",
    ]
    .iter()
    .filter_map(|k| text_at(doc, &obj, k))
    .find(|t| !t.trim().is_empty())
    .unwrap_or_else(fallback)
}

/// The keys below an entry in words: `residual_likelihood` → `residual likelihood`,
/// `roles/decision-maker` → `role decision-maker`, `sessions/<uuid>/decision` →
/// `session 1a2b3c4d decision`.
fn rest_words(rest: &[&str]) -> String {
    let mut words = Vec::new();
    let mut i = 0;
    while i < rest.len() {
        let member = match rest[i] {
            "segments" => Some("segment"),
            "roles" => Some("role"),
            "coverage_history" => Some("coverage history entry"),
            "history" => Some("stage history entry"),
            "sessions" => Some("session"),
            "answers" => Some("answer"),
            _ => None,
        };
        match (member, rest.get(i + 1)) {
            (Some(word), Some(key)) => {
                words.push(format!("{word} {}", key_word(key)));
                i += 2;
            }
            _ => {
                words.push(rest[i].replace('_', " "));
                i += 1;
            }
        }
    }
    words.join(" ")
}

/// A key as people read it: an entry id shortened to its first 8 hex digits.
fn key_word(key: &str) -> String {
    match key.parse::<Uuid>() {
        Ok(id) => crate::view::short(&id),
        Err(_) => key.to_string(),
    }
}

fn scalar_text(s: &ScalarValue) -> String {
    match s {
        ScalarValue::Str(t) => t.to_string(),
        ScalarValue::Int(i) | ScalarValue::Timestamp(i) => i.to_string(),
        ScalarValue::Uint(u) => u.to_string(),
        ScalarValue::F64(f) => f.to_string(),
        ScalarValue::Counter(c) => i64::from(c).to_string(),
        ScalarValue::Boolean(b) => if *b { "yes" } else { "no" }.into(),
        ScalarValue::Bytes(b) => format!("({} bytes)", b.len()),
        ScalarValue::Null => "(none)".into(),
        ScalarValue::Unknown { .. } => "(unknown)".into(),
    }
}

/// `value` as views read it, for comparing candidates: a float holding a whole number reads
/// as that whole number (a uint and an int of the same value are equal JSON numbers already).
/// Text objects and plain strings are both JSON strings (`view::json_of`), so they compare by
/// their words.
fn reading(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        J::Number(n) => match n.as_f64() {
            // Below 2^63 in size, a whole float converts to an i64 exactly.
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9_223_372_036_854_775_808.0 => {
                J::from(f as i64)
            }
            _ => value.clone(),
        },
        J::Array(items) => J::Array(items.iter().map(reading).collect()),
        J::Object(fields) => J::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), reading(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A value as Automerge holds it, whole: a scalar with its own type, an object with everything
/// in it (where the object's own fields hold concurrent values, the one views show).
fn whole(doc: &Automerge, value: &Value<'_>, id: &ObjId) -> Result<hydrate::Value, Error> {
    Ok(match value {
        Value::Scalar(s) => hydrate::Value::Scalar(s.as_ref().clone()),
        Value::Object(_) => ReadDoc::hydrate(doc, id, None)?,
    })
}

/// A value as a sentence shows it, given its `text`: text quoted (a plain string or a text
/// object alike), numbers bare, groups in parentheses.
fn shown(value: &hydrate::Value, text: &str) -> String {
    match value {
        hydrate::Value::Scalar(ScalarValue::Str(_)) | hydrate::Value::Text(_) => {
            format!("'{text}'")
        }
        hydrate::Value::Map(_) | hydrate::Value::List(_) => format!("({text})"),
        hydrate::Value::Scalar(_) => text.to_string(),
    }
}

/// A value in words, as a candidate's `text`: a scalar as [`scalar_text`] gives it, a text
/// object's content, a group's fields as [`object_text`] gives them.
fn words(value: &hydrate::Value) -> String {
    match value {
        hydrate::Value::Scalar(s) => scalar_text(s),
        hydrate::Value::Text(t) => t.to_string(),
        hydrate::Value::Map(_) | hydrate::Value::List(_) => {
            object_text(&crate::view::json_of(value))
        }
    }
}

/// A group of fields as one line: `criteria: sold; planned date: 2027-06-30` (empty fields
/// left out).
fn object_text(value: &serde_json::Value) -> String {
    let one = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let text = match value {
        serde_json::Value::Object(fields) => fields
            .iter()
            .filter(|(_, v)| !v.is_null() && v.as_str() != Some(""))
            .map(|(k, v)| format!("{}: {}", k.replace('_', " "), one(v)))
            .collect::<Vec<_>>()
            .join("; "),
        serde_json::Value::Array(items) => items.iter().map(one).collect::<Vec<_>>().join(", "),
        other => one(other),
    };
    if text.is_empty() {
        "empty".into()
    } else {
        text
    }
}

/// The moment field that goes with `key`, and whether a typed value happens now.
fn moment_of(key: &str) -> Option<(&'static str, bool)> {
    MOMENTS
        .iter()
        .find(|(field, _, _)| *field == key)
        .map(|(_, moment, typed)| (*moment, *typed))
}

mod resolve;
#[cfg(test)]
mod tests;

pub use resolve::resolve;
