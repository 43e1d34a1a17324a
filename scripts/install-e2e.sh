#!/usr/bin/env bash
# Installs what the end-to-end tests need, offline (npm registry + Debian apt only):
#   - Debian packages: Chromium (driven by playwright-core), code-server's native build
#     dependencies, ripgrep;
#   - code-server 4.100.3 (VS Code 1.100.3 in the browser) in tools/code-server, from its lockfile.
# Idempotent: when everything is present it returns in well under a second.
# See ../shared/docs/E2E.md for why each step is needed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CS_DIR="$ROOT/tools/code-server"
STAMP="$CS_DIR/node_modules/.rationale-lens-installed"
RIPGREP_PKG_VERSION=1.15.11   # @vscode/ripgrep used by code-server 4.100.3
RIPGREP_VERSION=v13.0.0-10    # the VERSION constant in its lib/postinstall.js

log() { printf '[install-e2e] %s\n' "$*"; }

# --- Debian packages ------------------------------------------------------------------------------
APT_PACKAGES=(chromium fonts-dejavu-core libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev
  pkg-config ripgrep g++ make)
command -v python3 >/dev/null 2>&1 || APT_PACKAGES+=(python3)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  SUDO=()
  [ "$(id -u)" = 0 ] || SUDO=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi

# --- code-server ----------------------------------------------------------------------------------
# The stamp records the lockfile and Node major it was built for: native modules depend on both.
want="$(sha256sum "$CS_DIR/package-lock.json" | cut -c1-64) node$(node -p 'process.versions.node.split(".")[0]')"
VSCODE_DIR="$CS_DIR/node_modules/code-server/lib/vscode"
installed_ok() {
  [ -x "$CS_DIR/node_modules/.bin/code-server" ] &&
    [ -f "$VSCODE_DIR/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] &&
    [ -f "$VSCODE_DIR/node_modules/node-pty/build/Release/pty.node" ] &&
    [ -x "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg" ]
}
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && installed_ok; then
  log "code-server already installed"
  exit 0
fi

log "installing code-server in tools/code-server (about a minute)"
# @vscode/ripgrep's postinstall would download rg from GitHub: seed its cache with Debian's rg.
NPM_TMP="$(mktemp -d)"
trap 'rm -rf "$NPM_TMP"' EXIT
RG_CACHE="$NPM_TMP/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
mkdir -p "$RG_CACHE" "$NPM_TMP/rg"
cp "$(command -v rg)" "$NPM_TMP/rg/rg"
tar czf "$RG_CACHE/ripgrep-$RIPGREP_VERSION-x86_64-unknown-linux-musl.tar.gz" -C "$NPM_TMP/rg" rg

# Install scripts: npm 11 runs only those allowed by "allowScripts" in tools/code-server/package.json
# (code-server's postinstall, which installs lib/vscode and builds its native modules, and argon2).
(
  cd "$CS_DIR"
  TMPDIR="$NPM_TMP" \
    npm_config_unsafe_perm=true \
    npm_config_nodedir=/usr \
    npm_config_yes=true \
    npm_config_update_notifier=false \
    npm ci --no-audit --no-fund --loglevel=warn 2>&1 | { grep -v 'Unknown env config "unsafe-perm"' || true; }
)

if ! installed_ok; then
  log "ERROR: code-server's lib/vscode/node_modules is incomplete: its install scripts did not run"
  log "(check allowScripts in tools/code-server/package.json and the output above)."
  exit 1
fi
echo "$want" >"$STAMP"
log "code-server $(node -p "require('$CS_DIR/node_modules/code-server/package.json').version") installed"
