//! The fake disk under redb's own [`StorageBackend`] seam.
//!
//! A [`Disk`] holds the file image in memory as the operating system would see it (every write
//! applied, as in the page cache), and remembers what is not yet durable: the writes since the
//! last successful `sync_data`. On top of that it can
//! - record every write, length change and `sync_data` in order ([`Disk::record`],
//!   [`Recording`]), so a suite can rebuild the image a crash would leave at any point: the
//!   durable image at a sync point ([`Replay`]), or that image with the unsynced writes after it
//!   applied, dropped or garbage-filled sector by sector ([`torn`]);
//! - fail the N-th operation with an I/O error, once (transient) or from then on (persistent),
//!   EIO or ENOSPC ([`Fault`]);
//! - give the durable image now ([`Disk::durable_image`]): what a power cut at this moment
//!   leaves if none of the unsynced writes reached the platter.
//!
//! [`FaultBackend`] is the [`StorageBackend`] redb sees. It grants every byte-range lock (one
//! process, one handle at a time), which is what lets the store open in its real multi-writer
//! mode.

use std::io;
use std::ops::Bound;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use redb::{BackendError, StorageBackend};

use crate::rng::Rng;

/// `errno` of "No space left on device".
pub const ENOSPC: i32 = 28;
/// `errno` of "Input/output error".
pub const EIO: i32 = 5;

/// The bytes at the start of the file that hold redb's database header (it takes 320 of them;
/// this is the 512-byte sector around them). redb rewrites the header in place on every
/// commit, and assumes single bytes are written atomically: garbage here is outside its media
/// model, so the torn-write suite reports those images apart.
pub const HEADER_BYTES: u64 = 512;

/// One recorded operation that changes the file or makes it durable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// `data` written at `offset`.
    Write {
        /// Where.
        offset: u64,
        /// What.
        data: Vec<u8>,
    },
    /// The file's length set.
    SetLen(u64),
    /// `sync_data` returned `Ok`: everything before it is durable.
    Sync,
}

/// The kinds of operation a [`StorageBackend`] performs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpKind {
    /// `len`.
    Len,
    /// `read`.
    Read,
    /// `write`.
    Write,
    /// `set_len`.
    SetLen,
    /// `sync_data`.
    Sync,
}

/// Which I/O error a fault raises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// `EIO`, on any operation.
    Eio,
    /// `ENOSPC`, on the operations that may need space: writes, length changes and syncs.
    Enospc,
}

impl FaultKind {
    /// The error the operation returns.
    pub fn error(self) -> io::Error {
        match self {
            Self::Eio => io::Error::from_raw_os_error(EIO),
            Self::Enospc => io::Error::from_raw_os_error(ENOSPC),
        }
    }

    /// Whether this kind of fault can hit an operation of `kind`.
    pub fn hits(self, kind: OpKind) -> bool {
        match self {
            Self::Eio => true,
            Self::Enospc => matches!(kind, OpKind::Write | OpKind::SetLen | OpKind::Sync),
        }
    }

    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Self::Eio => "EIO",
            Self::Enospc => "ENOSPC",
        }
    }
}

/// An I/O error injected at the `at`-th operation (1-based) that `kind` can hit, counted from
/// when the fault is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fault {
    /// Which operation fails first.
    pub at: u64,
    /// The error.
    pub kind: FaultKind,
    /// Whether every later operation the kind can hit fails too (a dead disk, a full one), or
    /// only that one (a transient error).
    pub persistent: bool,
}

/// How to undo one unsynced operation: the length before it and the bytes it overwrote.
#[derive(Clone, Debug)]
struct Undo {
    old_len: usize,
    offset: usize,
    old: Vec<u8>,
}

#[derive(Debug, Default)]
struct State {
    image: Vec<u8>,
    /// Undo records of the operations since the last successful sync, oldest first.
    undo: Vec<Undo>,
    /// The recording, if one is running: the image when it started and every operation since.
    recording: Option<Recording>,
    /// Operations of every kind since the fault was set.
    ops: u64,
    /// Operations an ENOSPC fault can hit since the fault was set.
    space_ops: u64,
    fault: Option<Fault>,
    /// How many operations failed because of the fault.
    failures: u64,
    /// How many operations of every kind were performed in all.
    total_ops: u64,
}

