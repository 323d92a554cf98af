//! Errors as people read them: each cause in the run's language, joined by ": ".
//!
//! The engine's errors carry catalogue messages (`casebook_i18n::Localised`); an error of a
//! type listed here is shown in the run's language, any other (the operating system's, a
//! library's) as its own text.

use crate::i18n::{Localised, say};

/// The message of one error in the chain, if its type speaks the run's language.
fn localised(err: &(dyn std::error::Error + 'static)) -> Option<String> {
    if let Some(e) = err.downcast_ref::<casebook::BaseError>() {
        return Some(say(&e.message()));
    }
    if let Some(e) = err.downcast_ref::<casebook::DocError>() {
        return Some(say(&e.message()));
    }
    if let Some(e) = err.downcast_ref::<casebook::Error>() {
        return Some(say(&e.message()));
    }
    if let Some(e) = err.downcast_ref::<casebook::StoreError>() {
        return Some(say(&e.message()));
    }
    if let Some(e) = err.downcast_ref::<casebook::authority::Refusal>() {
        return Some(say(&e.message()));
    }
    if let Some(e) = err.downcast_ref::<casebook_sync::Error>() {
        return match e {
            // Transparent wrappers: the wrapped error speaks for itself (it is not a link of
            // its own in the chain).
            casebook_sync::Error::Engine(inner) => localised(inner),
            casebook_sync::Error::Net(inner) => localised(inner),
            _ => Some(say(&e.message())),
        };
    }
    if let Some(e) = err.downcast_ref::<casebook_sync::SessionEnd>() {
        return match e {
            casebook_sync::SessionEnd::Local(inner) => localised(inner.as_ref()),
            _ => Some(say(&e.message())),
        };
    }
    if let Some(e) = err.downcast_ref::<casebook_sync::NetError>() {
        return Some(say(&e.message()));
    }
    None
}

/// The whole error in the run's language: each cause after the one before, joined by ": ".
pub(crate) fn render(err: &anyhow::Error) -> String {
    err.chain()
        .map(|e| localised(e).unwrap_or_else(|| e.to_string()))
        .collect::<Vec<_>>()
        .join(": ")
}
