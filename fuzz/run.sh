#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 20) each, seeded with the committed corpus in
# tests/fixtures/fuzz-corpus/<target>/. Needs a nightly toolchain and cargo-fuzz; without a
# nightly toolchain it prints "skipped: needs nightly" and exits 0.
#
#   fuzz/run.sh          # 20 s per target (CI)
#   fuzz/run.sh 600      # longer local run
#
# A crash stops the run with a non-zero exit; the reproducer is in fuzz/artifacts/<target>/.
set -euo pipefail

SECONDS_PER_TARGET="${1:-20}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
TARGETS=(note_parse cadence_date import_linkedin import_vcard import_csv edit_ops)

if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz: skipped: needs nightly (rustup toolchain install nightly)"
    exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz"
    if ! cargo install cargo-fuzz --locked; then
        echo "fuzz: skipped: needs nightly and cargo-fuzz, which could not be installed"
        exit 0
    fi
fi

cd "$HERE"
cargo +nightly fuzz build
for target in "${TARGETS[@]}"; do
    corpus="$HERE/corpus/$target"
    seeds="$ROOT/tests/fixtures/fuzz-corpus/$target"
    mkdir -p "$corpus"
    echo "fuzz: $target for ${SECONDS_PER_TARGET}s"
    cargo +nightly fuzz run "$target" "$corpus" "$seeds" -- \
        -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
done
echo "fuzz: all targets ran ${SECONDS_PER_TARGET}s without a crash"
