//! Account files from their JSON export.

use casebook_base::FileId;
use casebook_doc::AccountFile;
use casebook_doc::edit;

use crate::{Error, Node};

/// Import an account file from its JSON export as a new file on this node (keeping its file id
/// and entry ids). The JSON carries no history: the import is one change by this node.
///
/// # Errors
/// [`Error::BadInput`] for JSON that is not an account file, or a file id already here.
pub fn import_json(node: &Node, text: &str, name: &str) -> Result<FileId, Error> {
    let bad = |reason: String| Error::BadInput {
        name: name.into(),
        reason,
    };
    let file: AccountFile = serde_json::from_str(text)
        .map_err(|e| bad(format!("not an account file in JSON ({e}); give a file written by `casebook export --format json`")))?;
    let id: FileId = if file.file_id.is_empty() {
        FileId::new()
    } else {
        file.file_id
            .parse()
            .map_err(|_| bad(format!("file_id '{}' is not a UUID", file.file_id)))?
    };
    if node.store().contains(id)? {
        return Err(bad(format!(
            "account file {id} ({}) is already in this store; to bring in another node's changes use `casebook merge` with an Automerge export",
            file.profile.name
        )));
    }
    let mut doc = node.new_doc(id)?;
    edit::import_account(&mut doc, &node.edit_context(), &file).map_err(|e| bad(e.to_string()))?;
    node.commit_new_files(&[(id, doc)])?;
    Ok(id)
}
