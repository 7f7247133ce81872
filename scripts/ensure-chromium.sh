#!/usr/bin/env bash
# The dashboard's browser test drives Debian's Chromium (no browser download: the network only reaches package
# registries). Installs it with apt when missing; needs root, as on our machines and CI.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "[setup] /usr/bin/chromium is missing; install Debian's 'chromium' package (needs root) for the browser test" >&2
  exit 1
fi
echo "[setup] installing Debian chromium for the dashboard browser test"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium > /dev/null
