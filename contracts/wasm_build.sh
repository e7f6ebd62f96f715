#!/usr/bin/env bash
# Shared by contracts/test/build.sh and contracts/system/build.sh (sourced, not run): the one set of
# flags every C++ contract is built with, and `build_cpp_contract SOURCE.cpp OUT.wasm TMPDIR`.
#
# The flags are part of the contract: changing them changes every module hash. Debian's clang-14 and
# wasm-ld-14 (package lld-14) are required; CLANG / WASM_LD override the commands.
contracts_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
clang="${CLANG:-clang++-14}"
wasm_ld="${WASM_LD:-wasm-ld-14}"

compile_flags=(
  --target=wasm32 -mcpu=mvp -std=c++20 -O2
  -nostdlib -ffreestanding -fno-builtin -fno-exceptions -fno-rtti
  -fno-threadsafe-statics
  -Wall -Wextra -Werror
  -I "$contracts_dir/sdk"
)
# wasm-ld is called directly (not through the clang driver) so no libc or crt is ever looked up. `_start`
# is exported by the export_name("_start") attribute in each contract (--export=_start would look for a
# symbol literally named _start).
link_flags=(
  --no-entry --strip-all
  -z stack-size=65536
  --initial-memory=393216 --max-memory=4194304
)

# build_cpp_contract SOURCE OUT TMPDIR [EXTRA_COMPILE_FLAGS...]
build_cpp_contract() {
  local source="$1" out="$2" tmp="$3"
  shift 3
  local object="$tmp/$(basename "$out" .wasm).o"
  "$clang" "${compile_flags[@]}" "$@" -c -o "$object" "$source"
  "$wasm_ld" "${link_flags[@]}" -o "$out" "$object"
}

# For the check scripts: exits 77 (ctest SKIP_RETURN_CODE) unless the compiler, linker and wabt are there.
require_contract_tools() {
  local tool
  for tool in "$clang" "$wasm_ld" wasm-objdump wasm-validate sha256sum; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "check.sh: SKIPPED, $tool not found (Debian: clang-14 lld-14 wabt)"
      exit 77
    fi
  done
}

# For the check scripts: `fail MESSAGE` prints it and counts it in $failures.
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
