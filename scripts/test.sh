#!/usr/bin/env bash
# Runs every TierLab test layer, installing missing tools first:
#   native  cargo test: engine unit tests, integration tests (tests/*.rs), doc tests
#   wasm    tests/web_*.rs compiled to wasm32 and run in headless Chromium by wasm-bindgen-test-runner; then every
#           test target must compile for wasm32 (as `wasm-pack test` needs)
#   e2e     the release site (trunk) + the CLI, driven by Playwright (tests/e2e/*.test.mjs)
#   python  the Python package (maturin build into .tools/venv) checked against the CLI with pytest (python/tests)
#   spark   the PySpark job in Spark local mode on CDNOW x 10 (evaluate, compare, CLV, simulate), checked against
#           the CLI and the one-machine engine (python/tests, marker spark). Installs PySpark (~320 MB, cached in
#           .tools) and Java 17+ when missing; see docs/benchmarks.md for its measured cost
# Usage: bash scripts/test.sh [native] [wasm] [e2e] [python] [spark] [quick]
#   no argument: every layer (what CI runs: .ci/run); quick: every layer but spark
# Exits non-zero when any step fails and ends with a summary of every step, its time and the test counts.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TIERLAB_ROOT"

TARGET_DIR="${CARGO_TARGET_DIR:-$TIERLAB_ROOT/target}"
LOG_DIR="$TARGET_DIR/test-logs"
STEP_NAMES=()
STEP_RESULTS=()
STEP_SECONDS=()
CURRENT_STEP=""
CURRENT_START=0
ANY_FAILED=0

record_step() {
    STEP_NAMES+=("$1")
    STEP_RESULTS+=("$2")
    STEP_SECONDS+=("$3")
}

# A tool check or install. A failure ends the run: every layer after it would fail for the same reason.
setup_step() {
    local name=$1
    shift
    CURRENT_STEP=$name
    CURRENT_START=$SECONDS
    "$@"
    record_step "$name" "ok" $((SECONDS - CURRENT_START))
    CURRENT_STEP=""
}

# A build or test step. A failure is recorded and the run goes on, so one report shows every broken layer.
# Output is also kept in target/test-logs/<log>.log for the counts in the summary. Sets STEP_OK to 1 or 0.
# Never call it as `test_step ... && x` or `|| y`: bash then ignores `set -e` inside the step's subshell too.
STEP_OK=0
test_step() {
    local name=$1 log=$2
    shift 2
    local start=$SECONDS rc
    say "[$name] $*"
    set +e
    (
        set -e
        "$@"
    ) 2>&1 | tee "$LOG_DIR/$log.log"
    rc=${PIPESTATUS[0]}
    set -e
    if ((rc == 0)); then
        record_step "$name" "ok" $((SECONDS - start))
        STEP_OK=1
    else
        record_step "$name" "FAILED (exit $rc, log: $LOG_DIR/$log.log)" $((SECONDS - start))
        ANY_FAILED=1
        STEP_OK=0
    fi
}

skip_step() {
    record_step "$1" "skipped: $2" 0
    ANY_FAILED=1
}

