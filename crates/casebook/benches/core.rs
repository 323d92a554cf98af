//! Core performance figures for casebook, measured on data the benchmark builds itself.
//!
//! It creates a node holding `CASEBOOK_BENCH_FILES` account files (default 10,000), each with
//! one client and 50 logged interactions, and then measures:
//!
//! - **population**: building every document in memory (`schema::new_file`, the node's actor,
//!   `edit::create_client`, then one Automerge change per interaction) on worker threads and
//!   committing them in batches of 250 files per transaction through
//!   [`casebook_store::Store::commit_many`] on the node's own store, each file as one unsigned
//!   commit (the shared generator `casebook_bench_data`, with `Spec::plain`). By default the
//!   interactions are written by a direct path that makes the same change
//!   `edit::log_interaction` makes without re-reading the whole document first (checked against
//!   the real edit at start-up); `CASEBOOK_BENCH_POPULATE=edits` uses `edit::log_interaction`
//!   itself (about 4x slower);
//! - **(a) durable log**: p50/p99 latency of `Node::apply(file, edit::log_interaction)` on
//!   random files (load, migrate, edit, summarise, one fsynced redb transaction), against a raw
//!   redb baseline (a separate database) that inserts as many bytes as one change and commits
//!   with `Durability::Immediate`, the two interleaved sample by sample so both see the same
//!   background load; the ratio of the two; and an in-memory breakdown (load, read, edit);
//! - **(b) dashboard**: `portfolio::portfolio` over `Node::summaries()` (the index only) against
//!   loading every document (`Node::load` + `view::read` + `FileSummary::of`) and computing the
//!   same dashboard, and the ratio; it also checks that the index agrees with the documents;
//! - **(c) open**: `Node::open` plus one `summaries()` call, in-process after dropping the
//!   node, and in a fresh child process (this binary re-executed with `CASEBOOK_BENCH_CHILD`)
//!   that reports its elapsed times and peak RSS (`VmHWM`). The OS page cache is warm: "cold"
//!   means a new process, not a cold disk.
//!
//! - **(d) load again**: on a freshly opened node, `samples` random files each loaded four
//!   ways: `Store::load` with nothing kept (a parse), `Store::load_shared` twice (a parse the
//!   store keeps, then that copy handed out), `Store::load` again (a copy of the kept one);
//!   p50/p99 of each, and the ratios of a parse to a copy and to a shared load.
//! - **(e) rules change**: the organisation's RAG matrix changes (`Node::set_config`), which
//!   judges every file again in the same durable transaction; the whole change, the time per
//!   file, and that per-file time against a durable `log`'s p50.
//! - **(f) spreadsheet**: `import::import_interactions_csv` of a sheet with one call for every
//!   client, matched by name (UK date-times, `;` between cells, a byte-order mark), into the
//!   node's files: the whole import (one durable transaction), the time per row, and that
//!   per-row time against a durable `log`'s p50 (an import that matched rows by scanning every
//!   client would grow with the number of clients; this one does not).
//!
//! It prints a plain-text table and, last, one JSON line with every figure. It never fails on
//! a number.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p casebook --bench core
//! CASEBOOK_BENCH_FILES=500 cargo bench -p casebook --bench core   # quick run
//! ```
//!
//! Other knobs: `CASEBOOK_BENCH_SAMPLES` (durable-log samples, default 200),
//! `CASEBOOK_BENCH_INTERACTIONS` (interactions per file, default 50) and
//! `CASEBOOK_BENCH_POPULATE` (`direct` or `edits`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use automerge::ReadDoc;
use casebook::edit;
use casebook::{FileId, FileSummary, Node, portfolio, view};
use casebook_bench_data::{
    BoxResult, Method, Spec, check_direct, env_usize, fmt_dur_precise, fmt_kb, fmt_mib,
    interaction, ms, populate, ratio, threads, vm_hwm_kb,
};
use chrono::{DateTime, Duration as Span, TimeZone, Utc};
use redb::{Database, Durability, TableDefinition};

const CHILD_ENV: &str = "CASEBOOK_BENCH_CHILD";
const CHILD_DIR_ENV: &str = "CASEBOOK_BENCH_DIR";
const FILES_ENV: &str = "CASEBOOK_BENCH_FILES";
const SAMPLES_ENV: &str = "CASEBOOK_BENCH_SAMPLES";
const INTERACTIONS_ENV: &str = "CASEBOOK_BENCH_INTERACTIONS";
const WARMUP: usize = 5;
const DASHBOARD_REPS: usize = 5;
const ADVISER: &str = "Bench Adviser";
const RAW_TABLE: TableDefinition<'_, u64, &[u8]> = TableDefinition::new("raw");

