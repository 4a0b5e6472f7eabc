#!/bin/sh
# Install Debian's Chromium for the browser tests (tests/viz/test_browser.py) when it is missing and we
# may (root, apt-get). Never downloads a browser build of its own: Playwright drives the distribution's
# /usr/bin/chromium through executable_path, and `playwright install` is never run.
command -v chromium >/dev/null 2>&1 && exit 0
[ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1 || exit 1
(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
  >/dev/null 2>&1
command -v chromium >/dev/null 2>&1
