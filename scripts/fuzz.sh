#!/usr/bin/env bash
# Runs one libFuzzer target of the 'fuzz' preset for a while, starting from its committed corpus.
# Usage: scripts/fuzz.sh <target> [seconds=300]. New interesting inputs go to build/fuzz/corpus/<target>;
# copy small, meaningful ones into fuzz/corpus/<target>/ to keep them as regression inputs.
set -euo pipefail
cd "$(dirname "$0")/.."
target="$1"
seconds="${2:-300}"
[ -x "build/fuzz/$target" ] || { echo "build/fuzz/$target missing: run 'make fuzz' first" >&2; exit 1; }
work="build/fuzz/corpus/$target"
mkdir -p "$work"
[ -d "fuzz/corpus/$target" ] && cp -n fuzz/corpus/"$target"/* "$work"/ 2>/dev/null || true
exec "build/fuzz/$target" "$work" -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1
