#!/usr/bin/env bash
# Runs every Google Benchmark program of the release build and keeps the JSON results.
# Usage: scripts/bench.sh [filter-regex]   (results in build/release/bench-results/<program>.json)
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/release/bench-results
mkdir -p "$out"
filter="${1:-.}"
shopt -s nullglob
programs=(build/release/*_bench)
[ ${#programs[@]} -gt 0 ] || { echo "no benchmark programs in build/release (run 'make bench')" >&2; exit 1; }
for program in "${programs[@]}"; do
  name=$(basename "$program")
  echo "== $name"
  "$program" --benchmark_filter="$filter" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
    --benchmark_out="$out/$name.json" --benchmark_out_format=json
done

# End to end: JSON-RPC throughput and submit-to-inclusion latency of a real release modchaind on 127.0.0.1.
if [ -x build/release/app/modchaind/modchaind ] && [ -d tests/functional/node_modules/koilib ]; then
  echo "== node_rpc_load (bench/node_rpc_load.js)"
  node bench/node_rpc_load.js build/release/app/modchaind/modchaind . 3 4 | tee "$out/node_rpc_load.txt"
fi
