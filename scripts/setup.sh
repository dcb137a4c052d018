#!/usr/bin/env bash
# Installs every tool TierLab's build and tests need (skips what is already there). serve.sh and test.sh call
# the same functions, so running this first is optional; it is handy to warm a machine up.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_path
require_base_tools
ensure_site_tools
ensure_chromium
ensure_python_deps
say "all tools present. Add them to your shell with: export PATH=\"\$HOME/.cargo/bin:$E2E_DIR/node_modules/.bin:\$PATH\""
