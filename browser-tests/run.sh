#!/usr/bin/env bash
# Runs the browser test suite: accessibility (axe-core), layout screenshots,
# print, page-weight and search checks, in Debian's Chromium.
#
#   bash browser-tests/run.sh            build the site into a temporary folder
#   bash browser-tests/run.sh public     test an existing build instead
#
# The search index is made with Pagefind (the version package-lock.json
# pins) after the build, as the README says; an existing build without one
# gets one. The site is also built and indexed under /sub/, for the search
# tests under a base path. Screenshots go to out/screens/ at the repository
# root.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

work="$(mktemp -d "${TMPDIR:-/tmp}/stance-browser.XXXXXX")"
trap 'rm -rf "$work"' EXIT
echo "--- building stance"
(cd "$root" && go build -o "$work/stance" .)
if [ $# -ge 1 ]; then
  site="$(cd "$1" && pwd)"
else
  site="$work/site"
  echo "--- building the site into $site"
  "$work/stance" build --source "$root" --destination "$site"
fi
subsite="$work/subpath"
echo "--- building the site under /sub/ into $subsite/sub"
"$work/stance" build --source "$root" --destination "$subsite/sub" --base-url http://127.0.0.1/sub/

command -v "${CHROMIUM_PATH:-/usr/bin/chromium}" >/dev/null 2>&1 || {
  echo "Chromium not found at ${CHROMIUM_PATH:-/usr/bin/chromium} (apt-get install chromium)" >&2
  exit 1
}
command -v pdftotext >/dev/null 2>&1 || {
  echo "pdftotext not found (apt-get install poppler-utils)" >&2
  exit 1
}

cd "$here"
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] || [ ! -d node_modules/pagefind ]; then
  echo "--- npm ci"
  npm ci --no-audit --no-fund
fi

# The documented command, from the lock file's Pagefind instead of npx -y.
if [ $# -eq 0 ] || [ ! -f "$site/pagefind/pagefind-entry.json" ]; then
  echo "--- indexing $site for search (pagefind)"
  node_modules/.bin/pagefind --site "$site"
fi
echo "--- indexing $subsite/sub for search (pagefind)"
node_modules/.bin/pagefind --site "$subsite/sub" --quiet

echo "--- browser tests against $site"
STANCE_SITE_DIR="$site" STANCE_SUBPATH_SITE_DIR="$subsite" \
  node --test --test-concurrency=1 --test-reporter=spec tests/
