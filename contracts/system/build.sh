#!/usr/bin/env bash
# Builds the system contracts (contracts/system/*.cpp, using contracts/sdk) into wasm32 modules.
#
#   contracts/system/build.sh                 rebuild every contract in place, rewrite each NAME.wasm.sha256
#   contracts/system/build.sh NAME...         only these (e.g. `token governance`)
#   OUT_DIR=/tmp/x contracts/system/build.sh  build into OUT_DIR only (what check.sh does)
#
# Every SOURCE.cpp gives SOURCE.wasm. A source may also declare variants, one line each:
#   // build-variant: NAME -DFLAG ...
# which builds NAME.wasm from the same source with those extra flags (consensus_v1 is consensus.cpp with
# its historical bug switched on). One .sha256 file per module, so contracts are rebuilt independently.
# Flags: contracts/wasm_build.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../wasm_build.sh"
out="${OUT_DIR:-$here}"
mkdir -p "$out"

# "name|source|flags" for every module.
shopt -s nullglob
modules=()
for source in "$here"/*.cpp; do
  base="$(basename "$source" .cpp)"
  modules+=("$base|$source|")
  while read -r _ _ variant flags; do
    modules+=("$variant|$source|$flags")
  done < <(grep -E '^// build-variant: ' "$source" || true)
done

wanted=("$@")
is_wanted() {
  [ "${#wanted[@]}" -eq 0 ] && return 0
  local w
  for w in "${wanted[@]}"; do [ "$w" = "$1" ] && return 0; done
  return 1
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for entry in "${modules[@]}"; do
  IFS='|' read -r name source flags <<< "$entry"
  is_wanted "$name" || continue
  # shellcheck disable=SC2086  # flags are words
  build_cpp_contract "$source" "$out/$name.wasm" "$tmp" $flags
  if [ "$out" = "$here" ]; then
    (cd "$here" && sha256sum "$name.wasm" > "$name.wasm.sha256")
    cat "$here/$name.wasm.sha256"
  fi
done
