//! The node's secret key and its key file.

use std::fmt;
use std::io::Write;
use std::path::Path;

use ed25519_dalek::SigningKey;

use crate::{Error, NodeId};

/// A node's ed25519 secret key.
///
/// `Debug` never prints the key, so it cannot leak through logs.
pub struct SecretKey(SigningKey);

impl SecretKey {
    /// A fresh key from the operating system's random number generator.
    ///
    /// # Errors
    /// [`Error::Random`] if the OS has no randomness to give.
    pub fn generate() -> Result<Self, Error> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| Error::Random(e.to_string()))?;
        Ok(Self(SigningKey::from_bytes(&seed)))
    }

    /// The key with this 32-byte seed (for tests and fixtures).
    pub fn from_seed(seed: [u8; 32]) -> Self {
        Self(SigningKey::from_bytes(&seed))
    }

    /// The key as PKCS#8 DER (RFC 8410), the form TLS libraries load.
    ///
    /// The result holds the secret: keep it in memory only as long as needed.
    pub fn to_pkcs8_der(&self) -> Vec<u8> {
        // PrivateKeyInfo { version 0, algorithm id-Ed25519, OCTET STRING { OCTET STRING seed } }
        const PREFIX: [u8; 16] = [
            0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22,
            0x04, 0x20,
        ];
        let mut der = PREFIX.to_vec();
        der.extend_from_slice(&self.0.to_bytes());
        der
    }

    /// The 32-byte secret seed. It is the secret key: never log or send it.
    pub fn to_seed(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// Sign `message` with this key (ed25519).
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        use ed25519_dalek::Signer;
        self.0.sign(message).to_bytes()
    }

    /// The public half of this key, which is the node's identity.
    pub fn node_id(&self) -> NodeId {
        NodeId::from_bytes(self.0.verifying_key().to_bytes())
    }

    /// Write the key to a new file readable and writable by its owner only (mode 0600).
    ///
    /// # Errors
    /// [`Error::KeyIo`] if the file exists already or cannot be written.
    ///
    /// # Guarantees
    /// The file is flushed to disk (fsync) before this returns.
    pub fn write_new(&self, path: &Path) -> Result<(), Error> {
        let io = |source| Error::KeyIo {
            path: path.to_path_buf(),
            source,
        };
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(path).map_err(io)?;
        file.write_all(&self.0.to_bytes()).map_err(io)?;
        file.sync_all().map_err(io)
    }

    /// Read the key from its file, refusing a file that others may read.
    ///
    /// # Errors
    /// [`Error::KeyPermissions`] if the file is group- or world-readable,
    /// [`Error::KeyMalformed`] if it does not hold 32 bytes, [`Error::KeyIo`] if unreadable.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let io = |source| Error::KeyIo {
            path: path.to_path_buf(),
            source,
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path).map_err(io)?.permissions().mode();
            if mode & 0o077 != 0 {
                return Err(Error::KeyPermissions {
                    path: path.to_path_buf(),
                    mode: mode & 0o777,
                });
            }
        }
        let bytes = std::fs::read(path).map_err(io)?;
        let seed: [u8; 32] = bytes.try_into().map_err(|_| Error::KeyMalformed {
            path: path.to_path_buf(),
        })?;
        Ok(Self(SigningKey::from_bytes(&seed)))
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretKey(node {}, secret redacted)", self.node_id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_file_is_owner_only_and_round_trips() {
        let dir = std::env::temp_dir().join(format!("cb-key-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("node.key");
        let key = SecretKey::generate().unwrap();
        key.write_new(&path).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(SecretKey::read(&path).unwrap().node_id(), key.node_id());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn world_readable_key_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("cb-key-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("node.key");
        SecretKey::generate().unwrap().write_new(&path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = SecretKey::read(&path).unwrap_err();
        assert!(matches!(err, Error::KeyPermissions { .. }), "{err}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn debug_does_not_print_the_secret() {
        let key = SecretKey::from_seed([42; 32]);
        let dbg = format!("{key:?}");
        assert!(dbg.contains("redacted"));
        assert!(!dbg.contains("42, 42"));
    }
}
