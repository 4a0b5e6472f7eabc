#!/bin/sh
# Install Debian packages the tests or benchmarks use when they are missing and we may (root, apt-get):
#   sh tools/ensure-debian.sh chromium   the browser tests (tests/viz/test_browser.py)
#   sh tools/ensure-debian.sh wrk        the API load generator (benchmarks/api_load.py)
# Never downloads a browser build of its own: Playwright drives the distribution's /usr/bin/chromium
# through executable_path, and `playwright install` is never run.
program=${1:?usage: ensure-debian.sh PROGRAM}
command -v "$program" >/dev/null 2>&1 && exit 0
[ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1 || exit 1
(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$program") \
  >/dev/null 2>&1
command -v "$program" >/dev/null 2>&1