fn main() -> BoxResult<()> {
    match std::env::var(CHILD_ENV).as_deref() {
        Ok("open") => return child_open(),
        Ok("noop") => return child_noop(),
        Ok(other) => return Err(format!("unknown {CHILD_ENV} mode '{other}'").into()),
        Err(_) => {}
    }
    let files = env_usize(FILES_ENV, 10_000).max(1);
    let samples = env_usize(SAMPLES_ENV, 200).max(1);
    let per_file = env_usize(INTERACTIONS_ENV, 50);
    let now = bench_now();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = Report::default();

    println!("casebook core benchmark");
    println!(
        "files {files}, {per_file} interactions each, {samples} durable-log samples, {} threads",
        threads()
    );
    println!();

    let tmp = tempfile::TempDir::new()?;
    let dir = tmp.path().join("node");

    // Population.
    let mut node = Node::init(&dir, ADVISER)?;
    node.set_clock(Some(now));
    let method = Method::from_env();
    let spec = Spec::plain(&node, per_file, now);
    if method == Method::Direct {
        // Ten interactions are enough to compare the paths, and keep the O(N²) edits short.
        let probe = Spec {
            per_file: per_file.min(10),
            ..spec.clone()
        };
        match check_direct(&probe)? {
            None => out.row("population", "direct path = edit path", "checked".into()),
            Some(problem) => {
                println!(
                    "warning: the direct population path differs from edit::log_interaction: {problem}"
                );
                out.row(
                    "population",
                    "direct path = edit path",
                    format!("NO: {problem}"),
                );
            }
        }
    }
    let started = Instant::now();
    let ids = populate(&node, &spec, files, method)?;
    let populate_time = started.elapsed();
    let store_bytes = std::fs::metadata(dir.join(casebook::STORE_FILE))?.len();
    out.row(
        "population",
        &format!("build + commit all files ({})", method.as_str()),
        fmt_dur_precise(populate_time),
    );
    out.row(
        "population",
        "files per second",
        format!("{:.0}", files as f64 / populate_time.as_secs_f64()),
    );
    out.row("population", "store size", fmt_mib(store_bytes));
    out.json("files", files);
    out.json("interactions_per_file", per_file);
    out.json("populate_ms", ms(populate_time));
    out.json("populate_method", method.as_str());
    out.json("store_bytes", store_bytes);

    // (c, in-process) Reopen after dropping the node.
    drop(node);
    let started = Instant::now();
    let mut node = Node::open(&dir)?;
    let open_time = started.elapsed();
    let started = Instant::now();
    let summaries = node.summaries()?;
    let summaries_time = started.elapsed();
    node.set_clock(Some(now));
    if summaries.len() != files {
        println!(
            "warning: the index holds {} summaries, expected {files}",
            summaries.len()
        );
    }

    // (a) Durable log.
    let logs = durable_logs(
        &node,
        &ids,
        samples,
        now,
        &mut rng,
        &tmp.path().join("raw.redb"),
    )?;
    let (change_bytes, summary_bytes) = (logs.change_bytes, logs.summary_bytes);
    let cb = Stats::of(&logs.times);
    let raw = Stats::of(&logs.raw);
    out.row(
        "(a) durable log",
        "casebook Node::apply p50",
        fmt_dur_precise(cb.p50),
    );
    out.row(
        "(a) durable log",
        "casebook Node::apply p99",
        fmt_dur_precise(cb.p99),
    );
    out.row("(a) durable log", "casebook mean", fmt_dur_precise(cb.mean));
    out.row(
        "(a) durable log",
        "raw redb insert+fsync p50",
        format!(
            "{} ({} B per commit)",
            fmt_dur_precise(raw.p50),
            logs.raw_bytes
        ),
    );
    out.row(
        "(a) durable log",
        "raw redb insert+fsync p99",
        fmt_dur_precise(raw.p99),
    );
    out.row(
        "(a) durable log",
        "ratio casebook/raw p50",
        ratio(cb.p50, raw.p50),
    );
    out.row(
        "(a) durable log",
        "ratio casebook/raw p99",
        ratio(cb.p99, raw.p99),
    );
    out.row(
        "(a) durable log",
        "stored change / summary JSON (mean)",
        format!("{change_bytes} B / {summary_bytes} B"),
    );
    let (load, read, edit_mem) = (
        Stats::of(&logs.load),
        Stats::of(&logs.read),
        Stats::of(&logs.edit),
    );
    out.row(
        "(a) durable log",
        "breakdown p50: Node::load",
        fmt_dur_precise(load.p50),
    );
    out.row(
        "(a) durable log",
        "breakdown p50: view::read",
        fmt_dur_precise(read.p50),
    );
    out.row(
        "(a) durable log",
        "breakdown p50: log_interaction in memory",
        fmt_dur_precise(edit_mem.p50),
    );
    out.json("breakdown_load_p50_ms", ms(load.p50));
    out.json("breakdown_read_p50_ms", ms(read.p50));
    out.json("breakdown_edit_p50_ms", ms(edit_mem.p50));
    out.json("log_samples", samples);
    out.json("log_p50_ms", ms(cb.p50));
    out.json("log_p99_ms", ms(cb.p99));
    out.json("log_mean_ms", ms(cb.mean));
    out.json("change_bytes", change_bytes);
    out.json("raw_bytes", logs.raw_bytes);
    out.json("summary_bytes", summary_bytes);
    out.json("raw_p50_ms", ms(raw.p50));
    out.json("raw_p99_ms", ms(raw.p99));
    out.json("raw_mean_ms", ms(raw.mean));
    out.json("log_ratio_p50", ratio_f(cb.p50, raw.p50));
    out.json("log_ratio_p99", ratio_f(cb.p99, raw.p99));

    // (b) Dashboard: index only, against loading every document.
    let (from, to) = (now.date_naive() - Span::days(365), now.date_naive());
    let mut index_times = Vec::with_capacity(DASHBOARD_REPS);
    let mut index_portfolio = None;
    for _ in 0..DASHBOARD_REPS {
        let started = Instant::now();
        let all = node.summaries()?;
        let p = portfolio::portfolio(&all, &node.config()?, None, now, from, to);
        index_times.push(started.elapsed());
        index_portfolio = Some(p);
    }
    let index = Stats::of(&index_times);
    let started = Instant::now();
    let mut loaded = Vec::with_capacity(files);
    let config = node.config()?;
    for id in node.account_file_ids()? {
        let doc = node.load(id)?;
        let file = view::read(&doc)?;
        loaded.push(FileSummary::of(&file, &config));
    }
    let p = portfolio::portfolio(&loaded, &config, None, now, from, to);
    let full_time = started.elapsed();
    // The index must answer exactly what the documents say: compare every summary and the
    // whole dashboard.
    let indexed = node.summaries()?;
    let stale = if indexed.len() == loaded.len() {
        indexed.iter().zip(&loaded).filter(|(a, b)| a != b).count()
    } else {
        println!(
            "warning: the index holds {} summaries but the store has {} files",
            indexed.len(),
            loaded.len()
        );
        indexed.len().abs_diff(loaded.len())
    };
    let same_dashboard = index_portfolio
        .map(|ip| serde_json::to_value(&ip).ok() == serde_json::to_value(&p).ok())
        .unwrap_or(false);
    if stale > 0 || !same_dashboard {
        println!(
            "warning: the index disagrees with the documents: {stale} summaries differ, dashboards {}",
            if same_dashboard { "equal" } else { "differ" }
        );
    }
    out.row(
        "(b) dashboard",
        "index = documents",
        format!(
            "{} summaries differ, dashboards {}",
            stale,
            if same_dashboard { "equal" } else { "DIFFER" }
        ),
    );
    out.json("index_stale_summaries", stale);
    out.json("index_dashboard_equal", same_dashboard);
    drop(loaded);
    out.row(
        "(b) dashboard",
        "index: summaries() + portfolio (median)",
        fmt_dur_precise(index.p50),
    );
    out.row(
        "(b) dashboard",
        "load every document + portfolio",
        fmt_dur_precise(full_time),
    );
    out.row(
        "(b) dashboard",
        "ratio load-all/index",
        ratio(full_time, index.p50),
    );
    out.row(
        "(b) dashboard",
        "per document load + read",
        fmt_dur_precise(full_time / u32::try_from(files).unwrap_or(u32::MAX)),
    );
    out.json("dashboard_index_ms", ms(index.p50));
    out.json("dashboard_load_all_ms", ms(full_time));
    out.json("dashboard_ratio", ratio_f(full_time, index.p50));

    // (c) Open: in-process figures from above, then a fresh process.
    let parent_hwm = vm_hwm_kb();
    drop(node);
    out.row(
        "(c) open",
        "in-process Node::open",
        fmt_dur_precise(open_time),
    );
    out.row(
        "(c) open",
        "in-process first summaries()",
        fmt_dur_precise(summaries_time),
    );
    out.json("open_inprocess_ms", ms(open_time));
    out.json("summaries_inprocess_ms", ms(summaries_time));
    match run_child("noop", &dir) {
        Ok(c) => {
            out.row(
                "(c) open",
                "child baseline peak RSS (no open)",
                fmt_kb(c.hwm_kb),
            );
            out.json("child_baseline_hwm_kb", c.hwm_kb);
        }
        Err(e) => println!("warning: baseline child failed: {e}"),
    }
    match run_child("open", &dir) {
        Ok(c) => {
            out.row(
                "(c) open",
                "child Node::open",
                fmt_dur_precise(Duration::from_secs_f64(c.open_ms / 1e3)),
            );
            out.row(
                "(c) open",
                "child summaries()",
                format!(
                    "{} ({} files)",
                    fmt_dur_precise(Duration::from_secs_f64(c.summaries_ms / 1e3)),
                    c.files
                ),
            );
            out.row("(c) open", "child peak RSS (VmHWM)", fmt_kb(c.hwm_kb));
            out.json("open_child_ms", c.open_ms);
            out.json("summaries_child_ms", c.summaries_ms);
            out.json("open_child_hwm_kb", c.hwm_kb);
        }
        Err(e) => println!("warning: open child failed: {e}"),
    }
    out.row(
        "process",
        "this process peak RSS (VmHWM)",
        fmt_kb(parent_hwm),
    );
    out.json("parent_hwm_kb", parent_hwm);

    // (d) Loading a file again: a freshly opened node, so nothing is kept yet.
    let node = Node::open(&dir)?;
    let again = repeated_loads(&node, samples, &mut rng)?;
    let [parse, first, shared, copy] = again.times.each_ref().map(|t| Stats::of(t));
    let both = |s: &Stats| format!("{} / {}", fmt_dur_precise(s.p50), fmt_dur_precise(s.p99));
    let rows = [
        ("load, nothing kept (parse) p50 / p99", both(&parse)),
        ("load_shared, first (parse, keep) p50 / p99", both(&first)),
        ("load_shared again (the kept copy) p50 / p99", both(&shared)),
        ("load with a kept copy (copy it) p50 / p99", both(&copy)),
        ("ratio parse/copy p50", ratio(parse.p50, copy.p50)),
        ("ratio parse/shared p50", ratio(parse.p50, shared.p50)),
        (
            "loads with the same heads",
            format!("{} of {}", again.same, again.times[0].len()),
        ),
    ];
    for (what, value) in rows {
        out.row("(d) load again", what, value);
    }
    out.json("load_parse_p50_ms", ms(parse.p50));
    out.json("load_shared_first_p50_ms", ms(first.p50));
    out.json("load_shared_again_p50_ms", ms(shared.p50));
    out.json("load_copy_p50_ms", ms(copy.p50));
    out.json("load_ratio_parse_copy_p50", ratio_f(parse.p50, copy.p50));

    // (e) A rules change: the organisation's matrix changes, and every file it judges is
    // judged again in the same transaction (docs/design.md, "The organisation document").
    let mut config = node.config()?;
    config.rag_matrix = casebook::config_types::RagMatrix::from_thresholds(5, 14);
    let started = Instant::now();
    let judged = node.set_config(&config, "Settings: the benchmark's matrix")?;
    let change = started.elapsed();
    let per_file = change / u32::try_from(judged.max(1)).unwrap_or(u32::MAX);
    let rows = [
        ("files judged again", judged.to_string()),
        ("the whole change, durable", fmt_dur_precise(change)),
        ("per file judged", fmt_dur_precise(per_file)),
        ("ratio per file / durable log p50", ratio(per_file, cb.p50)),
    ];
    for (what, value) in rows {
        out.row("(e) rules change", what, value);
    }
    out.json("rules_change_files", judged);
    out.json("rules_change_ms", ms(change));
    out.json("rules_change_per_file_ms", ms(per_file));

    // (f) A spreadsheet of one call per client, found by name through the import's index.
    let names: Vec<String> = node.summaries()?.into_iter().map(|s| s.name).collect();
    let mut sheet = String::from("\u{feff}client;at;kind;direction;purpose;minutes;summary\r\n");
    for name in &names {
        sheet.push_str(&format!(
            "{};01/03/2026 10:30;call;outbound;progress-review;15;Spreadsheet row\r\n",
            name.replace(';', " ")
        ));
    }
    let started = Instant::now();
    let report = casebook::import::import_interactions_csv(
        &node,
        sheet.as_bytes(),
        &casebook::import::CsvOptions::default(),
    )?;
    let import = started.elapsed();
    let per_row = import / u32::try_from(report.imported.max(1)).unwrap_or(u32::MAX);
    let rows = [
        ("rows imported", report.imported.to_string()),
        ("the whole import, durable", fmt_dur_precise(import)),
        ("per row", fmt_dur_precise(per_row)),
        ("ratio per row / durable log p50", ratio(per_row, cb.p50)),
    ];
    for (what, value) in rows {
        out.row("(f) spreadsheet", what, value);
    }
    out.json("sheet_rows", report.imported);
    out.json("sheet_ms", ms(import));
    out.json("sheet_per_row_ms", ms(per_row));

    out.print();
    Ok(())
}

