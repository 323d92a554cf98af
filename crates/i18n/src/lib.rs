//! Casebook's words in English and Welsh.
//!
//! Every text casebook shows people (command help, tables, dashboard lines, error messages)
//! is a message in a Project Fluent catalogue, `locales/<lang>/*.ftl`, built into the code.
//! The engine's errors carry a [`Message`] (a key and named arguments) instead of English
//! text, so a program embedding casebook shows them in its user's language with
//! [`Message::render`]; their `Display` is the English rendering.
//!
//! JSON keys and enum values never go through a catalogue: scripts must not break when the
//! language changes.

mod catalogue;
mod dates;
mod message;

pub use catalogue::{Lang, keys_and_variables, text};
pub use dates::long_date;
pub use message::{Arg, Localised, Message};
