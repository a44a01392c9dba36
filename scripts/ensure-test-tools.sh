#!/usr/bin/env bash
# What the tests need from Debian beyond npm: Chromium for the browser tests (verify login; driven
# through playwright-core, which downloads no browser of its own) and util-linux's `script` for the
# terminal tests (a pseudo-terminal). Installs what is missing, once (root or sudo needed).
# Run explicitly: `npm run test:setup` (.ci/run does); `npm test` never calls it.
set -euo pipefail
packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v script >/dev/null || packages+=(bsdutils)
[ ${#packages[@]} -eq 0 ] && exit 0
echo "Installing ${packages[*]} for the tests…" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "${packages[*]} missing and there is no sudo: run 'apt-get install -y ${packages[*]}' as root." >&2; exit 1; }
  sudo="sudo"
fi
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${packages[@]}"
