"""Check the OME-Zarr pyramids SimpleZarr wrote (PyramidInteropExportTests) with Python tools.

Usage: check_pyramid_interop.py DIR   (DIR/<case>/pyramid for each case of
Tests/SimpleZarrTests/Fixtures/ome/pyramids.json)

For each case: run the Python simplezarr `write_ome_zarr_pyramid` on the same input (read
from the fixture) into memory, open our pyramid with zarr-python, and require the same `ome`
metadata, the same level arrays (shape, chunks, dtype, fill value) and equal values; the
Python simplezarr reader must read the same MultiscaleInfo from both; ome-zarr-py, when
installed, must open ours too.
"""

import json
import sys
from pathlib import Path

import numpy as np
import zarr

import simplezarr
from simplezarr.utils.multiscale import MultiscaleInfo
from simplezarr.utils.write_multiscale import PyramidData, write_ome_zarr_pyramid

FIXTURES = Path(__file__).resolve().parent.parent / "Tests" / "SimpleZarrTests" / "Fixtures" / "ome"


def infos_summary(node):
    return [
        (mi.name, mi.axes_names, mi.unit, mi.unit_factor,
         [(si.level, si.spatial_shape, si.spatial_scale, si.spatial_offset, si.spatial_chunk_shape) for si in mi.scales])
        for mi in MultiscaleInfo.from_zarr_node(node)
    ]


def main(out_dir):
    cases = json.loads((FIXTURES / "pyramids.json").read_text())
    failures = 0
    for case in cases:
        name = case["name"]
        src = simplezarr.open_zarr(simplezarr.LocalStore(FIXTURES / name), "input")
        source = src[...].get_now() if case["source"] == "numpy" else src
        kwargs = {k: (tuple(v) if isinstance(v, list) else v) for k, v in case["writer"].items()}
        reference = simplezarr.MemoryStore()
        write_ome_zarr_pyramid(reference, "pyramid", case["axes"], PyramidData(source, **case["pyramid_data"]), **kwargs)
        theirs = simplezarr.open_zarr(reference, "pyramid")

        ours = zarr.open_group(str(Path(out_dir) / name / "pyramid"), mode="r")
        problems = []
        if dict(ours.attrs) != json.loads(json.dumps(theirs.attributes)):
            problems.append(f"ome metadata differs: {dict(ours.attrs)} != {theirs.attributes}")
        for ds in theirs.attributes["ome"]["multiscales"][0]["datasets"]:
            path = ds["path"]
            a, b = ours[path], theirs[path]
            if a.shape != tuple(b.shape) or a.chunks != tuple(b.chunk_shape) or str(a.dtype) != b.dtype:
                problems.append(f"{path}: {a.shape} {a.chunks} {a.dtype} != {b.shape} {b.chunk_shape} {b.dtype}")
                continue
            if not np.array_equal(a[...], b[...].get_now(), equal_nan=True):
                problems.append(f"{path}: values differ")
        ours_sz = simplezarr.open_zarr(simplezarr.LocalStore(Path(out_dir) / name), "pyramid")
        if infos_summary(ours_sz) != infos_summary(theirs):
            problems.append("the Python MultiscaleInfo of ours differs from that of the Python writer's output")
        try:
            from ome_zarr.io import parse_url
            from ome_zarr.reader import Reader

            nodes = list(Reader(parse_url(str(Path(out_dir) / name / "pyramid")))())
            if not nodes or len(nodes[0].data) != len(theirs.attributes["ome"]["multiscales"][0]["datasets"]):
                problems.append("ome-zarr-py does not see every level")
        except ImportError:
            pass
        status = "ok" if not problems else "FAILED"
        print(f"pyramid {name}: {status}")
        for p in problems:
            print("   ", p)
        failures += bool(problems)
    print(f"{len(cases) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
