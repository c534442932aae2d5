#!/usr/bin/env bash
# argus vs Prowler on the same seeded moto state, plus an optional latency mode. One command:
#
#   bench/run.sh --size small|large|N [--runs N] [--latency-ms MS] [--latency-runs N]
#                [--latency-backend replay|moto|both] [--latency-prowler] [--concurrency N] [--no-prowler]
#                [--out DIR]
#
#   small = 200 resources, large = 5,000 (or any number). Two regions (us-east-1, eu-west-1).
#   --runs N           timed runs of each tool, alternating which goes first (default 1)
#   --latency-ms MS    afterwards, time argus against an endpoint adding MS per request and compare with
#                      the floor (API calls x MS / concurrency); --latency-runs N such scans (default 1)
#   --latency-backend  replay (default): bench/replay_endpoint.py records moto's responses in one untimed
#                      scan, then replays them after MS, all requests in parallel, like a real regional
#                      endpoint (moto serves one request at a time, which would otherwise bound the wall
#                      time); misses are reported. moto: moto behind bench/delay_proxy.py. both: side by side
#   --latency-prowler  also run Prowler in the latency mode (on replay: its own record pass first; slow)
#   --no-prowler       argus only
#
# Sets up what it needs: the moto venv (scripts/setup-emulators.sh), the pinned Prowler venv
# (.venv/prowler from bench/prowler-requirements.txt), /usr/bin/time (apt-get install time), and a
# release build of argus in $CARGO_TARGET_DIR (default ~/.cache/argus-target). Results: printed, and
# written to DIR/results.json (default bench/results/<size>-<timestamp>/, git-ignored).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/argus-target}"

size=small runs=1 latency_ms=0 latency_runs=1 latency_backend=replay concurrency=64 out="" extra=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --size) size="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --latency-ms) latency_ms="$2"; shift 2 ;;
        --latency-runs) latency_runs="$2"; shift 2 ;;
        --latency-backend) latency_backend="$2"; shift 2 ;;
        --concurrency) concurrency="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --latency-prowler|--no-prowler) extra+=("$1"); shift ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "bench: unknown argument $1" >&2; exit 2 ;;
    esac
done
case "$size" in
    small) resources=200 ;;
    large) resources=5000 ;;
    *[!0-9]*|"") echo "bench: --size is small, large or a number" >&2; exit 2 ;;
    *) resources="$size" ;;
esac
out="${out:-bench/results/$size-$(date +%Y%m%d-%H%M%S)}"

log() { printf 'bench: %s\n' "$*" >&2; }

bash scripts/setup-emulators.sh >&2
if [[ " ${extra[*]-} " != *" --no-prowler "* ]]; then
    bash bench/setup-prowler.sh >&2
fi
if [[ ! -x /usr/bin/time ]]; then
    log "installing GNU time (/usr/bin/time -v measures peak RSS)"
    apt-get install -y -q time >&2 || { apt-get update -q >&2 && apt-get install -y -q time >&2; }
fi
log "cargo build --release (CARGO_TARGET_DIR=$CARGO_TARGET_DIR; a cold build of the AWS SDK takes a while)"
cargo build --release --quiet --bin argus
mkdir -p bench/results
[[ -f bench/results/.gitignore ]] || printf '*\n' > bench/results/.gitignore

exec .venv/moto/bin/python bench/bench.py --resources "$resources" --runs "$runs" \
    --argus "$CARGO_TARGET_DIR/release/argus" --concurrency "$concurrency" \
    --latency-ms "$latency_ms" --latency-runs "$latency_runs" --latency-backend "$latency_backend" --out "$out" ${extra[@]+"${extra[@]}"}
