//! The org chart as SVG: a box per person under their manager, filled by contact coverage
//! (CT-4) with the coverage also in words, leavers dashed, a key and the coverage count below.

use std::collections::BTreeMap;

use casebook_doc::collation::Collation;
use casebook_doc::enums::{Coverage, Vocabulary};
use casebook_doc::model::AccountFile;
use casebook_doc::rules::coverage::{contacted, covered_total, worst_coverage};
use casebook_doc::rules::org_tree::OrgTree;
use casebook_i18n::{Lang, Message};
use uuid::Uuid;

use super::svg::{Svg, fit};

const BOX_W: i32 = 210;
const BOX_H: i32 = 86;
const GAP_X: i32 = 24;
const GAP_Y: i32 = 50;
const MARGIN: i32 = 20;
const TOP: i32 = 60;

/// Fill and border of a box by coverage: grey, then yellow, blue and green as contact grows.
fn coverage_colours(c: Coverage) -> (&'static str, &'static str) {
    match c {
        Coverage::NotIdentified => ("#e6e6e6", "#666666"),
        Coverage::Identified => ("#fff1b8", "#8a6d00"),
        Coverage::VisitPlanned => ("#cfe2ff", "#1f4e9c"),
        Coverage::Contacted => ("#c4e3c6", "#2e6b31"),
    }
}

/// Where each person's box goes: leaves side by side in drawing order, each manager centred
/// over their reports, one row per level.
fn layout(tree: &OrgTree) -> (BTreeMap<Uuid, (i32, i32)>, i32, i32) {
    fn place(
        tree: &OrgTree,
        id: Uuid,
        depth: i32,
        next: &mut i32,
        at: &mut BTreeMap<Uuid, (i32, i32)>,
    ) -> i32 {
        let kids = tree.reports_of(&id);
        let x = if kids.is_empty() {
            let x = *next;
            *next += BOX_W + GAP_X;
            x
        } else {
            let xs: Vec<i32> = kids
                .iter()
                .map(|k| place(tree, *k, depth + 1, next, at))
                .collect();
            (xs[0] + xs[xs.len() - 1]) / 2
        };
        at.insert(id, (x, TOP + depth * (BOX_H + GAP_Y)));
        x
    }
    let mut at = BTreeMap::new();
    let mut next = MARGIN;
    for root in &tree.roots {
        place(tree, *root, 0, &mut next, &mut at);
    }
    let width = (next - GAP_X + MARGIN).max(560);
    let bottom = at.values().map(|(_, y)| y + BOX_H).max().unwrap_or(TOP);
    (at, width, bottom)
}

/// The org chart of `file`, in `lang` (names in its alphabetical order).
pub fn org_chart_svg(file: &AccountFile, lang: Lang) -> String {
    let say = |m: Message| m.render(lang);
    let order = match lang {
        Lang::Cy => Collation::Welsh,
        Lang::En => Collation::English,
    };
    let tree = OrgTree::of(file, order);
    let (at, width, bottom) = layout(&tree);
    // The key is a row of swatches with words, about 7 pixels a character.
    let key_words: Vec<String> = Coverage::all().iter().map(|c| say(c.word())).collect();
    let key_width: i32 = MARGIN
        + 60
        + key_words
            .iter()
            .map(|w| 34 + 7 * w.chars().count() as i32)
            .sum::<i32>();
    let width = width.max(key_width + MARGIN);
    let height = bottom + 100;
    let title = say(Message::new("pic-org-chart-title").with("client", file.profile.name.as_str()));
    let mut svg = Svg::new(width as u32, height as u32, &title, lang.tag());
    svg.text(MARGIN, 34, 20, "start", "bold", "title", &title);
    // Lines first, so boxes sit on top of them.
    for (boss, reports) in &tree.reports {
        let Some(&(bx, by)) = at.get(boss) else {
            continue;
        };
        let mid = by + BOX_H + GAP_Y / 2;
        for r in reports {
            if let Some(&(rx, ry)) = at.get(r) {
                svg.line(bx + BOX_W / 2, by + BOX_H, bx + BOX_W / 2, mid);
                svg.line(bx + BOX_W / 2, mid, rx + BOX_W / 2, mid);
                svg.line(rx + BOX_W / 2, mid, rx + BOX_W / 2, ry);
            }
        }
    }
    for (id, &(x, y)) in &at {
        let p = &file.people[id];
        let state = worst_coverage(p, file.disputes.person(id));
        let (fill, stroke) = if p.left {
            ("#f7f7f7", "#999999")
        } else {
            coverage_colours(state)
        };
        svg.rect(
            x,
            y,
            BOX_W as u32,
            BOX_H as u32,
            fill,
            stroke,
            p.left,
            "person",
        );
        // A leaver counts for no coverage: the box says they left instead.
        let state_words = if p.left {
            say(Message::new("pic-left"))
        } else {
            say(state.word())
        };
        // About 190 pixels of text a line: 24 bold characters, 30 small ones.
        let roles: Vec<String> = p.roles.keys().map(|r| say(r.word())).collect();
        let rows = [
            (20, 13, "bold", "name", fit(&p.name, 24)),
            (38, 11, "normal", "job", fit(&p.title, 30)),
            (56, 11, "normal", "coverage", fit(&state_words, 30)),
            (74, 11, "normal", "roles", fit(&roles.join(", "), 30)),
        ];
        for (dy, size, weight, class, text) in rows {
            svg.text(x + 10, y + dy, size, "start", weight, class, &text);
        }
    }
    if at.is_empty() {
        svg.text(
            MARGIN,
            TOP + 20,
            13,
            "start",
            "normal",
            "none",
            &say(Message::new("pic-no-people")),
        );
    }
    // The key, and the count.
    let ky = bottom + 36;
    let mut kx = MARGIN;
    svg.text(
        kx,
        ky + 14,
        12,
        "start",
        "bold",
        "key",
        &say(Message::new("pic-key")),
    );
    kx += 60;
    for (c, word) in Coverage::all().iter().zip(&key_words) {
        let (fill, stroke) = coverage_colours(*c);
        svg.rect(kx, ky, 18, 18, fill, stroke, false, "key-swatch");
        svg.text(kx + 24, ky + 14, 12, "start", "normal", "key", word);
        kx += 34 + 7 * word.chars().count() as i32;
    }
    let total = covered_total(file);
    let met = contacted(file);
    svg.text(
        MARGIN,
        ky + 48,
        13,
        "start",
        "normal",
        "count",
        &say(Message::new("orgchart-coverage")
            .with("contacted", met)
            .with("total", total)
            .with("percent", (met * 100).checked_div(total).unwrap_or(0))),
    );
    svg.finish()
}
