//! A message to show a person: a catalogue key and its arguments, rendered in any language.

use std::borrow::Cow;
use std::fmt;

use crate::catalogue::{Lang, text};

/// One argument of a message: text, or a number (numbers choose plural forms).
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Text shown as it is (names, ids, dates already formatted).
    Text(String),
    /// A number; the catalogue may choose a plural form by it.
    Number(f64),
    /// Another message, rendered in the same language (a reason inside an error).
    Message(Box<Message>),
}

impl From<Message> for Arg {
    fn from(v: Message) -> Self {
        Arg::Message(Box::new(v))
    }
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_string())
    }
}

impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}

impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Arg::Text(v.clone())
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Self {
                // Counts and limits in messages are far below 2^53: exact as f64.
                Arg::Number(v as f64)
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i32, i64, f64);

/// A message: the key of a text in the catalogues, with named arguments.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    /// The catalogue key, e.g. `err-no-such-client`.
    pub key: Cow<'static, str>,
    /// The arguments by name, in the order given.
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// A message with no arguments yet.
    pub fn new(key: impl Into<Cow<'static, str>>) -> Self {
        Message {
            key: key.into(),
            args: Vec::new(),
        }
    }

    /// The message with one more argument.
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        text(lang, &self.key, &self.args)
    }

    /// The message in English.
    pub fn english(&self) -> String {
        self.render(Lang::En)
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

/// Something that can say what it is in any language: the engine's errors.
pub trait Localised {
    /// The message describing this value.
    fn message(&self) -> Message;
}
