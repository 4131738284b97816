#!/usr/bin/env python3
"""Read the Zarr v2 hierarchy SimpleZarr wrote (V2InteropExportTests) with zarr-python.

    .venv-interop/bin/python Scripts/check_v2_interop.py DIR

DIR holds v2.zarr and manifest.json (path, numpy dtype, shape, expected raw little-endian
values). Every array is read twice, through the consolidated metadata and without it, and
compared byte for byte; the consolidated `.zmetadata` must list exactly the nodes on disk.
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import numpy as np
import zarr

warnings.simplefilter("ignore")


def main(argv: list[str]) -> int:
    root = Path(argv[1])
    manifest = json.loads((root / "manifest.json").read_text())
    store = root / manifest["store"]
    failures = 0

    consolidated = json.loads((store / ".zmetadata").read_text())["metadata"]
    on_disk = {str(p.relative_to(store)) for p in store.rglob(".z*") if p.name != ".zmetadata"}
    if set(consolidated) != on_disk:
        print(f"FAIL .zmetadata lists {sorted(set(consolidated) ^ on_disk)} differently from the store")
        failures += 1

    for group in (zarr.open_consolidated(str(store), zarr_format=2), zarr.open_group(str(store), zarr_format=2, use_consolidated=False)):
        if group.attrs.get("written_by") != "SimpleZarr":
            print(f"FAIL root attributes {dict(group.attrs)}")
            failures += 1
        for entry in manifest["arrays"]:
            path = entry["path"]
            try:
                array = group[path]
                values = np.asarray(array[...])
                dtype = np.dtype(entry["dtype"])
                if values.dtype != dtype or list(values.shape) != entry["shape"]:
                    raise AssertionError(f"dtype {values.dtype} shape {values.shape}, expected {dtype} {entry['shape']}")
                expected = (root / entry["expected"]).read_bytes()
                got = values.astype(dtype.newbyteorder("<"), copy=False).tobytes()
                if got != expected:
                    raise AssertionError("values differ")
            except Exception as error:  # report every array, then fail
                print(f"FAIL {path}: {error}")
                failures += 1
    checked = 2 * len(manifest["arrays"])
    print(f"v2 interop: zarr-python {zarr.__version__} read {checked - failures} of {checked} arrays written by SimpleZarr")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
