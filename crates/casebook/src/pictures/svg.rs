//! A small SVG writer: the document, rectangles, lines and text, every text escaped.

use std::fmt::Write;

/// Text made safe inside an XML element or a double-quoted attribute.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0 at all.
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// At most `max` characters, with an ellipsis when cut (boxes have a fixed width).
pub(super) fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let kept: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", kept.trim_end())
    }
}

/// An SVG document being written.
#[derive(Debug)]
pub(super) struct Svg {
    body: String,
    width: u32,
    height: u32,
    title: String,
    lang: &'static str,
}

impl Svg {
    /// A document of `width` × `height` pixels titled `title`, in language `lang`.
    pub(super) fn new(width: u32, height: u32, title: &str, lang: &'static str) -> Self {
        Svg {
            body: String::new(),
            width,
            height,
            title: title.to_string(),
            lang,
        }
    }

    /// A rectangle; `dashed` for things that are no longer so (a person who left).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn rect(
        &mut self,
        x: i32,
        y: i32,
        w: u32,
        h: u32,
        fill: &str,
        stroke: &str,
        dashed: bool,
        class: &str,
    ) {
        let dash = if dashed {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let _ = writeln!(
            self.body,
            r#"<rect class="{class}" x="{x}" y="{y}" width="{w}" height="{h}" rx="4" fill="{fill}" stroke="{stroke}" stroke-width="1.5"{dash}/>"#
        );
    }

    /// A line.
    pub(super) fn line(&mut self, x1: i32, y1: i32, x2: i32, y2: i32) {
        let _ = writeln!(
            self.body,
            r##"<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#555" stroke-width="1.5"/>"##
        );
    }

    /// Text at (`x`, `y`); `anchor` is `start`, `middle` or `end`; `weight` `normal` or `bold`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn text(
        &mut self,
        x: i32,
        y: i32,
        size: u32,
        anchor: &str,
        weight: &str,
        class: &str,
        text: &str,
    ) {
        let _ = writeln!(
            self.body,
            r##"<text class="{class}" x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" fill="#111">{}</text>"##,
            escape(text)
        );
    }

    /// A circle with a number in it (a risk on the map).
    pub(super) fn marker(&mut self, cx: i32, cy: i32, n: usize, class: &str) {
        let _ = writeln!(
            self.body,
            r##"<g class="{class}"><circle cx="{cx}" cy="{cy}" r="11" fill="#fff" stroke="#111" stroke-width="1.5"/><text x="{cx}" y="{}" font-size="12" text-anchor="middle" font-weight="bold" fill="#111">{n}</text></g>"##,
            cy + 4
        );
    }

    /// A line through `points`, in `colour`; `dash` is an SVG dash pattern or empty.
    pub(super) fn polyline(
        &mut self,
        points: &[(i32, i32)],
        colour: &str,
        width: f32,
        dash: &str,
        class: &str,
    ) {
        let pts: Vec<String> = points.iter().map(|(x, y)| format!("{x},{y}")).collect();
        let dash = if dash.is_empty() {
            String::new()
        } else {
            format!(r#" stroke-dasharray="{dash}""#)
        };
        let _ = writeln!(
            self.body,
            r#"<polyline class="{class}" points="{}" fill="none" stroke="{colour}" stroke-width="{width}"{dash}/>"#,
            pts.join(" ")
        );
    }

    /// A small filled circle (a point of a line).
    pub(super) fn dot(&mut self, cx: i32, cy: i32, colour: &str, class: &str) {
        let _ = writeln!(
            self.body,
            r#"<circle class="{class}" cx="{cx}" cy="{cy}" r="3.5" fill="{colour}"/>"#
        );
    }

    /// The finished document.
    pub(super) fn finish(self) -> String {
        format!(
            concat!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" xml:lang="{lang}" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" role="img">"#,
                "\n<title>{title}</title>\n",
                r##"<rect x="0" y="0" width="{w}" height="{h}" fill="#fff"/>"##,
                "\n{body}</svg>\n"
            ),
            lang = self.lang,
            w = self.width,
            h = self.height,
            title = escape(&self.title),
            body = self.body,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_cut_to_fit() {
        assert_eq!(
            escape(r#"A & B <"C"> 'd'"#),
            "A &amp; B &lt;&quot;C&quot;&gt; &apos;d&apos;"
        );
        assert_eq!(escape("bell\u{7}"), "bell");
        assert_eq!(fit("Afon Valley Foods Ltd", 10), "Afon Vall…");
        assert_eq!(fit("Afon", 10), "Afon");
    }
}
