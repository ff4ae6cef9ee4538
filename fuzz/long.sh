#!/usr/bin/env bash
# A long run of one fuzz target on its saved corpus, for accumulating
# executions (docs/FUZZING.md records the totals). Run `make fuzz` first: it
# builds the targets and seeds the corpora.
#
#   fuzz/long.sh build-fuzz extract_fuzz 3600 8192 &
#
# NICE=19 lets the run take only idle CPU.
# Stop it with SIGINT (libFuzzer then prints its final stats), never with
# SIGSTOP/SIGCONT: the pause counts against the unit being run and ends in
# a false timeout. Inputs over MAX_LEN (default 8192, libFuzzer's own default
# is 4096) are cut; the hostile-input test covers large inputs.
set -euo pipefail
BUILD=$1 TARGET=$2 SECONDS_TOTAL=$3 MAX_LEN=${4:-8192}
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$BUILD/fuzz"
mkdir -p long
# Leaks are still checked; shorter allocation stacks (5 frames) keep
# ASan's bookkeeping from dominating the run.
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:malloc_context_size=5
export LSAN_OPTIONS=suppressions=$HERE/lsan.supp
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
log=long/$TARGET.$(date +%Y%m%d-%H%M%S).log
echo "log: $BUILD/fuzz/$log" >&2
exec nice -n "${NICE:-5}" "./$TARGET" -max_total_time="$SECONDS_TOTAL" -max_len="$MAX_LEN" -timeout="${TIMEOUT:-10}" -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix=long/ "corpus/$TARGET" > "$log" 2>&1
