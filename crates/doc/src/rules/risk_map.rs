//! The risk map (RK-2, RV-3): every open threat of the account placed on the 5×5 grid of
//! likelihood and severity, each cell in the colour the organisation's matrix gives it.
//!
//! The map shows what the account roll-up counts: open threats (an adviser's open among
//! concurrent statuses counts), not those of an ended opportunity, not upside risks. A risk
//! whose advisers disagree is placed where the worst of their values puts it; one with a value
//! off the 1–5 scale cannot be placed and is listed apart, never dropped.

use uuid::Uuid;

use crate::config::RagMatrix;
use crate::enums::{Polarity, Rag};
use crate::model::AccountFile;
use crate::rules::risk_tree::RiskTree;
use crate::rules::rollup::{counts_as_open, out_of_range, scope_live, weighed};

/// One risk on the map.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Placed {
    /// The risk.
    pub id: Uuid,
    /// Its title.
    pub title: String,
    /// The row: its likelihood (the highest of concurrent values).
    pub likelihood: u8,
    /// The column: its severity (the highest of concurrent values).
    pub severity: u8,
    /// The colour of its cell.
    pub rag: Rag,
    /// Whether advisers set its likelihood or severity apart.
    pub disputed: bool,
}

/// The map of one account.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct RiskMap {
    /// The colour of each cell, by likelihood then severity (index 0 is 1).
    pub cells: [[Option<Rag>; 5]; 5],
    /// The risks placed, worst first (colour, then likelihood × severity, then title).
    pub placed: Vec<Placed>,
    /// Open threats with a value off the scale: listed, not placed.
    pub unplaced: Vec<(Uuid, String)>,
}

/// The risk map of `file` under `matrix`.
pub fn risk_map(file: &AccountFile, matrix: &RagMatrix) -> RiskMap {
    let mut map = RiskMap::default();
    for (l, row) in map.cells.iter_mut().enumerate() {
        for (s, cell) in row.iter_mut().enumerate() {
            *cell = matrix.rag(l as u8 + 1, s as u8 + 1).ok();
        }
    }
    let tree = RiskTree::of(file);
    for (id, risk) in &file.risks {
        let dispute = file.disputes.risk(id);
        let on_account = scope_live(file, tree.scope_of(file, id));
        if risk.polarity != Polarity::Threat || !counts_as_open(risk, dispute) || !on_account {
            continue;
        }
        if !out_of_range(risk, dispute)
            .iter()
            .all(|(field, _)| field.starts_with("residual"))
        {
            map.unplaced.push((*id, risk.title.clone()));
            continue;
        }
        let (ls, ss) = match dispute {
            Some(d) => (
                weighed(risk.likelihood, &d.likelihood),
                weighed(risk.severity, &d.severity),
            ),
            None => (vec![risk.likelihood], vec![risk.severity]),
        };
        let likelihood = ls.iter().copied().max().unwrap_or(risk.likelihood);
        let severity = ss.iter().copied().max().unwrap_or(risk.severity);
        let Ok(rag) = matrix.rag(likelihood, severity) else {
            map.unplaced.push((*id, risk.title.clone()));
            continue;
        };
        map.placed.push(Placed {
            id: *id,
            title: risk.title.clone(),
            likelihood,
            severity,
            rag,
            disputed: ls.len() > 1 || ss.len() > 1,
        });
    }
    map.placed.sort_by(|a, b| {
        (b.rag, b.likelihood * b.severity)
            .cmp(&(a.rag, a.likelihood * a.severity))
            .then_with(|| a.title.cmp(&b.title))
    });
    map.unplaced.sort_by(|a, b| a.1.cmp(&b.1));
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::RiskStatus;
    use crate::test_support::risk;

    #[test]
    fn open_threats_are_placed_worst_first_and_the_rest_left_off() {
        let mut f = AccountFile::default();
        let mut closed = risk(5, 5);
        closed.status = RiskStatus::Closed;
        let mut upside = risk(5, 5);
        upside.polarity = Polarity::Opportunity;
        let mut bad = risk(4, 4);
        bad.likelihood = 9;
        bad.title = "Off the scale".into();
        let mut low = risk(1, 2);
        low.title = "Low".into();
        let mut high = risk(4, 5);
        high.title = "High".into();
        for (n, r) in [closed, upside, bad, low, high].into_iter().enumerate() {
            f.risks.insert(Uuid::from_u128(n as u128 + 1), r);
        }
        let map = risk_map(&f, &RagMatrix::default());
        let titles: Vec<&str> = map.placed.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["High", "Low"]);
        assert_eq!((map.placed[0].likelihood, map.placed[0].severity), (4, 5));
        assert_eq!(map.placed[0].rag, Rag::Red);
        assert_eq!(
            map.unplaced,
            vec![(Uuid::from_u128(3), "Off the scale".into())]
        );
        assert_eq!(map.cells[4][4], Some(Rag::Red));
        assert_eq!(map.cells[0][0], Some(Rag::Green));
    }
}
