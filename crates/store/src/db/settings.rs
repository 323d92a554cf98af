//! The store's settings: organisation configuration, free-form metadata and trusted peers.

use casebook_base::{FileId, NodeId};
use casebook_doc::{FileSummary, OrgConfig};
use redb::ReadableTable;

use super::Store;
use crate::tables::{CONFIG, META, PEERS, SUMMARIES};
use crate::{Error, Peer};

impl Store {
    /// The organisation configuration.
    ///
    /// # Errors
    /// [`Error::CorruptRecord`] if it does not decode.
    pub fn config(&self) -> Result<OrgConfig, Error> {
        self.read(|tx| {
            let table = tx.open_table(CONFIG)?;
            match table.get("org")? {
                Some(v) => {
                    serde_json::from_slice(v.value()).map_err(|source| Error::CorruptRecord {
                        what: "configuration".into(),
                        source,
                    })
                }
                None => Ok(OrgConfig::default()),
            }
        })
    }

    /// Replace the configuration and, in the same transaction, every summary computed with it
    /// (the RAG matrix changes roll-up colours).
    ///
    /// # Errors
    /// As [`Store::commit`].
    pub fn set_config(
        &self,
        config: &OrgConfig,
        summaries: &[(FileId, FileSummary)],
    ) -> Result<(), Error> {
        let json = serde_json::to_vec(config).map_err(|source| Error::CorruptRecord {
            what: "configuration".into(),
            source,
        })?;
        self.write(|tx| {
            tx.open_table(CONFIG)?.insert("org", json.as_slice())?;
            let mut table = tx.open_table(SUMMARIES)?;
            for (id, s) in summaries {
                let bytes = serde_json::to_vec(s).map_err(|source| Error::CorruptRecord {
                    what: "summary".into(),
                    source,
                })?;
                table.insert(id.to_bytes(), bytes.as_slice())?;
            }
            Ok(())
        })
    }

    /// A free-form metadata value (e.g. the adviser's name), if set.
    ///
    /// # Errors
    /// redb errors only.
    pub fn meta(&self, key: &str) -> Result<Option<Vec<u8>>, Error> {
        self.read(|tx| {
            let table = tx.open_table(META)?;
            Ok(table.get(key)?.map(|v| v.value().to_vec()))
        })
    }

    /// Durably set a free-form metadata value.
    ///
    /// # Errors
    /// As [`Store::commit`].
    pub fn set_meta(&self, key: &str, value: &[u8]) -> Result<(), Error> {
        self.write(|tx| {
            tx.open_table(META)?.insert(key, value)?;
            Ok(())
        })
    }

    /// Every trusted peer, by node id.
    ///
    /// # Errors
    /// [`Error::CorruptRecord`] if a record does not decode.
    pub fn peers(&self) -> Result<Vec<Peer>, Error> {
        self.read(|tx| {
            // A store created before the peer list existed has no table yet: no peers.
            let table = match tx.open_table(PEERS) {
                Ok(t) => t,
                Err(redb::TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
                Err(e) => return Err(e.into()),
            };
            let mut out = Vec::new();
            for row in table.iter()? {
                let (_, v) = row?;
                out.push(serde_json::from_slice(v.value()).map_err(|source| {
                    Error::CorruptRecord {
                        what: "peer list".into(),
                        source,
                    }
                })?);
            }
            Ok(out)
        })
    }

    /// Durably add or replace a trusted peer.
    ///
    /// # Errors
    /// As [`Store::commit`].
    pub fn put_peer(&self, peer: &Peer) -> Result<(), Error> {
        let json = serde_json::to_vec(peer).map_err(|source| Error::CorruptRecord {
            what: "peer".into(),
            source,
        })?;
        self.write(|tx| {
            tx.open_table(PEERS)?
                .insert(peer.node.as_bytes(), json.as_slice())?;
            Ok(())
        })
    }

    /// Durably remove a peer; returns whether it was there.
    ///
    /// # Errors
    /// As [`Store::commit`].
    pub fn remove_peer(&self, node: &NodeId) -> Result<bool, Error> {
        self.write(|tx| Ok(tx.open_table(PEERS)?.remove(node.as_bytes())?.is_some()))
    }
}
