#!/usr/bin/env bash
# compare.sh builds the generated benchmark corpus (bench/corpusgen: a
# training site of exercises, guides, club news and race reports) with
# Stance and with Hugo, side by side on the same machine, and prints median
# wall time, median peak memory (RSS) and the Stance/Hugo ratios.
#
#   bench/compare.sh            1,000 and 10,000 pages, 5 runs each, A B A B,
#                               fresh builds and rebuilds, in memory and on disk
#   bench/compare.sh --smoke    200 pages, one build each: both must succeed
#
# Two kinds of build are measured:
#   fresh    into an empty destination: the output is removed (untimed)
#            before every run.
#   rebuild  into the tool's own output of the previous run, which is the
#            common case (a writer rebuilding after an edit, a CI cache).
#            Each tool first builds twice untimed, so every timed run
#            starts where a site folder in use is: Hugo's output of the
#            build before, Stance's too and its staging folder (the build
#            before that, which it overwrites in place); outputs are never
#            removed between rebuilds.
# A fresh build removes Stance's staging folder too, so it starts from
# nothing.
# Before every timed run the disk is synced, so no run pays for the
# writeback of the one before.
#
# "cp -a s" is the file system's floor for the same output: copying
# Stance's output with cp -a, into a new folder for fresh builds and over
# the previous copy for rebuilds. Creating (or overwriting) the same
# folders and files with nothing to compute is the file system's share of
# any build; on a disk that is slow to create files it sets a floor, and a
# growth, of its own.
#
# Settings, from the environment:
#   RUNS   timed runs per tool, size, mode and folder (default 5)
#   PAGES  corpus sizes (default "1000 10000"; "1000 10000 50000" works)
#   MODE   "fresh", "rebuild" or both (default "fresh rebuild")
#   DIRS   parent folders to build in (default "/dev/shm $TMPDIR", with
#          TMPDIR defaulting to /tmp): tmpfs measures the tools without
#          the disk, /tmp on a disk with it. The table names each folder's
#          file system.
#   VERBOSE=1 also prints every run (to stderr), untimed ones marked
#          "warm-up": on a shared machine the spread tells how far to
#          trust a median.
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=0
case "${1:-}" in
--smoke) smoke=1 ;;
"") ;;
*) echo "usage: bench/compare.sh [--smoke]" >&2; exit 2 ;;
esac

