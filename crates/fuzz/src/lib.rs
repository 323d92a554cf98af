//! The cargo-fuzz side of casebook's fuzz targets. The targets themselves live in the workspace
//! (`casebook_proof::fuzz`), so they are ordinary tests too; each file of `fuzz_targets/` is one
//! line that calls [`init`] once and [`check`] per input.
//!
//! This crate adds what only a fuzzing process can do:
//! - an allocator that refuses any single allocation over the target's named limit
//!   ([`Target::alloc_limit`], e.g. `MAX_FRAME_BYTES` for the wire targets). libFuzzer's own
//!   `-malloc_limit_mb` needs a sanitizer's malloc hooks, which a `--sanitizer none` build on the
//!   stable toolchain does not have; this works in every build. A refused allocation aborts the
//!   process (Rust's out-of-memory handler), or, if the code under test handles the refusal,
//!   fails the input in [`check`]: either way libFuzzer saves the input as a crash.
//! - a panic on any broken invariant, so libFuzzer records it as a crash.
//! - the largest single allocation seen and the slowest input, printed as they grow (figures
//!   of the run).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use casebook_proof::fuzz::Target;

/// The largest single allocation allowed now (no limit until [`init`] arms it).
static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);
/// The largest single allocation requested since [`init`].
static LARGEST: AtomicUsize = AtomicUsize::new(0);
/// The size of an allocation refused during the current input (0: none).
static REFUSED: AtomicUsize = AtomicUsize::new(0);
/// The largest allocation already reported on stderr.
static REPORTED: AtomicUsize = AtomicUsize::new(0);
/// The slowest input so far, in microseconds.
static SLOWEST_US: AtomicU64 = AtomicU64::new(0);

/// The system allocator, refusing single allocations over [`LIMIT`].
struct Limited;

/// Whether an allocation of `size` bytes is over the limit (and note it).
fn over_limit(size: usize) -> bool {
    LARGEST.fetch_max(size, Ordering::Relaxed);
    if size > LIMIT.load(Ordering::Relaxed) {
        REFUSED.fetch_max(size, Ordering::Relaxed);
        true
    } else {
        false
    }
}

// SAFETY: every call is passed on unchanged to the system allocator, except that an
// over-limit request returns null, which the GlobalAlloc contract allows.
unsafe impl GlobalAlloc for Limited {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if over_limit(layout.size()) {
            return std::ptr::null_mut();
        }
        // SAFETY: the caller upholds alloc's contract; passed on as is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if over_limit(layout.size()) {
            return std::ptr::null_mut();
        }
        // SAFETY: as for alloc.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: ptr was allocated by System with this layout (every allocation goes there).
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if over_limit(new_size) {
            return std::ptr::null_mut();
        }
        // SAFETY: as for dealloc; a null return leaves the old block valid, as System does.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Limited = Limited;

/// Once per process, before the first input: build the target's fixture (not under the limit,
/// and not timed as an input), then arm the allocation limit.
pub fn init(target: &Target) {
    // libfuzzer-sys's hook aborts on every panic, even one casebook's decoder guard catches and
    // reports as an error (see casebook::guard): only the uncaught ones are crashes.
    casebook_proof::fuzz::quiet_guarded_panics();
    if let Err(v) = (target.prepare)() {
        panic!("casebook-fuzz: the {} fixture failed: {v}", target.name);
    }
    LARGEST.store(0, Ordering::Relaxed);
    REFUSED.store(0, Ordering::Relaxed);
    LIMIT.store(target.alloc_limit, Ordering::Relaxed);
    eprintln!(
        "casebook-fuzz: target {}: single allocations over {} bytes are refused",
        target.name, target.alloc_limit
    );
}

/// One input: run the target; panic (a crash to libFuzzer) on a broken invariant or an
/// allocation over the limit.
pub fn check(target: &Target, data: &[u8]) {
    let started = Instant::now();
    let result = (target.run)(data);
    let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
    let refused = REFUSED.swap(0, Ordering::Relaxed);
    if let Err(v) = result {
        panic!("casebook-fuzz: {}: invariant broken: {v}", target.name);
    }
    if refused > 0 {
        panic!(
            "casebook-fuzz: {}: an allocation of {refused} bytes was refused (limit {})",
            target.name, target.alloc_limit
        );
    }
    let largest = LARGEST.load(Ordering::Relaxed);
    if largest > REPORTED.load(Ordering::Relaxed).saturating_mul(2) {
        REPORTED.store(largest, Ordering::Relaxed);
        eprintln!(
            "casebook-fuzz: {}: largest single allocation so far: {largest} bytes (limit {})",
            target.name, target.alloc_limit
        );
    }
    let slowest = SLOWEST_US.load(Ordering::Relaxed);
    if micros > 1_000 && micros > slowest.saturating_add(slowest / 2) {
        SLOWEST_US.store(micros, Ordering::Relaxed);
        eprintln!(
            "casebook-fuzz: {}: slowest input so far: {:.1} ms ({} bytes)",
            target.name,
            micros as f64 / 1000.0,
            data.len()
        );
        // Keep slow inputs (over 100 ms) to look at: wall time on a busy machine is noisy, so
        // they are kept apart from libFuzzer's artifacts and fail nothing.
        if micros > 100_000
            && let Some(dir) = std::env::var_os("CASEBOOK_FUZZ_SLOW_DIR")
        {
            let dir = std::path::PathBuf::from(dir);
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(
                dir.join(format!("slow-{}ms-{}b", micros / 1000, data.len())),
                data,
            );
        }
    }
}
