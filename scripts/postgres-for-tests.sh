#!/usr/bin/env bash
# Starts a throw-away PostgreSQL (Debian's package) on loopback for the integration tests and prints its
# admin URL. `stop DIR` stops it and deletes its data. Sourced helpers come from ensure-deps.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/ensure-deps.sh"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

case "${1:-start}" in
  start)
    [ -n "$(pg_bin)" ] || apt_install postgresql >&2
    bin="$(pg_bin)"
    port="${PG_TEST_PORT:-55432}"
    # Another test server (another checkout's, another engineer's) may hold the default port: take the next free one.
    if [ -z "${PG_TEST_PORT:-}" ]; then
      while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    fi
    dir="$(mktemp -d /tmp/phonghop-pg-XXXXXX)"
    as=()
    # PostgreSQL refuses to run as root: use Debian's postgres account then.
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; as=(runuser -u postgres --); fi
    "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    echo "PG_TEST_DIR=$dir"
    echo "TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir="${2:?usage: stop DIR}"
    as=()
    [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
    "${as[@]}" "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
esac
