#!/usr/bin/env bash
# Checks the committed system contracts (contracts/system/*.wasm):
#   1. every module is committed with the hash of its NAME.wasm.sha256, and every source has its module;
#   2. rebuilding the sources (build.sh into a temporary folder) gives the same bytes;
#   3. every module passes contracts/test/check_module.sh (MVP-valid, only the two host imports, _start
#      and memory exported, no floats).
# Exits 0 when all holds, 1 on any mismatch, 77 (ctest SKIP_RETURN_CODE) when tools are missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

source "$here/../wasm_build.sh"
require_contract_tools

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
OUT_DIR="$tmp" "$here/build.sh"

shopt -s nullglob
modules=()
for built in "$tmp"/*.wasm; do
  name="$(basename "$built")"
  manifest="$here/$name.sha256"
  if [ ! -f "$manifest" ]; then
    fail "$name: no $name.sha256 (run contracts/system/build.sh and commit the module)"
    continue
  fi
  (cd "$here" && sha256sum --quiet -c "$name.sha256") || fail "$name: committed module differs from $name.sha256"
  expected="$(cut -d' ' -f1 < "$manifest")"
  rebuilt="$(sha256sum "$built" | cut -d' ' -f1)"
  [ "$rebuilt" = "$expected" ] || fail "$name: rebuilt $rebuilt, manifest $expected"
  modules+=("$here/$name")
done
[ "${#modules[@]}" -eq 0 ] || "$here/../test/check_module.sh" "${modules[@]}" || fail "module checks (above)"

if [ "$failures" -ne 0 ]; then
  echo "check.sh: $failures problem(s) in ${#modules[@]} system contracts"
  exit 1
fi
echo "check.sh: ${#modules[@]} system contracts reproducible and MVP-clean"
