#!/usr/bin/env bash
# Builds the C++ test contracts (contracts/test/*.cpp, using contracts/sdk) into wasm32 modules.
#
#   contracts/test/build.sh            rebuild in place and rewrite manifest.sha256
#   contracts/test/build.sh OUT_DIR    build into OUT_DIR only (what check.sh does)
#
# Flags: contracts/wasm_build.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../wasm_build.sh"
out="${1:-$here}"
mkdir -p "$out"

# Sorted, so the manifest order does not depend on the file system.
contracts=(authority caller context privilege_probe rc_override signature_override spin storage)

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for name in "${contracts[@]}"; do
  build_cpp_contract "$here/$name.cpp" "$out/$name.wasm" "$tmp"
done

if [ "$out" = "$here" ]; then
  (cd "$here" && sha256sum "${contracts[@]/%/.wasm}" > manifest.sha256)
  cat "$here/manifest.sha256"
fi
