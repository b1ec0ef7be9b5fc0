#!/bin/sh
# Runs the web page's browser tests (TAP on stdout).
# usage: run-web-tests.sh QUARTERDECK_BINARY OUTPUT_DIR
# playwright-core comes from npm (package-lock.json), installed here on first use.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

# Node 18 warns that fetch is experimental; that is not a test result.
exec node --no-warnings "$here/test-web.mjs" "$1" "$2"