/// Figures of (d), per sampled file: a load with nothing kept, a first and a second shared
/// load, then a load of a copy of the kept document.
struct LoadAgain {
    times: [Vec<Duration>; 4],
    /// Files whose four loads all gave the same heads.
    same: usize,
}

/// (d) Load `samples` distinct random files four ways each through the store of a node that
/// has loaded nothing yet: `Store::load` (a parse: an own copy is not kept), `load_shared`
/// twice (a parse it keeps, then that copy handed out), `load` again (a copy of the kept one).
fn repeated_loads(node: &Node, samples: usize, rng: &mut Rng) -> BoxResult<LoadAgain> {
    let mut ids = node.account_file_ids()?;
    let mut picked = Vec::with_capacity(samples.min(ids.len()));
    while picked.len() < samples && !ids.is_empty() {
        let i = rng.below(ids.len());
        picked.push(ids.swap_remove(i));
    }
    let mut figures = LoadAgain {
        times: std::array::from_fn(|_| Vec::with_capacity(picked.len())),
        same: 0,
    };
    let missing = || "a sampled file is missing".to_string();
    let store = node.store();
    for id in picked {
        let [by_parse, by_first, by_again, by_copy] = &mut figures.times;
        let parsed = timed(by_parse, || store.load(id))?.ok_or_else(missing)?;
        let first = timed(by_first, || store.load_shared(id))?.ok_or_else(missing)?;
        let shared = timed(by_again, || store.load_shared(id))?.ok_or_else(missing)?;
        let copy = timed(by_copy, || store.load(id))?.ok_or_else(missing)?;
        let heads = parsed.get_heads();
        if [first.get_heads(), shared.get_heads(), copy.get_heads()]
            .iter()
            .all(|h| *h == heads)
        {
            figures.same += 1;
        }
    }
    Ok(figures)
}

