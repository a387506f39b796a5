#!/usr/bin/env bash
# Debian's Chromium for the browser tests (never a browser download of Playwright's own).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "chromium is not installed; the browser tests will be skipped (sudo apt-get install chromium)" >&2
fi
