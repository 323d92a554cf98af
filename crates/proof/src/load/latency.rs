//! Percentiles of write latencies, for the load suite's figures.

use std::time::Duration;

/// Latencies of a run's writes.
#[derive(Clone, Debug, Default)]
pub struct Latencies {
    sorted: Vec<Duration>,
}

impl Latencies {
    /// The latencies of `samples`, in any order.
    pub fn new(mut samples: Vec<Duration>) -> Self {
        samples.sort_unstable();
        Self { sorted: samples }
    }

    /// How many writes were measured.
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    /// Whether no write was measured.
    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    /// The `p`-th percentile (0–100) by the nearest-rank method; zero when nothing was measured.
    pub fn percentile(&self, p: f64) -> Duration {
        if self.sorted.is_empty() {
            return Duration::ZERO;
        }
        let rank = (p / 100.0 * self.sorted.len() as f64).ceil() as usize;
        self.sorted[rank.clamp(1, self.sorted.len()) - 1]
    }

    /// The slowest write; zero when nothing was measured.
    pub fn max(&self) -> Duration {
        self.sorted.last().copied().unwrap_or(Duration::ZERO)
    }

    /// "p50 3.1 ms p99 40 ms max 120 ms".
    pub fn summary(&self) -> String {
        format!(
            "p50 {} p99 {} max {}",
            millis(self.percentile(50.0)),
            millis(self.percentile(99.0)),
            millis(self.max())
        )
    }
}

/// A duration in milliseconds: one decimal below 10 ms, whole milliseconds above.
pub fn millis(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1_000.0;
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{} ms", crate::report::thousands(ms.round() as u64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let l = Latencies::new((1..=100).rev().map(Duration::from_millis).collect());
        assert_eq!(l.len(), 100);
        assert_eq!(l.percentile(50.0), Duration::from_millis(50));
        assert_eq!(l.percentile(99.0), Duration::from_millis(99));
        assert_eq!(l.max(), Duration::from_millis(100));
        assert_eq!(l.summary(), "p50 50 ms p99 99 ms max 100 ms");
        assert_eq!(Latencies::default().percentile(99.0), Duration::ZERO);
        assert_eq!(millis(Duration::from_micros(3_140)), "3.1 ms");
        assert_eq!(millis(Duration::from_millis(1_234)), "1,234 ms");
    }
}
