//! Length-prefixed frames: `u32` little-endian length, then the payload.

use casebook_base::limits::MAX_FRAME_BYTES;

use crate::Error;

/// Bytes in the length prefix.
pub const LEN_BYTES: usize = 4;

/// Append one frame holding `payload` to `out`.
///
/// # Errors
/// [`Error::FrameTooLarge`] if the payload exceeds [`MAX_FRAME_BYTES`]; nothing is written.
pub fn encode_frame(payload: &[u8], out: &mut Vec<u8>) -> Result<(), Error> {
    let len = u32::try_from(payload.len())
        .ok()
        .filter(|l| *l <= MAX_FRAME_BYTES)
        .ok_or(Error::FrameTooLarge {
            len: payload.len() as u64,
            max: MAX_FRAME_BYTES,
        })?;
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(payload);
    Ok(())
}

/// Cuts frames out of bytes as they arrive, in any split.
///
/// # Guarantees
/// Memory held is at most the bytes pushed and not yet returned; a length prefix above
/// [`MAX_FRAME_BYTES`] is an error as soon as its four bytes have arrived, before any payload
/// is buffered for it.
#[derive(Debug, Default)]
pub struct FrameDecoder {
    buf: Vec<u8>,
}

impl FrameDecoder {
    /// An empty decoder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add bytes received from the peer.
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Bytes buffered and not yet returned as frames.
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    /// The next complete frame, if one has arrived.
    ///
    /// # Errors
    /// [`Error::FrameTooLarge`] for an oversized length prefix; the session must then close.
    pub fn next_frame(&mut self) -> Result<Option<Vec<u8>>, Error> {
        let Some(prefix) = self.buf.get(..LEN_BYTES) else {
            return Ok(None);
        };
        let mut len_bytes = [0u8; LEN_BYTES];
        len_bytes.copy_from_slice(prefix);
        let len = u32::from_le_bytes(len_bytes);
        if len > MAX_FRAME_BYTES {
            return Err(Error::FrameTooLarge {
                len: u64::from(len),
                max: MAX_FRAME_BYTES,
            });
        }
        // len ≤ MAX_FRAME_BYTES (8 MiB), so the sum cannot overflow usize.
        let end = LEN_BYTES.saturating_add(len as usize);
        if self.buf.len() < end {
            return Ok(None);
        }
        let payload = self
            .buf
            .get(LEN_BYTES..end)
            .map(<[u8]>::to_vec)
            .unwrap_or_default();
        self.buf.drain(..end);
        Ok(Some(payload))
    }

    /// Call when the peer has finished sending: an incomplete frame is an error.
    ///
    /// # Errors
    /// [`Error::Truncated`] if bytes of a frame are missing.
    pub fn finish(&self) -> Result<(), Error> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let announced = match self.buf.get(..LEN_BYTES) {
            Some(p) => {
                let mut b = [0u8; LEN_BYTES];
                b.copy_from_slice(p);
                u64::from(u32::from_le_bytes(b)).saturating_add(LEN_BYTES as u64)
            }
            None => LEN_BYTES as u64,
        };
        Err(Error::Truncated {
            missing: announced.saturating_sub(self.buf.len() as u64),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn frames_round_trip_in_any_split(
            payloads in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..300), 0..8),
            cuts in proptest::collection::vec(1usize..64, 1..40),
        ) {
            let mut wire = Vec::new();
            for p in &payloads {
                encode_frame(p, &mut wire).unwrap();
            }
            let mut dec = FrameDecoder::new();
            let mut got = Vec::new();
            let mut rest = wire.as_slice();
            let mut i = 0;
            while !rest.is_empty() {
                let n = cuts[i % cuts.len()].min(rest.len());
                dec.push(&rest[..n]);
                rest = &rest[n..];
                while let Some(f) = dec.next_frame().unwrap() {
                    got.push(f);
                }
                i += 1;
            }
            dec.finish().unwrap();
            prop_assert_eq!(got, payloads);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let mut dec = FrameDecoder::new();
            dec.push(&bytes);
            while let Ok(Some(_)) = dec.next_frame() {}
            let _ = dec.finish();
        }
    }

    #[test]
    fn oversized_prefix_is_refused_before_any_payload_is_buffered() {
        let mut dec = FrameDecoder::new();
        dec.push(&(MAX_FRAME_BYTES + 1).to_le_bytes());
        assert_eq!(
            dec.next_frame(),
            Err(Error::FrameTooLarge {
                len: u64::from(MAX_FRAME_BYTES) + 1,
                max: MAX_FRAME_BYTES
            })
        );
        assert_eq!(
            dec.buffered(),
            LEN_BYTES,
            "nothing beyond the prefix was reserved"
        );
        let mut dec = FrameDecoder::new();
        dec.push(&u32::MAX.to_le_bytes());
        assert!(dec.next_frame().is_err());
    }

    #[test]
    fn a_frame_at_the_limit_is_accepted() {
        let payload = vec![7u8; MAX_FRAME_BYTES as usize];
        let mut wire = Vec::new();
        encode_frame(&payload, &mut wire).unwrap();
        let mut dec = FrameDecoder::new();
        dec.push(&wire);
        assert_eq!(
            dec.next_frame().unwrap().map(|f| f.len()),
            Some(payload.len())
        );
        let mut out = Vec::new();
        assert!(encode_frame(&vec![0u8; MAX_FRAME_BYTES as usize + 1], &mut out).is_err());
        assert!(out.is_empty());
    }

    #[test]
    fn truncated_frames_are_reported() {
        let mut wire = Vec::new();
        encode_frame(b"hello world", &mut wire).unwrap();
        let mut dec = FrameDecoder::new();
        dec.push(&wire[..7]);
        assert_eq!(dec.next_frame(), Ok(None));
        assert_eq!(dec.finish(), Err(Error::Truncated { missing: 8 }));
        let mut dec = FrameDecoder::new();
        dec.push(&wire[..2]);
        assert_eq!(dec.finish(), Err(Error::Truncated { missing: 2 }));
    }
}