/// Run `f`, adding how long it took to `times`.
fn timed<T, E>(times: &mut Vec<Duration>, f: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    let started = Instant::now();
    let out = f();
    times.push(started.elapsed());
    out
}

/// A fixed "now", so every run builds the same shape of portfolio.
fn bench_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0)
        .single()
        .unwrap_or_else(Utc::now)
}

/// A small deterministic PRNG (xorshift64*), so runs pick the same files.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// What the durable-log step measured.
#[derive(Debug, Default)]
struct LogFigures {
    /// `Node::apply` latencies.
    times: Vec<Duration>,
    /// Raw redb latencies, interleaved with `times` so both see the same background load.
    raw: Vec<Duration>,
    /// Bytes each raw sample inserts: one in-memory `log_interaction` change, measured first.
    raw_bytes: usize,
    /// Mean size of one logged change's bytes.
    change_bytes: usize,
    /// Mean size of the summary JSON written with it.
    summary_bytes: usize,
    /// Breakdown on the same files, in memory: `Node::load`.
    load: Vec<Duration>,
    /// `view::read` of the loaded document.
    read: Vec<Duration>,
    /// `edit::log_interaction` on the loaded document (not stored).
    edit: Vec<Duration>,
}

/// (a) Durable logs through `Node::apply` on random files, then sizes and an in-memory
/// breakdown on some of the same files.
fn durable_logs(
    node: &Node,
    ids: &[FileId],
    samples: usize,
    now: DateTime<Utc>,
    rng: &mut Rng,
    raw_path: &Path,
) -> BoxResult<LogFigures> {
    let mut f = LogFigures::default();
    // The size of one change, from an in-memory edit that is not stored.
    let mut probe = node.load(ids[0])?;
    let before = probe.get_heads();
    edit::log_interaction(
        &mut probe,
        &node.edit_context(),
        &interaction(rng.next(), now, ADVISER),
    )?;
    f.raw_bytes = probe
        .get_changes(&before)
        .iter()
        .map(|c| c.raw_bytes().len())
        .sum();
    drop(probe);
    let mut raw = RawRedb::create(raw_path, f.raw_bytes)?;
    let mut logged = Vec::with_capacity(samples);
    for i in 0..WARMUP + samples {
        let file = ids[rng.below(ids.len())];
        let it = interaction(rng.next(), now, ADVISER);
        let started = Instant::now();
        let edited = node.apply(file, |doc, ctx, _cfg| edit::log_interaction(doc, ctx, &it))?;
        let elapsed = started.elapsed();
        let raw_elapsed = raw.sample()?;
        if i >= WARMUP {
            f.times.push(elapsed);
            f.raw.push(raw_elapsed);
            logged.push((file, edited.change));
        }
    }
    // Sizes and breakdown, after the timed loop so they cost the samples nothing.
    let (mut change_total, mut changes, mut summary_total, mut summaries) =
        (0usize, 0usize, 0usize, 0usize);
    let ctx = node.edit_context();
    for (file, hash) in logged.iter().take(50) {
        let started = Instant::now();
        let mut doc = node.load(*file)?;
        f.load.push(started.elapsed());
        let started = Instant::now();
        let account = view::read(&doc)?;
        f.read.push(started.elapsed());
        std::hint::black_box(&account);
        if let Some(h) = hash
            && let Some(change) = doc.get_change_by_hash(h)
        {
            change_total += change.raw_bytes().len();
            changes += 1;
        }
        if let Some(s) = node.store().summary(*file)? {
            summary_total += serde_json::to_vec(&s)?.len();
            summaries += 1;
        }
        let it = interaction(rng.next(), now, ADVISER);
        let started = Instant::now();
        edit::log_interaction(&mut doc, &ctx, &it)?;
        f.edit.push(started.elapsed());
    }
    f.change_bytes = change_total / changes.max(1);
    f.summary_bytes = summary_total / summaries.max(1);
    Ok(f)
}

