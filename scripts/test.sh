#!/usr/bin/env bash
# The whole test suite, from a fresh machine: emulator venvs, lint, unit and emulator tests.
# README's test command (`make test`) and CI's .ci/run both run exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

# Reuse one cargo target dir outside the clone: the AWS SDK crates take many minutes to build cold.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/argus-target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# Tests never use real AWS: no profile, no instance metadata.
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN
export AWS_EC2_METADATA_DISABLED=true

start=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$1" "$(( $(date +%s) - start ))"; }

step "emulator venvs"
bash scripts/setup-emulators.sh

step "chromium (HTML report browser test)"
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "Chromium is needed for tests/html_report.rs: install Debian's 'chromium' package (as root)" >&2
        exit 1
    fi
fi
chromium --version

step "format"
cargo fmt --all --check
# The check modules are declared by generated code (crates/argus-core/build.rs), out of cargo fmt's reach.
rustfmt --edition 2021 --check crates/argus-core/src/checks/*/*.rs

step "clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "deploy templates (cfn-lint, checkov)"
# Own venv (.venv/lint, pinned by scripts/lint-requirements.txt), built on first use.
bash scripts/lint-deploy.sh

step "benchmark tooling (replay endpoint self-test)"
.venv/moto/bin/python bench/test_replay_endpoint.py

step "fuzz smoke (cargo-fuzz, 15 s per target; scripts/fuzz.sh for long runs)"
ARGUS_FUZZ_PROFILE=dev bash scripts/fuzz.sh 15

step "cargo-insta (snapshot tests)"
# Pinned to the insta version in Cargo.lock (the two are released together and share the snapshot
# format). Installed once, next to cargo-fuzz; it builds in a temporary dir, not the target dir.
insta_version=1.49.0
locked_insta=$(awk '/^name = "insta"$/ { getline; gsub(/[^0-9.]/, ""); print }' Cargo.lock)
if [ "$locked_insta" != "$insta_version" ]; then
    echo "scripts/test.sh pins cargo-insta $insta_version but Cargo.lock has insta $locked_insta: update the pin" >&2
    exit 1
fi
cargo_insta="$CARGO_TARGET_DIR/tools/bin/cargo-insta"
if [ "$("$cargo_insta" --version 2>/dev/null)" != "cargo-insta $insta_version" ]; then
    env -u CARGO_TARGET_DIR cargo install --quiet --locked --force cargo-insta --version "$insta_version" \
        --root "$CARGO_TARGET_DIR/tools"
fi
"$cargo_insta" --version

step "tests"
# Built first with --locked (cargo-insta passes no such flag to cargo), then run once through
# cargo-insta: a snapshot that differs or is missing fails its test (--check: nothing is written), and
# a .snap file no test uses any more fails the run. --no-quiet keeps one line per test in the log.
# Review changed snapshots with `cargo insta test --review` (ARCHITECTURE.md, Tests).
# Emulator tests start their own servers on free loopback ports; two at a time fits 2 cores.
cargo test --workspace --locked --no-run
"$cargo_insta" test --workspace --check --unreferenced=reject --no-quiet \
    -- --test-threads "${ARGUS_TEST_THREADS:-2}"

step "done"
