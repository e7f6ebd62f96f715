#!/usr/bin/env bash
# Builds the AssemblyScript contracts (token/) with the pinned @koinos/sdk-as 1.4.0 and checks the result
# against manifest.sha256.
#
#   contracts/as/build.sh           build into a temporary folder, compare with the committed files
#   contracts/as/build.sh --update  build and overwrite the committed token.wasm, token-abi.json, manifest
#
# Needs the pinned npm packages (scripts/setup.sh, or `npm ci` here) and Debian's protoc
# (protobuf-compiler): the CLI's @roamin/protoc would download protoc from the network. The steps are the
# ones koinos-sdk-as-cli `build-all release 0` runs, called directly so yarn is not needed
# (koinos-contracts.md §6): ABI, AssemblyScript protobuf classes, index.ts dispatch, then asc.
# The built module also goes through contracts/test/check_module.sh (MVP-valid, only the Koinos imports,
# _start, no floats). Exit codes: 0 ok, 1 mismatch or build error, 77 (skip) when node_modules or protoc
# are missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
update=0
[ "${1:-}" = "--update" ] && update=1

if [ ! -x "$here/node_modules/.bin/asc" ]; then
  echo "contracts/as/build.sh: SKIPPED, node_modules missing (run scripts/setup.sh or npm ci in contracts/as)"
  exit 77
fi
if ! command -v protoc >/dev/null 2>&1; then
  echo "contracts/as/build.sh: SKIPPED, protoc not found (Debian: protobuf-compiler)"
  exit 77
fi

bin="$here/node_modules/.bin"
# koinos/options.proto (the btype field option) as shipped with the CLI's project template.
koinos_protos="$here/node_modules/@koinos/sdk-as-cli/__template__"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
build_contract() {
  local name="$1" dir="$work/$1"
  mkdir -p "$dir/abi"
  cp -R "$here/$name/assembly" "$here/$name/asconfig.json" "$dir/"
  ln -s "$here/node_modules" "$dir/node_modules"  # asc resolves @koinos/sdk-as from here
  # abi-proto-gen runs its own protoc with the project folder as the only include path.
  ln -s "$koinos_protos/koinos" "$dir/koinos"
  (
    cd "$dir"
    local proto="assembly/proto/$name.proto"
    NODE_OPTIONS="--require=$here/tools/pbjs_no_install.cjs" \
      protoc -I . --plugin=protoc-gen-abi="$bin/koinos-abi-proto-gen" --abi_out=abi/ "$proto"
    protoc -I . --plugin=protoc-gen-as="$bin/as-proto-gen" --as_out=. "$proto"
    protoc -I . --plugin=protoc-gen-as="$bin/koinos-as-gen" --as_out=assembly/ "$proto"
    node node_modules/assemblyscript/bin/asc.js assembly/index.ts --target release --use abort= \
      --use BUILD_FOR_TESTING=0 --config asconfig.json
  )
}

build_contract token
results=(token.wasm token-abi.json)
cp "$work/token/build/token.wasm" "$work/token.wasm"
cp "$work/token/abi/token-abi.json" "$work/token-abi.json"

# The module must be loadable by the Koinos VM (MVP only, two imports, _start, no floats).
module_check=0
"$here/../test/check_module.sh" "$work/token.wasm" || module_check=$?
if [ "$module_check" -ne 0 ] && [ "$module_check" -ne 77 ]; then
  echo "FAIL: token.wasm does not pass contracts/test/check_module.sh"
  exit 1
fi

if [ "$update" -eq 1 ]; then
  for f in "${results[@]}"; do cp "$work/$f" "$here/token/$f"; done
  (cd "$here/token" && sha256sum "${results[@]}" > manifest.sha256)
  cat "$here/token/manifest.sha256"
  exit 0
fi

status=0
while read -r expected name; do
  built="$(sha256sum "$work/$name" | cut -d' ' -f1)"
  committed="$(sha256sum "$here/token/$name" | cut -d' ' -f1)"
  if [ "$built" != "$expected" ] || [ "$committed" != "$expected" ]; then
    echo "FAIL: token/$name: manifest $expected, committed $committed, rebuilt $built"
    status=1
  fi
done < "$here/token/manifest.sha256"
[ "$status" -eq 0 ] && echo "contracts/as/build.sh: token.wasm and token-abi.json reproduced"
exit "$status"
