//! The one-line figures every proof suite prints, e.g.
//! `every sync point: 1 workload, 412 sync points, 412 images opened, 0 acknowledged writes lost`.

/// `n` with thousands separators: 100000 → "100,000".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "`n` `what`", with `n` written with thousands separators.
pub fn count(n: u64, what: &str) -> String {
    format!("{} {what}", thousands(n))
}

/// The figure line of a suite: "`suite`: part, part, part".
pub fn line(suite: &str, parts: &[String]) -> String {
    format!("{suite}: {}", parts.join(", "))
}

/// Print the figure line of a suite on stdout (shown with `--nocapture`).
pub fn print(suite: &str, parts: &[String]) {
    println!("{}", line(suite, parts));
}

/// Keep a failing image for replay: write it to the system's temporary directory as
/// `casebook-proof-<name>.redb` and return where (`None` if it could not be written). The
/// workloads draw fresh ids on every run, so the image itself is what replays a failure
/// exactly: open it with `Store::open_on(Disk::from_image(bytes).backend())`.
pub fn keep_image(name: &str, image: &[u8]) -> Option<std::path::PathBuf> {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = std::env::temp_dir().join(format!("casebook-proof-{safe}.redb"));
    std::fs::write(&path, image).ok().map(|()| path)
}

/// Seconds with one decimal, for wall times in reports.
pub fn seconds(d: std::time::Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(
            line(
                "kill -9",
                &[count(100, "runs"), count(0, "acknowledged writes lost")]
            ),
            "kill -9: 100 runs, 0 acknowledged writes lost"
        );
    }

    #[test]
    fn a_kept_image_reads_back() {
        let path = keep_image("report self-test/1", b"image bytes").expect("temp dir writable");
        assert!(path.ends_with("casebook-proof-report_self-test_1.redb"));
        assert_eq!(std::fs::read(&path).expect("read back"), b"image bytes");
        std::fs::remove_file(&path).expect("remove");
    }
}
