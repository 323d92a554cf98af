//! `casebook client letter`: the points-of-contact letter (CT-1), in the client's language.

use anyhow::Context;

use super::{Ctx, find};
use crate::args::LetterArgs;
use crate::i18n::ta;
use crate::output::{self, line};

pub(crate) fn points_of_contact(ctx: &Ctx, a: &LetterArgs) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let file = find(&node, &a.file)?;
    let letter = node.points_of_contact_letter(file, a.to.as_deref(), a.language.as_deref())?;
    let text = letter.render();
    if let Some(path) = &a.out {
        std::fs::write(path, &text).with_context(|| {
            ta(
                "letter-cannot-write",
                &[("path", path.display().to_string().into())],
            )
        })?;
    }
    if ctx.json {
        return output::json(&serde_json::json!({
            "kind": letter.kind,
            "language": letter.language.tag(),
            "text": text,
        }));
    }
    match &a.out {
        Some(path) => line(ta(
            "letter-written",
            &[
                ("path", path.display().to_string().into()),
                ("language", letter.language.tag().into()),
            ],
        )),
        None => line(text.trim_end()),
    }
}