/// A disk image in memory, shared by the test and the [`FaultBackend`] redb writes through.
#[derive(Clone, Debug, Default)]
pub struct Disk(Arc<Mutex<State>>);

fn to_usize(n: u64) -> io::Result<usize> {
    usize::try_from(n).map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "offset too large"))
}

impl Disk {
    /// An empty disk (a new file).
    pub fn new() -> Self {
        Self::default()
    }

    /// A disk holding `image`, all of it durable.
    pub fn from_image(image: Vec<u8>) -> Self {
        let disk = Self::default();
        disk.state().image = image;
        disk
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A backend over this disk for redb.
    pub fn backend(&self) -> FaultBackend {
        FaultBackend { disk: self.clone() }
    }

    /// Start recording every write, length change and sync from the current image on.
    pub fn record(&self) {
        let mut s = self.state();
        s.recording = Some(Recording {
            base: s.image.clone(),
            ops: Vec::new(),
        });
    }

    /// Stop recording and return the recording, if one was running.
    pub fn take_recording(&self) -> Option<Recording> {
        self.state().recording.take()
    }

    /// How many operations the running recording holds: the position of the next one. A
    /// workload's journal marks each call's start and end with it.
    pub fn position(&self) -> usize {
        self.state().recording.as_ref().map_or(0, |r| r.ops.len())
    }

    /// The image as the operating system sees it now: every write applied.
    pub fn image(&self) -> Vec<u8> {
        self.state().image.clone()
    }

    /// The image a power cut now would leave if none of the writes since the last successful
    /// sync reached the disk.
    pub fn durable_image(&self) -> Vec<u8> {
        let s = self.state();
        let mut image = s.image.clone();
        for u in s.undo.iter().rev() {
            undo(&mut image, u);
        }
        image
    }

    /// Inject `fault` (counting operations from now), or none.
    pub fn set_fault(&self, fault: Option<Fault>) {
        let mut s = self.state();
        s.fault = fault;
        s.ops = 0;
        s.space_ops = 0;
        s.failures = 0;
    }

    /// How many operations failed because of the fault since it was set.
    pub fn failures(&self) -> u64 {
        self.state().failures
    }

    /// How many operations of every kind this disk performed.
    pub fn total_ops(&self) -> u64 {
        self.state().total_ops
    }

    /// How many operations of every kind, and of the kinds ENOSPC hits, were performed since
    /// the fault was last set.
    pub fn ops_since_fault_set(&self) -> (u64, u64) {
        let s = self.state();
        (s.ops, s.space_ops)
    }

    /// Count one operation of `kind` and fail it if the fault says so.
    fn begin(&self, s: &mut State, kind: OpKind) -> io::Result<()> {
        s.total_ops += 1;
        s.ops += 1;
        if FaultKind::Enospc.hits(kind) {
            s.space_ops += 1;
        }
        let Some(fault) = s.fault else {
            return Ok(());
        };
        if !fault.kind.hits(kind) {
            return Ok(());
        }
        let n = match fault.kind {
            FaultKind::Eio => s.ops,
            FaultKind::Enospc => s.space_ops,
        };
        if n == fault.at || (fault.persistent && n > fault.at) {
            s.failures += 1;
            return Err(fault.kind.error());
        }
        Ok(())
    }
}

/// Undo one operation on `image`.
fn undo(image: &mut Vec<u8>, u: &Undo) {
    let end = u.offset + u.old.len();
    if image.len() < end {
        image.resize(end, 0);
    }
    image[u.offset..end].copy_from_slice(&u.old);
    image.resize(u.old_len, 0);
}

/// Write `data` at `offset`, growing the image with zeros if needed.
fn write_at(image: &mut Vec<u8>, offset: usize, data: &[u8]) {
    let end = offset + data.len();
    if image.len() < end {
        image.resize(end, 0);
    }
    image[offset..end].copy_from_slice(data);
}

/// Apply one recorded operation in full.
fn apply(image: &mut Vec<u8>, op: &Op) {
    match op {
        Op::Write { offset, data } => {
            if let Ok(offset) = usize::try_from(*offset) {
                write_at(image, offset, data);
            }
        }
        Op::SetLen(len) => {
            if let Ok(len) = usize::try_from(*len) {
                image.resize(len, 0);
            }
        }
        Op::Sync => {}
    }
}

/// redb's view of a [`Disk`].
#[derive(Debug)]
pub struct FaultBackend {
    disk: Disk,
}

impl StorageBackend for FaultBackend {
    fn len(&self) -> io::Result<u64> {
        let mut s = self.disk.state();
        self.disk.begin(&mut s, OpKind::Len)?;
        Ok(s.image.len() as u64)
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> io::Result<()> {
        let mut s = self.disk.state();
        self.disk.begin(&mut s, OpKind::Read)?;
        let start = to_usize(offset)?;
        let end = start + out.len();
        let Some(bytes) = s.image.get(start..end) else {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "read past the end of the image",
            ));
        };
        out.copy_from_slice(bytes);
        Ok(())
    }

