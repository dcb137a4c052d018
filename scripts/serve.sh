#!/usr/bin/env bash
# Builds the release site and serves it as plain static files: http://127.0.0.1:8080 (PORT=... to change).
# Installs missing build tools first. The page needs no server logic; any static host works the same way.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

port="${PORT:-8080}"
setup_path
require_base_tools
ensure_site_tools
say "building the release site into dist/ (trunk build --release)"
build_site
say "serving dist/ at http://127.0.0.1:$port/ (Ctrl+C to stop)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$TIERLAB_ROOT/dist"
