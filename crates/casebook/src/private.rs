//! Personal data at rest: the data directory and the store are for the adviser's eyes only.
//!
//! Account files hold clients' business details and people's names, so `init` makes the data
//! directory owner-only (0700) and the store file owner-only (0600), and opening a store that
//! others can read is reported (with the command that fixes it) rather than refused: the
//! adviser may have a reason, and refusing would lock them out of their own data.

use std::path::{Path, PathBuf};

use casebook_i18n::{Localised, Message};

use crate::Error;

/// A path others on this machine can read, and how to make it private again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exposed {
    /// The path.
    pub path: PathBuf,
    /// Its permission bits (Unix mode & 0o777).
    pub mode: u32,
    /// The command that makes it owner-only, e.g. `chmod 600 '/home/a/casebook/casebook.redb'`.
    pub fix: String,
}

impl Localised for Exposed {
    fn message(&self) -> Message {
        Message::new("err-exposed-store")
            .with("path", self.path.display().to_string())
            .with("mode", format!("{:o}", self.mode))
            .with("fix", &self.fix)
    }
}

impl std::fmt::Display for Exposed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().english())
    }
}

/// Create `dir` (and missing parents) readable by its owner only.
pub(crate) fn create_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Make a file readable and writable by its owner only.
pub(crate) fn restrict_file(path: &Path) -> Result<(), Error> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(
            |source| Error::Io {
                path: path.to_path_buf(),
                source,
            },
        )?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The store file `path` if group or others may read it (Unix only; elsewhere `None`).
pub fn exposed_store(path: &Path) -> Option<Exposed> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
        (mode & 0o044 != 0).then(|| Exposed {
            path: path.to_path_buf(),
            mode,
            fix: format!("chmod 600 '{}'", path.display()),
        })
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn a_new_data_directory_and_store_are_owner_only() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a").join("casebook");
        let node = crate::Node::init(&dir, "Alice").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        let store = dir.join(crate::STORE_FILE);
        assert_eq!(mode(&store), 0o600);
        assert_eq!(exposed_store(&store), None);
        drop(node);
        std::fs::set_permissions(&store, std::fs::Permissions::from_mode(0o644)).unwrap();
        let exposed = exposed_store(&store).unwrap();
        assert!(exposed.to_string().contains("chmod 600"), "{exposed}");
    }
}
