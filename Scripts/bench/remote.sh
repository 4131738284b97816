#!/usr/bin/env bash
# Remote store benchmarks (release build), on 127.0.0.1:
#   1. whole-array read of the zstd dataset from nginx (HTTPStore) beside LocalStore (target >= 0.8x),
#      and the same two reads by zarr-python (obstore) and tensorstore when their virtualenvs exist;
#   2. 1,000 chunk reads through a proxy adding 20 ms per request (target < 625 ms: >= 32 in flight);
#   3. whole-array read from the moto S3 server (S3Store) beside zarr-python with obstore.
#
#     bash Scripts/bench/remote.sh [--repeat N]
#
# The dataset is .bench-data/bench-512.zarr/zstd (made by Scripts/bench/bench.sh); set
# BENCH_DATA to another Zarr directory and BENCH_ARRAY to its array path to use another one.
# Starts the test servers (Scripts/test-servers.sh) unless SIMPLEZARR_TEST_HTTP_URL is set.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
REPO="$(pwd)"
REPEAT=5
[ "${1:-}" = "--repeat" ] && REPEAT="$2"
DATA="${BENCH_DATA:-$REPO/.bench-data/bench-512.zarr}"
ARRAY="${BENCH_ARRAY:-zstd}"
[ -d "$DATA/$ARRAY" ] || { echo "remote.sh: no dataset at $DATA/$ARRAY (run Scripts/bench/bench.sh first)" >&2; exit 1; }

# shellcheck source=Scripts/venv.sh
source "$REPO/Scripts/venv.sh" >/dev/null
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -n "${STARTED_SERVERS:-}" ] && bash "$REPO/Scripts/test-servers.sh" stop
}
trap cleanup EXIT
if [ -z "${SIMPLEZARR_TEST_HTTP_URL:-}" ]; then
    bash "$REPO/Scripts/test-servers.sh" start >/dev/null
    STARTED_SERVERS=1
    # shellcheck source=/dev/null
    source "$REPO/.test-servers/env"
fi
WWW="$(cat "$REPO/.test-servers/prefix")/www"
ln -sfn "$DATA" "$WWW/bench.zarr"
OUT="$(mktemp -d "${TMPDIR:-/tmp}/simplezarr-remote-bench.XXXXXX")"

swift build -c release --product simplezarr >&2
BIN="$REPO/.build/release/simplezarr"

echo "remote.sh: 1. whole read, LocalStore and HTTPStore (nginx)" >&2
"$BIN" bench read-whole "$DATA" "$ARRAY" --repeat "$REPEAT" >"$OUT/local.json"
"$BIN" bench read-whole "${SIMPLEZARR_TEST_HTTP_URL}bench.zarr" "$ARRAY" --repeat "$REPEAT" >"$OUT/http.json"

echo "remote.sh: 1b. the same two reads by the peers (each in the virtualenv that has it)" >&2
: >"$OUT/http-peers.json"
for python in "$INTEROP_PYTHON" "$REPO/.venv-bench/bin/python"; do
    [ -x "$python" ] || continue
    "$python" "$REPO/Scripts/bench/http_peer.py" "${SIMPLEZARR_TEST_HTTP_URL}bench.zarr" "$DATA" "$ARRAY" "$REPEAT" >>"$OUT/http-peers.json"
done

echo "remote.sh: 2. 1,000 chunk reads through a 20 ms proxy" >&2
"$INTEROP_PYTHON" - "$WWW/thousand.zarr" <<'PY'
import sys, numpy as np, zarr
a = zarr.create_array(sys.argv[1], shape=(1000, 64), chunks=(1, 64), dtype="int32", overwrite=True)
a[...] = np.arange(64000, dtype="int32").reshape(1000, 64)
PY
HTTP_PORT="$(echo "$SIMPLEZARR_TEST_HTTP_URL" | sed 's#.*:\([0-9]*\)/$#\1#')"
PROXY_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$INTEROP_PYTHON" "$REPO/Scripts/bench/delay_proxy.py" "$PROXY_PORT" "$HTTP_PORT" 0.02 >"$OUT/proxy.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 50); do grep -q ready "$OUT/proxy.out" 2>/dev/null && break; sleep 0.1; done
"$BIN" bench read-chunks "http://127.0.0.1:$PROXY_PORT/thousand.zarr" "" --repeat "$REPEAT" >"$OUT/proxy.json"

echo "remote.sh: 3. whole read from moto, S3Store and zarr-python + obstore" >&2
(cd "$REPO/Scripts/bench" && "$INTEROP_PYTHON" s3_peer.py upload "$SIMPLEZARR_TEST_S3_ENDPOINT" bench "$DATA/$ARRAY" array)
AWS_ENDPOINT_URL="$SIMPLEZARR_TEST_S3_ENDPOINT" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 \
    "$BIN" bench read-whole "s3://bench/array" "" --repeat "$REPEAT" >"$OUT/s3.json"
(cd "$REPO/Scripts/bench" && "$INTEROP_PYTHON" s3_peer.py read "$SIMPLEZARR_TEST_S3_ENDPOINT" bench array "$REPEAT") >"$OUT/s3-peer.json"

python3 - "$OUT" <<'PY'
import json, statistics, sys
out = sys.argv[1]
m = {name: statistics.median(json.load(open(f"{out}/{name}.json"))["times"]) for name in ["local", "http", "proxy", "s3", "s3-peer"]}
print(f"whole read, LocalStore          {m['local']*1000:8.1f} ms")
print(f"whole read, HTTPStore (nginx)   {m['http']*1000:8.1f} ms   {m['local']/m['http']:.2f}x LocalStore (target >= 0.8x)")
for line in open(f"{out}/http-peers.json"):
    peer = json.loads(line)
    local, http = statistics.median(peer["local"]), statistics.median(peer["http"])
    print(f"  {peer['library']:<22} local {local*1000:7.1f} ms, HTTP {http*1000:7.1f} ms   {local/http:.2f}x; ours over HTTP {http/m['http']:.2f}x its speed")
print(f"1,000 chunks via 20 ms proxy    {m['proxy']*1000:8.1f} ms   (target < 625 ms)")
print(f"whole read, S3Store (moto)      {m['s3']*1000:8.1f} ms")
print(f"whole read, zarr-python+obstore {m['s3-peer']*1000:8.1f} ms   ours {m['s3-peer']/m['s3']:.2f}x its speed")
PY
rm -rf "$OUT"
