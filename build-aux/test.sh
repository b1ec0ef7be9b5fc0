#!/usr/bin/env bash
# Installs what is missing, builds Quarterdeck with warnings as errors and runs the whole
# test suite. Ends with one line "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

builddir=${QD_BUILDDIR:-_build-test}
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" --werror -Dbuildtype=debugoptimized || { echo "0 passed, 1 failed"; exit 1; }
fi
ninja -C "$builddir" || { echo "0 passed, 1 failed"; exit 1; }

# Everything the tests need was just installed: a test that would skip for want of a
# server (redis-server) fails instead, so nothing is left untested without a word.
export QD_REQUIRE_ALL=1
meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@"
status=$?

python3 build-aux/count-tests.py "$builddir/meson-logs/testlog.json" || status=1
exit $status
