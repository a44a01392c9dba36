#!/usr/bin/env bash
# The browser tests (verify login) drive Debian's Chromium through playwright-core, which
# downloads no browser of its own. Installs it once when missing (root or sudo needed).
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
echo "Installing Debian's chromium for the browser tests…" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "chromium is missing and there is no sudo: run 'apt-get install -y chromium' as root." >&2; exit 1; }
  sudo="sudo"
fi
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q chromium
