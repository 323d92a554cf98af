//! Capped exponential backoff with jitter, for redialling a peer that cannot be reached or
//! refuses this node.
//!
//! Pure (no clock, no randomness of its own): the caller passes the jitter, so the schedule
//! is tested exactly. Why back off at all: a peer that is away for a week, or that removed
//! this node, would otherwise be dialled every two seconds for ever, filling the log and the
//! network; why jitter: nodes that lost the same peer at once should not all retry in step.

use std::time::Duration;

/// The share of a delay that jitter may add or take away (one fifth: 2 s is 1.6 to 2.4 s).
const JITTER_SHARE: f64 = 0.2;

/// The delay before the next attempt: `base` after the first failure, doubling after each
/// further one up to `cap`, each spread by ±20 % jitter; back to `base` after a success.
#[derive(Clone, Debug, PartialEq)]
pub struct Backoff {
    base: Duration,
    cap: Duration,
    failures: u32,
}

impl Backoff {
    /// A backoff starting at `base` and never waiting longer than `cap` (jitter included).
    pub fn new(base: Duration, cap: Duration) -> Self {
        Self {
            base,
            cap: cap.max(base),
            failures: 0,
        }
    }

    /// Record one more failure and return how long to wait before trying again. `jitter` in
    /// `[0, 1]` picks the point in the ±20 % spread (0.5: none); values outside are clamped.
    pub fn failed(&mut self, jitter: f64) -> Duration {
        let doublings = self.failures.min(31);
        self.failures = self.failures.saturating_add(1);
        let plain = self
            .base
            .checked_mul(1u32 << doublings)
            .unwrap_or(self.cap)
            .min(self.cap);
        let spread = 1.0 + JITTER_SHARE * (2.0 * jitter.clamp(0.0, 1.0) - 1.0);
        plain.mul_f64(spread).min(self.cap)
    }

    /// Record a success: the next failure waits `base` again.
    pub fn reset(&mut self) {
        self.failures = 0;
    }

    /// Failures since the last success.
    pub fn failures(&self) -> u32 {
        self.failures
    }
}

/// A jitter in `[0, 1]` from the clock's nanoseconds: enough to keep nodes out of step, and no
/// secret depends on it.
pub fn clock_jitter() -> f64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    f64::from(nanos) / 1e9
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn delays_double_from_the_base_up_to_the_cap() {
        let mut b = Backoff::new(secs(2), secs(300));
        let plain: Vec<u64> = (0..10).map(|_| b.failed(0.5).as_secs()).collect();
        assert_eq!(plain, [2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
        assert_eq!(b.failures(), 10);
    }

    #[test]
    fn a_success_starts_again_from_the_base() {
        let mut b = Backoff::new(secs(2), secs(300));
        for _ in 0..5 {
            b.failed(0.5);
        }
        b.reset();
        assert_eq!(b.failed(0.5), secs(2));
    }

    #[test]
    fn jitter_spreads_each_delay_by_a_fifth_and_never_past_the_cap() {
        let mut low = Backoff::new(secs(2), secs(300));
        let mut high = low.clone();
        assert_eq!(low.failed(0.0), Duration::from_millis(1600));
        assert_eq!(high.failed(1.0), Duration::from_millis(2400));
        assert_eq!(
            Backoff::new(secs(2), secs(300)).failed(7.0),
            Duration::from_millis(2400),
            "clamped"
        );
        let mut capped = Backoff::new(secs(2), secs(300));
        for _ in 0..40 {
            assert!(capped.failed(1.0) <= secs(300));
        }
        let j = clock_jitter();
        assert!((0.0..=1.0).contains(&j), "{j}");
    }

    #[test]
    fn each_delay_is_longer_than_the_last_until_the_cap_whatever_the_jitter() {
        let mut b = Backoff::new(secs(2), secs(300));
        let mut last = b.failed(1.0);
        for _ in 0..7 {
            let next = b.failed(0.0);
            assert!(next > last, "{next:?} after {last:?}");
            last = next;
        }
    }
}
