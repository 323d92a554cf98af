//! This process's memory, from Linux `/proc/self`.

/// Peak resident set size of this process in KiB (0 where `/proc` is unavailable).
pub fn vm_hwm_kb() -> u64 {
    proc_status_kb("VmHWM:")
}

/// Resident set size of this process now, in KiB (0 where `/proc` is unavailable).
pub fn vm_rss_kb() -> u64 {
    proc_status_kb("VmRSS:")
}

/// Reset this process's peak RSS to its current RSS (Linux `clear_refs` 5), so a later
/// [`vm_hwm_kb`] gives the peak since; false if it cannot.
pub fn reset_hwm() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn proc_status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(field))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}