    fn set_len(&self, len: u64) -> io::Result<()> {
        let mut s = self.disk.state();
        self.disk.begin(&mut s, OpKind::SetLen)?;
        let new_len = to_usize(len)?;
        let old_len = s.image.len();
        let old = s
            .image
            .get(new_len..)
            .map(<[u8]>::to_vec)
            .unwrap_or_default();
        s.undo.push(Undo {
            old_len,
            offset: new_len.min(old_len),
            old,
        });
        s.image.resize(new_len, 0);
        if let Some(r) = s.recording.as_mut() {
            r.ops.push(Op::SetLen(len));
        }
        Ok(())
    }

    fn sync_data(&self) -> io::Result<()> {
        let mut s = self.disk.state();
        self.disk.begin(&mut s, OpKind::Sync)?;
        s.undo.clear();
        if let Some(r) = s.recording.as_mut() {
            r.ops.push(Op::Sync);
        }
        Ok(())
    }

    fn write(&self, offset: u64, data: &[u8]) -> io::Result<()> {
        let mut s = self.disk.state();
        self.disk.begin(&mut s, OpKind::Write)?;
        let start = to_usize(offset)?;
        let old_len = s.image.len();
        let old = s
            .image
            .get(start.min(old_len)..(start + data.len()).min(old_len))
            .map(<[u8]>::to_vec)
            .unwrap_or_default();
        s.undo.push(Undo {
            old_len,
            offset: start.min(old_len),
            old,
        });
        write_at(&mut s.image, start, data);
        if let Some(r) = s.recording.as_mut() {
            r.ops.push(Op::Write {
                offset,
                data: data.to_vec(),
            });
        }
        Ok(())
    }

    fn try_lock_range(&self, _: Bound<u64>, _: Bound<u64>) -> Result<bool, BackendError> {
        Ok(true)
    }

    fn try_lock_shared_range(&self, _: Bound<u64>, _: Bound<u64>) -> Result<bool, BackendError> {
        Ok(true)
    }

    fn lock_range(&self, _: Bound<u64>, _: Bound<u64>) -> Result<(), BackendError> {
        Ok(())
    }

    fn lock_shared_range(&self, _: Bound<u64>, _: Bound<u64>) -> Result<(), BackendError> {
        Ok(())
    }

    fn unlock_range(&self, _: Bound<u64>, _: Bound<u64>) -> Result<(), BackendError> {
        Ok(())
    }

    fn query_lock_range(&self, _: Bound<u64>, _: Bound<u64>) -> Result<bool, BackendError> {
        // One handle at a time: no lock is ever held elsewhere.
        Ok(false)
    }
}

/// Every operation a disk performed from the start of a recording, and the image then.
#[derive(Clone, Debug, Default)]
pub struct Recording {
    /// The image when the recording started.
    pub base: Vec<u8>,
    /// The operations, in order.
    pub ops: Vec<Op>,
}

impl Recording {
    /// The positions of the syncs: `ops[p]` is [`Op::Sync`] for each `p` returned.
    pub fn sync_points(&self) -> Vec<usize> {
        self.ops
            .iter()
            .enumerate()
            .filter(|(_, op)| **op == Op::Sync)
            .map(|(i, _)| i)
            .collect()
    }

    /// The image after applying every operation before position `pos` in full.
    pub fn image_at(&self, pos: usize) -> Vec<u8> {
        let mut r = Replay::new(self);
        r.advance_to(pos);
        r.into_image()
    }
}

