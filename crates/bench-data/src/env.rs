//! The benchmarks' knobs from the environment, and the machine's parallelism.

/// The number in environment variable `name` (underscores allowed: `10_000`), or `default` if
/// it is unset or not a number (with a warning).
pub fn env_usize(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) => match v.trim().replace('_', "").parse() {
            Ok(n) => n,
            Err(_) => {
                println!("warning: {name}={v} is not a number; using {default}");
                default
            }
        },
        Err(_) => default,
    }
}

/// How many threads the machine runs at once (1 if unknown).
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}