# Adds up the tests reported by cargo test / wasm-bindgen-test-runner ("test result: ok. 5 passed; 0 failed"),
# nextest ("5 tests run: 5 passed, 0 failed") and node --test ("ℹ pass 5" / "# pass 5") in all step logs.
count_tests() {
    cat "$LOG_DIR"/*.log 2>/dev/null | awk '
        /^test result: / {
            for (i = 1; i <= NF; i++) {
                if ($(i + 1) ~ /^passed/) passed += $i
                if ($(i + 1) ~ /^failed/) failed += $i
            }
        }
        / tests? run: [0-9]+ passed/ {
            for (i = 1; i <= NF; i++) {
                if ($(i + 1) ~ /^passed/) passed += $i
                if ($(i + 1) ~ /^failed/) failed += $i
            }
        }
        /^(ℹ|#) pass [0-9]+$/ { passed += $3 }
        /^(=+ )?[0-9]+ (passed|failed).* in [0-9.]+s/ {
            for (i = 1; i <= NF; i++) {
                if ($(i + 1) ~ /^passed/) passed += $i
                if ($(i + 1) ~ /^failed/) failed += $i
            }
        }
        /^(ℹ|#) (fail|cancelled) [0-9]+$/ { failed += $3 }
        END { printf "%d %d\n", passed, failed }
    '
}

print_summary() {
    local rc=$?
    if [[ -n $CURRENT_STEP ]]; then
        record_step "$CURRENT_STEP" "FAILED (exit $rc)" $((SECONDS - CURRENT_START))
        ANY_FAILED=1
    fi
    printf '\n======================== TierLab test summary ========================\n'
    local i
    for i in "${!STEP_NAMES[@]}"; do
        printf '%-48s %6ss  %s\n' "${STEP_NAMES[$i]}" "${STEP_SECONDS[$i]}" "${STEP_RESULTS[$i]}"
    done
    printf '%-48s %6ss\n' "total" "$SECONDS"
    if ((ANY_FAILED)); then
        printf 'RESULT: FAILED (see the steps marked FAILED above)\n'
    else
        printf 'RESULT: all steps passed\n'
    fi
    local counts
    read -r -a counts <<<"$(count_tests)"
    printf 'tests: %d passed, %d failed\n' "${counts[0]}" "${counts[1]}"
    if ((ANY_FAILED && rc == 0)); then exit 1; fi
}

# ---- the layers -----------------------------------------------------------------------------------------------

# Plain cargo test: on 2 cores it measured 9-12 s warm against 28-30 s for nextest + a separate doc-test run
# (143 tests; nextest pays a process per test). TIERLAB_NATIVE_RUNNER=nextest switches.
native_tests() {
    if [[ ${TIERLAB_NATIVE_RUNNER:-cargo} == nextest ]]; then
        cargo nextest run --no-fail-fast
        cargo test --doc --no-fail-fast
    else
        # --no-fail-fast: one failing test binary must not hide the results of the others.
        cargo test --no-fail-fast
    fi
}

# Integration tests that are not browser tests must say so, or `wasm-pack test` (which compiles every test
# target for wasm32) breaks on them. Reads cargo's output and names the test files that failed to compile.
explain_wasm_compile_failure() {
    local name
    for name in $(grep -oE 'could not compile `[^`]+` \(test "[^"]+"\)' "$1" | sed -E 's/.*\(test "([^"]+)"\)/\1/'); do
        if [[ -f tests/$name.rs && $name != web_* ]]; then
            printf 'tests/%s.rs does not compile for wasm32: if it is native-only, start it with %s\n' \
                "$name" '#![cfg(not(target_arch = "wasm32"))]' >&2
        fi
    done
}

# The runner's default per-test limit (20 s) is tight on a loaded 2-core machine. Debug info makes the wasm test
# binaries ~45 MB and their cold build ~2x slower (measured 5 min vs 2 min 15 s), and a browser shows no source
# lines for wasm anyway.
wasm_test_env() {
    export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
    export CARGO_PROFILE_TEST_DEBUG="${CARGO_PROFILE_TEST_DEBUG:-false}"
}

# Every test target compiled for wasm32, as `wasm-pack test` does first: keeps that workflow working (native-only
# files compile to nothing there).
wasm_compile_all_tests() {
    wasm_test_env
    local build_log
    build_log="$(mktemp)"
    if ! cargo test --no-run --tests --target wasm32-unknown-unknown 2>&1 | tee "$build_log"; then
        explain_wasm_compile_failure "$build_log"
        rm -f "$build_log"
        return 1
    fi
    rm -f "$build_log"
}

# The browser tests: tests/web_*.rs, plus the library's unit tests when src/web has any (that module exists only
# on wasm32). The engine's plain #[test]s are not run by the wasm runner: they run natively.
wasm_tests() {
    wasm_test_env
    local files=() args=() file
    shopt -s nullglob
    files=(tests/web_*.rs)
    shopt -u nullglob
    for file in "${files[@]}"; do
        args+=(--test "$(basename "$file" .rs)")
    done
    if grep -rqE '#\[(cfg\(test\)|wasm_bindgen_test)\]' src/web 2>/dev/null; then
        args+=(--lib)
    fi
    if ((${#args[@]} == 0)); then
        say "no browser tests (tests/web_*.rs, or tests in src/web) yet: nothing to run"
        return 0
    fi
    cargo test --no-fail-fast --target wasm32-unknown-unknown "${args[@]}"
}

# Debug build: ~10 s after the native tests (their dependencies are reused) against minutes for an LTO release
# build, and a 3000-customer comparison takes well under a second either way.
build_cli() {
    cargo build --bin tierlab
}

# Serves dist/ on a free port, runs the Playwright tests against it, stops the server.
e2e_tests() {
    local port_file server_pid port=""
    port_file="$(mktemp)"
    node "$E2E_DIR/serve.mjs" --root "$TIERLAB_ROOT/dist" --port 0 --port-file "$port_file" &
    server_pid=$!
    # shellcheck disable=SC2064 # expand now: the trap runs in this subshell after the variables are gone
    trap "kill $server_pid 2>/dev/null || true; rm -f '$port_file'" EXIT
    for _ in $(seq 1 50); do
        port="$(cat "$port_file")"
        [[ -n $port ]] && break
        kill -0 "$server_pid" 2>/dev/null || die "the static server for dist/ did not start"
        sleep 0.2
    done
    [[ -n $port ]] || die "the static server for dist/ did not report its port within 10 s"
    export TIERLAB_BASE_URL="http://127.0.0.1:$port/"
    export TIERLAB_BIN="$TARGET_DIR/debug/tierlab"
    export TIERLAB_DIST="$TIERLAB_ROOT/dist"
    cd "$E2E_DIR"
    rm -f screenshots/failure-*.png # pictures of an earlier run's failures would mislead
    # One file at a time: each drives a browser running wasm, and there are only 2 cores.
    node --test --test-concurrency=1 --test-reporter=spec ./*.test.mjs
}

# The extension module built into .tools/venv against the shared target directory (the engine's dependencies
# compiled for the native tests are reused; the debug profile optimises dependencies, the engine included),
# and the CLI the tests compare with.
build_python_package() {
    build_cli
    (cd "$TIERLAB_ROOT/python" &&
        VIRTUAL_ENV="$TIERLAB_VENV" CARGO_TARGET_DIR="$TARGET_DIR" "$TIERLAB_VENV/bin/maturin" develop)
}

python_tests() {
    export TIERLAB_BIN="$TARGET_DIR/debug/tierlab"
    (cd "$TIERLAB_ROOT/python" && "$TIERLAB_VENV/bin/python" -m pytest -m "not spark" -p no:cacheprovider)
}

spark_tests() {
    export TIERLAB_BIN="$TARGET_DIR/debug/tierlab"
    (cd "$TIERLAB_ROOT/python" && "$TIERLAB_VENV/bin/python" -m pytest -m spark -p no:cacheprovider)
}

# ---- main -------------------------------------------------------------------------------------------------------

main() {
    local layers=("$@") layer
    ((${#layers[@]} > 0)) || layers=(native wasm e2e python spark)
    local run_native=0 run_wasm=0 run_e2e=0 run_python=0 run_spark=0
    for layer in "${layers[@]}"; do
        case $layer in
            native) run_native=1 ;;
            wasm) run_wasm=1 ;;
            e2e) run_e2e=1 ;;
            python) run_python=1 ;;
            spark) run_spark=1 ;;
            quick) run_native=1 run_wasm=1 run_e2e=1 run_python=1 ;;
            -h | --help)
                awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
                exit 0
                ;;
            *) die "unknown layer '$layer' (expected: native, wasm, e2e, python, spark, quick)" ;;
        esac
    done

    mkdir -p "$LOG_DIR"
    rm -f "$LOG_DIR"/*.log
    trap print_summary EXIT

    setup_path
    setup_step "check base tools" require_base_tools
    setup_step "python test packages" ensure_python_deps
    if ((run_wasm || run_e2e)); then
        setup_step "wasm32 target" ensure_wasm_target
        setup_step "wasm-bindgen-cli" ensure_wasm_bindgen
        setup_step "chromium + chromedriver" ensure_chromium
    fi
    if ((run_e2e)); then
        setup_step "node packages" ensure_node_deps
        setup_step "trunk" ensure_trunk
    fi

    if ((run_python || run_spark)); then
        setup_step "python package tools" ensure_python_package_deps
    fi
    if ((run_spark)); then
        setup_step "pyspark + java 17+ (Spark)" ensure_spark_deps
    fi

    if ((run_native)); then
        test_step "native tests (cargo test)" native native_tests
    fi
    if ((run_wasm)); then
        test_step "wasm tests in Chromium (tests/web_*.rs)" wasm wasm_tests
        test_step "all test targets build for wasm32 (wasm-pack)" wasm-compile wasm_compile_all_tests
    fi
    if ((run_e2e)); then
        local site_ok cli_ok
        test_step "release site (trunk build --release)" site build_site
        site_ok=$STEP_OK
        test_step "CLI (cargo build --bin tierlab)" cli build_cli
        cli_ok=$STEP_OK
        if ((site_ok && cli_ok)); then
            test_step "browser end-to-end (Playwright)" e2e e2e_tests
        else
            skip_step "browser end-to-end (Playwright)" "needs the site and the CLI"
        fi
    fi
    if ((run_python || run_spark)); then
        test_step "python package (maturin develop)" python-build build_python_package
        local package_ok=$STEP_OK
        if ((run_python && package_ok)); then
            test_step "python package against the CLI (pytest)" python python_tests
        elif ((run_python)); then
            skip_step "python package against the CLI (pytest)" "needs the package build"
        fi
        if ((run_spark && package_ok)); then
            test_step "spark job in local mode (pytest -m spark)" spark spark_tests
        elif ((run_spark)); then
            skip_step "spark job in local mode (pytest -m spark)" "needs the package build"
        fi
    fi
    if ((!run_spark)); then
        # Said in the summary, not skipped in silence: the layer exists and is one argument away.
        record_step "spark job in local mode" "not requested (bash scripts/test.sh spark; CI runs it)" 0
    fi
    exit "$ANY_FAILED"
}

main "$@"
