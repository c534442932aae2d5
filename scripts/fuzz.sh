#!/usr/bin/env bash
# Fuzz argus's parsers of untrusted input with cargo-fuzz (libFuzzer).
#
#   scripts/fuzz.sh                 # every target, 600 s each (the documented long run)
#   scripts/fuzz.sh 15              # every target, 15 s each (the CI smoke run in scripts/test.sh)
#   scripts/fuzz.sh 3600 mutelist   # one target for an hour
#
# Targets (fuzz/fuzz_targets/):
#   policy_document    Policy::parse_str, Policy::parse_iam_encoded, PolicyDocument::from_iam_encoded,
#                      then the policy analyser (admin, exposure, trust, escalation) on whatever parses
#   credential_report  argus_core::snapshot::credential_report::parse (GetCredentialReport's CSV)
#   mutelist           argus_core::mutelist::parse_for_fuzz / Mutelist::from_yaml
#   metric_filter_pattern  argus_core::monitoring::Pattern::parse, then coverage of monitoring controls
#
# Toolchain: the machine's own stable Rust. cargo-fuzz passes a few unstable rustc flags, which stable
# accepts with RUSTC_BOOTSTRAP=1 (for this build only). No sanitizer (`-s none`): argus-core has no
# unsafe code, so what libFuzzer catches here is panics, aborts, timeouts and memory blow-ups.
# ARGUS_FUZZ_PROFILE=dev builds unoptimised (faster to build, slower to run: what CI's smoke run uses);
# the default, release, is for long runs. cargo-fuzz itself is installed under $CARGO_TARGET_DIR/tools
# when missing.
#
# Seeds are in fuzz/seeds/<target>/ (read only). The growing corpus lives outside the repository, in
# $ARGUS_FUZZ_CORPUS (default $CARGO_TARGET_DIR/fuzz-corpus/<target>), so runs build on each other without
# dirtying the tree. A crash stops the run, exits non-zero and leaves the input in
# fuzz/artifacts/<target>/ (git-ignored); reproduce it with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir fuzz -s none <target> fuzz/artifacts/<target>/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(policy_document credential_report mutelist metric_filter_pattern)
fi

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/argus-target}"
export RUSTC_BOOTSTRAP=1
corpus_root="${ARGUS_FUZZ_CORPUS:-$CARGO_TARGET_DIR/fuzz-corpus}"
profile="${ARGUS_FUZZ_PROFILE:-release}"
fuzz_flags=(--fuzz-dir fuzz --target-dir "$CARGO_TARGET_DIR/fuzz-$profile" --sanitizer none)
if [ "$profile" = dev ]; then
    fuzz_flags+=(--dev)
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    export PATH="$CARGO_TARGET_DIR/tools/bin:$PATH"
    if ! cargo fuzz --version >/dev/null 2>&1; then
        echo "fuzz.sh: installing cargo-fuzz into $CARGO_TARGET_DIR/tools"
        cargo install --quiet --locked cargo-fuzz --version 0.13.2 --root "$CARGO_TARGET_DIR/tools"
    fi
fi

# Build once for all targets (coverage-instrumented argus-core and its dependencies).
cargo fuzz build "${fuzz_flags[@]}"

for target in "${targets[@]}"; do
    corpus="$corpus_root/$target"
    mkdir -p "$corpus" "fuzz/artifacts/$target"
    echo "== fuzz $target for ${seconds}s (corpus $corpus)"
    started=$(date +%s)
    log="$CARGO_TARGET_DIR/fuzz-$target.log"
    # -rss_limit_mb / -timeout: an input that needs > 2 GB or > 10 s counts as a crash too.
    if ! cargo fuzz run "${fuzz_flags[@]}" "$target" "$corpus" "fuzz/seeds/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        -artifact_prefix="fuzz/artifacts/$target/" >"$log" 2>&1; then
        tail -n 60 "$log" >&2
        echo "fuzz.sh: $target FAILED after $(( $(date +%s) - started ))s; input in fuzz/artifacts/$target/, log $log" >&2
        exit 1
    fi
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs)' "$log" || true
    echo "== $target: no crash in $(( $(date +%s) - started ))s; corpus now $(find "$corpus" -type f | wc -l) inputs"
done
