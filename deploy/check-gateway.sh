#!/usr/bin/env bash
# Checks the gateway's nginx config with nginx itself (Debian's nginx): the compose names are mapped to loopback,
# since nothing resolves them outside the stack.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed -e 's/fundraising:4500/127.0.0.1:4500/; s/twenty-server:3000/127.0.0.1:3000/; s/resolver 127.0.0.11/resolver 127.0.0.1/' \
  deploy/compose/nginx.conf > "$work/nginx.conf"
nginx -t -q -p "$work" -e "$work/error.log" -c "$work/nginx.conf" -g "pid $work/nginx.pid;"
echo "gateway: deploy/compose/nginx.conf is valid"