/// Walks a [`Recording`] forwards, applying operations in full: the image at successive
/// positions without replaying from the start each time.
#[derive(Clone, Debug)]
pub struct Replay<'a> {
    recording: &'a Recording,
    image: Vec<u8>,
    pos: usize,
}

impl<'a> Replay<'a> {
    /// At position 0: the recording's base image.
    pub fn new(recording: &'a Recording) -> Self {
        Self {
            recording,
            image: recording.base.clone(),
            pos: 0,
        }
    }

    /// Apply every operation up to (not including) position `pos`; a position behind the
    /// current one is left as it is.
    pub fn advance_to(&mut self, pos: usize) {
        let end = pos.min(self.recording.ops.len());
        while self.pos < end {
            apply(&mut self.image, &self.recording.ops[self.pos]);
            self.pos += 1;
        }
    }

    /// The position reached: every operation before it is applied.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// The image at the position reached.
    pub fn image(&self) -> &[u8] {
        &self.image
    }

    /// The image at the position reached, taken.
    pub fn into_image(self) -> Vec<u8> {
        self.image
    }
}

/// What may happen to each sector's share of an unsynced write when the power fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    /// It reached the disk.
    Applied,
    /// It did not: the sector keeps its old bytes.
    Dropped,
    /// It was torn: the written bytes of that sector hold garbage.
    Garbage,
}

/// The torn-write model: sector size and the chances of each [`Fate`] (the rest is dropped).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TornModel {
    /// The sector size: 512 or 4096.
    pub sector: u64,
    /// Percent of sector pieces applied.
    pub applied: u64,
    /// Percent of sector pieces filled with garbage.
    pub garbage: u64,
}

/// What a torn image was made of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TornStats {
    /// Sector pieces of unsynced writes considered.
    pub pieces: u64,
    /// Of which applied.
    pub applied: u64,
    /// Of which dropped.
    pub dropped: u64,
    /// Of which garbage-filled.
    pub garbage: u64,
    /// Whether garbage landed in the first [`HEADER_BYTES`] of the file, where redb keeps its
    /// database header (magic number, the "god byte", both commit slots), rewritten in place by
    /// every commit.
    pub garbage_in_header: bool,
    /// Length changes applied.
    pub set_len_applied: u64,
    /// Length changes dropped.
    pub set_len_dropped: u64,
}

