#!/usr/bin/env python3
"""Writes the ZipStore fixtures: small Zarr hierarchies in zip archives made by zarr-python's
ZipStore (v2 and v3), by Python's zipfile (stored, deflated, bzip2, LZMA, forced zip64, data
descriptors from an unseekable stream, an archive comment, a top-level directory) and by
Info-ZIP's `zip` (-0, -9, and to a pipe) when it is installed. A manifest lists, per archive,
the node path to open and each array's dtype, shape and C-order little-endian bytes (hex), or
the error a reader must report.

    .venv-interop/bin/python Scripts/make_zip_fixtures.py [OUTDIR]

Output: Tests/SimpleZarrTests/Fixtures/zip/ (archives + manifest.json), or OUTDIR (used by
Scripts/interop.sh, which reads fresh archives through ZIP_FIXTURES_DIR).
"""

import io
import json
import os
import shutil
import sys
import subprocess
import tempfile
import zipfile

import numpy as np
import zarr
from zarr.codecs import BytesCodec, GzipCodec, ZstdCodec

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "Tests", "SimpleZarrTests", "Fixtures", "zip")


def arrays():
    """The arrays every hierarchy holds: name -> values."""
    return {
        "ints": np.arange(30, dtype="<i4").reshape(6, 5) * 7 - 50,
        "floats": (np.arange(7, dtype="<f8") / 4.0) - 1.0,
        "sub/bytes": np.arange(10, dtype="u1") * 13,
    }


def build(store, zarr_format):
    """Writes the hierarchy into `store` with zarr-python."""
    root = zarr.open_group(store, mode="w", zarr_format=zarr_format, attributes={"title": "zip fixture"})
    root.create_group("sub")
    for name, values in arrays().items():
        chunks = tuple(max(1, (s + 1) // 2) for s in values.shape)
        if zarr_format == 3:
            compressors = {"ints": ZstdCodec(level=3), "floats": GzipCodec(level=5)}.get(name)
            a = root.create_array(name, shape=values.shape, dtype=values.dtype, chunks=chunks,
                                  compressors=compressors, serializer=BytesCodec(endian="little"))
        else:
            a = root.create_array(name, shape=values.shape, dtype=values.dtype, chunks=chunks)
        a[...] = values


def expected(prefix=""):
    return {
        "path": prefix,
        "arrays": {
            name: {"dtype": str(v.dtype), "shape": list(v.shape), "hex": v.tobytes().hex()}
            for name, v in arrays().items()
        },
    }


def write_dir(zarr_format):
    """The hierarchy as a directory tree (to pack with other tools)."""
    d = tempfile.mkdtemp()
    build(zarr.storage.LocalStore(d), zarr_format)
    return d


def files_of(d):
    out = []
    for base, _, names in os.walk(d):
        for n in names:
            full = os.path.join(base, n)
            out.append((os.path.relpath(full, d).replace(os.sep, "/"), full))
    return sorted(out)


def pack(path, d, compression, prefix="", comment=b"", force_zip64=False):
    with zipfile.ZipFile(path, "w", compression=compression) as zf:
        zf.comment = comment
        if prefix:
            zf.writestr(zipfile.ZipInfo(prefix + "/"), b"")
        for name, full in files_of(d):
            arc = (prefix + "/" if prefix else "") + name
            info = zipfile.ZipInfo(arc)
            info.compress_type = compression
            with open(full, "rb") as src, zf.open(info, "w", force_zip64=force_zip64) as dst:
                dst.write(src.read())


class Unseekable(io.RawIOBase):
    """A write-only stream without seek, so zipfile writes data descriptors."""

    def __init__(self, f):
        self.f = f

    def writable(self):
        return True

    def write(self, b):
        return self.f.write(b)


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    manifest = {}

    for fmt in (2, 3):
        name = f"zarr-python-v{fmt}.zip"
        store = zarr.storage.ZipStore(os.path.join(OUT, name), mode="w")
        build(store, fmt)
        store.close()
        manifest[name] = expected()

    d3 = write_dir(3)
    pack(os.path.join(OUT, "zipfile-stored.zip"), d3, zipfile.ZIP_STORED)
    manifest["zipfile-stored.zip"] = expected()
    pack(os.path.join(OUT, "zipfile-deflated.zip"), d3, zipfile.ZIP_DEFLATED)
    manifest["zipfile-deflated.zip"] = expected()
    pack(os.path.join(OUT, "zipfile-bzip2.zip"), d3, zipfile.ZIP_BZIP2)
    manifest["zipfile-bzip2.zip"] = expected()
    pack(os.path.join(OUT, "zipfile-zip64.zip"), d3, zipfile.ZIP_DEFLATED, force_zip64=True)
    manifest["zipfile-zip64.zip"] = expected()
    pack(os.path.join(OUT, "zipfile-comment.zip"), d3, zipfile.ZIP_STORED,
         comment=b"an archive comment " + b"x" * 300)
    manifest["zipfile-comment.zip"] = expected()
    pack(os.path.join(OUT, "zipfile-toplevel.zip"), d3, zipfile.ZIP_DEFLATED, prefix="data.zarr")
    manifest["zipfile-toplevel.zip"] = expected("data.zarr")
    pack(os.path.join(OUT, "zipfile-lzma.zip"), d3, zipfile.ZIP_LZMA)
    manifest["zipfile-lzma.zip"] = {"path": "", "error": "method 14 (LZMA)"}

    with open(os.path.join(OUT, "zipfile-descriptors.zip"), "wb") as f:
        with zipfile.ZipFile(Unseekable(f), "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, full in files_of(d3):
                with open(full, "rb") as src:
                    zf.writestr(name, src.read())
    manifest["zipfile-descriptors.zip"] = expected()

    d2 = write_dir(2)
    pack(os.path.join(OUT, "zipfile-v2-deflated.zip"), d2, zipfile.ZIP_DEFLATED)
    manifest["zipfile-v2-deflated.zip"] = expected()

    if shutil.which("zip"):
        names = [n for n, _ in files_of(d3)]
        for flag, name in (("-0", "infozip-0.zip"), ("-9", "infozip-9.zip")):
            subprocess.run(["zip", "-q", "-X", flag, os.path.join(OUT, name)] + names, cwd=d3, check=True)
            manifest[name] = expected()
        # Writing to a pipe: Info-ZIP cannot seek back, so it writes data descriptors.
        with open(os.path.join(OUT, "infozip-pipe.zip"), "wb") as f:
            zip_to_pipe = subprocess.Popen(["zip", "-q", "-X", "-", *names], cwd=d3, stdout=subprocess.PIPE)
            shutil.copyfileobj(zip_to_pipe.stdout, f)
            if zip_to_pipe.wait() != 0:
                raise SystemExit("zip to a pipe failed")
        manifest["infozip-pipe.zip"] = expected()
    else:
        print("zip not installed: Info-ZIP fixtures skipped (apt-get install -y zip)")

    for d in (d2, d3):
        shutil.rmtree(d)
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    print(f"wrote {len(manifest)} archives to {OUT} ({total} bytes)")


if __name__ == "__main__":
    main()