/// (a) Baseline: a bare redb database in the same temp dir; each sample inserts `bytes`
/// bytes under a new key and commits with `Durability::Immediate`.
struct RawRedb {
    db: Database,
    value: Vec<u8>,
    next: u64,
}

impl RawRedb {
    fn create(path: &Path, bytes: usize) -> BoxResult<Self> {
        Ok(Self {
            db: Database::create(path)?,
            value: (0..bytes.max(1)).map(|i| (i * 31 % 251) as u8).collect(),
            next: 0,
        })
    }

    /// One durable insert; returns its latency.
    fn sample(&mut self) -> BoxResult<Duration> {
        let started = Instant::now();
        let mut tx = self.db.begin_write()?;
        tx.set_durability(Durability::Immediate)?;
        {
            let mut table = tx.open_table(RAW_TABLE)?;
            table.insert(self.next, self.value.as_slice())?;
        }
        tx.commit()?;
        self.next += 1;
        Ok(started.elapsed())
    }
}

/// What a child process reports.
#[derive(Debug, Default)]
struct ChildReport {
    open_ms: f64,
    summaries_ms: f64,
    files: usize,
    hwm_kb: u64,
}

/// Re-execute this binary in `mode` on `dir` and parse its `key=value` report line.
fn run_child(mode: &str, dir: &Path) -> BoxResult<ChildReport> {
    let exe = std::env::current_exe()?;
    let output = Command::new(exe)
        .env(CHILD_ENV, mode)
        .env(CHILD_DIR_ENV, dir)
        .output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "child '{mode}' exited with {}: {}{}",
            output.status,
            stdout.trim(),
            String::from_utf8_lossy(&output.stderr).trim()
        )
        .into());
    }
    let line = stdout
        .lines()
        .find(|l| l.starts_with("child "))
        .ok_or_else(|| format!("child '{mode}' printed no report: {}", stdout.trim()))?;
    let mut r = ChildReport::default();
    for field in line.split_whitespace().skip(1) {
        match field.split_once('=') {
            Some(("open_ms", v)) => r.open_ms = v.parse()?,
            Some(("summaries_ms", v)) => r.summaries_ms = v.parse()?,
            Some(("files", v)) => r.files = v.parse()?,
            Some(("hwm_kb", v)) => r.hwm_kb = v.parse()?,
            _ => {}
        }
    }
    Ok(r)
}

