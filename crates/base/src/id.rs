//! Identifiers of account files and nodes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Error;

/// The identity of one account file (one client), stable across every node that holds it.
///
/// A UUID v4, created where the file is created, so two nodes never pick the same id.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FileId(Uuid);

impl FileId {
    /// A fresh random file id.
    pub fn new() -> Self {
        Self(Uuid::new_v4())
    }

    /// A fresh random id for an organisation document: a UUID of version 8 (custom), where
    /// every account file's is version 4, so what a document is follows from its id alone and
    /// no peer can present an account file as an organisation's rules, or the reverse.
    pub fn new_organisation() -> Self {
        let mut bytes = Uuid::new_v4().into_bytes();
        bytes[6] = (bytes[6] & 0x0F) | 0x80;
        Self(Uuid::from_bytes(bytes))
    }

    /// The id of the organisation a node starts with on its own: the first 16 bytes of its node
    /// id made an organisation's id, so it is the same whenever that node's store is made (a
    /// node's first files name it) and differs from every other node's.
    pub fn first_organisation_of(node: &NodeId) -> Self {
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&node.as_bytes()[..16]);
        bytes[6] = (bytes[6] & 0x0F) | 0x80;
        bytes[8] = (bytes[8] & 0x3F) | 0x80;
        Self(Uuid::from_bytes(bytes))
    }

    /// Whether this is an organisation document's id (see [`FileId::new_organisation`]).
    pub fn is_organisation(self) -> bool {
        self.0.get_version_num() == 8
    }

    /// The file id with these 16 bytes (as stored in redb keys).
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        Self(Uuid::from_bytes(bytes))
    }

    /// The 16 bytes of this id, the key encoding used in the store.
    pub fn to_bytes(self) -> [u8; 16] {
        self.0.into_bytes()
    }

    /// The UUID inside.
    pub fn uuid(self) -> Uuid {
        self.0
    }

    /// The first eight hex digits, enough for a person to type in a small portfolio.
    pub fn short(self) -> String {
        self.0.simple().to_string()[..8].to_string()
    }
}

impl Default for FileId {
    fn default() -> Self {
        Self::new()
    }
}

impl From<Uuid> for FileId {
    fn from(u: Uuid) -> Self {
        Self(u)
    }
}

impl fmt::Display for FileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl fmt::Debug for FileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FileId({})", self.0)
    }
}

impl FromStr for FileId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Uuid::parse_str(s.trim())
            .map(Self)
            .map_err(|_| Error::BadFileId {
                input: s.to_string(),
            })
    }
}

/// The identity of a node: its ed25519 public key.
///
/// Displayed as 52 lowercase base32 characters (no padding), short enough to copy and read
/// aloud, and unambiguous to parse back.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId([u8; 32]);

const NODE_ID_ENCODING: data_encoding::Encoding = data_encoding::BASE32_NOPAD;

/// SubjectPublicKeyInfo { AlgorithmIdentifier { id-Ed25519 }, BIT STRING (32 bytes) } header.
const SPKI_PREFIX: [u8; 12] = [
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
];

impl NodeId {
    /// The node id whose public key is these bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The 32 bytes of the public key.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The key as an X.509 SubjectPublicKeyInfo (RFC 8410), the form TLS raw public keys
    /// (RFC 7250) carry.
    pub fn to_spki_der(&self) -> [u8; 44] {
        let mut der = [0u8; 44];
        der[..12].copy_from_slice(&SPKI_PREFIX);
        der[12..].copy_from_slice(&self.0);
        der
    }

    /// The node whose SubjectPublicKeyInfo this is; `None` for anything but an ed25519 key.
    pub fn from_spki_der(der: &[u8]) -> Option<Self> {
        let key = der.strip_prefix(&SPKI_PREFIX[..])?;
        <[u8; 32]>::try_from(key).ok().map(Self)
    }

    /// Check an ed25519 `signature` of `message` by this node.
    pub fn verify(&self, message: &[u8], signature: &[u8; 64]) -> bool {
        let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(&self.0) else {
            return false;
        };
        key.verify_strict(message, &ed25519_dalek::Signature::from_bytes(signature))
            .is_ok()
    }

    /// The first ten characters of the text form, for tables.
    pub fn short(&self) -> String {
        self.to_string()[..10].to_string()
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&NODE_ID_ENCODING.encode(&self.0).to_ascii_lowercase())
    }
}

impl fmt::Debug for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NodeId({})", self)
    }
}

impl FromStr for NodeId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = || Error::BadNodeId {
            input: s.to_string(),
        };
        let bytes = NODE_ID_ENCODING
            .decode(s.trim().to_ascii_uppercase().as_bytes())
            .map_err(|_| bad())?;
        let arr: [u8; 32] = bytes.try_into().map_err(|_| bad())?;
        Ok(Self(arr))
    }
}

impl Serialize for NodeId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for NodeId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_ids_and_account_file_ids_never_pass_for_each_other() {
        for _ in 0..64 {
            let org = FileId::new_organisation();
            assert!(org.is_organisation());
            assert_eq!(org.uuid().get_variant(), uuid::Variant::RFC4122);
            assert_eq!(org.to_string().parse::<FileId>().unwrap(), org);
            assert!(!FileId::new().is_organisation());
        }
        let first = FileId::first_organisation_of(&NodeId::from_bytes([0xFF; 32]));
        assert!(first.is_organisation());
        assert_eq!(first.uuid().get_variant(), uuid::Variant::RFC4122);
        assert_ne!(
            first,
            FileId::first_organisation_of(&NodeId::from_bytes([0xFE; 32]))
        );
    }

    #[test]
    fn node_id_text_round_trips_and_is_52_chars() {
        let id = NodeId::from_bytes([7; 32]);
        let text = id.to_string();
        assert_eq!(text.len(), 52);
        assert_eq!(text.parse::<NodeId>().unwrap(), id);
    }

    #[test]
    fn spki_round_trips_and_refuses_other_keys() {
        let id = crate::SecretKey::from_seed([3; 32]).node_id();
        assert_eq!(NodeId::from_spki_der(&id.to_spki_der()), Some(id));
        assert_eq!(NodeId::from_spki_der(&[0u8; 44]), None);
        assert_eq!(NodeId::from_spki_der(&id.to_spki_der()[..40]), None);
    }

    #[test]
    fn signatures_verify_only_for_their_signer_and_message() {
        let key = crate::SecretKey::from_seed([5; 32]);
        let sig = key.sign(b"change");
        assert!(key.node_id().verify(b"change", &sig));
        assert!(!key.node_id().verify(b"other", &sig));
        assert!(
            !crate::SecretKey::from_seed([6; 32])
                .node_id()
                .verify(b"change", &sig)
        );
    }

    #[test]
    fn bad_ids_are_refused_with_the_input_named() {
        let err = "nope".parse::<NodeId>().unwrap_err();
        assert!(err.to_string().contains("nope"));
        let err = "not-a-uuid".parse::<FileId>().unwrap_err();
        assert!(err.to_string().contains("not-a-uuid"));
    }
}
