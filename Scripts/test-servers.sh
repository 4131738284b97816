#!/usr/bin/env bash
# Starts and stops the servers the remote store tests run against, on 127.0.0.1 only:
#   nginx (Debian's package, installed when missing) serving zarr-python-written hierarchies
#         with consolidated metadata (Scripts/make_http_fixtures.py) under /fixtures/, and a
#         WebDAV PUT/DELETE area under /scratch/ where tests put their own values;
#   the moto S3 server from the interop virtualenv (moto[server], Scripts/interop-requirements.txt),
#         with the same hierarchies written by zarr-python in the bucket zarr-python-fixtures.
#
# Usage:
#   bash Scripts/test-servers.sh start    # prints and writes the environment file
#   source .test-servers/env              # SIMPLEZARR_TEST_HTTP_URL, SIMPLEZARR_TEST_S3_ENDPOINT
#   bash Scripts/test-servers.sh stop     # kills exactly the processes start started
#
# The state (temp prefix, pids, env file) lives in $SIMPLEZARR_TEST_SERVERS_DIR
# (default: .test-servers in the repository).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO="$(pwd)"
STATE="${SIMPLEZARR_TEST_SERVERS_DIR:-$REPO/.test-servers}"

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for() {
    local url=$1 name=$2
    for _ in $(seq 1 100); do
        if python3 -c 'import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen(sys.argv[1], timeout=1)
except urllib.error.HTTPError:
    pass
' "$url" 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    echo "test-servers: $name did not answer at $url" >&2
    return 1
}

install_nginx() {
    command -v nginx >/dev/null 2>&1 && return 0
    [ -x /usr/sbin/nginx ] && return 0
    echo "test-servers: installing nginx from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq nginx-light >/dev/null 2>&1 || apt-get install -y -qq nginx >/dev/null
}

start() {
    if [ -f "$STATE/env" ]; then
        stop
    fi
    mkdir -p "$STATE"
    install_nginx
    local nginx_bin
    nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

    # shellcheck source=Scripts/venv.sh
    source "$REPO/Scripts/venv.sh" >/dev/null

    local prefix
    prefix="$(mktemp -d "${TMPDIR:-/tmp}/simplezarr-test-servers.XXXXXX")"
    echo "$prefix" >"$STATE/prefix"
    mkdir -p "$prefix/www/fixtures" "$prefix/www/scratch" "$prefix/tmp" "$prefix/logs"
    "$INTEROP_PYTHON" "$REPO/Scripts/make_http_fixtures.py" "$prefix/www/fixtures"
    # nginx's workers run as nobody when started by root: let them read, and write the scratch area.
    chmod -R a+rX "$prefix"
    chmod -R a+rwX "$prefix/www/scratch" "$prefix/tmp"

    local http_port s3_port
    http_port="$(free_port)"
    s3_port="$(free_port)"
    cat >"$prefix/nginx.conf" <<CONF
daemon off;
master_process on;
worker_processes 2;
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path $prefix/tmp/body;
    proxy_temp_path $prefix/tmp/proxy;
    fastcgi_temp_path $prefix/tmp/fastcgi;
    uwsgi_temp_path $prefix/tmp/uwsgi;
    scgi_temp_path $prefix/tmp/scgi;
    default_type application/octet-stream;
    server {
        listen 127.0.0.1:$http_port;
        root $prefix/www;
        # A directory is no key: 404, as an object store answers (not a redirect to "dir/").
        location / {
            if (-d \$request_filename) { return 404; }
        }
        location /scratch/ {
            if (-d \$request_filename) { return 404; }
            dav_methods PUT DELETE;
            create_full_put_path on;
            client_max_body_size 256m;
        }
    }
}
CONF
    "$nginx_bin" -p "$prefix" -c "$prefix/nginx.conf" >"$prefix/logs/nginx.out" 2>&1 &
    echo $! >"$STATE/nginx.pid"
    "$INTEROP_VENV/bin/moto_server" -H 127.0.0.1 -p "$s3_port" >"$prefix/logs/moto.out" 2>&1 &
    echo $! >"$STATE/moto.pid"

    wait_for "http://127.0.0.1:$http_port/fixtures/v3.zarr/zarr.json" nginx
    wait_for "http://127.0.0.1:$s3_port/" "moto S3 server"

    # zarr-python (obstore) writes the same hierarchies to moto, for S3InteropTests to read.
    (cd "$REPO/Scripts" && "$INTEROP_PYTHON" check_s3_interop.py write "http://127.0.0.1:$s3_port" zarr-python-fixtures)

    cat >"$STATE/env" <<ENV
export SIMPLEZARR_TEST_HTTP_URL=http://127.0.0.1:$http_port/
export SIMPLEZARR_TEST_S3_ENDPOINT=http://127.0.0.1:$s3_port
ENV
    echo "test-servers: nginx on 127.0.0.1:$http_port, moto on 127.0.0.1:$s3_port ($STATE/env)"
    cat "$STATE/env"
}

stop() {
    local name pid
    for name in nginx moto; do
        [ -f "$STATE/$name.pid" ] || continue
        pid="$(cat "$STATE/$name.pid")"
        # nginx's master ends its workers when it gets TERM.
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -9 "$pid" 2>/dev/null || true
        fi
        rm -f "$STATE/$name.pid"
    done
    if [ -f "$STATE/prefix" ]; then
        rm -rf "$(cat "$STATE/prefix")"
        rm -f "$STATE/prefix"
    fi
    rm -f "$STATE/env"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
