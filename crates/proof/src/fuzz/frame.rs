//! `frame`: the frame decoder fed a byte stream in arbitrary chunks.
//!
//! Input: `n` (first byte, mod 8), then `n` chunk sizes (each byte + 1), then the stream; the
//! stream is pushed in chunks of those sizes, in turn (all at once when `n` is 0).
//!
//! Invariants: the frames and the error are the same as when the stream arrives in one piece;
//! after every call the decoder holds exactly the bytes pushed and not returned; every frame
//! fits [`MAX_FRAME_BYTES`]; an oversized length prefix is refused as soon as its four bytes are
//! there, holding nothing of its payload; the frames re-encode to exactly the bytes they were
//! cut from; `finish` is `Ok` exactly when nothing is buffered, and names the bytes missing.

use casebook::limits::MAX_FRAME_BYTES;
use casebook_proto::Error;
use casebook_proto::codec::{FrameDecoder, LEN_BYTES, encode_frame};

use super::{Target, Violation, ensure, no_fixture};

/// The `frame` target.
pub const TARGET: Target = Target {
    name: "frame",
    run: frame,
    prepare: no_fixture,
    alloc_limit: MAX_FRAME_BYTES as usize,
};

/// How a decoder's run over a stream ended.
#[derive(Debug, PartialEq, Eq)]
struct Run {
    frames: Vec<Vec<u8>>,
    error: Option<Error>,
    /// `finish()` once the stream ended (only without an error).
    finish: Option<Result<(), Error>>,
}

/// Decode `stream` pushed in the given chunk sizes, checking the decoder's bookkeeping after
/// every call.
fn decode(stream: &[u8], chunks: &[usize]) -> Result<Run, Violation> {
    let mut dec = FrameDecoder::new();
    let mut frames = Vec::new();
    let mut rest = stream;
    let mut pushed = 0usize;
    let mut returned = 0usize;
    let mut turn = 0usize;
    loop {
        let n = match chunks.get(turn % chunks.len().max(1)) {
            Some(n) => (*n).min(rest.len()),
            None => rest.len(),
        };
        turn += 1;
        let (chunk, tail) = rest.split_at(n);
        rest = tail;
        dec.push(chunk);
        pushed += chunk.len();
        loop {
            let held = pushed - returned;
            ensure(dec.buffered() == held, || {
                format!(
                    "the decoder holds {} bytes, but {held} were pushed and not returned",
                    dec.buffered()
                )
            })?;
            match dec.next_frame() {
                Ok(Some(f)) => {
                    ensure(f.len() <= MAX_FRAME_BYTES as usize, || {
                        format!("a frame of {} bytes was returned", f.len())
                    })?;
                    returned += LEN_BYTES + f.len();
                    frames.push(f);
                }
                Ok(None) => break,
                Err(e) => {
                    if let Error::FrameTooLarge { len, max } = &e {
                        ensure(*len > u64::from(*max), || {
                            format!("a frame of {len} bytes was refused under the {max} limit")
                        })?;
                        ensure(dec.buffered() == held, || {
                            "refusing an oversized frame changed what is buffered".into()
                        })?;
                        // Refused as soon as the prefix arrived: what is held starts with the
                        // prefix, of which fewer than four bytes were there before this push.
                        ensure(held < LEN_BYTES + chunk.len(), || {
                            format!(
                                "an oversized prefix was refused only after {held} bytes were buffered"
                            )
                        })?;
                    }
                    return Ok(Run {
                        frames,
                        error: Some(e),
                        finish: None,
                    });
                }
            }
        }
        if rest.is_empty() {
            break;
        }
    }
    let finish = dec.finish();
    let held = pushed - returned;
    match &finish {
        Ok(()) => ensure(held == 0, || {
            format!("finish() accepted a stream ending with {held} bytes of a frame")
        })?,
        Err(Error::Truncated { missing }) => {
            ensure(held > 0 && *missing > 0, || {
                format!("finish() reported {missing} bytes missing with {held} held")
            })?;
            let announced = dec.buffered();
            ensure(announced == held, || "finish() changed the buffer".into())?;
        }
        Err(e) => return Err(Violation(format!("finish() failed with {e}"))),
    }
    Ok(Run {
        frames,
        error: None,
        finish: Some(finish),
    })
}

/// One input of the `frame` target.
///
/// # Errors
/// A [`Violation`] naming the broken invariant.
pub fn frame(data: &[u8]) -> Result<(), Violation> {
    let (n, rest) = match data.split_first() {
        Some((n, rest)) => (usize::from(*n % 8).min(rest.len()), rest),
        None => (0, data),
    };
    let (sizes, stream) = rest.split_at(n);
    let chunks: Vec<usize> = sizes.iter().map(|s| usize::from(*s) + 1).collect();

    let whole = decode(stream, &[])?;
    let cut = decode(stream, &chunks)?;
    ensure(whole == cut, || {
        format!(
            "the stream decodes differently in chunks {chunks:?}: {} frames and {:?} at once, {} frames and {:?} in chunks",
            whole.frames.len(),
            whole.error,
            cut.frames.len(),
            cut.error
        )
    })?;
    // The frames are exactly the bytes they were cut from.
    let mut wire = Vec::new();
    for f in &cut.frames {
        encode_frame(f, &mut wire)
            .map_err(|e| Violation(format!("a returned frame does not re-encode: {e}")))?;
    }
    ensure(stream.starts_with(&wire), || {
        "the frames do not re-encode to the stream they came from".into()
    })?;
    if let Some(Err(Error::Truncated { missing })) = &cut.finish {
        let tail = stream.get(wire.len()..).unwrap_or_default();
        let announced = tail.get(..LEN_BYTES).map_or(LEN_BYTES as u64, |p| {
            let mut b = [0u8; LEN_BYTES];
            b.copy_from_slice(p);
            u64::from(u32::from_le_bytes(b)) + LEN_BYTES as u64
        });
        ensure(*missing == announced - tail.len() as u64, || {
            format!(
                "finish() says {missing} bytes are missing; the stream lacks {}",
                announced - tail.len() as u64
            )
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_streams_keep_the_invariants() {
        let mut wire = Vec::new();
        encode_frame(b"hello", &mut wire).unwrap_or_default();
        encode_frame(b"", &mut wire).unwrap_or_default();
        let mut input = vec![3, 0, 1, 6];
        input.extend_from_slice(&wire);
        assert_eq!(frame(&input), Ok(()));
        input.extend_from_slice(&(MAX_FRAME_BYTES + 1).to_le_bytes());
        assert_eq!(frame(&input), Ok(()));
        assert_eq!(frame(&[2, 1, 1, 9, 0, 0]), Ok(()));
        assert_eq!(frame(&[]), Ok(()));
    }
}
