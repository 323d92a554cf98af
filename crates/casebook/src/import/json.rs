//! Account files from their JSON export.

use casebook_base::FileId;
use casebook_doc::AccountFile;
use casebook_doc::edit;
use casebook_i18n::Localised;

use casebook_i18n::Message;

use super::validate;
use crate::error::joined;
use crate::{Error, Node};

/// Import an account file from its JSON export as a new file on this node, keeping its entry
/// ids, and its file id unless `as_new`. The JSON carries no history: the import is one change
/// by this node.
///
/// Every field is checked as the CLI checks what an adviser types (vocabularies, ids, scales,
/// dates, the stage against this node's pathway), and a file with any problem is refused whole,
/// each problem named by its field's path with the accepted values.
///
/// With `as_new` the file gets a new file id: a separate copy that shares no history with a
/// file of the same id already here (which `casebook merge` of an Automerge export would bring
/// up to date instead).
///
/// # Errors
/// [`Error::BadInput`] for JSON that is not a valid account file, or (without `as_new`) a file
/// id already here.
pub fn import_json(node: &Node, text: &str, name: &str, as_new: bool) -> Result<FileId, Error> {
    let bad = |reason: Message| Error::BadInput {
        name: name.into(),
        reason,
    };
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| bad(Message::new("err-json-not-json").with("why", e.to_string())))?;
    if !value.is_object() {
        return Err(bad(Message::new("err-json-not-account-file")));
    }
    let refused = |problems: Vec<Message>| {
        bad(Message::new("err-json-refused")
            .with("count", problems.len())
            .with("problems", joined("err-join-semicolon", &problems)))
    };
    validate::words_and_ids(&value).map_err(refused)?;
    let file: AccountFile = serde_json::from_value(value).map_err(|e| {
        bad(Message::new("err-json-not-account-file-why").with("why", e.to_string()))
    })?;
    let ctx = node.edit_context();
    validate::rules(&file, &node.config()?, &ctx).map_err(refused)?;
    let id: FileId = if as_new || file.file_id.is_empty() {
        FileId::new()
    } else {
        file.file_id
            .parse()
            .map_err(|_| bad(Message::new("err-json-bad-file-id").with("id", &file.file_id)))?
    };
    if node.store().contains(id)? {
        return Err(bad(Message::new("err-json-already-here")
            .with("id", id.to_string())
            .with("name", &file.profile.name)
            .with("input", name)));
    }
    let mut doc = node.new_doc(id)?;
    edit::import_account(&mut doc, &ctx, &file).map_err(|e| bad(e.message()))?;
    node.commit_new_files(&[(id, doc)])?;
    Ok(id)
}
