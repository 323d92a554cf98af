#!/usr/bin/env bash
# Run casebook's fuzz targets and print what each one tried and found.
#
#   crates/fuzz/run.sh quick    [target...]   # CI: 60 s per target
#   crates/fuzz/run.sh extended [target...]   # >= 1 CPU-hour and >= 10,000,000 executions per target
#
# Shorter or longer runs: FUZZ_SECONDS (time per target), FUZZ_MIN_RUNS (executions per target;
# the extended tier keeps going past FUZZ_SECONDS until it has them). Other knobs: FUZZ_RSS_MB
# (peak RSS allowed, default 1024), FUZZ_NO_BUILD=1 (use the binaries already built),
# FUZZ_JOBS (fuzzing processes per target at once, default 1: on a machine with N cores, N of
# them share the target's corpus, each rereading it every second for what the others found;
# their executions add up, and each has FUZZ_SECONDS; a finding in one is reported when all
# have stopped).
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`) and a C++ compiler (libFuzzer is built
# from source by libfuzzer-sys). Runs on the stable toolchain with `--sanitizer none`: the
# coverage instrumentation (-Cpasses=sancov-module) is stable, AddressSanitizer (-Zsanitizer) is
# not. Rust code needs no sanitizer to catch out-of-bounds access (the workspace forbids unsafe
# code); the allocation limits are enforced by the fuzz crate's own allocator (src/lib.rs), since
# libFuzzer's -malloc_limit_mb relies on a sanitizer's malloc hooks.
#
# Every input runs under: -timeout=1 (an input taking over 1 s is a hang), -rss_limit_mb, and the
# target's single-allocation limit (a named limit of casebook_base::limits). A crash, hang, or
# out-of-memory input is written to crates/fuzz/artifacts/<target>/; fix it, then commit it to
# crates/fuzz/regressions/<target>/ so `cargo test --workspace` replays it for ever.
set -euo pipefail
cd "$(dirname "$0")/../.."

tier=${1:-quick}
shift || true
case "$tier" in
quick)
    seconds=${FUZZ_SECONDS:-60}
    min_runs=${FUZZ_MIN_RUNS:-0}
    ;;
extended)
    seconds=${FUZZ_SECONDS:-3600}
    min_runs=${FUZZ_MIN_RUNS:-10000000}
    ;;
*)
    echo "usage: $0 quick|extended [target...]" >&2
    exit 2
    ;;
esac
rss_mb=${FUZZ_RSS_MB:-1024}
jobs=${FUZZ_JOBS:-1}
if ! [[ $jobs =~ ^[1-9][0-9]*$ ]]; then
    echo "FUZZ_JOBS must be a whole number of processes, 1 or more (got '$jobs')" >&2
    exit 2
fi
# Fuzzing processes left running if this script stops early are stopped with it.
trap 'pkill -P $$ 2>/dev/null || true' EXIT
trap 'exit 143' INT TERM
all_targets=(frame message handshake session document import)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all_targets[@]}"); fi

# Longest input per target (-max_len), and the single-allocation limit in MiB (for
# -malloc_limit_mb, which takes effect in sanitizer builds; the allocator enforces the same
# limit, from casebook_proof::fuzz::Target::alloc_limit, in every build).
max_len() {
    case "$1" in
    handshake) echo 16384 ;;
    session | document) echo 262144 ;;
    *) echo 65536 ;;
    esac
}
malloc_mb() {
    case "$1" in
    document | import) echo 64 ;;   # MAX_DOCUMENT_BYTES, MAX_CSV_BYTES
    session | handshake) echo 64 ;; # 2 x MAX_INFLATED_BYTES: a Sync may carry a whole document
    *) echo 8 ;;                    # MAX_FRAME_BYTES
    esac
}

# The node-backed targets build their fixture (two real redb stores) in temporary directories;
# the node under test then runs on an in-memory copy of its store. A RAM disk keeps the build's
# fsyncs and the stores the seed recorder copies cheap.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    export TMPDIR=/dev/shm
fi

fuzz_dir=crates/fuzz
# cargo builds into CARGO_TARGET_DIR when it is set, else into the fuzz crate's own target/.
bin_dir=${CARGO_TARGET_DIR:-$fuzz_dir/target}/x86_64-unknown-linux-gnu/release
if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
    build_start=$(date +%s)
    cargo fuzz build --fuzz-dir "$fuzz_dir" --sanitizer none
    echo "fuzz build: $(($(date +%s) - build_start)) s"
fi

log_dir=$fuzz_dir/logs
mkdir -p "$log_dir"
stat() { # stat NAME LOG: the last value libFuzzer printed for stat::NAME (nothing if none)
    { grep -a "^stat::$1:" "$2" || true; } | tail -n 1 | awk '{print $2}'
}

summary=()
failed=0
for t in "${targets[@]}"; do
    bin=$bin_dir/$t
    [ -x "$bin" ] || { echo "no fuzz binary $bin" >&2; exit 2; }
    mkdir -p "$fuzz_dir/corpus/$t" "$fuzz_dir/artifacts/$t"
    log=$log_dir/$t.log
    : >"$log"
    artifacts_before=$(find "$fuzz_dir/artifacts/$t" -type f | wc -l)
    runs=0 elapsed=0 rss=0 status=0 pass=0
    start=$(date +%s)
    # Phase 1 runs for the time; later phases (extended tier) add executions until min_runs.
    while :; do
        pass=$((pass + 1))
        if [ "$pass" = 1 ]; then
            limit=(-max_total_time="$seconds")
        else
            limit=(-runs=$(((min_runs - runs + jobs - 1) / jobs)))
        fi
        echo "== fuzz $t ($tier, pass $pass: ${limit[*]}, $jobs process(es))"
        pids=()
        for job in $(seq 1 "$jobs"); do
            CASEBOOK_FUZZ_SLOW_DIR=$log_dir/slow-$t "$bin" "${limit[@]}" -timeout=1 -rss_limit_mb="$rss_mb" -malloc_limit_mb="$(malloc_mb "$t")" \
                -max_len="$(max_len "$t")" -print_final_stats=1 -artifact_prefix="$fuzz_dir/artifacts/$t/" \
                "$fuzz_dir/corpus/$t" "$fuzz_dir/seeds/$t" >"$log.pass.$job" 2>&1 &
            pids+=($!)
        done
        status=0
        for pid in "${pids[@]}"; do
            set +e
            wait "$pid"
            job_status=$?
            set -e
            [ "$job_status" != 0 ] && status=$job_status
        done
        for job in $(seq 1 "$jobs"); do
            cat "$log.pass.$job" >>"$log"
            pass_runs=$(stat number_of_executed_units "$log.pass.$job")
            runs=$((runs + ${pass_runs:-0}))
            pass_rss=$(stat peak_rss_mb "$log.pass.$job")
            [ "${pass_rss:-0}" -gt "$rss" ] && rss=$pass_rss
            rm -f "$log.pass.$job"
        done
        if [ "$status" != 0 ] || [ "$runs" -ge "$min_runs" ]; then break; fi
    done
    elapsed=$(($(date +%s) - start))
    artifacts=$(($(find "$fuzz_dir/artifacts/$t" -type f | wc -l) - artifacts_before))
    # What libFuzzer saved, by kind: a crash (panic, broken invariant, abort), a hang (over
    # -timeout), out of memory (over -rss_limit_mb); and allocations the allocator refused.
    crashes=$(grep -ac "Test unit written to .*/crash-" "$log" || true)
    hangs=$(grep -ac "Test unit written to .*/timeout-" "$log" || true)
    ooms=$(grep -ac "Test unit written to .*/oom-" "$log" || true)
    over=$(grep -ac "memory allocation of .* failed\|an allocation of .* was refused" "$log" || true)
    largest=$({ grep -a "largest single allocation so far" "$log" || true; } | tail -n 1 | sed 's/.*so far: \([0-9]*\) bytes.*/\1/')
    slowest_ms=$({ grep -a "slowest input so far" "$log" || true; } | tail -n 1 | sed 's/.*so far: \([0-9.]*\) ms.*/\1/')
    corpus=$(find "$fuzz_dir/corpus/$t" -type f | wc -l)
    rate=$((runs / (elapsed > 0 ? elapsed : 1)))
    line=$(printf '%-10s %12s runs %8s/s %6ss  crashes %s  hangs %s  ooms %s  over-limit allocations %s  new artifacts %s  slowest %s ms  peak RSS %s MB  largest alloc %s B  corpus %s' \
        "$t" "$runs" "$rate" "$elapsed" "$crashes" "$hangs" "$ooms" "$over" "$artifacts" "${slowest_ms:-<1}" "$rss" "${largest:-0}" "$corpus")
    echo "fuzz $tier: $line"
    summary+=("$line")
    if [ "$status" != 0 ] || [ "$artifacts" != 0 ] || [ "$runs" -lt "$min_runs" ]; then
        failed=1
        echo "fuzz $t FAILED (exit $status); see $log and $fuzz_dir/artifacts/$t/" >&2
    fi
done

echo "== fuzz $tier tier: ${#targets[@]} target(s), $seconds s each, at least $min_runs runs each"
printf '%s\n' "${summary[@]}"
exit "$failed"
