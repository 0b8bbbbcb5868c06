#!/usr/bin/env bash
# Installs Debian's chromium for the dashboard's browser test when it is missing (CI runs as root
# on a clean Debian machine). Elsewhere it says what to do; the browser test then skips itself.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
  echo "installed $(/usr/bin/chromium --version)"
else
  echo "chromium is missing: install Debian's chromium (apt-get install chromium) to run the dashboard's browser test"
fi
