//! The scorecard trend as SVG (BS-4): one line per category and a thick one overall, month
//! by month, 0–100%. Each line also says in words what it is (a label at its end and a key
//! with its dash pattern), so colour is never the only sign; a month where the account
//! required immediate attention is marked under the axis.

use casebook_doc::enums::{KpiCategory, Vocabulary};
use casebook_doc::model::AccountFile;
use casebook_doc::rules::scorecard::trend;
use casebook_i18n::{Lang, Message};

use super::svg::Svg;

const LEFT: i32 = 70;
const TOP: i32 = 60;
const PLOT_H: i32 = 300;
const STEP: i32 = 70;
const LABELS: i32 = 150;

/// Colour and dash of each category's line.
fn style(c: KpiCategory) -> (&'static str, &'static str) {
    match c {
        KpiCategory::Management => ("#1f5fa8", "8 4"),
        KpiCategory::Financial => ("#2e7d32", "2 4"),
        KpiCategory::People => ("#8e44ad", "12 4 2 4"),
        KpiCategory::Client => ("#c0392b", "4 4"),
        KpiCategory::Sales => ("#b9770e", "14 6"),
    }
}

/// The trend of `file`'s finalised scorecards, in `lang`.
pub fn scorecard_trend_svg(file: &AccountFile, lang: Lang) -> String {
    let points = trend(file);
    let say = |m: Message| m.render(lang);
    let months = points.len().max(1) as i32;
    // Wide enough for the title and the key's sentence, whatever the number of months.
    let width = (LEFT + STEP * (months - 1).max(1) + LABELS + 40).max(760) as u32;
    let height = (TOP + PLOT_H + 70 + 22 * (KpiCategory::ALL.len() as i32 + 2)) as u32;
    let title = say(Message::new("pic-trend-title").with("client", file.profile.name.as_str()));
    let mut svg = Svg::new(width, height, &title, lang.tag());
    svg.text(16, 32, 20, "start", "bold", "title", &title);
    let y_of =
        |p: f64| TOP + PLOT_H - (p.clamp(0.0, 100.0) * f64::from(PLOT_H) / 100.0).round() as i32;
    let x_of = |i: usize| LEFT + STEP * i as i32;
    let right = x_of(points.len().saturating_sub(1).max(1));
    for p in [0, 25, 50, 75, 100] {
        let y = y_of(f64::from(p));
        svg.line(LEFT, y, right, y);
        svg.text(
            LEFT - 8,
            y + 4,
            12,
            "end",
            "normal",
            "axis",
            &format!("{p}%"),
        );
    }
    if points.is_empty() {
        svg.text(
            LEFT,
            TOP + PLOT_H / 2,
            14,
            "start",
            "normal",
            "empty",
            &say(Message::new("pic-trend-empty")),
        );
    }
    for (i, p) in points.iter().enumerate() {
        let x = x_of(i);
        svg.text(
            x,
            TOP + PLOT_H + 20,
            12,
            "middle",
            "normal",
            "month",
            &p.month,
        );
        if p.attention {
            svg.text(x, TOP + PLOT_H + 38, 11, "middle", "bold", "attention", "⚠");
        }
    }
    let mut key_y = TOP + PLOT_H + 64;
    // Lines that end at the same value would print their labels over each other: each label
    // goes below the ones already there.
    let mut labels_at: Vec<i32> = Vec::new();
    let mut draw = |values: Vec<Option<f64>>,
                    colour: &str,
                    width: f32,
                    dash: &str,
                    class: &str,
                    label: String,
                    svg: &mut Svg| {
        let pts: Vec<(i32, i32)> = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (x_of(i), y_of(v))))
            .collect();
        if pts.len() > 1 {
            svg.polyline(&pts, colour, width, dash, class);
        }
        for (x, y) in &pts {
            svg.dot(*x, *y, colour, class);
        }
        if let Some((x, y)) = pts.last() {
            let mut at = y + 4;
            while labels_at.iter().any(|used| (used - at).abs() < 14) {
                at += 14;
            }
            labels_at.push(at);
            svg.text(x + 8, at, 12, "start", "normal", "line-label", &label);
        }
        svg.polyline(
            &[(LEFT, key_y - 4), (LEFT + 40, key_y - 4)],
            colour,
            width,
            dash,
            "key",
        );
        svg.text(LEFT + 50, key_y, 12, "start", "normal", "key-word", &label);
        key_y += 22;
    };
    for c in KpiCategory::ALL {
        let (colour, dash) = style(*c);
        let values = points
            .iter()
            .map(|p| p.categories.get(c).copied())
            .collect();
        draw(
            values,
            colour,
            2.0,
            dash,
            "category",
            say(c.word()),
            &mut svg,
        );
    }
    let overall = points.iter().map(|p| p.overall).collect();
    draw(
        overall,
        "#111111",
        3.5,
        "",
        "overall",
        say(Message::new("pic-trend-overall")),
        &mut svg,
    );
    svg.text(
        LEFT,
        key_y + 4,
        11,
        "start",
        "normal",
        "attention-key",
        &say(Message::new("pic-trend-attention-key")),
    );
    svg.finish()
}
