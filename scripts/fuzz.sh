#!/usr/bin/env bash
# Runs each fuzz target for a set time (default 60 s each): bash scripts/fuzz.sh [SECONDS] [TARGET...]
# cargo-fuzz runs on the stable toolchain with RUSTC_BOOTSTRAP=1 and no sanitizer (the engine has no
# unsafe code for a sanitizer to watch; panics and aborts are what we look for). A finding lands in
# fuzz/artifacts/<target>/: copy it to fuzz/regressions/<target>/ and tests/fuzz_regressions.rs
# replays it in every test run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(user_file scenario_text)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
declare -A seeds=([user_file]=tests/fixtures [scenario_text]=fuzz/seeds/scenario_text)
for target in "${targets[@]}"; do
    corpus="fuzz/corpus/$target"
    mkdir -p "$corpus"
    echo "== $target for ${seconds}s (seeds: ${seeds[$target]}, corpus: $corpus)"
    RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none "$target" "$corpus" "${seeds[$target]}" \
        -- -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=4096 2>&1 \
        | grep -E "^#[0-9]+.*(DONE|pulse)|Done [0-9]+ runs|SUMMARY|panicked|ERROR|Test unit written" || true
done
echo "findings: $(find fuzz/artifacts -type f 2>/dev/null | wc -l) files under fuzz/artifacts/"
