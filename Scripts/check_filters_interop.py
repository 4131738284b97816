#!/usr/bin/env python3
"""Checks that zarr-python reads the Zarr v3 arrays SimpleZarr writes with numcodecs' filters.

    rm -rf /tmp/filters-interop
    FILTERS_INTEROP_DIR=/tmp/filters-interop swift test --filter NumcodecsFilterInteropExportTests
    .venv-interop/bin/python Scripts/check_filters_interop.py /tmp/filters-interop

The folder is a LocalStore of arrays (numcodecs.delta, fixedscaleoffset, quantize, bitround,
packbits, astype, before bytes and a compressor) listed in manifest.json; beside each,
NAME.bin holds the values SimpleZarr reads back from it (C order, little-endian, bool as one
byte), unwritten edge rows included. zarr-python (which decodes the chunks with numcodecs)
must read exactly those bytes. Exit status 1 on any difference or failure to read.
"""
import json
import os
import sys

import numpy as np
import zarr


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("FILTERS_INTEROP_DIR", "/tmp/filters-interop")
    with open(os.path.join(folder, "manifest.json")) as f:
        manifest = json.load(f)
    store = zarr.storage.LocalStore(folder, read_only=True)
    failures = 0
    for entry in manifest:
        name = entry["path"]
        dtype = np.dtype(entry["dtype"]).newbyteorder("<")
        with open(os.path.join(folder, name + ".bin"), "rb") as f:
            expected = np.frombuffer(f.read(), dtype=dtype).reshape(entry["shape"])
        try:
            array = zarr.open_array(store=store, path=name, mode="r")
            values = array[...]
        except Exception as error:  # noqa: BLE001 - report every array
            print(f"FAIL {name}: zarr-python cannot read it: {type(error).__name__}: {error}")
            failures += 1
            continue
        filters = [c["name"] for c in array.metadata.to_dict()["codecs"]]
        if values.dtype != expected.dtype.newbyteorder("=") or values.tobytes() != expected.astype(values.dtype).tobytes():
            differing = int(np.count_nonzero(values.view(np.uint8) != expected.astype(values.dtype).view(np.uint8)))
            print(f"FAIL {name} {filters}: {differing} bytes differ")
            failures += 1
        else:
            print(f"ok   {name} {filters}: {values.size} values")
    print(f"{len(manifest) - failures} of {len(manifest)} arrays read as SimpleZarr wrote them")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
