//! Alphabetical order of names, in English or in Welsh (CY-1).
//!
//! In the Welsh alphabet ch, dd, ff, ng, ll, ph, rh and th are letters of their own:
//! a b c ch d dd e f ff g ng h i j l ll m n o p ph r rh s t th u w y. So `Clwyd` sorts before
//! `Chwilog` (c before ch) and `licio` before `llan` before `llwy`. Accented letters (â, ŵ, ŷ,
//! é, ...) sort with their base letter and after it when all else is equal; case decides only
//! last. A pair of letters is read as a digraph wherever it can be, as dictionaries and ICU's
//! Welsh tailoring do; a word where n and g are separate letters (Bangor) therefore sorts as if
//! they were joined, the known limit of every rule-based Welsh collation.

use std::cmp::Ordering;

/// Which alphabet names are ordered by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Collation {
    /// English: letters a–z, accents and case only as tie-breakers.
    English,
    /// Welsh: the 29 letters of the Welsh alphabet, digraphs as letters.
    Welsh,
}

/// The Welsh alphabet in order; a letter's position is its primary weight.
const WELSH: [&str; 29] = [
    "a", "b", "c", "ch", "d", "dd", "e", "f", "ff", "g", "ng", "h", "i", "j", "l", "ll", "m", "n",
    "o", "p", "ph", "r", "rh", "s", "t", "th", "u", "w", "y",
];

/// Letters of other alphabets' words (k, q, v, x, z) placed where English puts them, between
/// the Welsh letters around them.
const OTHERS: [(&str, &str); 5] = [("k", "j"), ("q", "p"), ("v", "u"), ("x", "w"), ("z", "y")];

/// The base letter of an accented one, and whether it had an accent.
fn fold(c: char) -> (char, bool) {
    let base = match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ẁ' | 'ẃ' | 'ŵ' | 'ẅ' => 'w',
        'ỳ' | 'ý' | 'ŷ' | 'ÿ' => 'y',
        'ç' => 'c',
        'ñ' => 'n',
        other => return (other, false),
    };
    (base, true)
}

/// The sort key of one name: primary weights (letters), then accents, then case.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey {
    primary: Vec<u32>,
    accents: Vec<bool>,
    case: Vec<bool>,
}

impl Collation {
    /// The key `name` sorts by.
    pub fn key(self, name: &str) -> SortKey {
        let chars: Vec<char> = name.trim().chars().collect();
        let mut key = SortKey {
            primary: Vec::with_capacity(chars.len()),
            accents: Vec::with_capacity(chars.len()),
            case: Vec::with_capacity(chars.len()),
        };
        let mut i = 0;
        while i < chars.len() {
            let upper = chars[i].is_uppercase();
            let (first, accented) = fold(chars[i].to_lowercase().next().unwrap_or(chars[i]));
            let mut taken = 1;
            let mut weight = None;
            if self == Collation::Welsh {
                if let Some(&next) = chars.get(i + 1) {
                    let (second, _) = fold(next.to_lowercase().next().unwrap_or(next));
                    let pair: String = [first, second].iter().collect();
                    if let Some(p) = WELSH.iter().position(|l| *l == pair) {
                        weight = Some(welsh_weight(p));
                        taken = 2;
                    }
                }
                if weight.is_none() {
                    weight = Some(welsh_letter(first));
                }
            }
            key.primary
                .push(weight.unwrap_or_else(|| english_weight(first)));
            key.accents.push(accented);
            key.case.push(upper);
            i += taken;
        }
        key
    }

    /// Compare two names in this alphabet.
    pub fn compare(self, a: &str, b: &str) -> Ordering {
        self.key(a).cmp(&self.key(b)).then_with(|| a.cmp(b))
    }
}

/// Letters weigh 1,000 apart so that letters from other alphabets fit between them; anything
/// that is not a letter (digits, spaces, punctuation) weighs less than every letter, by its
/// code point.
fn welsh_weight(position: usize) -> u32 {
    100_000 + 1_000 * u32::try_from(position).unwrap_or(0)
}

fn welsh_letter(c: char) -> u32 {
    let text = c.to_string();
    if let Some(p) = WELSH.iter().position(|l| *l == text) {
        return welsh_weight(p);
    }
    if let Some((_, after)) = OTHERS.iter().find(|(l, _)| *l == text)
        && let Some(p) = WELSH.iter().position(|l| l == after)
    {
        return welsh_weight(p) + 500;
    }
    english_weight(c)
}

fn english_weight(c: char) -> u32 {
    if c.is_ascii_lowercase() {
        100_000 + 1_000 * (u32::from(c) - u32::from('a'))
    } else {
        u32::from(c).min(99_999)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(collation: Collation, names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| collation.compare(a, b));
        v
    }

    #[test]
    fn welsh_digraphs_are_letters() {
        assert_eq!(
            sorted(Collation::Welsh, &["Chwilog", "Clwyd", "Cymer"]),
            ["Clwyd", "Cymer", "Chwilog"]
        );
        assert_eq!(
            sorted(Collation::Welsh, &["llwy", "llan", "licio", "lori"]),
            ["licio", "lori", "llan", "llwy"]
        );
        assert_eq!(
            sorted(Collation::Welsh, &["Rhyl", "Ruthin", "Rhosneigr"]),
            ["Ruthin", "Rhosneigr", "Rhyl"]
        );
        assert_eq!(
            sorted(Collation::Welsh, &["Ffestiniog", "Fairbourne", "Gwynedd"]),
            ["Fairbourne", "Ffestiniog", "Gwynedd"]
        );
        assert_eq!(
            sorted(Collation::Welsh, &["Thomas", "Tywyn", "Tenby"]),
            ["Tenby", "Tywyn", "Thomas"]
        );
    }

    #[test]
    fn english_order_is_the_usual_one() {
        assert_eq!(
            sorted(Collation::English, &["Chwilog", "Clwyd", "Cymer"]),
            ["Chwilog", "Clwyd", "Cymer"]
        );
        assert_eq!(
            sorted(Collation::English, &["llwy", "llan", "licio"]),
            ["licio", "llan", "llwy"]
        );
    }

    #[test]
    fn accents_and_case_only_break_ties() {
        assert_eq!(
            sorted(Collation::Welsh, &["tŷ", "ty", "Ty", "tyb"]),
            ["ty", "Ty", "tŷ", "tyb"]
        );
        assert_eq!(
            sorted(Collation::Welsh, &["Ŵy", "Wyau", "Wrecsam"]),
            ["Wrecsam", "Ŵy", "Wyau"]
        );
    }
}
