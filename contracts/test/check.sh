#!/usr/bin/env bash
# Checks the committed test contracts (contracts/test/*.wasm):
#   1. every module listed in manifest.sha256 is committed with that hash;
#   2. rebuilding the sources (build.sh into a temporary folder) gives the same bytes;
#   3. every module is MVP-valid, imports only env.invoke_system_call / env.invoke_thunk, exports _start
#      and memory, and contains no f32/f64 instruction (floats trap in the Koinos VM).
# Exits 0 when all holds, 1 on any mismatch, 77 (ctest SKIP_RETURN_CODE) when clang-14 / wasm-ld-14 /
# wabt are missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

source "$here/../wasm_build.sh"
require_contract_tools

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# 1. committed files match the manifest
(cd "$here" && sha256sum --quiet -c manifest.sha256) || fail "committed .wasm files differ from manifest.sha256"

# 2. a rebuild reproduces them
"$here/build.sh" "$tmp"
while read -r expected name; do
  rebuilt="$(sha256sum "$tmp/$name" | cut -d' ' -f1)"
  [ "$rebuilt" = "$expected" ] || fail "$name: rebuilt $rebuilt, manifest $expected"
done < "$here/manifest.sha256"

# 3. module shape (check_module.sh)
modules=()
while read -r _ name; do modules+=("$here/$name"); done < "$here/manifest.sha256"
"$here/check_module.sh" "${modules[@]}" || fail "module checks (above)"

count="$(wc -l < "$here/manifest.sha256")"
if [ "$failures" -ne 0 ]; then
  echo "check.sh: $failures problem(s) in $count test contracts"
  exit 1
fi
echo "check.sh: $count test contracts reproducible and MVP-clean"
