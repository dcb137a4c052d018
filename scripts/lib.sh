# shellcheck shell=bash
# Shared by setup.sh, serve.sh and test.sh: find each tool TierLab needs and install the missing ones.
#
# Every ensure_* function is idempotent: it checks first, says what it found, and installs only what is
# missing or at the wrong version. Everything comes from the ordinary registries (crates.io, npm, Debian):
# this machine kind reaches nothing else, so no step may download a prebuilt binary or browser of its own.

TIERLAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E_DIR="$TIERLAB_ROOT/tests/e2e"
TOOLS_DIR="$TIERLAB_ROOT/.tools"
PYTHON_REQUIREMENTS="$TIERLAB_ROOT/scripts/python-requirements.txt"
# The Python package's build and test tools (maturin, pandas, pyarrow, pytest), and PySpark for the Spark layer.
PYTHON_PACKAGE_REQUIREMENTS="$TIERLAB_ROOT/python/requirements.txt"
SPARK_REQUIREMENTS="$TIERLAB_ROOT/python/requirements-spark.txt"

# trunk 0.22 needs rustc >= 1.96; 0.21.14 is the newest that builds with the pinned stable toolchain.
TRUNK_VERSION="0.21.14"
CHROMIUM_BIN="/usr/bin/chromium"
CHROMEDRIVER_BIN="/usr/bin/chromedriver"

say() { printf '==> %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}

# Tools installed by cargo live in ~/.cargo/bin; wasm-opt comes from the npm package binaryen in tests/e2e
# (Debian's binaryen is too old to read what rustc 1.95 emits).
setup_path() {
    case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) PATH="$HOME/.cargo/bin:$PATH" ;; esac
    case ":$PATH:" in *":$E2E_DIR/node_modules/.bin:"*) ;; *) PATH="$E2E_DIR/node_modules/.bin:$PATH" ;; esac
    export PATH
    # trunk otherwise asks crates.io for a newer version on every build.
    export TRUNK_SKIP_VERSION_CHECK=true
}

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "'$*' needs root and sudo is not installed; run it as root once, then re-run this script"
    fi
}

