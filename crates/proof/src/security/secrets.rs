//! Every text form a node's secret key could take in output, and a search for any of them.
//!
//! The secret is the 32-byte ed25519 seed that `node.key` holds. It could leak raw, or inside
//! the PKCS#8 DER that TLS loads, or as a 64-byte keypair (seed then public key), in hex,
//! base64, base32 (the encoding node ids use), or as a `Debug` byte array. The search looks
//! for any run of at least [`WINDOW_BYTES`] bytes of the seed in each of those forms, so a
//! partial leak is found too. Runs are cut from the encoding of the whole container, at every
//! position that covers seed bits only, so the alignment a leak would have is covered.

use data_encoding::Encoding;

/// The shortest run of secret bytes a search finds.
pub const WINDOW_BYTES: usize = 8;

/// The forms of one secret key.
#[derive(Clone)]
pub struct SecretForms {
    /// (description, needle) pairs; any needle in the output is a leak.
    needles: Vec<(String, Vec<u8>)>,
}

impl std::fmt::Debug for SecretForms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The needles are pieces of the secret itself.
        write!(f, "SecretForms({} needles)", self.needles.len())
    }
}

/// A text encoding and how many bits each of its characters carries.
struct TextForm {
    name: &'static str,
    encoding: Encoding,
    bits: usize,
    lowercase_too: bool,
}

fn text_forms() -> Vec<TextForm> {
    vec![
        TextForm {
            name: "hex",
            encoding: data_encoding::HEXLOWER,
            bits: 4,
            lowercase_too: false,
        },
        TextForm {
            name: "HEX",
            encoding: data_encoding::HEXUPPER,
            bits: 4,
            lowercase_too: false,
        },
        TextForm {
            name: "base64",
            encoding: data_encoding::BASE64,
            bits: 6,
            lowercase_too: false,
        },
        TextForm {
            name: "base64url",
            encoding: data_encoding::BASE64URL,
            bits: 6,
            lowercase_too: false,
        },
        TextForm {
            name: "base32",
            encoding: data_encoding::BASE32,
            bits: 5,
            lowercase_too: true,
        },
        TextForm {
            name: "base32hex",
            encoding: data_encoding::BASE32HEX,
            bits: 5,
            lowercase_too: true,
        },
    ]
}

impl SecretForms {
    /// The forms of the key with this seed, given its PKCS#8 DER and public key.
    pub fn new(seed: [u8; 32], pkcs8: &[u8], public: [u8; 32]) -> Self {
        let mut needles = Vec::new();
        // (container name, bytes, where the seed sits in them)
        let mut containers: Vec<(&str, Vec<u8>, usize)> = vec![("seed", seed.to_vec(), 0)];
        if let Some(at) = pkcs8.windows(32).position(|w| w == seed) {
            containers.push(("PKCS#8", pkcs8.to_vec(), at));
        }
        containers.push(("keypair", [seed, public].concat(), 0));
        for (container, bytes, at) in &containers {
            let seed_bits = at * 8..(at + 32) * 8;
            for form in text_forms() {
                let text = form.encoding.encode(bytes);
                let chars = WINDOW_BYTES * 8 / form.bits + 1;
                for start in 0..text.len().saturating_sub(chars) {
                    let bits = start * form.bits..(start + chars) * form.bits;
                    if bits.start < seed_bits.start || bits.end > seed_bits.end {
                        continue;
                    }
                    let run = &text[start..start + chars];
                    let name = format!("{} of the {container}", form.name);
                    needles.push((name.clone(), run.as_bytes().to_vec()));
                    if form.lowercase_too {
                        needles.push((
                            format!("{name}, lowercase"),
                            run.to_ascii_lowercase().into_bytes(),
                        ));
                    }
                }
            }
        }
        for w in seed.windows(WINDOW_BYTES) {
            needles.push(("raw bytes".into(), w.to_vec()));
            let numbers: Vec<String> = w.iter().map(u8::to_string).collect();
            needles.push(("Debug byte array".into(), numbers.join(", ").into_bytes()));
            let hex: Vec<String> = w.iter().map(|b| format!("{b:#04x}")).collect();
            needles.push(("0x byte list".into(), hex.join(", ").into_bytes()));
        }
        Self { needles }
    }

    /// The forms of `key`.
    pub fn of(key: &casebook::SecretKey) -> Self {
        Self::new(
            key.to_seed(),
            &key.to_pkcs8_der(),
            *key.node_id().as_bytes(),
        )
    }

    /// How many needles are searched for.
    pub fn len(&self) -> usize {
        self.needles.len()
    }

    /// Whether there is nothing to search for (never, for a real key).
    pub fn is_empty(&self) -> bool {
        self.needles.is_empty()
    }

    /// The first form of the secret found in `haystack`, if any.
    pub fn find_in(&self, haystack: &[u8]) -> Option<&str> {
        self.needles
            .iter()
            .find(|(_, n)| haystack.windows(n.len()).any(|w| w == n.as_slice()))
            .map(|(what, _)| what.as_str())
    }

    /// Every text encoding of the whole seed this search covers, as (name, text): for the
    /// suite's self-test, which plants each one in output and checks that it is found.
    pub fn encodings_of(seed: [u8; 32]) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = text_forms()
            .into_iter()
            .map(|f| (f.name.to_string(), f.encoding.encode(&seed)))
            .collect();
        out.push((
            "base32, lowercase, no padding".into(),
            data_encoding::BASE32_NOPAD
                .encode(&seed)
                .to_ascii_lowercase(),
        ));
        out.push((
            "base64, no padding".into(),
            data_encoding::BASE64_NOPAD.encode(&seed),
        ));
        out.push(("Debug byte array".into(), format!("{seed:?}")));
        out
    }
}
