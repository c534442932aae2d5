#!/usr/bin/env bash
# Regenerate deploy/cloudformation/audit-role.yaml from argus's read-only allowlist
# (`argus iam-policy --format cloudformation`). tests/iam_policy.rs fails when the committed file differs,
# so run this whenever src/aws/readonly.rs changes.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/argus-target}"
cargo run --quiet --locked --bin argus -- iam-policy --format cloudformation > deploy/cloudformation/audit-role.yaml.tmp
mv deploy/cloudformation/audit-role.yaml.tmp deploy/cloudformation/audit-role.yaml
echo "wrote deploy/cloudformation/audit-role.yaml"
