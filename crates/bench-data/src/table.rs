//! The markdown table the sync benchmarks print.

use std::collections::BTreeMap;

/// Rows of `section | figure | value`, printed grouped by section in the order each section
/// first appeared (a later row may join an earlier section).
#[derive(Debug, Default)]
pub struct Table {
    rows: Vec<(String, String, String)>,
    groups: BTreeMap<String, usize>,
}

impl Table {
    /// Add a row under section `group`.
    pub fn row(&mut self, group: &str, what: &str, value: impl Into<String>) {
        let order = self.groups.len();
        self.groups.entry(group.to_string()).or_insert(order);
        self.rows
            .push((group.to_string(), what.to_string(), value.into()));
    }

    /// Print the table to stdout, each section's name on its first row only.
    pub fn print(&self) {
        let mut rows: Vec<&(String, String, String)> = self.rows.iter().collect();
        // A stable sort: rows keep their order within a section.
        rows.sort_by_key(|r| self.groups.get(&r.0).copied().unwrap_or(usize::MAX));
        println!("| section | figure | value |");
        println!("|---|---|---|");
        let mut last = "";
        for (group, what, value) in rows {
            let shown = if group == last { "" } else { group.as_str() };
            last = group;
            println!("| {shown} | {what} | {} |", value.replace('|', "\\|"));
        }
    }
}
