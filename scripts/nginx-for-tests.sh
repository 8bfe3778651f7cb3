#!/usr/bin/env bash
# Makes sure Debian's nginx is installed for the tests of several API processes behind it, and prints its path.
# The tests run it themselves, as a child process with a configuration of their own (test/e2e/support/cluster.ts):
# nothing here starts or changes the machine's nginx service.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/ensure-deps.sh"

[ -x /usr/sbin/nginx ] || apt_install nginx >&2
# The tests' nginx serves HTTPS with a throw-away certificate made by openssl.
command -v openssl >/dev/null 2>&1 || apt_install openssl >&2
echo "NGINX_BIN=/usr/sbin/nginx"