fn child_dir() -> BoxResult<PathBuf> {
    std::env::var_os(CHILD_DIR_ENV)
        .map(PathBuf::from)
        .ok_or_else(|| format!("{CHILD_DIR_ENV} is not set").into())
}

/// Child mode `open`: open the node, read the index once, report times and peak RSS.
fn child_open() -> BoxResult<()> {
    let dir = child_dir()?;
    let started = Instant::now();
    let node = Node::open(&dir)?;
    let open_time = started.elapsed();
    let started = Instant::now();
    let summaries = node.summaries()?;
    let summaries_time = started.elapsed();
    println!(
        "child open_ms={:.3} summaries_ms={:.3} files={} hwm_kb={}",
        ms(open_time),
        ms(summaries_time),
        summaries.len(),
        vm_hwm_kb()
    );
    Ok(())
}

/// Child mode `noop`: the peak RSS of this binary doing nothing, for comparison.
fn child_noop() -> BoxResult<()> {
    println!(
        "child open_ms=0 summaries_ms=0 files=0 hwm_kb={}",
        vm_hwm_kb()
    );
    Ok(())
}

#[derive(Clone, Copy, Debug)]
struct Stats {
    p50: Duration,
    p99: Duration,
    mean: Duration,
}

impl Stats {
    /// Nearest-rank percentiles.
    fn of(times: &[Duration]) -> Self {
        let mut sorted = times.to_vec();
        sorted.sort();
        let pick = |q: f64| -> Duration {
            if sorted.is_empty() {
                return Duration::ZERO;
            }
            let rank = (q * sorted.len() as f64).ceil() as usize;
            sorted[rank.clamp(1, sorted.len()) - 1]
        };
        let total: Duration = sorted.iter().sum();
        let mean = total / u32::try_from(sorted.len().max(1)).unwrap_or(u32::MAX);
        Self {
            p50: pick(0.50),
            p99: pick(0.99),
            mean,
        }
    }
}

