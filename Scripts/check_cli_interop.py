"""The `simplezarr` command checked against Python's view of the same data.

    check_cli_interop.py SIMPLEZARR_BINARY WORKDIR

- `cp` results (v2 -> v3, v3 -> v2, recompressed, rechunked, sharded) are opened by zarr-python
  and every array compared with the source as zarr-python reads it, attributes included;
- `preview` PNGs are read by PIL and compared pixel by pixel with the values (16-bit grey with
  the full window is the values themselves; 8-bit and colour-mapped pictures are checked for
  their mode, size and the corner pixel);
- `get --out x.npy` files are read by numpy and compared with zarr-python's values, for every
  fixed-size data type of the fixtures; `get --out x.csv` by numpy.loadtxt.
Exits 1 listing every mismatch.
"""

import subprocess
import sys
from pathlib import Path

import numpy as np
import zarr
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "Tests" / "SimpleZarrTests" / "Fixtures"
failures = []


def run(binary, *args):
    result = subprocess.run([binary, *map(str, args)], capture_output=True, text=True)
    if result.returncode != 0:
        failures.append(f"simplezarr {' '.join(map(str, args))}: exit {result.returncode}: {result.stderr.strip()}")
    return result


def arrays(node, prefix=""):
    if isinstance(node, zarr.Array):
        yield prefix, node
        return
    for name, child in sorted(node.members()):
        yield from arrays(child, f"{prefix}/{name}" if prefix else name)


def compare_trees(source, copy, label, zarr_format=None, shards=None):
    original = zarr.open(str(source), mode="r")
    copied = zarr.open(str(copy), mode="r")
    count = 0
    for path, array in arrays(original):
        other = copied[path] if path else copied
        if zarr_format and other.metadata.zarr_format != zarr_format:
            failures.append(f"{label} {path}: zarr_format {other.metadata.zarr_format}, expected {zarr_format}")
        if shards and other.shards != tuple(shards):
            failures.append(f"{label} {path}: shards {other.shards}, expected {tuple(shards)}")
        if dict(array.attrs) != dict(other.attrs):
            failures.append(f"{label} {path}: attributes differ")
        if not np.array_equal(array[...], other[...], equal_nan=array.dtype.kind in "fcmM"):
            failures.append(f"{label} {path}: values differ")
        count += 1
    print(f"cli interop: {label}: {count} arrays equal in zarr-python")


def check_cp(binary, work):
    cases = [
        ("v2 -> v3", FIXTURES / "zarr-python-v2" / "compressors", ["--zarr-format", "3"], 3, None),
        ("v3 -> v2 gzip rechunked", FIXTURES / "zarr-python" / "types" / "le", ["--zarr-format", "2", "--codecs", "gzip:6", "--chunks", "3,4"], 2, None),
        ("recompressed blosc", FIXTURES / "zarr-python" / "types" / "le", ["--codecs", "blosc:lz4:5"], 3, None),
        ("sharded", FIXTURES / "zarr-python" / "types" / "le", ["--shards", "4,6", "--chunks", "2,3", "--codecs", "zstd:5"], 3, (4, 6)),
    ]
    for number, (label, source, options, zarr_format, shards) in enumerate(cases):
        out = work / f"cp-{number}.zarr"
        if run(binary, "cp", source, out, "--quiet", "--overwrite", *options).returncode == 0:
            compare_trees(source, out, label, zarr_format, shards)


def check_preview(binary, work):
    source = FIXTURES / "sharded-zarr-python" / "coalesce" / "8x8_inner_chunks_uint16"
    values = zarr.open(str(source), mode="r")[...]
    out = work / "p16.png"
    if run(binary, "preview", source, "--out", out, "--bits", "16", "--window", "0,65535").returncode == 0:
        pixels = np.array(Image.open(out))
        if pixels.shape != values.shape or not np.array_equal(pixels.astype(np.uint16), values):
            failures.append("preview --bits 16: PIL reads other pixels than the values")
    out = work / "p8.png"
    if run(binary, "preview", source, "--out", out, "--window", "0,65535").returncode == 0:
        image = Image.open(out)
        expected = np.round(values.astype(np.float64) / 65535 * 255).astype(np.uint8)
        if image.mode != "L" or not np.array_equal(np.array(image), expected):
            failures.append(f"preview 8-bit: mode {image.mode} or pixels differ from round(v / 65535 * 255)")
    out = work / "viridis.png"
    if run(binary, "preview", source, "--out", out, "--colormap", "viridis", "--max-size", "20").returncode == 0:
        image = Image.open(out)
        if image.mode != "RGB" or image.size != (10, 16):
            failures.append(f"preview viridis: mode {image.mode} size {image.size}, expected RGB (10, 16)")
    print("cli interop: previews read by PIL")


def check_npy(binary, work):
    checked = 0
    for root in [FIXTURES / "zarr-python" / "types", FIXTURES / "zarr-python-dtypes-v3"]:
        for path, array in arrays(zarr.open(str(root), mode="r")):
            if array.dtype.kind in "OT":
                continue  # object and variable-length strings: .npy would need pickle
            if array.dtype.kind in "mM" and np.datetime_data(array.dtype)[0] == "generic":
                continue  # datetimes without a unit: not a data type of this library
            out = work / f"get-{checked}.npy"
            if run(binary, "get", root / path, "--out", out).returncode != 0:
                continue
            got = np.load(out)
            expected = array[...]
            if got.dtype != expected.dtype.newbyteorder("<") and got.dtype != expected.dtype:
                failures.append(f"get {root.name}/{path} .npy: dtype {got.dtype}, expected {expected.dtype}")
            elif not np.array_equal(got, expected, equal_nan=expected.dtype.kind in "fcmM"):
                failures.append(f"get {root.name}/{path} .npy: values differ")
            checked += 1
    source = FIXTURES / "zarr-python" / "types" / "le" / "float32"
    out = work / "get.csv"
    if run(binary, "get", source, "1:, ::2", "--out", out).returncode == 0:
        expected = zarr.open(str(source), mode="r")[1:, ::2]
        if not np.array_equal(np.loadtxt(out, delimiter=",", dtype=np.float32, ndmin=2), expected, equal_nan=True):
            failures.append("get .csv: numpy.loadtxt reads other values")
    print(f"cli interop: {checked} .npy files read by numpy, and a .csv")


def main():
    binary, work = sys.argv[1], Path(sys.argv[2])
    work.mkdir(parents=True, exist_ok=True)
    check_cp(binary, work)
    check_preview(binary, work)
    check_npy(binary, work)
    if failures:
        print("cli interop: FAILED", *failures, sep="\n  ")
        sys.exit(1)
    print("cli interop: ok")


if __name__ == "__main__":
    main()
