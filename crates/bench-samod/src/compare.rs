//! The comparison table: one row per figure with both engines' values and samod ÷ casebook.

use std::time::Duration;

use casebook_bench_data::{fmt_bytes, fmt_dur, fmt_kb};

/// One figure measured for both engines.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Measure {
    Time(Duration),
    Bytes(u64),
    Kib(u64),
}

impl Measure {
    fn value(self) -> f64 {
        match self {
            Self::Time(d) => d.as_secs_f64(),
            Self::Bytes(b) => b as f64,
            Self::Kib(k) => k as f64,
        }
    }

    fn show(self) -> String {
        match self {
            Self::Time(d) => fmt_dur(d),
            Self::Bytes(b) => format!("{} ({b} B)", fmt_bytes(b)),
            Self::Kib(k) => fmt_kb(k),
        }
    }
}

/// The comparison table: one row per figure, casebook, samod and samod ÷ casebook.
#[derive(Debug, Default)]
pub(crate) struct Comparison {
    rows: Vec<(String, Option<Measure>, Option<Measure>)>,
}

impl Comparison {
    pub(crate) fn row(&mut self, figure: &str, casebook: Option<Measure>, samod: Option<Measure>) {
        self.rows.push((figure.to_string(), casebook, samod));
    }

    pub(crate) fn print(&self) {
        println!("| figure | casebook | samod | samod ÷ casebook |");
        println!("|---|---|---|---|");
        for (figure, c, s) in &self.rows {
            let show = |m: &Option<Measure>| m.map_or("failed".to_string(), |m| m.show());
            let r = match (c, s) {
                (Some(c), Some(s)) => ratio(s.value(), c.value()),
                _ => "n/a".into(),
            };
            println!("| {figure} | {} | {} | {r} |", show(c), show(s));
        }
    }
}

/// `a ÷ b` as `N.NN×`, or `n/a`.
fn ratio(a: f64, b: f64) -> String {
    if b <= 0.0 || !a.is_finite() || !b.is_finite() {
        return "n/a".into();
    }
    let r = a / b;
    if r >= 100.0 {
        format!("{r:.0}×")
    } else if r >= 10.0 {
        format!("{r:.1}×")
    } else {
        format!("{r:.2}×")
    }
}
