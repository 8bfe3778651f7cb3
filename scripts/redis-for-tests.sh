#!/usr/bin/env bash
# Starts a throw-away Redis (Debian's redis-server) on loopback for the tests of several API processes and prints
# its URL. `stop DIR` stops it and deletes its folder. Like postgres-for-tests.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/ensure-deps.sh"

case "${1:-start}" in
  start)
    command -v redis-server >/dev/null 2>&1 || apt_install redis-server >&2
    port="${REDIS_TEST_PORT:-56379}"
    if [ -z "${REDIS_TEST_PORT:-}" ]; then
      while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    fi
    dir="$(mktemp -d /tmp/phonghop-redis-XXXXXX)"
    # No persistence: the tests' Redis holds only what a restart may lose (presence of sockets, forwarded calls).
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/log" >/dev/null
    for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
    echo "REDIS_TEST_DIR=$dir"
    echo "TEST_REDIS_URL=redis://127.0.0.1:$port"
    ;;
  stop)
    dir="${2:?usage: stop DIR}"
    [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$(cat "$dir/redis.pid" 2>/dev/null)" 2>/dev/null || break; sleep 0.05; done
    rm -rf "$dir"
    ;;
esac
