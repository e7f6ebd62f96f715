#!/bin/sh
# Rebuilds the prebuilt test contracts with Debian's clang-14 and rewrites the manifest.
# Usage: contracts/test/vm/build.sh   (run from anywhere; writes next to the sources)
set -eu
cd "$(dirname "$0")"
for src in kernels echo; do
  clang-14 --target=wasm32 -mcpu=mvp -O2 -nostdlib -ffreestanding -fno-builtin \
    -Wl,--no-entry -Wl,--strip-all -o "$src.wasm" "$src.c"
done
sha256sum kernels.wasm echo.wasm > MANIFEST.sha256
cat MANIFEST.sha256
