#!/usr/bin/env bash
# Create .venv/prowler: Prowler from PyPI, pinned with every dependency in bench/prowler-requirements.txt
# (a pip freeze of `pip install prowler==5.46.0` on Python 3.11). Idempotent: rebuilt only when the
# requirements file changes. Used by bench/run.sh; Prowler is only a benchmark baseline, never a
# dependency of argus.
#
# Regenerate the pins: python3 -m venv /tmp/p && /tmp/p/bin/pip install prowler==X && /tmp/p/bin/pip freeze
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQ="$REPO_ROOT/bench/prowler-requirements.txt"
DIR="$REPO_ROOT/.venv/prowler"
STAMP="$DIR/.argus-requirements.sha256"
PYTHON="${PYTHON:-python3}"

mkdir -p "$REPO_ROOT/.venv"
[[ -f "$REPO_ROOT/.venv/.gitignore" ]] || printf '*\n' > "$REPO_ROOT/.venv/.gitignore"
want="$(sha256sum "$REQ" | cut -d' ' -f1)"
if [[ -x "$DIR/bin/prowler" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
    echo "setup-prowler: up to date (.venv/prowler, $(grep -i '^prowler==' "$REQ"))"
    exit 0
fi
echo "setup-prowler: creating .venv/prowler ($(grep -i '^prowler==' "$REQ"); first run downloads from PyPI)"
rm -rf "$DIR"
"$PYTHON" -m venv "$DIR"
"$DIR/bin/python" -m pip install --quiet --no-input --disable-pip-version-check -r "$REQ"
printf '%s\n' "$want" > "$STAMP"
echo "setup-prowler: ready"
