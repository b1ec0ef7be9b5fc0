#!/usr/bin/env bash
# Installs what is missing, builds Quarterdeck and starts it on its embedded demo
# (simulated paper venue, no Redis, node or IB needed). Extra arguments go to quarterdeck.
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
[ -f _build/build.ninja ] || meson setup _build
ninja -C _build
exec ./_build/src/quarterdeck --headless --demo "$@"