# The few things the scripts cannot install themselves (see README "Requirements").
require_base_tools() {
    local missing=()
    for tool in cargo rustup node npm python3 git; do
        command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
    done
    if ((${#missing[@]} > 0)); then
        die "missing ${missing[*]}: install Rust (rustup, stable >= 1.95), Node 20 + npm, Python 3.11 and git first (README: Requirements)"
    fi
    local node_major
    node_major="$(node -p 'process.versions.node.split(".")[0]')"
    if ((node_major < 20)); then
        die "Node $(node --version) is too old: the end-to-end tests need Node 20 or newer"
    fi
    say "base tools: $(cargo --version), node $(node --version), $(python3 --version)"
}

ensure_wasm_target() {
    if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
        say "wasm32-unknown-unknown target: present"
    else
        say "wasm32-unknown-unknown target: missing, installing with rustup"
        rustup target add wasm32-unknown-unknown
    fi
}

# Prints the version of an installed tool ("" when absent): the second word of `TOOL --version`.
tool_version() {
    local out
    out="$("$1" --version 2>/dev/null)" || return 0
    awk 'NR == 1 { print $2 }' <<<"$out"
}

ensure_trunk() {
    local have
    have="$(tool_version trunk)"
    if [[ $have == "$TRUNK_VERSION" ]]; then
        say "trunk $TRUNK_VERSION: present"
        return
    fi
    if pgrep -f 'cargo install trunk' >/dev/null 2>&1; then
        # Two installs of the same crate would race on ~/.cargo/bin; the first one's result is what we want.
        say "trunk: another 'cargo install trunk' is running, waiting for it to finish"
        while pgrep -f 'cargo install trunk' >/dev/null 2>&1; do sleep 10; done
        if [[ "$(tool_version trunk)" == "$TRUNK_VERSION" ]]; then
            say "trunk $TRUNK_VERSION: present"
            return
        fi
    fi
    say "trunk: ${have:-not installed}, installing $TRUNK_VERSION from crates.io (10-15 min on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
}

# The wasm-bindgen CLI must match the wasm-bindgen crate in Cargo.lock exactly, or it refuses the module.
wasm_bindgen_lock_version() {
    awk '
        $0 == "name = \"wasm-bindgen\"" { found = 1; next }
        found && /^version = / { gsub(/version = |"/, ""); print; exit }
    ' "$TIERLAB_ROOT/Cargo.lock"
}

ensure_wasm_bindgen() {
    local wanted have_cli have_runner
    wanted="$(wasm_bindgen_lock_version)"
    [[ -n $wanted ]] || die "no wasm-bindgen entry in Cargo.lock (run 'cargo generate-lockfile'?)"
    have_cli="$(tool_version wasm-bindgen)"
    have_runner="$(tool_version wasm-bindgen-test-runner)"
    if [[ $have_cli == "$wanted" && $have_runner == "$wanted" ]]; then
        say "wasm-bindgen-cli $wanted: present"
        return
    fi
    say "wasm-bindgen-cli: ${have_cli:-not installed} (Cargo.lock wants $wanted), installing from crates.io (~3 min)"
    # Not --locked: the CLI's own lock file pins a yanked webpki-roots that no longer resolves.
    local force=()
    [[ -z $have_cli && -z $have_runner ]] || force=(--force)
    cargo install wasm-bindgen-cli --version "$wanted" "${force[@]}"
}

# npm ci is slow-ish and wipes node_modules, so only run it when the lock file changed since the last one.
ensure_node_deps() {
    local stamp="$E2E_DIR/node_modules/.tierlab-lock.sha256" wanted
    wanted="$(cat "$E2E_DIR/package.json" "$E2E_DIR/package-lock.json" | sha256sum | cut -d' ' -f1)"
    if [[ -f $stamp && "$(cat "$stamp")" == "$wanted" && -x "$E2E_DIR/node_modules/.bin/wasm-opt" ]]; then
        say "node packages (playwright-core, binaryen): present"
    else
        say "node packages: installing with 'npm ci' in tests/e2e (playwright-core never downloads a browser)"
        (cd "$E2E_DIR" && npm ci --no-audit --no-fund)
        printf '%s\n' "$wanted" >"$stamp"
    fi
    local wasm_opt
    wasm_opt="$(command -v wasm-opt || true)"
    [[ $wasm_opt == "$E2E_DIR/node_modules/.bin/wasm-opt" ]] ||
        warn "wasm-opt on PATH is '${wasm_opt:-none}', not binaryen@132 from tests/e2e: the release build may fail"
}

ensure_chromium() {
    if [[ -x $CHROMIUM_BIN && -x $CHROMEDRIVER_BIN ]]; then
        say "chromium + chromedriver: present"
    else
        say "chromium or chromedriver missing: installing Debian's chromium and chromium-driver"
        as_root apt-get update
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
    fi
    ensure_chinese_fonts
    # Read by wasm-bindgen-test-runner and by the Playwright helpers.
    export CHROMEDRIVER="$CHROMEDRIVER_BIN"
    export TIERLAB_CHROMIUM="$CHROMIUM_BIN"
}

# A fresh machine has no Chinese fonts: the 中文 screenshots the e2e tests take would show empty boxes where
# every user's browser shows text. Best effort: the tests read the page's text, not its pixels.
ensure_chinese_fonts() {
    if fc-list :lang=zh 2>/dev/null | grep -q .; then
        say "chinese fonts: present"
    else
        say "chinese fonts missing: installing Debian's fonts-noto-cjk (for readable 中文 screenshots)"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-noto-cjk ||
            warn "fonts-noto-cjk did not install: 中文 screenshots will show boxes; the tests are not affected"
    fi
}

# Hook for tests that check the engine against an independent Python implementation. The venv is made only
# when scripts/python-requirements.txt lists something; tests find the interpreter in $TIERLAB_PYTHON.
ensure_python_deps() {
    if ! grep -qvE '^[[:space:]]*(#|$)' "$PYTHON_REQUIREMENTS" 2>/dev/null; then
        say "python packages: none required (scripts/python-requirements.txt is empty)"
        TIERLAB_PYTHON="$(command -v python3)"
        export TIERLAB_PYTHON
        return
    fi
    local venv="$TOOLS_DIR/venv" stamp wanted
    stamp="$venv/.tierlab-requirements.sha256"
    wanted="$(sha256sum "$PYTHON_REQUIREMENTS" | cut -d' ' -f1)"
    if [[ -x $venv/bin/python && -f $stamp && "$(cat "$stamp")" == "$wanted" ]]; then
        say "python packages: present in .tools/venv"
    else
        say "python packages: installing scripts/python-requirements.txt into .tools/venv"
        [[ -x $venv/bin/python ]] || python3 -m venv "$venv" ||
            die "could not create a Python venv (on Debian: apt-get install python3-venv)"
        "$venv/bin/python" -m pip install --quiet -r "$PYTHON_REQUIREMENTS"
        printf '%s\n' "$wanted" >"$stamp"
    fi
    export TIERLAB_PYTHON="$venv/bin/python"
}

# Installs a pinned requirements file into .tools/venv unless the same file was installed last time (a stamp
# per file). A failed install ends the run: the layers that need it cannot run without it.
install_venv_requirements() {
    local file=$1 label=$2 venv="$TOOLS_DIR/venv" stamp wanted
    stamp="$venv/.tierlab-$(basename "$(dirname "$file")")-$(basename "$file" .txt).sha256"
    wanted="$(sha256sum "$file" | cut -d' ' -f1)"
    if [[ -x $venv/bin/python && -f $stamp && "$(cat "$stamp")" == "$wanted" ]]; then
        say "$label: present in .tools/venv"
        return
    fi
    say "$label: installing ${file#"$TIERLAB_ROOT"/} into .tools/venv"
    [[ -x $venv/bin/python ]] || python3 -m venv "$venv" ||
        die "could not create a Python venv (on Debian: apt-get install python3-venv)"
    # pip's download cache inside .tools: a CI cache of .tools (or a rebuilt venv) reuses the wheels
    # (PySpark alone is ~320 MB) instead of downloading them again.
    PIP_CACHE_DIR="${PIP_CACHE_DIR:-$TOOLS_DIR/pip-cache}" "$venv/bin/python" -m pip install --quiet -r "$file" ||
        die "pip could not install ${file#"$TIERLAB_ROOT"/}"
    printf '%s\n' "$wanted" >"$stamp"
}

# The Python package (python/) is built by maturin and tested with pandas, pyarrow and pytest, all from PyPI
# into .tools/venv. Sets TIERLAB_VENV.
ensure_python_package_deps() {
    install_venv_requirements "$PYTHON_PACKAGE_REQUIREMENTS" "python package tools (maturin, pandas, pyarrow, pytest)"
    export TIERLAB_VENV="$TOOLS_DIR/venv"
}

# PySpark for the Spark layer (~320 MB; measured 76 s to download and install here, cached in .tools after).
ensure_spark_deps() {
    install_venv_requirements "$SPARK_REQUIREMENTS" "pyspark"
    ensure_java
}

# Spark 4 runs on Java 17 or newer; Debian's headless JRE is enough for local mode.
ensure_java() {
    local major=""
    if command -v java >/dev/null 2>&1; then
        major="$(java -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print v[1]; exit }')"
    fi
    if [[ -n $major ]] && ((major >= 17)); then
        say "java $major: present"
        return
    fi
    # Debian 12 packages Java 17; Debian 13 dropped it for 21 (Spark 4 runs on both).
    local package=""
    as_root apt-get update
    for candidate in openjdk-17-jre-headless openjdk-21-jre-headless; do
        if apt-cache show "$candidate" >/dev/null 2>&1; then
            package=$candidate
            break
        fi
    done
    [[ -n $package ]] || die "no openjdk-17-jre-headless or openjdk-21-jre-headless in apt: install Java 17+ for Spark"
    say "java: ${major:-not installed} (Spark needs 17 or newer), installing Debian's $package"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$package"
    command -v java >/dev/null 2>&1 || die "$package is installed but there is no java on PATH"
}

# Everything needed to build the release site.
ensure_site_tools() {
    ensure_wasm_target
    ensure_wasm_bindgen
    ensure_node_deps
    ensure_trunk
}

# The release site in dist/, exactly what serve.sh serves and the end-to-end tests load.
build_site() {
    [[ -f $TIERLAB_ROOT/index.html ]] || die "no index.html in the repository root: nothing for trunk to build"
    # --offline: a missing tool must fail here with a clear message, not start a download that cannot work.
    (cd "$TIERLAB_ROOT" && trunk build --release --offline)
}
