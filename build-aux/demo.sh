#!/usr/bin/env bash
# Installs what is missing, builds Quarterdeck and starts it on its embedded demo (simulated
# paper venue, no Redis, node or IB needed): the window on a desktop, the headless live
# summary where there is no display. Extra arguments go to quarterdeck.
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
[ -f _build/build.ninja ] || meson setup _build
ninja -C _build
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
if [ -n "${WAYLAND_DISPLAY:-}" ] || [ -n "${DISPLAY:-}" ]; then
  exec ./_build/src/quarterdeck --demo "$@"
fi
echo "No display: running the headless demo (Ctrl+C to stop)."
exec ./_build/src/quarterdeck --headless --demo "$@"
