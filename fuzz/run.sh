#!/usr/bin/env bash
# Runs one fuzz target for a while: fuzz/run.sh TARGET [SECONDS]
# Targets: extract, front_matter, jsonl, html, warc (see fuzz/README.md).
# Seeds come from tests/fixtures; the growing corpus stays in fuzz/corpus/TARGET
# (not committed) and crashes land in fuzz/artifacts/TARGET.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: fuzz/run.sh TARGET [SECONDS]}"
seconds="${2:-600}"
corpus="fuzz/corpus/$target"
mkdir -p "$corpus"
dict=()
case "$target" in
  extract|front_matter) seeds=(tests/fixtures/dev/articles tests/fixtures/holdout/articles) ;;
  jsonl) seeds=(tests/fixtures/bad tests/fixtures/mixed) ;;
  html) seeds=(tests/fixtures/html tests/fixtures/bad); dict=(-dict=fuzz/dicts/html.dict) ;;
  warc)
    dict=(-dict=fuzz/dicts/warc.dict)
    # The target reads plain WARC bytes; seed it with the fixtures unpacked.
    for f in tests/fixtures/warc/*.warc.gz; do
      gzip -dc "$f" >"$corpus/$(basename "$f" .gz)" 2>/dev/null || true
    done
    seeds=(tests/fixtures/bad) ;;
  *) echo "fuzz/run.sh: unknown target $target, expected extract, front_matter, jsonl, html or warc" >&2; exit 2 ;;
esac
exec cargo +nightly fuzz run "$target" "$corpus" "${seeds[@]}" -- \
  -max_total_time="$seconds" -max_len=16384 -timeout=10 -print_final_stats=1 ${dict[@]+"${dict[@]}"}