need_apt=()
command -v hugo >/dev/null 2>&1 || need_apt+=(hugo)
[ -x /usr/bin/time ] || need_apt+=(time)
if ((${#need_apt[@]})); then
  echo "--- installing ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

bin=$(mktemp -d)
works=("$bin")
cleanup() { rm -rf "${works[@]}"; }
trap cleanup EXIT
go build -o "$bin/stance" .
go build -o "$bin/corpus" ./bench/corpus
hugo_version=$(hugo version | awk '{print $2}')

# build TOOL DIR OUT: one build of corpus DIR into OUT; appends
# "seconds kilobytes" to $work/TOOL.times.
build() {
  local tool=$1 dir=$2 out=$3 log="$work/run.log"
  local cmd
  if [ "$tool" = stance ]; then
    cmd=("$bin/stance" build --source "$dir" --destination "$out")
  else
    cmd=(hugo --quiet --source "$dir" --destination "$out")
  fi
  if ! /usr/bin/time -f '%e %M' -o "$work/time.txt" "${cmd[@]}" >"$log" 2>&1; then
    echo "$tool failed on $dir:" >&2
    cat "$log" >&2
    return 1
  fi
  cat "$work/time.txt" >>"$work/$tool.times"
  if [ -n "${VERBOSE:-}" ]; then
    awk -v t="$tool" -v l="${label:-}" '{ printf "  %-6s %s: %.2f s, %.0f MB\n", t, l, $1, $2/1024 }' "$work/time.txt" >&2
  fi
}

# clear_out OUT removes an output folder and Stance's staging folder
# beside it (.OUT.stance-staging).
clear_out() { rm -rf "$1" "$(dirname "$1")/.$(basename "$1").stance-staging"; }

# measure MODE TOOL DIR OUT: one timed build. A fresh build starts from no
# output; a rebuild keeps it. Either starts from a quiet disk.
measure() {
  local mode=$1 tool=$2 dir=$3 out=$4
  [ "$mode" = fresh ] && clear_out "$out"
  sync
  build "$tool" "$dir" "$out"
}

# measure_copy MODE OUT: cp -a of Stance's output, appending the seconds to
# $work/copy.times: into a new folder (fresh) or over the previous copy
# (rebuild).
measure_copy() {
  local mode=$1 out=$2
  if [ "$mode" = fresh ]; then
    rm -rf "$out.copy"
    mkdir "$out.copy"
  fi
  sync
  /usr/bin/time -f '%e' -o "$work/time.txt" cp -a "$out/." "$out.copy/"
  cat "$work/time.txt" >>"$work/copy.times"
  [ -z "${VERBOSE:-}" ] || echo "  cp -a  ${label:-}: $(cat "$work/time.txt") s" >&2
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

fstype() { { findmnt -n -o FSTYPE -T "$1" 2>/dev/null || stat -f -c %T "$1"; } | head -n 1; }

if ((smoke)); then
  work=$(mktemp -d)
  works+=("$work")
  dir="$work/corpus"
  "$bin/corpus" -pages 200 -out "$dir"
  for tool in stance hugo; do
    measure fresh "$tool" "$dir" "$work/out-$tool"
    for f in index.html exercises/split-squat/index.html exercises/split-squat/diagram.svg \
      guides/strength/index.html muscles/gluteus-medius/index.html equipment/band/index.html tags/index.html; do
      [ -f "$work/out-$tool/$f" ] || { echo "$tool wrote no $f" >&2; exit 1; }
    done
  done
  echo "smoke: Stance and Hugo $hugo_version both built the 200-page corpus"
  exit 0
fi

runs=${RUNS:-5}
modes=${MODE:-fresh rebuild}
dirs=()
for d in ${DIRS:-/dev/shm ${TMPDIR:-/tmp}}; do
  if [ ! -d "$d" ]; then
    echo "skipping $d: no such folder" >&2
    continue
  fi
  for seen in "${dirs[@]}"; do [ "$seen" -ef "$d" ] && continue 2; done
  dirs+=("$d")
done
declare -A st_wall st_rss hu_wall hu_rss cp_wall
echo "Stance vs Hugo $hugo_version, $(nproc) cores, $runs runs each, alternating A B A B; medians"
printf '%-16s %-7s %-7s %8s %8s %6s %10s %8s %6s %7s\n' folder mode pages "stance s" "hugo s" ratio "stance MB" "hugo MB" ratio "cp -a s"
for parent in "${dirs[@]}"; do
  work=$(mktemp -d -p "$parent")
  works+=("$work")
  where="$parent ($(fstype "$parent"))"
  for pages in ${PAGES:-1000 10000}; do
    dir="$work/corpus-$pages"
    "$bin/corpus" -pages "$pages" -out "$dir"
    for mode in $modes; do
      clear_out "$work/out-stance"
      rm -rf "$work/out-hugo" "$work/out-stance.copy"
      rm -f "$work/stance.times" "$work/hugo.times" "$work/copy.times"
      if [ "$mode" = rebuild ]; then
        # Warm-up, untimed: each tool writes the trees it then rebuilds
        # into.
        label="$mode $pages $parent warm-up"
        for _ in 1 2; do
          build stance "$dir" "$work/out-stance"
          build hugo "$dir" "$work/out-hugo"
        done
        mkdir "$work/out-stance.copy"
        cp -a "$work/out-stance/." "$work/out-stance.copy/"
        rm -f "$work/stance.times" "$work/hugo.times"
      fi
      label="$mode $pages $parent"
      for ((i = 0; i < runs; i++)); do
        measure "$mode" stance "$dir" "$work/out-stance"
        measure_copy "$mode" "$work/out-stance"
        measure "$mode" hugo "$dir" "$work/out-hugo"
      done
      key="$parent|$mode|$pages"
      st_wall[$key]=$(awk '{print $1}' "$work/stance.times" | median)
      hu_wall[$key]=$(awk '{print $1}' "$work/hugo.times" | median)
      st_rss[$key]=$(awk '{print $2}' "$work/stance.times" | median)
      hu_rss[$key]=$(awk '{print $2}' "$work/hugo.times" | median)
      cp_wall[$key]=$(median <"$work/copy.times")
      awk -v w="$where" -v m="$mode" -v p="$pages" -v st="${st_wall[$key]}" -v ht="${hu_wall[$key]}" \
        -v sm="${st_rss[$key]}" -v hm="${hu_rss[$key]}" -v ct="${cp_wall[$key]}" 'BEGIN {
        printf "%-16s %-7s %-7s %8.2f %8.2f %6.2f %10.0f %8.0f %6.2f %7.2f\n", w, m, p, st, ht, (ht > 0 ? st/ht : 0), sm/1024, hm/1024, sm/hm, ct }'
    done
    clear_out "$work/out-stance"
    rm -rf "$dir" "$work/out-hugo" "$work/out-stance.copy"
  done
  rm -rf "$work"
done

# Growth from each size to the next: linear is the ratio of the sizes.
sizes=(${PAGES:-1000 10000})
for parent in "${dirs[@]}"; do
  for mode in $modes; do
    for ((i = 1; i < ${#sizes[@]}; i++)); do
      a="$parent|$mode|${sizes[i - 1]}" b="$parent|$mode|${sizes[i]}"
      awk -v w="$parent" -v m="$mode" -v pa="${sizes[i - 1]}" -v pb="${sizes[i]}" \
        -v sa="${st_wall[$a]}" -v sb="${st_wall[$b]}" -v ma="${st_rss[$a]}" -v mb="${st_rss[$b]}" \
        -v ha="${hu_wall[$a]}" -v hb="${hu_wall[$b]}" -v ca="${cp_wall[$a]}" -v cb="${cp_wall[$b]}" 'BEGIN {
        printf "growth %s -> %s, %s %s (linear %.0fx): Stance time %s, memory %s; Hugo time %s; cp -a %s (the file system alone)\n",
          thousands(pa), thousands(pb), w, m, pb/pa, times(sb, sa), times(mb, ma), times(hb, ha), times(cb, ca) }
        function thousands(n) { return n % 1000 ? n : n/1000 "k" }
        function times(b, a) { return a > 0 ? sprintf("%.2fx", b/a) : "n/a" }'
    done
  done
done
