//! The balanced scorecard (BS-1..BS-5): category and overall percentages, the Level 1 rule,
//! which scorecard is the record of each month, when one is due, and the trend.
//!
//! Each KPI scores 1 (yes) or 0 (no). A category's percentage is its yeses over its KPIs, the
//! overall percentage all yeses over all KPIs, Level 1 and Level 2 apart and together. Every
//! Level 1 KPI is mandatory: a Level 1 category below full marks puts the account in need of
//! immediate attention, and a scorecard cannot be finalised while a Level 1 no lacks its
//! explanation, next action, owner and due date. An answer two advisers gave differently apart
//! scores the worse (0) until one of them resolves it, and blocks finalising.

use std::collections::BTreeMap;

use casebook_i18n::Message;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::enums::KpiCategory;
use crate::model::{AccountFile, KpiAnswer, Scorecard};

/// Yeses out of KPIs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// KPIs answered yes.
    pub yes: usize,
    /// KPIs counted.
    pub of: usize,
}

impl Tally {
    /// Yeses as a percentage of the KPIs; `None` for no KPIs.
    pub fn percent(self) -> Option<f64> {
        (self.of > 0).then(|| 100.0 * self.yes as f64 / self.of as f64)
    }

    /// Whether every KPI counted is a yes.
    pub fn full(self) -> bool {
        self.yes == self.of
    }

    fn add(&mut self, yes: bool) {
        self.of += 1;
        self.yes += usize::from(yes);
    }
}

/// One category at one level.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CategoryScore {
    /// The category.
    pub category: KpiCategory,
    /// 1 or 2.
    pub level: u8,
    /// Its yeses out of its KPIs.
    pub tally: Tally,
    /// Its percentage.
    pub percent: Option<f64>,
}

/// What a Level 1 no still lacks before the scorecard can be finalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// The explanatory paragraph.
    Explanation,
    /// The next action.
    NextAction,
    /// Who takes it.
    Owner,
    /// By when.
    Due,
}

impl Missing {
    /// The field's name in the account file.
    pub fn field(self) -> &'static str {
        match self {
            Missing::Explanation => "explanation",
            Missing::NextAction => "next_action",
            Missing::Owner => "owner",
            Missing::Due => "due",
        }
    }
}

/// One KPI of a scorecard as judged.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KpiLine {
    /// The KPI's id.
    pub id: Uuid,
    /// Its code.
    pub code: String,
    /// Its category (none if another tool wrote one casebook does not know: counted nowhere
    /// but the overall score).
    pub category: Option<KpiCategory>,
    /// 1 or 2.
    pub level: u8,
    /// The score the rules count: the answer, the worse of disputed answers, or the score as
    /// finalised; none while unanswered.
    pub score: Option<u8>,
    /// The differing answers advisers gave apart, while disputed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disputed: Vec<u8>,
    /// For a Level 1 no: what it still lacks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<Missing>,
}

/// A scorecard judged.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScorecardScore {
    /// The month.
    pub month: String,
    /// Whether it is finalised (then the scores are those it was finalised with).
    pub finalised: bool,
    /// Every KPI, Level 1 first, in code order.
    pub lines: Vec<KpiLine>,
    /// Each category at each level that has KPIs, Level 1 first.
    pub categories: Vec<CategoryScore>,
    /// Level 1 together.
    pub level1: Tally,
    /// Level 2 together.
    pub level2: Tally,
    /// Every KPI together.
    pub overall: Tally,
    /// Level 1 categories below full marks so far (a no, or a disputed answer): the account
    /// requires immediate attention.
    pub attention: Vec<KpiCategory>,
    /// KPIs not answered yet, by code.
    pub unanswered: Vec<String>,
    /// Answers changed after the scorecard was finalised (from a node that had not seen the
    /// finalisation), by code: the finalised scores stand.
    pub changed_after: Vec<String>,
}

impl ScorecardScore {
    /// Whether the account requires immediate attention.
    pub fn requires_attention(&self) -> bool {
        !self.attention.is_empty()
    }
}

/// A score as the rules count it: 1 is yes, anything else no.
fn yes(score: u8) -> bool {
    score == 1
}

/// What a Level 1 no lacks.
fn missing(answer: &KpiAnswer) -> Vec<Missing> {
    let mut out = Vec::new();
    if answer.explanation.trim().is_empty() {
        out.push(Missing::Explanation);
    }
    if answer.next_action.trim().is_empty() {
        out.push(Missing::NextAction);
    }
    if answer.owner.trim().is_empty() {
        out.push(Missing::Owner);
    }
    if answer.due.is_none() {
        out.push(Missing::Due);
    }
    out
}

