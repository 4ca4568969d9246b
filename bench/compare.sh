#!/usr/bin/env bash
# compare.sh builds the generated benchmark corpus with Stance and with
# Hugo, side by side on the same machine, and prints median wall time, peak
# memory and the Stance/Hugo ratios. "copy s" is cp -a of Stance's output:
# the time the file system alone takes to create the same files.
#
#   bench/compare.sh            1,000 and 10,000 pages, 5 runs each, A B A B
#   bench/compare.sh --smoke    200 pages, one build each: both must succeed
#
# RUNS sets the runs per tool and size; PAGES the sizes ("1000 10000").
# Everything is written below $TMPDIR (default /tmp): TMPDIR=/dev/shm runs
# the comparison in memory, without the disk.
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

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stance="$work/stance"
go build -o "$stance" .
hugo_version=$(hugo version | awk '{print $2}')

# measure TOOL DIR OUT: one build; appends "seconds kilobytes" to
# $work/TOOL.times. The output folder is removed first so every run
# writes a full site, and the disk is synced so runs do not pay for each
# other's writes.
measure() {
  local tool=$1 dir=$2 out=$3 log="$work/run.log"
  rm -rf "$out"
  # Start every run from a quiet disk: without this, a run pays for the
  # writeback of the previous run's files (and of the removal above), and
  # the tool measured after a large build looks slower than it is.
  sync
  local cmd
  if [ "$tool" = stance ]; then
    cmd=("$stance" build --source "$dir" --destination "$out")
  else
    cmd=(hugo --quiet --source "$dir" --destination "$out")
  fi
  if ! /usr/bin/time -f '%e %M' -o "$work/time.txt" "${cmd[@]}" >"$log" 2>&1; then
    echo "$tool failed on $dir:" >&2
    cat "$log" >&2
    return 1
  fi
  cat "$work/time.txt" >>"$work/$tool.times"
}

# measure_copy OUT: copies Stance's output with cp -a and appends the
# seconds to $work/copy.times. Creating the same folders and files with
# nothing to compute is the file system's share of a build: on a disk that
# is slow to create files it sets a floor, and a growth, of its own.
measure_copy() {
  local out=$1
  rm -rf "$out.copy"
  sync
  /usr/bin/time -f '%e' -o "$work/time.txt" cp -a "$out" "$out.copy"
  cat "$work/time.txt" >>"$work/copy.times"
  rm -rf "$out.copy"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

corpus() {
  local pages=$1 dir="$work/corpus-$1"
  go run ./bench/corpus -pages "$pages" -out "$dir"
  echo "$dir"
}

if ((smoke)); then
  dir=$(corpus 200)
  measure stance "$dir" "$work/out-stance"
  measure hugo "$dir" "$work/out-hugo"
  for tool in stance hugo; do
    [ -f "$work/out-$tool/index.html" ] || { echo "$tool wrote no index.html" >&2; exit 1; }
    [ -f "$work/out-$tool/alpha-0/page-00000/index.html" ] || { echo "$tool wrote no page" >&2; exit 1; }
  done
  echo "smoke: Stance and Hugo $hugo_version both built the 200-page corpus"
  exit 0
fi

runs=${RUNS:-5}
declare -A wall copy
echo "Stance vs Hugo $hugo_version, $(nproc) cores, $runs runs each, alternating"
printf '%-7s %9s %9s %7s %10s %10s %7s %8s\n' pages "stance s" "hugo s" ratio "stance MB" "hugo MB" ratio "copy s"
for pages in ${PAGES:-1000 10000}; do
  dir=$(corpus "$pages")
  rm -f "$work/stance.times" "$work/hugo.times" "$work/copy.times"
  for ((i = 0; i < runs; i++)); do
    measure stance "$dir" "$work/out-stance"
    measure_copy "$work/out-stance"
    measure hugo "$dir" "$work/out-hugo"
  done
  st=$(awk '{print $1}' "$work/stance.times" | median)
  ht=$(awk '{print $1}' "$work/hugo.times" | median)
  sm=$(awk '{print $2}' "$work/stance.times" | median)
  hm=$(awk '{print $2}' "$work/hugo.times" | median)
  ct=$(median <"$work/copy.times")
  wall[$pages]=$st
  copy[$pages]=$ct
  awk -v p="$pages" -v st="$st" -v ht="$ht" -v sm="$sm" -v hm="$hm" -v ct="$ct" 'BEGIN {
    printf "%-7s %9.2f %9.2f %7.2f %10.0f %10.0f %7.2f %8.2f\n", p, st, ht, st/ht, sm/1024, hm/1024, sm/hm, ct }'
  rm -rf "$dir" "$work/out-stance" "$work/out-hugo"
done
if [ -n "${wall[1000]:-}" ] && [ -n "${wall[10000]:-}" ]; then
  awk -v a="${wall[1000]}" -v b="${wall[10000]}" -v ca="${copy[1000]}" -v cb="${copy[10000]}" 'BEGIN {
    printf "Stance 1k -> 10k growth: %.2fx (linear is 10x)\n", b/a
    printf "cp -a of the same output: %.2fx (the file system alone)\n", cb/ca }'
fi
