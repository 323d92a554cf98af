//! How figures are printed: durations, sizes and ratios.

use std::time::Duration;

/// `d` in milliseconds, rounded to the microsecond (for machine-readable output).
pub fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

/// A duration in the unit that suits it: `12.3 s`, `1.23 s`, `12.3 ms`, `12.3 µs`.
pub fn fmt_dur(d: Duration) -> String {
    fmt_secs(d, 1)
}

/// Like [`fmt_dur`] with milliseconds to two decimals (`1.23 ms`), for latencies of a few
/// milliseconds whose differences matter.
pub fn fmt_dur_precise(d: Duration) -> String {
    fmt_secs(d, 2)
}

fn fmt_secs(d: Duration, ms_decimals: usize) -> String {
    let s = d.as_secs_f64();
    if s >= 10.0 {
        format!("{s:.1} s")
    } else if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.ms_decimals$} ms", s * 1e3)
    } else {
        format!("{:.1} µs", s * 1e6)
    }
}

/// A byte count in KiB below 1 MiB, else in MiB.
pub fn fmt_bytes(b: u64) -> String {
    if b < 1024 * 1024 {
        format!("{:.1} KiB", b as f64 / 1024.0)
    } else {
        fmt_mib(b)
    }
}

/// A byte count in MiB, whatever its size.
pub fn fmt_mib(b: u64) -> String {
    format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0))
}

/// A size given in KiB (as `/proc` gives them), in MiB.
pub fn fmt_kb(kb: u64) -> String {
    format!("{:.1} MiB", kb as f64 / 1024.0)
}

/// `a ÷ b` as `N.NNx`, or `n/a` if `b` is zero.
pub fn ratio(a: Duration, b: Duration) -> String {
    if b.is_zero() {
        return "n/a".into();
    }
    format!("{:.2}x", a.as_secs_f64() / b.as_secs_f64())
}