/// Judge scorecard `sc`; `disputed` holds the differing scores of answers given apart, by KPI
/// id ([`crate::disputes::Disputes::scorecards`]).
pub fn score(sc: &Scorecard, disputed: Option<&BTreeMap<Uuid, Vec<u8>>>) -> ScorecardScore {
    let mut lines: Vec<KpiLine> = sc
        .kpis
        .iter()
        .map(|(id, kpi)| {
            let answer = sc.answers.get(id);
            let values = disputed
                .and_then(|d| d.get(id))
                .cloned()
                .unwrap_or_default();
            let score = match &sc.finalised {
                Some(f) => f.scores.get(id).copied(),
                None if !values.is_empty() => values.iter().copied().min(),
                None => answer.and_then(|a| a.score),
            };
            let missing = match (kpi.level, score, answer) {
                (1, Some(s), Some(a)) if !yes(s) && sc.finalised.is_none() => missing(a),
                (1, Some(s), None) if !yes(s) => missing(&KpiAnswer::default()),
                _ => Vec::new(),
            };
            KpiLine {
                id: *id,
                code: kpi.code.clone(),
                category: kpi.category,
                level: kpi.level,
                score,
                disputed: if sc.finalised.is_some() {
                    Vec::new()
                } else {
                    values
                },
                missing,
            }
        })
        .collect();
    lines.sort_by(|a, b| (a.level, &a.code, a.id).cmp(&(b.level, &b.code, b.id)));
    let mut by: BTreeMap<(u8, KpiCategory), Tally> = BTreeMap::new();
    let (mut level1, mut level2, mut overall) =
        (Tally::default(), Tally::default(), Tally::default());
    let mut attention = Vec::new();
    for l in &lines {
        let y = l.score.is_some_and(yes);
        overall.add(y);
        match l.level {
            1 => level1.add(y),
            _ => level2.add(y),
        }
        if let Some(c) = l.category {
            by.entry((l.level, c)).or_default().add(y);
            if l.level == 1 && l.score.is_some_and(|s| !yes(s)) && !attention.contains(&c) {
                attention.push(c);
            }
        }
    }
    attention.sort();
    let changed_after = match &sc.finalised {
        Some(f) => lines
            .iter()
            .filter(|l| {
                let now = sc.answers.get(&l.id).and_then(|a| a.score);
                now.is_some() && now != f.scores.get(&l.id).copied()
                    || disputed.is_some_and(|d| d.contains_key(&l.id))
            })
            .map(|l| l.code.clone())
            .collect(),
        None => Vec::new(),
    };
    ScorecardScore {
        month: sc.month.clone(),
        finalised: sc.finalised.is_some(),
        unanswered: lines
            .iter()
            .filter(|l| l.score.is_none())
            .map(|l| l.code.clone())
            .collect(),
        categories: by
            .into_iter()
            .map(|((level, category), tally)| CategoryScore {
                category,
                level,
                tally,
                percent: tally.percent(),
            })
            .collect(),
        lines,
        level1,
        level2,
        overall,
        attention,
        changed_after,
    }
}

/// Why `judged` cannot be finalised: every reason, or none when it can.
pub fn finalise_problems(judged: &ScorecardScore) -> Vec<Message> {
    let mut out = Vec::new();
    if judged.finalised {
        out.push(Message::new("sc-problem-finalised").with("month", &judged.month));
        return out;
    }
    if judged.lines.is_empty() {
        out.push(Message::new("sc-problem-no-kpis"));
    }
    if !judged.unanswered.is_empty() {
        out.push(Message::new("sc-problem-unanswered").with("codes", judged.unanswered.join(", ")));
    }
    let disputed: Vec<&str> = judged
        .lines
        .iter()
        .filter(|l| !l.disputed.is_empty())
        .map(|l| l.code.as_str())
        .collect();
    if !disputed.is_empty() {
        out.push(Message::new("sc-problem-disputed").with("codes", disputed.join(", ")));
    }
    for l in judged.lines.iter().filter(|l| !l.missing.is_empty()) {
        let fields: Vec<Message> = l
            .missing
            .iter()
            .map(|m| crate::error::term(m.field()))
            .collect();
        out.push(
            Message::new("sc-problem-level1-no")
                .with("code", &l.code)
                .with("fields", crate::history::words::list(fields)),
        );
    }
    out
}

/// The month `day` falls in, `YYYY-MM`.
pub fn month_of(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

/// The month before `month` (`YYYY-MM`), or none for text that is no month.
pub fn month_before(month: &str) -> Option<String> {
    let day = parse_month(month)?;
    let before = day.pred_opt()?;
    Some(month_of(before))
}

/// The first day of `month` (`YYYY-MM`), or none for text that is no month.
pub fn parse_month(month: &str) -> Option<NaiveDate> {
    let (y, m) = month.trim().split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)
}

