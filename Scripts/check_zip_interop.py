#!/usr/bin/env python3
"""Checks the zip archives that ZipStore wrote (ZipStoreWriteTests.testExportForZarrPython,
run with ZIP_INTEROP_DIR set): each must pass Python's zipfile integrity test with no
duplicate names, and zarr-python's ZipStore must open the hierarchy and read the values.

    python Scripts/check_zip_interop.py DIR
"""

import sys
import warnings
import zipfile
from pathlib import Path

import numpy as np
import zarr


def main(folder):
    archives = sorted(Path(folder).glob("*.zip"))
    if len(archives) < 4:
        sys.exit(f"check_zip_interop: expected 4 archives in {folder}, found {len(archives)}")
    for path in archives:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a duplicate name warns
            with zipfile.ZipFile(path) as zf:
                bad = zf.testzip()
                if bad is not None:
                    sys.exit(f"check_zip_interop: {path.name}: bad CRC in {bad}")
                names = zf.namelist()
                if len(names) != len(set(names)):
                    sys.exit(f"check_zip_interop: {path.name}: duplicate names")
                if "scratch" in names:
                    sys.exit(f"check_zip_interop: {path.name}: the erased key is listed")
        store = zarr.storage.ZipStore(path, mode="r")
        root = zarr.open_group(store, mode="r")
        fmt = 2 if path.name.startswith("v2") else 3
        if root.metadata.zarr_format != fmt:
            sys.exit(f"check_zip_interop: {path.name}: zarr_format {root.metadata.zarr_format}, expected {fmt}")
        if root.attrs.asdict() != {"title": "from swift"}:
            sys.exit(f"check_zip_interop: {path.name}: attributes {root.attrs.asdict()}")
        ints = np.arange(30, dtype="int32").reshape(6, 5) * 7 - 50
        floats = np.arange(7, dtype="float64") / 4 - 1
        if not np.array_equal(root["ints"][...], ints):
            sys.exit(f"check_zip_interop: {path.name}: ints differ")
        if not np.array_equal(root["sub/floats"][...], floats):
            sys.exit(f"check_zip_interop: {path.name}: sub/floats differ")
        store.close()
        print(f"check_zip_interop: {path.name}: ok ({len(names)} entries)")
    many = Path(folder) / "zip64" / "many.zip"
    with zipfile.ZipFile(many) as zf:
        infos = zf.infolist()
        if len(infos) != 66000 or zf.read("c/65999") != bytes([65999 % 256]) or zf.testzip() is not None:
            sys.exit(f"check_zip_interop: {many.name}: wrong entries ({len(infos)})")
    print(f"check_zip_interop: zip64/{many.name}: ok ({len(infos)} entries, zip64 end records)")
    sparse = Path(folder) / "zip64" / "sparse.zip"
    with zipfile.ZipFile(sparse) as zf:
        high = zf.getinfo("high")
        if high.header_offset < 1 << 32 or zf.read("high") != b"above 4 GiB" or zf.read("low") != b"replaced above 4 GiB":
            sys.exit(f"check_zip_interop: {sparse.name}: wrong entries past 4 GiB")
    print(f"check_zip_interop: zip64/{sparse.name}: ok (entries at offsets past 4 GiB)")


if __name__ == "__main__":
    main(sys.argv[1])
