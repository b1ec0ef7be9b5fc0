#!/usr/bin/env bash
# Installs, from Debian 12's packages, whatever Quarterdeck needs to build and test that is
# not there yet. Safe to run again: it installs nothing that is already present.
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libjson-glib-dev
  libgtk-4-dev libadwaita-1-dev
  # the API server: libsoup, and TLS through glib-networking (tests make a certificate with openssl)
  libsoup-3.0-dev glib-networking openssl
  # the MessageBus on Redis: hiredis to build, redis-server for the bus tests
  libhiredis-dev redis-server
  # data file checks
  desktop-file-utils appstream
  # tests: widgets under Xvfb, and fonts and icons so what they render is readable
  python3 xvfb xauth fonts-cantarell fonts-dejavu-core adwaita-icon-theme
  # tests: the web page in headless Chromium driven from Node (npm brings playwright-core)
  chromium nodejs npm
  # tests: the reverse-proxy example (nginx with TLS)
  nginx
)

missing=()
for p in "${packages[@]}"; do
  # A nodejs from elsewhere may bring its own npm (and conflict with Debian's).
  if [ "$p" = npm ] && command -v npm >/dev/null 2>&1; then
    continue
  fi
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: everything is installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
