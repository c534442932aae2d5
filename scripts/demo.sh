#!/usr/bin/env bash
# Host demo of argus, no Docker needed: start moto on a free loopback port, seed the deliberately insecure
# demo account (localstack/seed_demo.py, described in localstack/README.md) in us-east-1 and eu-west-1,
# scan it with argus into ./demo-output, and stop the emulator again.
#
#   scripts/demo.sh                 # ARGUS_DEMO_KEEP=1 keeps moto running afterwards (Ctrl-C stops it)
#                                   # ARGUS_BIN=path scans with that binary instead of building one
#
# The first run creates the emulator venvs (scripts/setup-emulators.sh; needs PyPI) and builds argus.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/argus-target}"
REGIONS="us-east-1,eu-west-1"
OUT_DIR="demo-output"

log() { printf 'demo: %s\n' "$*"; }

bash scripts/setup-emulators.sh

PY=.venv/moto/bin/python
PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
EP="http://127.0.0.1:$PORT"
MOTO_LOG="$(mktemp -t argus-demo-moto.XXXXXX.log)"

MOTO_PID=""
stop_moto() {
    if [[ -n "$MOTO_PID" ]] && kill -0 "$MOTO_PID" 2>/dev/null; then
        log "stopping moto (pid $MOTO_PID)"
        kill "$MOTO_PID" 2>/dev/null || true
        wait "$MOTO_PID" 2>/dev/null || true
    fi
}
trap stop_moto EXIT
trap 'exit 130' INT TERM

log "starting moto on $EP (log: $MOTO_LOG)"
MOTO_IAM_LOAD_MANAGED_POLICIES=true MOTO_EC2_LOAD_DEFAULT_AMIS=false \
    .venv/moto/bin/moto_server -H 127.0.0.1 -p "$PORT" >"$MOTO_LOG" 2>&1 &
MOTO_PID=$!

"$PY" - "$EP" "$MOTO_PID" <<'EOF' || { tail -n 30 "$MOTO_LOG" >&2; exit 1; }
import os, sys, time, urllib.request
ep, pid = sys.argv[1], int(sys.argv[2])
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("demo: moto exited before answering")
    try:
        urllib.request.urlopen(ep + "/moto-api/", timeout=2)
        sys.exit(0)
    except Exception:
        time.sleep(0.2)
sys.exit("demo: moto did not answer within 60 s")
EOF

export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true

log "seeding the demo account ($REGIONS)"
"$PY" localstack/seed_demo.py --endpoint-url "$EP" --regions "$REGIONS" --flavour moto

if [[ -n "${ARGUS_BIN:-}" ]]; then
    log "using $ARGUS_BIN"
else
    log "building argus (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
    # The same build as `make test` (every target of the workspace): the test-only dependencies switch
    # on features of crates the AWS SDK uses, so a build of the binary alone would compile the SDK a
    # second time for the tests.
    cargo build --quiet --workspace --all-targets --locked
    ARGUS_BIN="$CARGO_TARGET_DIR/debug/argus"
fi
mkdir -p "$OUT_DIR"
log "argus scan -> $OUT_DIR/"
SCAN_LOG="$(mktemp -t argus-demo-scan.XXXXXX.log)"
set +e
"$ARGUS_BIN" scan --endpoint-url "$EP" --regions "$REGIONS" --output-dir "$OUT_DIR" \
    2>"$SCAN_LOG"
status=$?
set -e
# Calls moto does not serve (scripts/moto-gaps.txt, docs/emulators.md): argus's warning about them is a
# known emulator gap, told here in one line. When any other call failed, argus's warning is shown as it is.
snapshot="$(ls -t "$OUT_DIR"/*.snapshot.json 2>/dev/null | head -n 1)"
unknown="unreadable snapshot" known=""
if [[ -n "$snapshot" ]]; then
    failed="$("$PY" - "$snapshot" "$REPO_ROOT/scripts/moto-gaps.txt" <<'PYEOF'
import json, sys

gaps = {
    line.split()[0]
    for line in open(sys.argv[2], encoding="utf-8")
    if line.strip() and not line.startswith("#")
}
failed = {f"{e['service']}:{e['operation']}" for e in json.load(open(sys.argv[1], encoding="utf-8"))["errors"]}
print(" ".join(sorted(failed - gaps)))
print(" ".join(sorted(failed & gaps)))
PYEOF
)"
    unknown="$(sed -n 1p <<<"$failed")" known="$(sed -n 2p <<<"$failed")"
fi
if [[ -z "$unknown" ]]; then
    if [[ -n "$known" ]]; then
        log "known emulator gaps (scripts/moto-gaps.txt): moto does not serve $known; their checks report ERROR"
    fi
    grep -Ev 'call\(s\) failed; ' "$SCAN_LOG" >&2 || true
else
    cat "$SCAN_LOG" >&2
fi
rm -f "$SCAN_LOG"

# Finding problems is what the insecure demo account is for: 3 (failing findings) and 4 (gaps, such as
# the emulator's known ones) mean the scan ran. 1 and 2 mean it did not.
case "$status" in
    0 | 3 | 4)
        html="$(ls -t "$OUT_DIR"/*.html 2>/dev/null | head -n 1)"
        log "scan complete (argus exit code $status: 3 = failing findings, 4 = data an emulator could not serve)"
        log "HTML report: $REPO_ROOT/$html"
        status=0
        ;;
    *) log "argus failed with exit code $status" ;;
esac
if [[ "${ARGUS_DEMO_KEEP:-0}" == "1" ]]; then
    log "moto keeps running at $EP (ARGUS_DEMO_KEEP=1); Ctrl-C to stop it"
    wait "$MOTO_PID" || true
fi
exit "$status"
