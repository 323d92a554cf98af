//! Speaking casebook's sync protocol by hand over a raw stream: frames as a peer writes them,
//! and a node's answers read back as messages.

use std::time::Duration;

use casebook::FileId;
use casebook::automerge::Automerge;
use casebook::automerge::sync::{State, SyncDoc};
use casebook::limits::PROTOCOL_VERSION;
use casebook_proto::codec::{FrameDecoder, encode_frame};
use casebook_proto::{Cursor, Message};

use super::Result;

/// `msg` as one frame (length prefix and payload).
///
/// # Errors
/// If the message is larger than a frame may be.
pub fn frame(msg: &Message) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    encode_frame(&msg.encode(), &mut out)?;
    Ok(out)
}

/// A first-contact `Hello` (no cursor); `live` as `casebook serve` sends it.
pub fn hello(live: bool) -> Message {
    Message::Hello {
        version: PROTOCOL_VERSION,
        cursor: Cursor::default(),
        live,
    }
}

/// The first Automerge sync message of a peer that holds nothing of `file`: a request for the
/// whole file.
///
/// # Errors
/// Never in practice (Automerge always has a first message).
pub fn ask_for(file: FileId) -> Result<Message> {
    let message = Automerge::new()
        .generate_sync_message(&mut State::new())
        .ok_or("Automerge has no first message")?
        .encode();
    Ok(Message::Sync {
        file: file.to_bytes(),
        message,
        signatures: Vec::new(),
    })
}

/// Reads a node's frames back as messages.
#[derive(Debug, Default)]
pub struct Reader {
    decoder: FrameDecoder,
    /// Bytes read so far.
    pub bytes: u64,
}

impl Reader {
    /// A reader with nothing read yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Read until `stop` says a message is the one awaited (returning it), the stream ends, or
    /// `wait` passes (`None` then).
    ///
    /// # Errors
    /// If the node sends a frame or message that does not decode.
    pub async fn until(
        &mut self,
        recv: &mut quinn::RecvStream,
        wait: Duration,
        mut stop: impl FnMut(&Message) -> bool,
    ) -> Result<Option<Message>> {
        let deadline = tokio::time::Instant::now() + wait;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            while let Some(f) = self.decoder.next_frame()? {
                let m = Message::decode(&f)?;
                if stop(&m) {
                    return Ok(Some(m));
                }
            }
            match tokio::time::timeout_at(deadline, recv.read(&mut buf)).await {
                Ok(Ok(Some(n))) => {
                    self.bytes += n as u64;
                    self.decoder.push(&buf[..n]);
                }
                Ok(Ok(None) | Err(_)) | Err(_) => return Ok(None),
            }
        }
    }
}
