#!/usr/bin/env python3
"""Read a hierarchy SimpleZarr wrote (V2InteropExportTests, ShardedInteropExportTests,
DtypeInteropExportTests) with zarr-python.

    .venv-interop/bin/python Scripts/check_hierarchy_interop.py DIR

DIR holds the store named by manifest.json ("store", "zarr_format", and per array: path, numpy
dtype, shape, and either `expected`, a file of raw little-endian values, or `form` and `values`,
every element in C order: "string" (JSON strings), "base64" (each element's bytes, as numpy
returns them), "int64" (datetime/timedelta counts, NaT the smallest int64) or "object" (one
{field: value} object per struct element), with
`missing_keys`, the chunk keys that must not exist). Every array is read and compared byte for
byte or element by element (text exactly, without Unicode normalisation); a consolidated
hierarchy (v2 `.zmetadata`, or v3 inline `consolidated_metadata`) is read twice, through the
consolidated metadata and without it, which must list exactly the nodes on disk.
"""

from __future__ import annotations

import base64
import json
import sys
import warnings
from pathlib import Path

import numpy as np
import zarr

warnings.simplefilter("ignore")


def elements(values: np.ndarray, form: str) -> list:
    """The elements of `values` in C order, in a manifest `form`."""
    flat = values.reshape(-1)
    if form == "string":
        return [str(x) for x in flat]
    if form == "base64":
        raw = (lambda x: x.tobytes()) if values.dtype.kind == "V" else bytes
        return [base64.b64encode(raw(x)).decode() for x in flat]
    if form == "int64":
        return [int(x) for x in flat.view("<i8")]
    if form == "object":
        return [{name: x[name].item() for name in values.dtype.names} for x in flat]
    raise ValueError(f"unknown form {form!r}")


def compare_elements(store: Path, entry: dict, values: np.ndarray) -> None:
    """Raises unless `values` are the entry's `values` and its `missing_keys` are not stored."""
    got = elements(values, entry["form"])
    want = entry["values"]
    if len(got) != len(want):
        raise AssertionError(f"{len(got)} elements, expected {len(want)}")
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            raise AssertionError(f"element {i} is {repr(g)[:80]}, expected {repr(w)[:80]}")
    stored = [key for key in entry.get("missing_keys", []) if (store / key).exists()]
    if stored:
        raise AssertionError(f"chunks {stored} should not be stored")


def main(argv: list[str]) -> int:
    root = Path(argv[1])
    manifest = json.loads((root / "manifest.json").read_text())
    store = root / manifest["store"]
    failures = 0

    zarr_format = manifest.get("zarr_format", 2)
    groups = [zarr.open_group(str(store), zarr_format=zarr_format, use_consolidated=False)]
    if (store / ".zmetadata").exists():
        consolidated = json.loads((store / ".zmetadata").read_text())["metadata"]
        on_disk = {str(p.relative_to(store)) for p in store.rglob(".z*") if p.name != ".zmetadata"}
        if set(consolidated) != on_disk:
            print(f"FAIL .zmetadata lists {sorted(set(consolidated) ^ on_disk)} differently from the store")
            failures += 1
        groups.append(zarr.open_consolidated(str(store), zarr_format=2))
    root_document = store / "zarr.json"
    if root_document.exists() and "consolidated_metadata" in json.loads(root_document.read_text()):
        inline = json.loads(root_document.read_text())["consolidated_metadata"]["metadata"]
        on_disk = {str(p.parent.relative_to(store)) for p in store.rglob("zarr.json") if p.parent != store}
        if set(inline) != on_disk:
            print(f"FAIL consolidated_metadata lists {sorted(set(inline) ^ on_disk)} differently from the store")
            failures += 1
        groups.append(zarr.open_group(str(store), zarr_format=3, use_consolidated=True))

    for group in groups:
        if group.attrs.get("written_by") != "SimpleZarr":
            print(f"FAIL root attributes {dict(group.attrs)}")
            failures += 1
        for entry in manifest["arrays"]:
            path = entry["path"]
            try:
                array = group[path]
                values = np.asarray(array[...])
                spelling = entry["dtype"]  # a type string, or [name, type string] pairs for a struct
                dtype = np.dtype([tuple(field) for field in spelling] if isinstance(spelling, list) else spelling)
                if values.dtype != dtype or list(values.shape) != entry["shape"]:
                    raise AssertionError(f"dtype {values.dtype} shape {values.shape}, expected {dtype} {entry['shape']}")
                if "form" in entry:
                    compare_elements(store, entry, values)
                    continue
                expected = (root / entry["expected"]).read_bytes()
                got = values.astype(dtype.newbyteorder("<"), copy=False).tobytes()
                if got != expected:
                    raise AssertionError("values differ")
            except Exception as error:  # report every array, then fail
                print(f"FAIL {path}: {error}")
                failures += 1
    checked = len(groups) * len(manifest["arrays"])
    print(f"{store.name}: zarr-python {zarr.__version__} read {checked - failures} of {checked} arrays written by SimpleZarr")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
