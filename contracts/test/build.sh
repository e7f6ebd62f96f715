#!/usr/bin/env bash
# Builds the C++ test contracts (contracts/test/*.cpp, using contracts/sdk) into wasm32 modules.
#
#   contracts/test/build.sh            rebuild in place and rewrite manifest.sha256
#   contracts/test/build.sh OUT_DIR    build into OUT_DIR only (what check.sh does)
#
# The flags are part of the contract: changing them changes every module hash. Debian's clang-14 and
# wasm-ld-14 (package lld-14) are required; CLANG / WASM_LD override the commands.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sdk="$(cd "$here/../sdk" && pwd)"
out="${1:-$here}"
mkdir -p "$out"

clang="${CLANG:-clang++-14}"
wasm_ld="${WASM_LD:-wasm-ld-14}"

# Sorted, so the manifest order does not depend on the file system.
contracts=(authority caller context privilege_probe rc_override signature_override spin storage)

compile_flags=(
  --target=wasm32 -mcpu=mvp -std=c++20 -O2
  -nostdlib -ffreestanding -fno-builtin -fno-exceptions -fno-rtti
  -fno-threadsafe-statics
  -Wall -Wextra -Werror
  -I "$sdk"
)
# wasm-ld is called directly (not through the clang driver) so no libc or crt is ever looked up. `_start`
# is exported by the export_name("_start") attribute in each contract (--export=_start would look for a
# symbol literally named _start).
link_flags=(
  --no-entry --strip-all
  -z stack-size=65536
  --initial-memory=393216 --max-memory=4194304
)

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for name in "${contracts[@]}"; do
  "$clang" "${compile_flags[@]}" -c -o "$tmp/$name.o" "$here/$name.cpp"
  "$wasm_ld" "${link_flags[@]}" -o "$out/$name.wasm" "$tmp/$name.o"
done

if [ "$out" = "$here" ]; then
  (cd "$here" && sha256sum "${contracts[@]/%/.wasm}" > manifest.sha256)
  cat "$here/manifest.sha256"
fi