fn ratio_f(a: Duration, b: Duration) -> f64 {
    if b.is_zero() {
        return 0.0;
    }
    (a.as_secs_f64() / b.as_secs_f64() * 100.0).round() / 100.0
}

/// The printed table and the JSON figures.
#[derive(Debug, Default)]
struct Report {
    rows: Vec<(String, String, String)>,
    json: serde_json::Map<String, serde_json::Value>,
}

impl Report {
    fn row(&mut self, group: &str, what: &str, value: String) {
        self.rows.push((group.to_string(), what.to_string(), value));
    }

    fn json(&mut self, key: &str, value: impl Into<serde_json::Value>) {
        self.json.insert(key.to_string(), value.into());
    }

    fn print(&self) {
        let w0 = self
            .rows
            .iter()
            .map(|r| r.0.chars().count())
            .max()
            .unwrap_or(0)
            .max(7);
        let w1 = self
            .rows
            .iter()
            .map(|r| r.1.chars().count())
            .max()
            .unwrap_or(0)
            .max(6);
        println!("{:<w0$}  {:<w1$}  value", "section", "figure");
        println!("{}  {}  {}", "-".repeat(w0), "-".repeat(w1), "-".repeat(16));
        let mut last = "";
        for (group, what, value) in &self.rows {
            let shown = if group == last { "" } else { group.as_str() };
            last = group;
            println!("{shown:<w0$}  {what:<w1$}  {value}");
        }
        println!();
        println!("{}", serde_json::Value::Object(self.json.clone()));
    }
}
