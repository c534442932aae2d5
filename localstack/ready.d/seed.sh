#!/usr/bin/env bash
# LocalStack "ready" init hook: seeds the argus demo account (localstack/README.md lists what it plants).
#
# docker-compose.yml mounts this file at /etc/localstack/init/ready.d/seed.sh and the seed script at
# /opt/argus/seed_demo.py. LocalStack runs the hook once every service is ready; the hook's state shows
# at /_localstack/init/ready (SUCCESSFUL / ERROR), which the compose healthcheck waits for.
#
# Overridable: ARGUS_SEED_SCRIPT, ARGUS_SEED_REGIONS, ARGUS_SEED_ENDPOINT, ARGUS_SEED_PYTHON.
set -euo pipefail

script="${ARGUS_SEED_SCRIPT:-/opt/argus/seed_demo.py}"
regions="${ARGUS_SEED_REGIONS:-us-east-1,eu-west-1}"

if [[ -z "${ARGUS_SEED_ENDPOINT:-}" ]]; then
    # First GATEWAY_LISTEN entry (default 0.0.0.0:4566); a wildcard host means "this machine".
    listen="${GATEWAY_LISTEN:-0.0.0.0:4566}"
    listen="${listen%%,*}"
    host="${listen%:*}"
    port="${listen##*:}"
    [[ "$host" == "$listen" ]] && port=4566
    case "$host" in "" | "0.0.0.0" | "::" | "[::]") host=127.0.0.1 ;; esac
    ARGUS_SEED_ENDPOINT="http://${host}:${port}"
fi

# A Python that has boto3: the LocalStack image's own venv does.
python=""
for candidate in "${ARGUS_SEED_PYTHON:-}" python3 /opt/code/localstack/.venv/bin/python python; do
    [[ -n "$candidate" ]] || continue
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import boto3' >/dev/null 2>&1; then
        python="$candidate"
        break
    fi
done
if [[ -z "$python" ]]; then
    echo "argus seed: no python with boto3 found; installing boto3 into /tmp/argus-seed-pylib" >&2
    python3 -m pip install --quiet --target /tmp/argus-seed-pylib boto3
    export PYTHONPATH="/tmp/argus-seed-pylib${PYTHONPATH:+:$PYTHONPATH}"
    python=python3
fi

export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true
echo "argus seed: seeding $ARGUS_SEED_ENDPOINT ($regions) with $script"
exec "$python" "$script" --endpoint-url "$ARGUS_SEED_ENDPOINT" --regions "$regions" --flavour localstack
