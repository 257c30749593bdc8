#!/usr/bin/env bash
# Time and peak memory of `cse-sparse extract`, repeated: one Markdown table row
# per matrix and binary with the minimum and median wall-clock time of the
# whole process, the minimum and median of the extraction's own time
# (extraction_seconds of --json), the median CPU time of the process (user +
# system: less sensitive to other jobs on the machine), the median and largest
# peak resident memory (GNU time's maximum RSS, which includes the program's
# own mapped libraries: about 80 MiB for cse-sparse), and the additions and
# ECSR bytes of the result (identical on every run, else flagged). The figures
# of docs/benchmarks.md, "Extraction time and memory (issue 13)".
#
# Usage: bench/extract_time_memory.sh [-n RUNS] [-b CSE_SPARSE]... MATRIX... [-- EXTRACT_ARGS...]
#   RUNS defaults to 5, CSE_SPARSE to build/bin/cse-sparse. With several -b
#   (say a build before and after a change) the runs alternate between them,
#   so that a change in the machine's load affects both alike. The machine is
#   shared: compare minima and medians, not single runs.
set -euo pipefail
runs=5
bins=()
while getopts "n:b:" opt; do
  case $opt in
  n) runs=$OPTARG ;;
  b) bins+=("$OPTARG") ;;
  *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ ${#bins[@]} -gt 0 ] || bins=(build/bin/cse-sparse)
matrices=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  matrices+=("$1")
  shift
done
[ $# -gt 0 ] && shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "| matrix | binary | options | runs | wall s min / median | extraction s min / median | CPU s median | peak RSS MiB median / max | additions | ECSR bytes |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for m in "${matrices[@]}"; do
  for b in "${!bins[@]}"; do
    : >"$tmp/runs$b"
  done
  for _ in $(seq "$runs"); do
    for b in "${!bins[@]}"; do
      /usr/bin/time -f "%e %M %U %S" -o "$tmp/time" "${bins[$b]}" extract "$m" \
        "$@" --json "$tmp/out.json" >/dev/null
      python3 - "$tmp/time" "$tmp/out.json" >>"$tmp/runs$b" <<'PY'
import json, sys
wall, rss, user, system = open(sys.argv[1]).read().split()[-4:]
s = json.load(open(sys.argv[2]))["stats"]
print(wall, int(rss) / 1024, s["extraction_seconds"], float(user) + float(system),
      s["additions_after"], s["ecsr_bytes"])
PY
    done
  done
  for b in "${!bins[@]}"; do
    python3 - "$m" "${bins[$b]}" "$*" "$tmp/runs$b" <<'PY'
import os, statistics, sys
name, binary, opts, path = sys.argv[1], sys.argv[2], sys.argv[3] or "(default)", sys.argv[4]
rows = [l.split() for l in open(path)]
wall = [float(r[0]) for r in rows]
rss = [float(r[1]) for r in rows]
ext = [float(r[2]) for r in rows]
cpu = [float(r[3]) for r in rows]
results = {(r[4], r[5]) for r in rows}
adds, ecsr = sorted(results)[0]
flag = "" if len(results) == 1 else " (results differ between runs!)"
med = statistics.median
print(f"| {os.path.basename(name)} | {binary} | {opts} | {len(rows)} "
      f"| {min(wall):.2f} / {med(wall):.2f} | {min(ext):.3f} / {med(ext):.3f} "
      f"| {med(cpu):.2f} | {med(rss):.0f} / {max(rss):.0f} "
      f"| {int(adds):,} | {int(ecsr):,}{flag} |")
PY
  done
done
