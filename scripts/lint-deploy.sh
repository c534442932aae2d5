#!/usr/bin/env bash
# Lint the deployment templates in deploy/: cfn-lint on the CloudFormation templates, checkov on
# everything (CloudFormation, Kubernetes, Dockerfile), and the audit role template must be exactly what
# `argus iam-policy --format cloudformation` generates (checked by tests/iam_policy.rs as well).
#
# The linters live in their own git-ignored venv, .venv/lint, pinned by scripts/lint-requirements.txt
# and rebuilt only when that file changes (same stamp scheme as scripts/setup-emulators.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv/lint
REQ=scripts/lint-requirements.txt
PYTHON="${PYTHON:-python3}"
mkdir -p .venv
[[ -f .venv/.gitignore ]] || printf '*\n' > .venv/.gitignore

want="$(sha256sum "$REQ" | cut -d' ' -f1)"
stamp="$VENV/.argus-requirements.sha256"
if [[ ! -x "$VENV/bin/python" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    echo "lint-deploy: creating $VENV from $REQ"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --no-input --disable-pip-version-check -r "$REQ"
    printf '%s\n' "$want" > "$stamp"
fi

echo "lint-deploy: cfn-lint $("$VENV/bin/cfn-lint" --version)"
"$VENV/bin/cfn-lint" deploy/cloudformation/*.yaml

echo "lint-deploy: checkov $("$VENV/bin/checkov" --version)"
# --skip-download: no policy downloads from a platform; --quiet: only failed checks are printed.
"$VENV/bin/checkov" --directory deploy --framework cloudformation kubernetes dockerfile \
    --skip-download --quiet --compact

echo "lint-deploy: ok"
