#!/bin/sh
# What the browser and PDF tests need beyond Python packages (run by `make test`):
# a Chromium, pdftotext, and Node.js for the drill scheduler's unit tests. Debian's
# packages through apt-get where that works (as root); elsewhere Playwright's own
# Chromium download, and pdftotext (poppler-utils) and node must already be there.
# tests/conftest.py picks whichever Chromium is present.
set -e
PYTHON=${PYTHON:-python3}
if [ -x /usr/bin/chromium ] && command -v pdftotext >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils nodejs >/dev/null
else
  "$PYTHON" -m playwright install chromium
fi