/// The image a power cut leaves when `ops` (every operation after the last sync, up to the
/// cut) were issued after the durable image `durable`: each sector's piece of each write
/// independently applied, dropped or garbage-filled (only the bytes the write covered in that
/// sector, as redb's powersafe-overwrite assumption has it), each length change applied or not,
/// in issue order.
pub fn torn(durable: &[u8], ops: &[Op], model: TornModel, rng: &mut Rng) -> (Vec<u8>, TornStats) {
    let mut image = durable.to_vec();
    let mut stats = TornStats::default();
    let sector = model.sector.max(1);
    for op in ops {
        match op {
            Op::Write { offset, data } => {
                let end = offset + data.len() as u64;
                let mut at = *offset;
                while at < end {
                    let piece_end = ((at / sector) + 1).saturating_mul(sector).min(end);
                    let (Ok(from), Ok(to), Ok(start)) = (
                        usize::try_from(at - offset),
                        usize::try_from(piece_end - offset),
                        usize::try_from(at),
                    ) else {
                        break;
                    };
                    stats.pieces += 1;
                    let roll = rng.below(100);
                    let fate = if roll < model.applied {
                        Fate::Applied
                    } else if roll < model.applied + model.garbage {
                        Fate::Garbage
                    } else {
                        Fate::Dropped
                    };
                    match fate {
                        Fate::Applied => {
                            stats.applied += 1;
                            write_at(&mut image, start, &data[from..to]);
                        }
                        Fate::Garbage => {
                            stats.garbage += 1;
                            if at < HEADER_BYTES {
                                stats.garbage_in_header = true;
                            }
                            let mut junk = vec![0u8; to - from];
                            rng.fill(&mut junk);
                            write_at(&mut image, start, &junk);
                        }
                        Fate::Dropped => stats.dropped += 1,
                    }
                    at = piece_end;
                }
            }
            Op::SetLen(len) => {
                if rng.chance(50) {
                    stats.set_len_applied += 1;
                    apply(&mut image, &Op::SetLen(*len));
                } else {
                    stats.set_len_dropped += 1;
                }
            }
            Op::Sync => {}
        }
    }
    (image, stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(b: &FaultBackend, offset: u64, data: &[u8]) {
        b.write(offset, data).expect("write");
    }

    #[test]
    fn durable_image_drops_only_what_was_not_synced() {
        let disk = Disk::new();
        disk.record();
        let b = disk.backend();
        b.set_len(16).expect("set_len");
        write(&b, 0, b"aaaa");
        b.sync_data().expect("sync");
        write(&b, 2, b"bbbb");
        b.set_len(32).expect("grow");
        write(&b, 20, b"cc");
        let mut durable = vec![0u8; 16];
        durable[..4].copy_from_slice(b"aaaa");
        assert_eq!(disk.durable_image(), durable);
        let image = disk.image();
        assert_eq!(&image[..6], b"aabbbb");
        assert_eq!(image.len(), 32);
        let rec = disk.take_recording().expect("recording");
        assert_eq!(rec.sync_points(), vec![2]);
        assert_eq!(rec.image_at(2), durable);
        assert_eq!(rec.image_at(rec.ops.len()), image);
    }

    #[test]
    fn faults_hit_the_nth_operation_of_their_kind() {
        let disk = Disk::from_image(vec![0; 8]);
        let b = disk.backend();
        disk.set_fault(Some(Fault {
            at: 2,
            kind: FaultKind::Enospc,
            persistent: false,
        }));
        let mut buf = [0u8; 4];
        b.read(0, &mut buf).expect("reads are not hit by ENOSPC");
        write(&b, 0, b"x");
        let err = b.write(1, b"y").expect_err("second write fails");
        assert_eq!(err.raw_os_error(), Some(ENOSPC));
        write(&b, 2, b"z");
        assert_eq!(disk.failures(), 1);
        disk.set_fault(Some(Fault {
            at: 1,
            kind: FaultKind::Eio,
            persistent: true,
        }));
        assert!(b.read(0, &mut buf).is_err());
        assert!(b.sync_data().is_err());
        assert_eq!(disk.failures(), 2);
        assert_eq!(&disk.image()[..3], b"x\0z");
    }

    #[test]
    fn torn_pieces_stay_within_their_sectors() {
        let ops = vec![Op::Write {
            offset: 500,
            data: vec![7u8; 600],
        }];
        let model = TornModel {
            sector: 512,
            applied: 100,
            garbage: 0,
        };
        let (image, stats) = torn(&[0u8; 2048], &ops, model, &mut Rng::new(1));
        assert_eq!(stats.pieces, 3);
        assert!(image[500..1100].iter().all(|&b| b == 7));
        assert!(image[..500].iter().all(|&b| b == 0));
        let dropped = TornModel {
            applied: 0,
            ..model
        };
        let (image, stats) = torn(&[0u8; 2048], &ops, dropped, &mut Rng::new(1));
        assert_eq!(stats.dropped, 3);
        assert!(image.iter().all(|&b| b == 0));
    }
}

#[cfg(test)]
mod seam_tests {
    use casebook::{SecretKey, Store, StoreError};

    use super::*;

    #[test]
    fn the_store_creates_and_reopens_through_the_seam() {
        let node = SecretKey::from_seed([7; 32]).node_id();
        let disk = Disk::new();
        let store = Store::create_on(disk.backend(), node).expect("create on an empty disk");
        store.set_meta("probe", b"yes").expect("a durable write");
        drop(store);
        let store = Store::open_on(disk.backend()).expect("reopen");
        assert_eq!(store.node_id(), node);
        assert_eq!(store.meta("probe").expect("read"), Some(b"yes".to_vec()));
        drop(store);
        assert!(matches!(
            Store::create_on(disk.backend(), node),
            Err(StoreError::AlreadyExists { .. })
        ));
        assert!(matches!(
            Store::open_on(Disk::new().backend()),
            Err(StoreError::NotAStore { .. })
        ));
        assert!(matches!(
            Store::open_on(Disk::from_image(vec![1; 4096]).backend()),
            Err(StoreError::NotAStore { .. })
        ));
    }
}
