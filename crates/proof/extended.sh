#!/usr/bin/env bash
# The extended tier of every proof suite, in one command. It takes many hours on 2 cores (see
# docs/testing.md for each suite's time); its figures are the ones recorded there.
#
#   crates/proof/extended.sh                     # every suite, then fuzzing
#   crates/proof/extended.sh kill9 simulation    # some suites (test file names, or fuzz)
#
# The suites run one at a time, in a release build, so that their timing figures (latencies,
# heal times) are not measured against each other. Each suite's output, figure lines included,
# is shown and kept in target/extended/<suite>.log. Fuzzing is crates/fuzz/run.sh extended
# (>= 1 CPU-hour and >= 10,000,000 executions per target). Suite 6 (real network) needs root and
# iproute2 and skips itself, saying why, without them. Exits non-zero if any suite failed.
set -uo pipefail
cd "$(dirname "$0")/../.."

all=(crash_points torn_writes io_errors kill9 simulation network security_matrix endorsement_matrix load fuzz)
if [ $# -gt 0 ]; then suites=("$@"); else suites=("${all[@]}"); fi

logs=target/extended
mkdir -p "$logs"
export CASEBOOK_TIER=extended
cargo test --release --locked -p casebook-proof --no-run || exit 1

failed=()
for suite in "${suites[@]}"; do
    echo "== extended tier: $suite"
    start=$(date +%s)
    if [ "$suite" = fuzz ]; then
        crates/fuzz/run.sh extended 2>&1 | tee "$logs/$suite.log"
    else
        cargo test --release --locked -p casebook-proof --test "$suite" -- --nocapture --test-threads=1 \
            2>&1 | tee "$logs/$suite.log"
    fi
    status=${PIPESTATUS[0]}
    echo "== $suite: exit $status after $(($(date +%s) - start)) s"
    [ "$status" = 0 ] || failed+=("$suite")
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "extended tier: failed: ${failed[*]}" >&2
    exit 1
fi
echo "extended tier: ${#suites[@]} suite(s) passed"
