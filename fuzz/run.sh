#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60) from seed corpora made
# of the sample, the shared corpus and the schemas; new inputs found are kept
# in BUILD/fuzz/corpus/<target>/ for the next run. Prints one summary line
# per target: executions, coverage, corpus size. A crash stops with exit 1.
set -euo pipefail
BUILD=${1:-build-fuzz}
SECONDS_EACH=${2:-60}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=$ROOT/../shared
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$ROOT/fuzz/lsan.supp
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for target in ${FUZZ_TARGETS:-$(cat "$ROOT/fuzz/targets.txt")}; do
  corpus=$BUILD/fuzz/corpus/$target
  seeds=$BUILD/fuzz/seeds/$target
  mkdir -p "$corpus" "$seeds"
  case $target in
    decode_fuzz|extract_fuzz)
      cp "$ROOT"/samples/*.txt "$ROOT"/tests/fixtures/*.txt "$seeds"/ 2>/dev/null || true
      # real documents of other issuers: feet, attachment notes, signers
      { ls "$ROOT"/tests/real/shanghai/docs/*.txt | head -24 | xargs -r cp -t "$seeds"/; } 2>/dev/null || true
      if [ -d "$SHARED/corpus" ]; then
        { find "$SHARED/corpus" -name '*.txt' -size -64k | head -40 | xargs -r cp -t "$seeds"/; } || true
      fi
      # the first 8 KiB of the sample: small inputs mutate faster
      head -c 8192 "$ROOT/samples/chuxiong-2022-12.txt" > "$seeds/sample-head.txt"
      iconv -f utf-8 -t gb18030 "$seeds/sample-head.txt" > "$seeds/sample-head-gb.txt" 2>/dev/null || true
      ;;
    schema_fuzz)
      for s in "$ROOT"/schemas/*.yaml "$ROOT"/schemas/profiles/*.yaml; do
        { cat "$s"; printf '\0{"name": "x", "documents": []}'; } > "$seeds/$(basename "$s")"
      done
      ;;
    schema_eval_fuzz)
      cp "$ROOT"/schemas/*.yaml "$ROOT"/schemas/profiles/*.yaml "$seeds"/
      ;;
    pdf_fuzz)
      # small PDFs typeset like gazettes: a single document, a page of two
      # columns, a picture page; and a minimal hand-made one
      cp "$ROOT"/fuzz/pdf-seeds/*.pdf "$seeds"/
      ;;
    check_fuzz|extraction_fuzz)
      cp "$ROOT/fuzz/instance.json" "$seeds/"
      "$ROOT/build/bin/gazette-extract" --format yaml --no-text "$ROOT/tests/fixtures/gwy-style.txt" > "$seeds/gwy.yaml" 2>/dev/null || true
      "$ROOT/build/bin/gazette-extract" --no-text "$ROOT/samples/chuxiong-2022-12.txt" > "$seeds/sample.json" 2>/dev/null ||
        printf '{"documents": [{"title": "x", "number": {"text": "楚政通〔2022〕61号"}}]}' > "$seeds/sample.json"
      ;;
  esac
  log=$BUILD/fuzz/$target.log
  if ! "$BUILD/fuzz/$target" -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 "$corpus" "$seeds" > "$log" 2>&1; then
    echo "$target: CRASH or failure, see $log"; tail -30 "$log"; status=1; continue
  fi
  runs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
  cov=$(grep -E '^#[0-9]+.*(DONE|pulse)' "$log" | tail -1 | grep -o 'cov: [0-9]*' || true)
  echo "$target: $runs executions in ${SECONDS_EACH}s, $cov, corpus $(ls "$corpus" | wc -l) inputs"
done
exit $status
