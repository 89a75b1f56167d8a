#!/usr/bin/env bash
# Makes sure the browser the console's end-to-end tests drive is installed: Debian's chromium
# (launched as /usr/lib/chromium/chromium by playwright-core) and a font with Chinese glyphs, so
# the zh-CN screenshots show text rather than empty boxes. Installs with apt-get when run as root;
# otherwise says exactly what to install and fails, so a test run never passes without a browser.
# Usage: deploy/scripts/ensure-chromium.sh   (prints the executable's path on success)
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/lib/chromium/chromium}"
PACKAGES=(chromium fonts-wqy-microhei)

have_font() { command -v fc-list >/dev/null && fc-list :lang=zh 2>/dev/null | grep -q .; }

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
have_font || missing+=(fonts-wqy-microhei)

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> installing ${missing[*]} (apt-get)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    echo "xx the console e2e tests need: ${PACKAGES[*]}" >&2
    echo "   install them as root: apt-get install -y ${missing[*]}" >&2
    echo "   (or set CHROMIUM_PATH to a Chromium binary)" >&2
    exit 1
  fi
fi

if ! [ -x "$CHROMIUM" ]; then
  echo "xx $CHROMIUM is still missing after installing chromium" >&2
  exit 1
fi
"$CHROMIUM" --version >&2
echo "$CHROMIUM"
