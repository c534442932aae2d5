#!/usr/bin/env bash
# Create the project-local Python environments that run the AWS emulators used by argus's
# integration tests and demo:
#
#   .venv/moto        moto[server] + boto3, pinned in scripts/moto-requirements.txt
#   .venv/localstack  LocalStack 4.4.0 (community, host mode), pinned in localstack/requirements.lock.txt
#
# Idempotent: each venv carries a stamp holding the sha256 of its requirements file and is only
# (re)built when the stamp is missing or differs. Needs the machine's python3 (3.11) and PyPI.
# .venv/ is made self-ignoring for git (.venv/.gitignore = "*").
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV_ROOT="$REPO_ROOT/.venv"
PYTHON="${PYTHON:-python3}"

MOTO_REQ="$REPO_ROOT/scripts/moto-requirements.txt"
LOCALSTACK_REQ="$REPO_ROOT/localstack/requirements.lock.txt"

log() { printf 'setup-emulators: %s\n' "$*"; }
die() { printf 'setup-emulators: error: %s\n' "$*" >&2; exit 1; }

command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found (need Python 3.11)"
py_version="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
if [[ "$py_version" != "3.11" ]]; then
    log "warning: $PYTHON is Python $py_version; the LocalStack lock file was made for 3.11"
fi
[[ -f "$MOTO_REQ" ]] || die "missing $MOTO_REQ"
[[ -f "$LOCALSTACK_REQ" ]] || die "missing $LOCALSTACK_REQ"

mkdir -p "$VENV_ROOT"
[[ -f "$VENV_ROOT/.gitignore" ]] || printf '*\n' > "$VENV_ROOT/.gitignore"

# Serialise concurrent runs (e.g. two terminals, or CI steps started together).
if command -v flock >/dev/null 2>&1; then
    exec 9>"$VENV_ROOT/.setup.lock"
    flock 9
fi

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# ensure_venv NAME REQUIREMENTS_FILE PIP_ARGS...
ensure_venv() {
    local name="$1" req="$2"
    shift 2
    local dir="$VENV_ROOT/$name"
    local stamp="$dir/.argus-requirements.sha256"
    local want
    want="$(sha256_of "$req")"

    if [[ -x "$dir/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]] \
        && "$dir/bin/python" -c 'pass' >/dev/null 2>&1; then
        log "$name: up to date (.venv/$name, requirements sha256 ${want:0:12})"
        return 0
    fi

    local started=$SECONDS
    log "$name: creating .venv/$name with $PYTHON $py_version"
    rm -rf "$dir"
    "$PYTHON" -m venv "$dir"
    log "$name: installing pinned packages from ${req#"$REPO_ROOT"/} (first run downloads from PyPI)"
    "$dir/bin/python" -m pip install --quiet --no-input --disable-pip-version-check "$@"
    printf '%s\n' "$want" > "$stamp"
    log "$name: ready in $((SECONDS - started)) s"
}

ensure_venv moto "$MOTO_REQ" -r "$MOTO_REQ"

# The lock is a pip freeze, so it names `localstack-core==4.4.0` without the [runtime] extra that
# host mode needs. Ask for the extra explicitly while keeping every pin via the lock as constraints.
if grep -qiE '^localstack-core\[[^]]*runtime' "$LOCALSTACK_REQ"; then
    ensure_venv localstack "$LOCALSTACK_REQ" -r "$LOCALSTACK_REQ"
else
    ls_pin="$(grep -iE '^localstack-core==' "$LOCALSTACK_REQ" | head -n1 | cut -d= -f3)"
    [[ -n "$ls_pin" ]] || die "no localstack-core pin in ${LOCALSTACK_REQ#"$REPO_ROOT"/}"
    ensure_venv localstack "$LOCALSTACK_REQ" \
        -r "$LOCALSTACK_REQ" -c "$LOCALSTACK_REQ" "localstack-core[runtime]==$ls_pin"
fi

log "done: .venv/moto/bin/moto_server and .venv/localstack/bin/python -m localstack.runtime.main"
