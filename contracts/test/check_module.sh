#!/usr/bin/env bash
# Checks that each WASM module given is loadable by the Koinos VM: MVP-valid (wasm-validate with the six
# post-MVP features of wabt 1.0.32 disabled), imports nothing but env.invoke_system_call /
# env.invoke_thunk, exports _start and its memory, and contains no f32/f64 instruction (floats trap).
# Usage: check_module.sh MODULE.wasm...   Exit 0 when all pass, 1 otherwise, 77 if wabt is missing.
set -euo pipefail
for tool in wasm-objdump wasm-validate; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "check_module.sh: SKIPPED, $tool not found (Debian: wabt)"
    exit 77
  fi
done

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
for wasm in "$@"; do
  name="$(basename "$wasm")"
  wasm-validate --disable-bulk-memory --disable-reference-types --disable-sign-extension \
    --disable-saturating-float-to-int --disable-multi-value --disable-simd "$wasm" ||
    fail "$name: not a valid WebAssembly 1.0 (MVP) module"
  details="$(wasm-objdump -x "$wasm")"
  imports="$(sed -n '/^Import\[/,/^[A-Z]/p' <<<"$details" | grep -E '^ - ' || true)"
  while read -r line; do
    [ -z "$line" ] && continue
    grep -qE '<- env\.(invoke_system_call|invoke_thunk)$' <<<"$line" || fail "$name: forbidden import: $line"
  done <<<"$imports"
  grep -qE '^ - func\[[0-9]+\] .*-> "_start"$' <<<"$details" || fail "$name: does not export _start"
  grep -qE '^ - memory\[0\] -> "memory"$' <<<"$details" || fail "$name: does not export its memory"
  if wasm-objdump -d "$wasm" | grep -qE '\| *(f32|f64)\.'; then
    fail "$name: contains floating-point instructions"
  fi
done
[ "$failures" -eq 0 ]
