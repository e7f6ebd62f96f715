#!/usr/bin/env bash
# Builds tests/math_wasm.cpp with the contract flags and checks mul_u64 / mul_div on wasm32 against BigInt
# (node). Exit 0 pass, 1 mismatch, 77 when clang-14 / wasm-ld-14 / node are missing (ctest skip code).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
for tool in "${CLANG:-clang++-14}" "${WASM_LD:-wasm-ld-14}" node; do
  command -v "$tool" >/dev/null 2>&1 || { echo "math_wasm_check.sh: SKIPPED, $tool not found"; exit 77; }
done
source "$here/../../wasm_build.sh"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
build_cpp_contract "$here/math_wasm.cpp" "$tmp/math_wasm.wasm" "$tmp"
node "$here/math_wasm_check.mjs" "$tmp/math_wasm.wasm"
