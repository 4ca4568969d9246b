#!/usr/bin/env bash
# markdown-bench.sh builds the samples of the public Markdown build
# benchmark (github.com/zachleat/bench-framework-markdown) with Stance and
# with Hugo, side by side, and prints median wall time, peak memory and
# the Stance/Hugo ratio. It fetches nothing: give it a checkout of that
# repository (or its _markdown-samples folder, or one folder of samples).
#
#   bench/markdown-bench.sh ~/bench-framework-markdown             every size there (250 ... 4000)
#   bench/markdown-bench.sh ~/bench-framework-markdown 4000 1000   those sizes
#   bench/markdown-bench.sh ~/samples/4000                         one folder of .md files
#
# The samples are built unmodified: each tool gets a site folder of its
# own in $TMPDIR with a copy of the samples in content/posts/, as the
# benchmark's bench-hugo.sh does. Stance gets a site.toml (title and
# base_url) and builds with its default theme: home page, section list,
# one page per sample, sitemap and feed. Hugo gets the benchmark's own
# hugo/quickstart: its config.toml and its one layout, posts/single.html,
# and runs as `hugo -D`, as bench-hugo.sh does. Both copies are compared
# with the samples after the runs, so nothing was changed.
#
# RUNS sets the runs per tool and size (default 5), alternating A B A B,
# each from a removed output folder and a synced disk. TMPDIR=/dev/shm
# runs everything in memory. Needs hugo and /usr/bin/time (Debian: apt-get
# install hugo time) and Go to build Stance.
set -euo pipefail

usage() {
  echo "usage: bench/markdown-bench.sh SAMPLES [COUNT...]" >&2
  echo "  SAMPLES: a checkout of bench-framework-markdown, its _markdown-samples folder, or one folder of .md samples" >&2
  exit 2
}
[ $# -ge 1 ] || usage
samples=$(cd "$1" && pwd) || usage
shift
cd "$(dirname "$0")/.."

for tool in hugo /usr/bin/time go; do
  command -v "$tool" >/dev/null 2>&1 || { echo "markdown-bench: $tool is missing (Debian: apt-get install hugo time)" >&2; exit 1; }
done

# The folders to build, "count path" per line.
sets=()
if [ -d "$samples/_markdown-samples" ]; then
  samples=$samples/_markdown-samples
fi
if compgen -G "$samples/*.md" >/dev/null; then
  [ $# -eq 0 ] || { echo "markdown-bench: $samples is one folder of samples; give no COUNT" >&2; exit 2; }
  n=$(find "$samples" -maxdepth 1 -name '*.md' | wc -l)
  sets+=("$n $samples")
else
  counts=("$@")
  if [ ${#counts[@]} -eq 0 ]; then
    mapfile -t counts < <(find "$samples" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | grep -E '^[0-9]+$' | sort -n)
  fi
  for c in "${counts[@]}"; do
    [ -d "$samples/$c" ] || { echo "markdown-bench: no folder $samples/$c" >&2; exit 1; }
    sets+=("$(find "$samples/$c" -maxdepth 1 -name '*.md' | wc -l) $samples/$c")
  done
fi
[ ${#sets[@]} -gt 0 ] || { echo "markdown-bench: no samples in $samples" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stance="$work/stance"
go build -o "$stance" .
hugo_version=$(hugo version | awk '{print $2}')
stance_version=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)

# site TOOL SRC DIR: a site folder for one tool, with a copy of the
# samples in content/posts/.
site() {
  local tool=$1 src=$2 dir=$3
  rm -rf "$dir"
  mkdir -p "$dir/content/posts"
  cp -p "$src"/*.md "$dir/content/posts/"
  if [ "$tool" = stance ]; then
    cat >"$dir/site.toml" <<'EOF'
title = "Markdown benchmark"
base_url = "http://example.org/"
EOF
  else
    # bench-framework-markdown's hugo/quickstart, as it is.
    mkdir -p "$dir/layouts/posts"
    cat >"$dir/config.toml" <<'EOF'
baseURL = 'http://example.org/'
languageCode = 'en-us'
title = 'My New Hugo Site'
EOF
    cat >"$dir/layouts/posts/single.html" <<'EOF'
<!doctype html>
<html lang="en">
	<head>
		<meta charset="utf-8">
		<meta name="viewport" content="width=device-width, initial-scale=1.0">
		<meta name="description" content="">
		<title></title>
	</head>
	<body>
		{{ .Content }}
	</body>
</html>
EOF
  fi
}

# measure TOOL DIR OUT: one build; appends "seconds kilobytes" to
# $work/TOOL.times.
measure() {
  local tool=$1 dir=$2 out=$3 log="$work/run.log"
  rm -rf "$out"
  sync
  local cmd
  if [ "$tool" = stance ]; then
    cmd=("$stance" build --source "$dir" --destination "$out")
  else
    cmd=(hugo -D --quiet --source "$dir" --destination "$out")
  fi
  if ! /usr/bin/time -f '%e %M' -o "$work/time.txt" "${cmd[@]}" >"$log" 2>&1; then
    echo "$tool failed on $dir:" >&2
    cat "$log" >&2
    return 1
  fi
  cat "$work/time.txt" >>"$work/$tool.times"
}

# pages OUT: how many sample pages a build wrote (posts/<name>/index.html).
pages() { find "$1/posts" -mindepth 2 -maxdepth 2 -name index.html | wc -l; }

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

runs=${RUNS:-5}
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
echo "bench-framework-markdown samples: Stance ($stance_version) vs Hugo $hugo_version"
echo "$(date -u +%Y-%m-%d), $(nproc) cores${cpu:+ ($cpu)}, output in ${TMPDIR:-/tmp}, $runs runs each, alternating"
printf '%-7s %9s %9s %7s %10s %10s %7s\n' files "stance s" "hugo s" ratio "stance MB" "hugo MB" ratio
for set in "${sets[@]}"; do
  n=${set%% *} src=${set#* }
  site stance "$src" "$work/site-stance"
  site hugo "$src" "$work/site-hugo"
  rm -f "$work/stance.times" "$work/hugo.times"
  for ((i = 0; i < runs; i++)); do
    measure stance "$work/site-stance" "$work/out-stance"
    measure hugo "$work/site-hugo" "$work/out-hugo"
  done
  for tool in stance hugo; do
    got=$(pages "$work/out-$tool")
    [ "$got" -eq "$n" ] || { echo "markdown-bench: $tool wrote $got sample pages of $n" >&2; exit 1; }
    [ "$(cd "$src" && sha256sum -- *.md)" = "$(cd "$work/site-$tool/content/posts" && sha256sum -- *.md)" ] ||
      { echo "markdown-bench: $tool's copy of the samples changed" >&2; exit 1; }
  done
  st=$(awk '{print $1}' "$work/stance.times" | median)
  ht=$(awk '{print $1}' "$work/hugo.times" | median)
  sm=$(awk '{print $2}' "$work/stance.times" | median)
  hm=$(awk '{print $2}' "$work/hugo.times" | median)
  awk -v n="$n" -v st="$st" -v ht="$ht" -v sm="$sm" -v hm="$hm" 'BEGIN {
    printf "%-7s %9.2f %9.2f %7.2f %10.0f %10.0f %7.2f\n", n, st, ht, st/ht, sm/1024, hm/1024, sm/hm }'
  rm -rf "$work/site-stance" "$work/site-hugo" "$work/out-stance" "$work/out-hugo"
done
