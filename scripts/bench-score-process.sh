#!/usr/bin/env bash
# Whole-process scoring against the numpy + PIL peer (docs/benchmarks.md, "Scoring as a process"):
# generates PAIRS label pairs of 2048x1024 once (adaptseg bench score --keep), then times
# `./adaptseg score` and scripts/score_peer.py alternately, ROUNDS times each, JVM and Python start-up
# included, and prints the medians, their ratio and both mIoUs (which must agree).
# usage: scripts/bench-score-process.sh [PAIRS=40] [ROUNDS=5]     needs python3 with numpy and PIL
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pairs="${1:-40}"
rounds="${2:-5}"
python="${PYTHON:-python3}"
for candidate in "$python" /usr/bin/python3; do
  if "$candidate" -c 'import numpy, PIL' 2>/dev/null; then python="$candidate"; break; fi
done
"$python" -c 'import numpy, PIL' 2>/dev/null \
  || { echo "bench-score-process: the peer needs python3 with numpy and PIL (Debian: python3-numpy python3-pil)" >&2; exit 1; }
work="$(mktemp -d "${TMPDIR:-/tmp}/adaptseg-score-process.XXXXXX")"
trap 'rm -rf "$work"' EXIT
"$root/adaptseg" --version >/dev/null # builds the distribution and its start-up cache outside the timing
"$root/adaptseg" bench score --pairs "$pairs" --keep "$work/pairs" --threads 2 >/dev/null
now() { date +%s.%N; }
ours=(); peer=()
for ((r = 0; r < rounds; r++)); do
  t0=$(now); "$root/adaptseg" score --gt "$work/pairs/gt" --pred "$work/pairs/pred" --every 0 >"$work/ours.txt"; t1=$(now)
  "$python" "$root/scripts/score_peer.py" "$work/pairs/gt/benchcity" "$work/pairs/pred/benchcity" >"$work/peer.txt"; t2=$(now)
  ours+=("$(awk "BEGIN {print $t1 - $t0}")"); peer+=("$(awk "BEGIN {print $t2 - $t1}")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
mo=$(median "${ours[@]}"); mp=$(median "${peer[@]}")
printf '%-34s %10s %10s %10s\n' "scorer ($pairs pairs of 2048x1024)" "median s" "min s" "max s"
printf '%-34s %10.2f %10.2f %10.2f\n' "adaptseg score" "$mo" "$(printf '%s\n' "${ours[@]}" | sort -g | head -1)" "$(printf '%s\n' "${ours[@]}" | sort -g | tail -1)"
printf '%-34s %10.2f %10.2f %10.2f\n' "numpy + PIL (score_peer.py)" "$mp" "$(printf '%s\n' "${peer[@]}" | sort -g | head -1)" "$(printf '%s\n' "${peer[@]}" | sort -g | tail -1)"
printf 'adaptseg is %.2fx the peer (ratio of medians, %d rounds, alternating)\n' "$(awk "BEGIN {print $mp / $mo}")" "$rounds"
echo "mIoU: adaptseg $(grep -o 'mIoU: [0-9.]*' "$work/ours.txt" | head -1 | cut -d' ' -f2), peer $(cut -d' ' -f2 "$work/peer.txt")"
# the last run's split: what score measured inside, and the rest of its wall time (JVM start-up, report)
if split=$(grep '^time:' "$work/ours.txt"); then
  listing=$(sed -n 's/.*listing \([0-9.]*\) s.*/\1/p' <<<"$split")
  scoring=$(sed -n 's/.*scoring \([0-9.]*\) s.*/\1/p' <<<"$split")
  echo "last adaptseg run: $(awk "BEGIN {printf \"%.2f\", ${ours[-1]}}") s wall = start-up and report" \
    "$(awk "BEGIN {printf \"%.2f\", ${ours[-1]} - $listing - $scoring}") s + listing $listing s + scoring $scoring s"
  echo "$split"
fi
echo "$(uptime | sed 's/.*load/load/') · $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') · $(nproc) cores"
