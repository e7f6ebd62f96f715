#!/usr/bin/env bash
# Installs everything modchain needs to build and test on Debian 12: Debian packages and the pinned npm
# packages of tools/npm (package-lock.json). Idempotent: a second run installs nothing and takes a second.
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(
  build-essential cmake ninja-build ccache pkg-config git python3
  clang lld libclang-rt-14-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libssl-dev libsecp256k1-dev
  protobuf-compiler libprotobuf-dev
  nlohmann-json3-dev
  librocksdb-dev
  wabt
  libboost-dev libyaml-cpp-dev
)
# Node.js and npm: the machine image ships its own; Debian's only when none is on PATH.
command -v node >/dev/null 2>&1 || debian_packages+=(nodejs)
command -v npm >/dev/null 2>&1 || debian_packages+=(npm)

missing=()
for pkg in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Pinned npm packages: every npm project listed here is installed with `npm ci` from its lock file, again
# only when the lock file changed since the last install.
npm_projects=(tools/npm contracts/as tests/functional)
for project in "${npm_projects[@]}"; do
  [ -f "$project/package-lock.json" ] || continue
  stamp="$project/node_modules/.modchain-lock-sha256"
  want=$(sha256sum "$project/package-lock.json" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "setup: installing pinned npm packages ($project)"
    (cd "$project" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$want" > "$stamp"
  fi
done
