#!/usr/bin/env bash
# Installs everything msgsim needs, then builds it; safe to run again (it only does what is missing).
# On Debian/Ubuntu it first installs the C libraries that the `canvas` package (charts) compiles
# against, since no prebuilt canvas binary can be downloaded here.
set -euo pipefail
cd "$(dirname "$0")/.."

system_packages="libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev g++ make python3 pkg-config"
if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
  missing=""
  for package in $system_packages; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
  done
  if [ -n "$missing" ]; then
    echo "setup: installing system packages:$missing"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
  || [ ! -f node_modules/canvas/build/Release/canvas.node ]; then
  echo "setup: installing npm packages (canvas compiles from source; this takes a minute)"
  npm ci --no-audit --no-fund
else
  npm run --silent build
fi