/// The record of each month: its finalised scorecard that no other finalised scorecard
/// corrects (if two advisers corrected one apart, the later finalisation), by month, oldest
/// first.
pub fn records(file: &AccountFile) -> BTreeMap<String, (Uuid, &Scorecard)> {
    let corrected: Vec<Uuid> = file
        .scorecards
        .values()
        .filter(|s| s.finalised.is_some())
        .filter_map(|s| s.supersedes)
        .collect();
    let mut out: BTreeMap<String, (Uuid, &Scorecard)> = BTreeMap::new();
    for (id, sc) in &file.scorecards {
        let Some(f) = &sc.finalised else { continue };
        if corrected.contains(id) || parse_month(&sc.month).is_none() {
            continue;
        }
        let later = out.get(&sc.month).is_none_or(|(other_id, other)| {
            let at = other.finalised.as_ref().and_then(|o| o.at);
            (f.at, *id) > (at, *other_id)
        });
        if later {
            out.insert(sc.month.clone(), (*id, sc));
        }
    }
    out
}

/// The few facts of the routine an index row keeps, so the portfolio never loads a file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScorecardFacts {
    /// The first month anyone started a scorecard for: the routine runs from then.
    pub first: Option<String>,
    /// The months with a finalised scorecard, oldest first.
    pub finalised: Vec<String>,
    /// The latest record's Level 1 categories below full marks.
    pub attention: Vec<KpiCategory>,
}

impl ScorecardFacts {
    /// The facts of `file`.
    pub fn of(file: &AccountFile) -> Self {
        let records = records(file);
        Self {
            first: file
                .scorecards
                .values()
                .filter_map(|s| parse_month(&s.month))
                .min()
                .map(month_of),
            attention: records
                .values()
                .next_back()
                .map(|(_, sc)| score(sc, None).attention)
                .unwrap_or_default(),
            finalised: records.into_keys().collect(),
        }
    }
}

/// Where an account stands in the monthly routine on `today`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Routine {
    /// Whether the account is on the routine: some scorecard has been started.
    pub started: bool,
    /// The latest month with a finalised scorecard.
    pub last_finalised: Option<String>,
    /// This month's scorecard is not finalised yet.
    pub due: bool,
    /// The months from the first scorecard's to last month that ended without a finalised
    /// scorecard, latest first.
    pub overdue: Vec<String>,
    /// The latest record's Level 1 categories below full marks: the account requires
    /// immediate attention.
    pub attention: Vec<KpiCategory>,
}

/// The routine on `today` of the account whose facts are `facts`: a scorecard is due each
/// month, and overdue once the month ends without one finalised, from the first month anyone
/// started one (at most ten years back).
pub fn routine(facts: &ScorecardFacts, today: NaiveDate) -> Routine {
    let Some(first) = facts.first.as_deref().and_then(parse_month) else {
        return Routine::default();
    };
    let this_month = month_of(today);
    let mut overdue = Vec::new();
    let mut month = month_before(&this_month);
    let mut steps = 0;
    while let Some(m) = month {
        match parse_month(&m) {
            Some(d) if d >= first && steps < 120 => {
                if !facts.finalised.contains(&m) {
                    overdue.push(m.clone());
                }
                month = month_before(&m);
                steps += 1;
            }
            _ => break,
        }
    }
    Routine {
        started: true,
        last_finalised: facts.finalised.last().cloned(),
        due: !facts.finalised.contains(&this_month),
        overdue,
        attention: facts.attention.clone(),
    }
}

/// One month of the trend.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrendPoint {
    /// The month.
    pub month: String,
    /// The record's id.
    pub scorecard: Uuid,
    /// Overall percentage.
    pub overall: Option<f64>,
    /// Level 1 percentage.
    pub level1: Option<f64>,
    /// Level 2 percentage.
    pub level2: Option<f64>,
    /// Each category's percentage over both levels.
    pub categories: BTreeMap<KpiCategory, f64>,
    /// Whether the account required immediate attention that month.
    pub attention: bool,
}

/// The trend (BS-4): each month's record, oldest first.
pub fn trend(file: &AccountFile) -> Vec<TrendPoint> {
    records(file)
        .into_iter()
        .map(|(month, (id, sc))| {
            let s = score(sc, None);
            let mut both: BTreeMap<KpiCategory, Tally> = BTreeMap::new();
            for c in &s.categories {
                let t = both.entry(c.category).or_default();
                t.yes += c.tally.yes;
                t.of += c.tally.of;
            }
            TrendPoint {
                month,
                scorecard: id,
                overall: s.overall.percent(),
                level1: s.level1.percent(),
                level2: s.level2.percent(),
                categories: both
                    .into_iter()
                    .filter_map(|(c, t)| t.percent().map(|p| (c, p)))
                    .collect(),
                attention: s.requires_attention(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
