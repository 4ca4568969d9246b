#!/usr/bin/env bash
# Runs the browser test suite: accessibility (axe-core), layout screenshots,
# print and page-weight checks, in Debian's Chromium.
#
#   bash browser-tests/run.sh            build the site into a temporary folder
#   bash browser-tests/run.sh public     test an existing build instead
#
# Screenshots go to out/screens/ at the repository root.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

if [ $# -ge 1 ]; then
  site="$(cd "$1" && pwd)"
else
  site="$(mktemp -d "${TMPDIR:-/tmp}/stance-site.XXXXXX")"
  trap 'rm -rf "$site"' EXIT
  echo "--- building the site into $site"
  (cd "$root" && go run . build --destination "$site")
fi

command -v "${CHROMIUM_PATH:-/usr/bin/chromium}" >/dev/null 2>&1 || {
  echo "Chromium not found at ${CHROMIUM_PATH:-/usr/bin/chromium} (apt-get install chromium)" >&2
  exit 1
}
command -v pdftotext >/dev/null 2>&1 || {
  echo "pdftotext not found (apt-get install poppler-utils)" >&2
  exit 1
}

cd "$here"
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  echo "--- npm ci"
  npm ci --no-audit --no-fund
fi

echo "--- browser tests against $site"
STANCE_SITE_DIR="$site" node --test --test-concurrency=1 --test-reporter=spec tests/
