"""The S3 side of Scripts/bench/remote.sh: uploads a local array to the moto S3 server, and
times zarr-python (ObjectStore on obstore) reading it whole from there.

Usage:
  python s3_peer.py upload ENDPOINT BUCKET LOCAL_ARRAY_DIR PREFIX
  python s3_peer.py read ENDPOINT BUCKET PREFIX REPEATS      prints a JSON line like `simplezarr bench`
"""

import json
import os
import sys
import time
import urllib.error
import urllib.request

import zarr
from obstore.store import S3Store


def s3(endpoint, bucket, prefix=None):
    return S3Store(
        bucket, prefix=prefix, endpoint=endpoint, access_key_id="testing", secret_access_key="testing",
        region="us-east-1", client_options={"allow_http": True}, virtual_hosted_style_request=False,
    )


def upload(endpoint, bucket, local, prefix):
    try:
        urllib.request.urlopen(urllib.request.Request(f"{endpoint}/{bucket}", method="PUT"))
    except urllib.error.HTTPError as error:
        if error.code != 409:
            raise
    store = s3(endpoint, bucket)
    for folder, _, files in os.walk(local):
        for name in files:
            path = os.path.join(folder, name)
            key = prefix + "/" + os.path.relpath(path, local)
            with open(path, "rb") as f:
                store.put(key, f.read())


def read(endpoint, bucket, prefix, repeats):
    array = zarr.open_array(zarr.storage.ObjectStore(s3(endpoint, bucket, prefix), read_only=True), mode="r")
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        array[...]
        times.append(time.perf_counter() - start)
    print(json.dumps({"library": "zarr-python+obstore", "op": "read-whole", "times": times, "nbytes": array.nbytes}))


if __name__ == "__main__":
    if sys.argv[1] == "upload":
        upload(*sys.argv[2:6])
    else:
        read(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
