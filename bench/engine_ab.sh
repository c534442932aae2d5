#!/usr/bin/env bash
# Compares the engine of two builds: interleaved runs of their `engine_memory` benchmark binaries on the
# same synthetic snapshot size, then the medians. This VM's timings drift by ±15 % over minutes, so two
# builds are only comparable run against run, alternating which goes first.
#
#   bench/engine_ab.sh [--size N] [--pairs K] BIN_A BIN_B
#
#   BIN_A, BIN_B  engine_memory binaries, e.g. copied out of
#                 `cargo bench -p argus-core --bench engine_memory --no-run` before and after a change
#   --size N      resources in the synthetic snapshot (default 100000)
#   --pairs K     runs of each binary (default 4)
#
# Prints every run (evaluate wall and CPU seconds, peak RSS in MiB) and the medians, and B / A.
set -euo pipefail

size=100000 pairs=4 bins=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --size) size="$2"; shift 2 ;;
        --pairs) pairs="$2"; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) bins+=("$1"); shift ;;
    esac
done
if [[ ${#bins[@]} -ne 2 ]]; then
    echo "usage: bench/engine_ab.sh [--size N] [--pairs K] BIN_A BIN_B" >&2
    exit 2
fi
for bin in "${bins[@]}"; do
    [[ -x "$bin" ]] || { echo "engine_ab: not an executable: $bin" >&2; exit 2; }
done

# "wall cpu peak" of one run, from engine_memory's one-line report.
one_run() {
    "$1" --one "$size" | sed -E 's/.*evaluate +([0-9.]+) s \(CPU +([0-9.]+) s\).*peak +([0-9.]+) MiB.*/\1 \2 \3/'
}

results=$(mktemp)
trap 'rm -f "$results"' EXIT
for pair in $(seq "$pairs"); do
    # Alternate which binary goes first, so a drift during the pair favours neither.
    if (( pair % 2 )); then order=(0 1); else order=(1 0); fi
    for i in "${order[@]}"; do
        label=$([[ $i == 0 ]] && echo A || echo B)
        read -r wall cpu peak < <(one_run "${bins[$i]}") || true
        [[ $wall =~ ^[0-9.]+$ ]] || { echo "engine_ab: no figures from ${bins[$i]} --one $size" >&2; exit 1; }
        printf '%s %s %s %s\n' "$label" "$wall" "$cpu" "$peak" | tee -a "$results"
    done
done

python3 - "$results" "$size" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
med = {label: [statistics.median(float(r[i]) for r in rows if r[0] == label) for i in (1, 2, 3)] for label in "AB"}
print(f"\nmedians at {int(sys.argv[2]):,} resources   evaluate wall    CPU   peak RSS")
for label in "AB":
    wall, cpu, peak = med[label]
    print(f"  {label}{'':28} {wall:8.3f} s {cpu:6.2f} s {peak:7.0f} MiB")
(wa, ca, pa), (wb, cb, pb) = med["A"], med["B"]
print(f"  B / A{'':24} {wb / wa:8.3f}   {cb / ca:6.3f}   {pb / pa:7.3f}")
PY
