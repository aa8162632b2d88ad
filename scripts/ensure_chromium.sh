#!/bin/sh
# Make sure a Chromium is there for the browser tests (run by `make test`).
# Debian's chromium package through apt-get where that works (as root); elsewhere
# Playwright's own browser download. tests/conftest.py picks whichever is present.
set -e
PYTHON=${PYTHON:-python3}
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  "$PYTHON" -m playwright install chromium
fi
