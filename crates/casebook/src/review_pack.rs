//! The review pack (RV-2, RV-3): one self-contained HTML file for an account performance
//! review, in the client's language, holding the agenda with, under each item, what the account
//! file says about it: the snapshot, the previous minutes and carried-forward actions, the org
//! chart, scorecard trend and risk map drawn, orders and pipeline, SWOT, contacts, missing
//! information, the survey, and the questions to ask. Inline CSS and SVG, no script, nothing
//! fetched: it opens and prints (to PDF too) in any browser, offline.

mod sections;

use casebook_base::FileId;
use casebook_doc::documents::document_language;
use casebook_doc::model::{AccountFile, Review};
use casebook_i18n::{Lang, Message};
use uuid::Uuid;

use crate::pictures::svg::escape;
use crate::{Error, Node};

/// A review pack: its language and its HTML.
#[derive(Clone, Debug)]
pub struct ReviewPack {
    /// The language it is written in.
    pub lang: Lang,
    /// The whole HTML document.
    pub html: String,
}

/// Inline CSS: readable on screen, tidy on paper (a picture is never split across pages, and a
/// heading stays with what follows it).
const STYLE: &str = "body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;margin:2em auto;\
max-width:60em;color:#111;line-height:1.4}h1{font-size:1.6em;margin-bottom:.2em}\
h2{font-size:1.25em;border-bottom:2px solid #1f5fa8;margin-top:1.6em}\
h3{font-size:1.05em;margin:1.1em 0 .3em}table{border-collapse:collapse;margin:.4em 0}\
th,td{border:1px solid #999;padding:.25em .5em;text-align:left;vertical-align:top}\
th{background:#e8eef7}.none{color:#555;font-style:italic}.attention{color:#a32020;font-weight:bold}\
figure{margin:.6em 0;break-inside:avoid}svg{max-width:100%;height:auto}\
.item{margin:.3em 0 1em 0}.code{color:#555}@media print{body{margin:0}h2{break-after:avoid}}";

/// The HTML being written, with the language its words are in.
pub(crate) struct Html {
    pub(crate) lang: Lang,
    pub(crate) out: String,
}

impl Html {
    /// A message in the pack's language, escaped.
    pub(crate) fn say(&self, m: Message) -> String {
        escape(&m.render(self.lang))
    }

    /// A catalogue message without arguments, escaped.
    pub(crate) fn t(&self, key: &'static str) -> String {
        self.say(Message::new(key))
    }

    pub(crate) fn push(&mut self, html: &str) {
        self.out.push_str(html);
        self.out.push('\n');
    }

    /// A paragraph of escaped text.
    pub(crate) fn p(&mut self, text: &str) {
        let line = format!("<p>{}</p>", escape(text));
        self.push(&line);
    }

    /// The "nothing recorded" paragraph.
    pub(crate) fn none(&mut self, key: &'static str) {
        let line = format!("<p class=\"none\">{}</p>", self.t(key));
        self.push(&line);
    }

    /// A table: header keys, then rows of plain text (escaped here).
    pub(crate) fn table(&mut self, class: &str, headers: &[&'static str], rows: &[Vec<String>]) {
        let mut html = format!("<table class=\"{class}\"><thead><tr>");
        for h in headers {
            html.push_str(&format!("<th>{}</th>", self.t(h)));
        }
        html.push_str("</tr></thead><tbody>");
        for row in rows {
            html.push_str("<tr>");
            for cell in row {
                html.push_str(&format!("<td>{}</td>", escape(cell)));
            }
            html.push_str("</tr>");
        }
        html.push_str("</tbody></table>");
        self.push(&html);
    }

    /// A picture (SVG written by `crate::pictures`) with its caption.
    pub(crate) fn figure(&mut self, class: &str, svg: &str, caption: &str) {
        let html = format!(
            "<figure class=\"{class}\">{}<figcaption>{}</figcaption></figure>",
            svg.trim(),
            escape(caption)
        );
        self.push(&html);
    }
}

/// The pack of review `review` of `account`, in `lang`, on behalf of `node`.
pub(crate) fn write(
    node: &Node,
    file: FileId,
    account: &AccountFile,
    review: Uuid,
    lang: Lang,
) -> Result<String, Error> {
    let r: &Review = account
        .reviews
        .get(&review)
        .ok_or_else(|| casebook_doc::Error::no_such_entry("review", review.to_string()))?;
    let mut h = Html {
        lang,
        out: String::new(),
    };
    let title = h.say(Message::new("pack-title").with("client", account.profile.name.as_str()));
    h.push(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width\">\n<title>{title}</title>\n\
         <style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>",
        lang.tag()
    ));
    sections::header(&mut h, r);
    // The rules are read once for the whole pack.
    let config = node.config_for(file)?;
    sections::snapshot(&mut h, &config, account);
    h.push(&format!(
        "<section id=\"agenda\"><h2>{}</h2><ol>",
        h.t("pack-agenda")
    ));
    let mut items: Vec<_> = r.agenda.iter().collect();
    items.sort_by_key(|(_, i)| {
        (
            i.code
                .trim_start_matches('R')
                .parse::<u32>()
                .unwrap_or(u32::MAX),
            i.code.clone(),
        )
    });
    for (id, item) in items {
        let text = casebook_doc::kpis::question(&item.text, &item.text_cy, lang);
        h.push(&format!(
            "<li class=\"item\" id=\"agenda-{}\" data-input=\"{}\"><h3><span class=\"code\">{}</span> {}</h3>",
            escape(&item.code),
            escape(&item.group),
            escape(&item.code),
            escape(text)
        ));
        if let Some(m) = r.minutes.get(id).filter(|m| !m.trim().is_empty()) {
            let minuted = h.say(Message::new("pack-minuted").with("text", m.as_str()));
            h.push(&format!("<p class=\"minutes\">{minuted}</p>"));
        }
        sections::input(&mut h, node, &config, account, review, &item.group)?;
        h.push("</li>");
    }
    h.push("</ol></section>");
    sections::questions(&mut h, r);
    h.push("</body>\n</html>");
    Ok(h.out)
}

impl Node {
    /// The review pack of review `review` of `file` (the latest not closed when none), in
    /// `language` if given, else the client's (CY-2).
    ///
    /// # Errors
    /// [`Error::NoSuchClient`]; no review; an unknown language.
    pub fn review_pack(
        &self,
        file: FileId,
        review: Option<&str>,
        language: Option<&str>,
    ) -> Result<ReviewPack, Error> {
        let account = self.read(file)?;
        let id = crate::reviews::pick_review(&account, review)?;
        let lang = document_language(&account, None, language)?;
        let html = write(self, file, &account, id, lang)?;
        Ok(ReviewPack { lang, html })
    }
}
