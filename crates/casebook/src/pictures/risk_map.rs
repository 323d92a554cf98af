//! The risk map as SVG: the 5×5 grid of likelihood (rows, 5 at the top) and severity
//! (columns), each cell in its colour with the colour's word, each open threat a numbered
//! marker in its cell, and the numbered list of risks below.

use casebook_doc::config::RagMatrix;
use casebook_doc::enums::{Rag, Vocabulary};
use casebook_doc::model::AccountFile;
use casebook_doc::rules::risk_map::risk_map;
use casebook_i18n::{Lang, Message};

use super::svg::{Svg, fit};

const LEFT: i32 = 90;
const TOP: i32 = 64;
const CELL_W: i32 = 110;
const CELL_H: i32 = 80;
const LINE: i32 = 22;
const WIDTH: u32 = 820;

/// Fill and border of a cell of each colour: light enough to read markers on.
fn cell_colours(rag: Option<Rag>) -> (&'static str, &'static str) {
    match rag {
        Some(Rag::Red) => ("#f4b6b6", "#a32020"),
        Some(Rag::Amber) => ("#ffd9a0", "#a35f00"),
        Some(Rag::Green) => ("#c4e3c6", "#2e6b31"),
        None => ("#eeeeee", "#777777"),
    }
}

/// The risk map of `file` under `matrix`, in `lang`.
pub fn risk_map_svg(file: &AccountFile, matrix: &RagMatrix, lang: Lang) -> String {
    let map = risk_map(file, matrix);
    let say = |m: Message| m.render(lang);
    let list_lines = map.placed.len().max(1) + usize::from(!map.unplaced.is_empty());
    let height = TOP + 5 * CELL_H + 56 + LINE * list_lines as i32 + 16;
    let title = say(Message::new("pic-risk-map-title").with("client", file.profile.name.as_str()));
    let mut svg = Svg::new(WIDTH, height as u32, &title, lang.tag());
    svg.text(16, 32, 20, "start", "bold", "title", &title);
    // Rows: likelihood 5 at the top.
    for l in 1..=5u8 {
        let y = TOP + (5 - i32::from(l)) * CELL_H;
        svg.text(
            LEFT - 14,
            y + CELL_H / 2 + 5,
            14,
            "end",
            "bold",
            "axis",
            &l.to_string(),
        );
        for s in 1..=5u8 {
            let x = LEFT + (i32::from(s) - 1) * CELL_W;
            let rag = map.cells[usize::from(l - 1)][usize::from(s - 1)];
            let (fill, stroke) = cell_colours(rag);
            svg.rect(
                x,
                y,
                CELL_W as u32,
                CELL_H as u32,
                fill,
                stroke,
                false,
                "cell",
            );
            if let Some(rag) = rag {
                svg.text(
                    x + CELL_W - 6,
                    y + CELL_H - 6,
                    10,
                    "end",
                    "normal",
                    "cell-word",
                    &say(rag.word()),
                );
            }
        }
    }
    for s in 1..=5i32 {
        let x = LEFT + (s - 1) * CELL_W + CELL_W / 2;
        svg.text(
            x,
            TOP + 5 * CELL_H + 20,
            14,
            "middle",
            "bold",
            "axis",
            &s.to_string(),
        );
    }
    svg.text(
        LEFT + 5 * CELL_W / 2,
        TOP + 5 * CELL_H + 42,
        14,
        "middle",
        "normal",
        "axis-name",
        &say(Message::new("pic-severity")),
    );
    svg.text(
        16,
        TOP - 10,
        14,
        "start",
        "normal",
        "axis-name",
        &say(Message::new("pic-likelihood")),
    );
    // Markers: up to six in a cell (three by two), then "+N".
    let mut in_cell = [[0usize; 5]; 5];
    for (i, p) in map.placed.iter().enumerate() {
        let (l, s) = (usize::from(p.likelihood - 1), usize::from(p.severity - 1));
        let k = in_cell[l][s];
        in_cell[l][s] += 1;
        let x0 = LEFT + s as i32 * CELL_W;
        let y0 = TOP + (4 - l as i32) * CELL_H;
        if k < 6 {
            let (col, row) = ((k % 3) as i32, (k / 3) as i32);
            svg.marker(x0 + 20 + col * 30, y0 + 18 + row * 28, i + 1, "risk");
        } else if k == 6 {
            let more = map
                .placed
                .iter()
                .filter(|q| (q.likelihood, q.severity) == (p.likelihood, p.severity))
                .count()
                - 6;
            svg.text(
                x0 + 8,
                y0 + CELL_H - 8,
                11,
                "start",
                "bold",
                "more",
                &say(Message::new("pic-more").with("count", more)),
            );
        }
    }
    // The list.
    let mut y = TOP + 5 * CELL_H + 56 + 8;
    if map.placed.is_empty() {
        svg.text(
            16,
            y,
            13,
            "start",
            "normal",
            "risk-line",
            &say(Message::new("pic-no-risks")),
        );
        y += LINE;
    }
    for (i, p) in map.placed.iter().enumerate() {
        let mut line = say(Message::new("pic-risk-line")
            .with("n", i + 1)
            .with("title", fit(&p.title, 60))
            .with("likelihood", p.likelihood)
            .with("severity", p.severity)
            .with("colour", p.rag.word()));
        if p.disputed {
            line.push(' ');
            line.push_str(&say(Message::new("pic-disputed")));
        }
        svg.text(16, y, 13, "start", "normal", "risk-line", &line);
        y += LINE;
    }
    if !map.unplaced.is_empty() {
        let titles: Vec<String> = map.unplaced.iter().map(|(_, t)| fit(t, 40)).collect();
        svg.text(
            16,
            y,
            13,
            "start",
            "normal",
            "unplaced",
            &say(Message::new("pic-unplaced").with("titles", titles.join(", "))),
        );
    }
    svg.finish()
}
