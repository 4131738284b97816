"""The peers' side of Scripts/bench/remote.sh's nginx benchmark: each peer importable in this
Python reads the array whole from the local directory and from the HTTP server, so its own
HTTP/local ratio stands beside ours. zarr-python reads HTTP through obstore (the interop
virtualenv has it), tensorstore through its http kvstore (the benchmark virtualenv has it).

Usage:
  python http_peer.py BASE_URL LOCAL_DIR ARRAY REPEATS
prints one JSON line per peer: {"library", "local": [seconds...], "http": [seconds...]}
"""

import json
import sys
import time


def timed(read, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        read()
        times.append(time.perf_counter() - start)
    return times


def zarr_python(url, local, array, repeats):
    import zarr
    from obstore.store import HTTPStore
    from zarr.storage import ObjectStore

    on_disk = zarr.open_array(f"{local}/{array}", mode="r")
    remote_store = ObjectStore(HTTPStore.from_url(url, client_options={"allow_http": True}), read_only=True)
    remote = zarr.open_array(remote_store, path=array, mode="r")
    return timed(lambda: on_disk[...], repeats), timed(lambda: remote[...], repeats)


def tensorstore(url, local, array, repeats):
    import tensorstore as ts

    on_disk = ts.open({"driver": "zarr3", "kvstore": {"driver": "file", "path": f"{local}/{array}/"}}).result()
    remote = ts.open({"driver": "zarr3", "kvstore": f"{url}/{array}/"}).result()
    return timed(lambda: on_disk.read().result(), repeats), timed(lambda: remote.read().result(), repeats)


def main():
    url, local, array, repeats = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    for name, peer in [("zarr-python+obstore", zarr_python), ("tensorstore", tensorstore)]:
        try:
            local_times, http_times = peer(url, local, array, repeats)
        except ImportError:
            continue
        print(json.dumps({"library": name, "local": local_times, "http": http_times}))


if __name__ == "__main__":
    main()
