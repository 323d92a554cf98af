//! The load suite's harness (`tests/load.rs`, suite 9): one serving node in a child process
//! (`src/bin/load-server.rs`) with a portfolio of account files, an adviser writing on it at a
//! steady pace, and many peers cloning and following it at once.
//!
//! - [`portfolio`]: the serving node's account files, written through the real write path.
//! - [`protocol`]: the lines the child process reports on stdout, and the commands it reads.
//! - [`process`]: memory and CPU time of a process, read from `/proc`; memory sampled over time.
//! - [`latency`]: percentiles of the adviser's write latencies.
//! - [`disk`]: how long an fsync of a small write takes on the same disk meanwhile.

pub mod disk;
pub mod latency;
pub mod portfolio;
pub mod process;
pub mod protocol;
