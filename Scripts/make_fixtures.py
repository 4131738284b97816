#!/usr/bin/env python3
"""Generate the zarr-python interop fixtures for SimpleZarr.

Run with the interop venv's python (see Scripts/venv.sh):

    .venv-interop/bin/python Scripts/make_fixtures.py [OUTDIR]

OUTDIR defaults to Tests/SimpleZarrTests/Fixtures.  It writes, deterministically:

  OUTDIR/zarr-python/     one Zarr v3 hierarchy written by zarr-python (LocalStore)
  OUTDIR/expected/*.bin   every array's values, C order, little-endian raw bytes
  OUTDIR/manifest.json    description of every group and array (see below)

The manifest copies data_type / fill_value / codecs / chunk_key_encoding /
dimension_names / attributes verbatim from the zarr.json files zarr-python
wrote, and lists, per array, the chunks zarr-python did not store because they
were entirely the fill value ("missing_chunks").
"""

from __future__ import annotations

import itertools
import json
import math
import os
import shutil
import sys
import warnings
from pathlib import Path

import numpy as np
import zarr
from zarr.codecs import (
    BloscCodec,
    BytesCodec,
    Crc32cCodec,
    GzipCodec,
    TransposeCodec,
    ZstdCodec,
)
from zarr.codecs import numcodecs as ncz  # numcodecs' codecs as zarr-python 3 writes them ("numcodecs.<id>")
from zarr.storage import LocalStore

warnings.simplefilter("ignore")  # zarr-python's "unstable spec" warnings etc.


def _deterministic_gzip():
    """numcodecs' GZip stamps the current time into the gzip header (MTIME);
    make it 0 so the fixtures are byte-identical from run to run.  The gzip
    stream is otherwise untouched (and MTIME=0 is valid: "no time stamp")."""
    import gzip
    import types

    import numcodecs.gzip as ncgz

    class _GzipFileNoTime(gzip.GzipFile):
        def __init__(self, *args, **kwargs):
            kwargs.setdefault("mtime", 0)
            super().__init__(*args, **kwargs)

    ncgz._gzip = types.SimpleNamespace(GzipFile=_GzipFileNoTime)


_deterministic_gzip()

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "Tests" / "SimpleZarrTests" / "Fixtures"

# ---------------------------------------------------------------------------
# helpers: values
# ---------------------------------------------------------------------------

INT_TYPES = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
FLOAT_TYPES = ["float16", "float32", "float64"]
COMPLEX_TYPES = ["complex64", "complex128"]
ALL_TYPES = ["bool"] + INT_TYPES + FLOAT_TYPES + COMPLEX_TYPES
MULTIBYTE_TYPES = [t for t in ALL_TYPES if np.dtype(t).itemsize > 1]

# bit patterns of special float values, per float width (unsigned int of same size)
UINT_OF = {2: np.uint16, 4: np.uint32, 8: np.uint64}
FLOAT_SPECIAL_BITS = {
    # float16
    2: [
        0x7E01,  # quiet NaN with payload
        0xFE00,  # negative quiet NaN
        0x7C01,  # signalling NaN
    ],
    4: [0x7FC00001, 0xFFC00000, 0x7F800001],
    8: [0x7FF8000000000001, 0xFFF8000000000000, 0x7FF0000000000001],
}


def float_specials(dt: np.dtype) -> np.ndarray:
    """Extremes of a float type: NaNs (with payloads), infinities, zeros, subnormals."""
    fi = np.finfo(dt)
    vals = np.array(
        [
            np.nan,
            np.inf,
            -np.inf,
            -0.0,
            0.0,
            fi.smallest_subnormal,
            -fi.smallest_subnormal,
            fi.smallest_subnormal * 3,
            fi.smallest_normal,
            fi.max,
            -fi.max,
            fi.eps,
            1.0,
            -1.0,
        ],
        dtype=dt,
    )
    nans = np.array(FLOAT_SPECIAL_BITS[dt.itemsize], dtype=UINT_OF[dt.itemsize]).view(dt)
    return np.concatenate([vals, nans])


def gen_values(dtype: str, shape, seed: int, specials: bool = True) -> np.ndarray:
    """Deterministic values for `dtype`/`shape`, with the type's extremes first."""
    dt = np.dtype(dtype)
    n = int(np.prod(shape, dtype=np.int64)) if len(shape) else 1
    rng = np.random.default_rng(seed)
    if dt.kind == "b":
        flat = rng.integers(0, 2, size=n).astype(bool)
        sp = np.array([True, False], dtype=bool)
    elif dt.kind in "iu":
        ii = np.iinfo(dt)
        flat = rng.integers(ii.min, ii.max, size=n, dtype=dt, endpoint=True)
        if dt.kind == "i":
            sp = np.array([ii.min, ii.max, 0, -1, 1, ii.min + 1, ii.max - 1], dtype=dt)
        else:
            sp = np.array([ii.max, 0, 1, ii.max - 1, ii.max // 2 + 1], dtype=dt)
    elif dt.kind == "f":
        flat = (rng.standard_normal(n) * 1000.0).astype(dt)
        sp = float_specials(dt)
    elif dt.kind == "c":
        fdt = np.dtype(f"float{dt.itemsize * 4}")
        re = (rng.standard_normal(n) * 1000.0).astype(fdt)
        im = (rng.standard_normal(n) * 1000.0).astype(fdt)
        flat = np.empty(n, dtype=dt)
        flat.view(fdt)[0::2] = re
        flat.view(fdt)[1::2] = im
        fs = float_specials(fdt)
        # pair every special with the next one (re, im), and with 1.0 / itself
        k = len(fs)
        sp = np.empty(3 * k, dtype=dt)
        spf = sp.view(fdt)
        for i in range(k):
            spf[2 * i] = fs[i]
            spf[2 * i + 1] = fs[(i + 1) % k]
            spf[2 * (k + i)] = fdt.type(1.5)
            spf[2 * (k + i) + 1] = fs[i]
            spf[2 * (2 * k + i)] = fs[i]
            spf[2 * (2 * k + i) + 1] = fdt.type(-2.5)
    else:
        raise ValueError(dtype)
    if specials:
        m = min(len(sp), n)
        flat[:m] = sp[:m]
    return flat.reshape(shape)


def smooth_values(dtype: str, shape, seed: int) -> np.ndarray:
    """Compressible values, like quantised sensor data: a slow wave in 65 levels that stays on
    each level for several elements, one element in 20 off by a level, scaled to `dtype`.
    Unlike `gen_values`, every compressor finds matches in it, with or without a shuffle."""
    dt = np.dtype(dtype)
    n = int(np.prod(shape, dtype=np.int64)) if len(shape) else 1
    rng = np.random.default_rng(seed)
    t = np.arange(n, dtype=np.float64)
    wave = (np.sin(t / 200.0) + 0.3 * np.sin(t / 53.0 + seed % 7)) / 1.3
    level = np.round(wave * 32) + (rng.random(n) < 0.05) * rng.choice([-1, 1], n)  # -33...33
    if dt.kind == "b":
        flat = level > 0
    elif dt.kind in "iu":
        ii = np.iinfo(dt)
        step = max(1, int(ii.max) // 100)
        base = 0 if dt.kind == "i" else int(ii.max) // 2
        flat = (base + level.astype(np.int64) * step).astype(dt)
    elif dt.kind == "f":
        flat = (100.0 + level * 0.25).astype(dt)
    elif dt.kind == "c":
        fdt = np.dtype(f"float{dt.itemsize * 4}")
        flat = np.empty(n, dtype=dt)
        flat.view(fdt)[0::2] = (level * 0.25).astype(fdt)
        flat.view(fdt)[1::2] = (level * -0.5).astype(fdt)
    else:
        raise ValueError(dtype)
    return flat.reshape(shape)


def to_le_bytes(a: np.ndarray) -> bytes:
    """Raw little-endian C-order bytes of an array (bool as 0/1 bytes).

    Only byte swaps are used, so NaN payloads survive bit for bit."""
    a = np.ascontiguousarray(np.asarray(a))
    if a.dtype.kind == "b":
        return a.view(np.uint8).tobytes()
    bo = a.dtype.byteorder
    if a.dtype.itemsize > 1 and (bo == ">" or (bo in "=" and sys.byteorder == "big")):
        a = a.byteswap()  # memory now holds little-endian bytes
    return a.tobytes()


def fill_scalar(dtype: str, fill):
    """The numpy scalar for a python-level fill description (may be a bit pattern)."""
    dt = np.dtype(dtype)
    if isinstance(fill, str) and fill.startswith("0x"):
        return np.array([int(fill, 16)], dtype=UINT_OF[dt.itemsize]).view(dt)[0]
    return dt.type(fill)


# ---------------------------------------------------------------------------
# helpers: chunks
# ---------------------------------------------------------------------------


def chunk_grid(shape, chunks):
    return [math.ceil(s / c) for s, c in zip(shape, chunks)]


def all_chunk_indices(shape, chunks):
    return list(itertools.product(*[range(n) for n in chunk_grid(shape, chunks)]))


def chunk_slices(idx, shape, chunks):
    return tuple(slice(i * c, min((i + 1) * c, s)) for i, c, s in zip(idx, chunks, shape))


def fill_only_chunks(data: np.ndarray, chunks, fill_bytes: bytes) -> list:
    """Indices of the chunks of `data` whose elements all equal `fill_bytes` (one element,
    little-endian), bit for bit: the chunks zarr-python stores no key for."""
    shape = data.shape
    found = []
    for idx in all_chunk_indices(shape, chunks):
        part = data[chunk_slices(idx, shape, chunks)]
        if to_le_bytes(part) == fill_bytes * int(np.prod(part.shape, dtype=np.int64)):
            found.append(idx)
    return sorted(found)


def check_missing(path: str, data: np.ndarray, chunks, fill_bytes: bytes, meant, missing) -> None:
    """Stops unless the chunks meant to be fill are fill, and the chunks without a stored key
    (`missing`) are exactly the fill-only ones."""
    intended = fill_only_chunks(data, chunks, fill_bytes)
    if not set(meant) <= set(intended):
        raise SystemExit(f"{path}: chunks meant to be fill are not: {meant} vs {intended}")
    if sorted(tuple(m) for m in missing) != intended:
        raise SystemExit(f"{path}: missing chunks {missing} != intended {intended}")


def chunk_key(idx, cke: dict) -> str:
    """Store key of chunk `idx` for a chunk_key_encoding as written in zarr.json."""
    name = cke["name"]
    sep = cke.get("configuration", {}).get("separator", "/" if name == "default" else ".")
    if name == "default":
        return sep.join(["c"] + [str(i) for i in idx])
    if name == "v2":
        return sep.join(str(i) for i in idx) if idx else "0"
    raise ValueError(f"unknown chunk key encoding {cke}")


# ---------------------------------------------------------------------------
# the matrix
# ---------------------------------------------------------------------------

ROOT_ATTRS = {
    "title": "SimpleZarr interop fixtures",
    "written_by": "zarr-python",
    "unicode": "Grüße, 世界 — ζάρρ ✓ 🧊",
    "big_int": 2**53 + 1,
    "negative_big_int": -(2**53 + 1),
    "uint64_max": 2**64 - 1,
    "float": 0.1,
    "float_exp": 6.02214076e23,
    "tiny_float": 5e-324,
    "negative_zero": -0.0,
    "bool": True,
    "null": None,
    "empty_list": [],
    "empty_object": {},
    "list": [1, 2.5, "three", None, False, [4, [5]], {"six": 6}],
    "nested": {"a": {"b": {"c": [1, 2, 3], "d": "deep"}}, "e": 1.25},
}

GROUPS = {
    "": ROOT_ATTRS,
    "types": {"description": "every data type", "count": len(ALL_TYPES)},
    "types/le": {"endian": "little"},
    "types/be": {"endian": "big", "note": "multi-byte types only"},
    "codecs": {"description": "codec pipelines"},
    "codecs/transpose": {"orders": [[1, 0], [0, 1], [2, 0, 1], [0, 2, 1], [1, 2, 0], [1, 0, 2], [2, 1, 0]]},
    "codecs/crc32c": {},
    "codecs/gzip": {"levels": [1, 9]},
    "codecs/zstd": {"levels": [1, 3, 19]},
    "codecs/zlib": {"codec": "numcodecs.zlib"},
    "codecs/crc32": {"codec": "numcodecs.crc32"},
    "codecs/adler32": {"codec": "numcodecs.adler32"},
    "codecs/fletcher32": {"codec": "numcodecs.fletcher32"},
    "codecs/jenkins_lookup3": {"codec": "numcodecs.jenkins_lookup3"},
    "codecs/lz4": {"codec": "numcodecs.lz4"},
    "codecs/shuffle": {"codec": "numcodecs.shuffle"},
    "codecs/blosc": {"cnames": ["blosclz", "lz4", "lz4hc", "zlib", "zstd"],
                     "shuffles": ["noshuffle", "shuffle", "bitshuffle"]},
    "fill": {"description": "fill values", "nested": {"list": [{"x": 1}, {"y": [None]}]}},
    "chunks": {"description": "chunk shapes, missing chunks, 0-d, 4-d"},
    "keys": {"description": "chunk key encodings"},
    "meta": {"level": 1},
    "meta/deep": {"level": 2, "unicode": "ünïcødé"},
    "meta/deep/deeper": {"level": 3, "big": 2**53 + 1, "list": [[1, 2], [3, 4]]},
}

LE = BytesCodec(endian="little")
BE = BytesCodec(endian="big")

ARRAYS: list[dict] = []


def add(path, dtype, shape, chunks, *, fill=0, serializer=None, filters=(), compressors=(),
        key=None, dims=None, attrs=None, missing=(), never_written=False, hex_fill=None,
        needs=(), seed=None, smooth=False):
    """Register one array of the matrix.

    missing: chunk indices that are set entirely to the fill value before
      writing (zarr-python then stores no key for them).
    hex_fill: "0x..." fill written by patching zarr.json after writing with the
      equivalent NaN fill (zarr-python cannot write hex fills, only read them).
    needs: the codec names (as registered in SimpleZarr) beyond the core ones.
    smooth: values from `smooth_values` (compressible) instead of `gen_values`.
    """
    ARRAYS.append(dict(
        path=path, dtype=dtype, shape=tuple(shape), chunks=tuple(chunks), fill=fill,
        serializer=serializer if serializer is not None else LE,
        filters=list(filters), compressors=list(compressors),
        key=key or {"name": "default", "separator": "/"}, dims=dims, attrs=attrs or {},
        missing=[tuple(m) for m in missing], never_written=never_written,
        hex_fill=hex_fill, needs=list(needs),
        seed=seed if seed is not None else 1000 + len(ARRAYS), smooth=smooth,
    ))


def build_matrix():
    # -- every data type, little endian, 7x9 in 4x4 chunks (edge chunks in both dims)
    for i, t in enumerate(ALL_TYPES):
        add(f"types/le/{t}", t, (7, 9), (4, 4), fill=False if t == "bool" else 0,
            dims=["y", "x"] if i % 2 == 0 else None,
            attrs={"dtype": t} if i % 3 == 0 else None, seed=100 + i)
    # -- every multi-byte type, big endian (same values as the little-endian ones)
    for i, t in enumerate(ALL_TYPES):
        if t in MULTIBYTE_TYPES:
            add(f"types/be/{t}", t, (7, 9), (4, 4), fill=0, serializer=BE,
                dims=["row", "col"] if i % 2 == 1 else None, seed=100 + i)

    # -- transpose
    add("codecs/transpose/t2_10_uint16", "uint16", (7, 9), (4, 4), filters=[TransposeCodec(order=(1, 0))],
        dims=["y", "x"])
    add("codecs/transpose/t2_01_float32", "float32", (7, 9), (4, 4), filters=[TransposeCodec(order=(0, 1))])
    add("codecs/transpose/t2_10_complex128_be", "complex128", (5, 6), (3, 4), serializer=BE,
        filters=[TransposeCodec(order=(1, 0))])
    add("codecs/transpose/t3_201_int32", "int32", (5, 6, 7), (2, 4, 3), filters=[TransposeCodec(order=(2, 0, 1))],
        dims=["z", "y", "x"])
    add("codecs/transpose/t3_021_float64", "float64", (5, 6, 7), (2, 4, 3), filters=[TransposeCodec(order=(0, 2, 1))])
    add("codecs/transpose/t3_120_uint8", "uint8", (5, 6, 7), (2, 4, 3), filters=[TransposeCodec(order=(1, 2, 0))])
    add("codecs/transpose/t3_102_complex64", "complex64", (5, 6, 7), (2, 4, 3), filters=[TransposeCodec(order=(1, 0, 2))])
    add("codecs/transpose/t3_210_int16_be", "int16", (5, 6, 7), (2, 4, 3), serializer=BE,
        filters=[TransposeCodec(order=(2, 1, 0))])
    add("codecs/transpose/t3_201_bool", "bool", (5, 6, 7), (2, 4, 3), fill=False,
        filters=[TransposeCodec(order=(2, 0, 1))])

    # -- crc32c
    add("codecs/crc32c/uint32_le", "uint32", (7, 9), (4, 4), compressors=[Crc32cCodec()])
    add("codecs/crc32c/float64_be", "float64", (7, 9), (4, 4), serializer=BE, compressors=[Crc32cCodec()])
    add("codecs/crc32c/transpose_int64_be", "int64", (5, 6, 7), (2, 4, 3), serializer=BE,
        filters=[TransposeCodec(order=(2, 0, 1))], compressors=[Crc32cCodec()], dims=["t", "lat", "lon"])
    add("codecs/crc32c/bool", "bool", (10,), (3,), fill=False, compressors=[Crc32cCodec()])

    # -- gzip
    add("codecs/gzip/level1_int32", "int32", (7, 9), (4, 4), compressors=[GzipCodec(level=1)], needs=["gzip"])
    add("codecs/gzip/level9_float32_be", "float32", (7, 9), (4, 4), serializer=BE,
        compressors=[GzipCodec(level=9)], needs=["gzip"])
    add("codecs/gzip/level9_transpose_crc32c_uint16", "uint16", (5, 6, 7), (2, 4, 3),
        filters=[TransposeCodec(order=(0, 2, 1))], compressors=[GzipCodec(level=9), Crc32cCodec()],
        needs=["gzip"], missing=[(1, 1, 1)])

    # -- zstd
    add("codecs/zstd/level1_uint16", "uint16", (7, 9), (4, 4), compressors=[ZstdCodec(level=1, checksum=False)],
        needs=["zstd"])
    add("codecs/zstd/level3_float64", "float64", (7, 9), (4, 4), compressors=[ZstdCodec(level=3, checksum=False)],
        needs=["zstd"])
    add("codecs/zstd/level19_int64_be", "int64", (7, 9), (4, 4), serializer=BE,
        compressors=[ZstdCodec(level=19, checksum=False)], needs=["zstd"])
    add("codecs/zstd/level3_checksum_complex128", "complex128", (7, 9), (4, 4),
        compressors=[ZstdCodec(level=3, checksum=True)], needs=["zstd"])
    add("codecs/zstd/level1_checksum_crc32c_float16", "float16", (7, 9), (4, 4),
        compressors=[ZstdCodec(level=1, checksum=True), Crc32cCodec()], needs=["zstd"])
    add("codecs/zstd/level19_checksum_transpose_uint8", "uint8", (5, 6, 7), (2, 4, 3),
        filters=[TransposeCodec(order=(1, 2, 0))], compressors=[ZstdCodec(level=19, checksum=True)],
        needs=["zstd"], missing=[(0, 0, 0), (2, 1, 2)])

    # -- fill values (each with some chunks entirely fill -> missing)
    miss = [(0, 1), (1, 2)]
    add("fill/int32_zero", "int32", (7, 9), (4, 4), fill=0, missing=miss)
    add("fill/int16_negative", "int16", (7, 9), (4, 4), fill=-1234, missing=miss, dims=["a", "b"])
    add("fill/int8_min", "int8", (7, 9), (4, 4), fill=-128, missing=miss)
    add("fill/uint8_7", "uint8", (7, 9), (4, 4), fill=7, missing=miss)
    add("fill/uint32_big", "uint32", (7, 9), (4, 4), fill=4000000000, missing=miss, serializer=BE)
    add("fill/uint64_max", "uint64", (7, 9), (4, 4), fill=2**64 - 1, missing=miss)
    add("fill/int64_min", "int64", (7, 9), (4, 4), fill=-(2**63), missing=miss)
    add("fill/float32_nan", "float32", (7, 9), (4, 4), fill=float("nan"), missing=miss)
    add("fill/float64_nan_be", "float64", (7, 9), (4, 4), fill=float("nan"), missing=miss, serializer=BE)
    add("fill/float16_nan", "float16", (7, 9), (4, 4), fill=float("nan"), missing=miss)
    add("fill/float64_inf", "float64", (7, 9), (4, 4), fill=float("inf"), missing=miss)
    add("fill/float32_neginf", "float32", (7, 9), (4, 4), fill=float("-inf"), missing=miss)
    add("fill/float16_neginf", "float16", (7, 9), (4, 4), fill=float("-inf"), missing=miss)
    add("fill/float64_value", "float64", (7, 9), (4, 4), fill=3.25, missing=miss)
    add("fill/float32_negzero", "float32", (7, 9), (4, 4), fill=-0.0, missing=miss)
    add("fill/float32_hex", "float32", (7, 9), (4, 4), hex_fill="0x7fc00001", missing=miss)
    add("fill/float64_hex", "float64", (7, 9), (4, 4), hex_fill="0x7ff8000000000001", missing=miss)
    # No float16 hex fill: zarr-python 3.4.2 reads "0x7e01" but drops the NaN payload
    # (its fill_value and missing chunks come back as 0x7e00), so it cannot serve
    # as a bit-exact reference for that case.
    add("fill/complex64_value", "complex64", (7, 9), (4, 4), fill=complex(1.5, -2.0), missing=miss)
    add("fill/complex128_nan_inf", "complex128", (7, 9), (4, 4), fill=complex(float("nan"), float("inf")),
        missing=miss)
    add("fill/bool_true", "bool", (7, 9), (4, 4), fill=True, missing=miss)

    # -- chunk shapes
    add("chunks/edge_1d_int32", "int32", (10,), (3,), dims=["i"])
    add("chunks/chunk_larger_than_array_uint16", "uint16", (5, 3), (8, 8))
    add("chunks/chunk_larger_1d_float64", "float64", (3,), (100,))
    add("chunks/one_element_chunks_float32", "float32", (3, 4), (1, 1), missing=[(0, 3), (2, 0)], fill=0)
    add("chunks/scalar_float64", "float64", (), (), fill=0, attrs={"kind": "0-d"})
    add("chunks/scalar_int16_be", "int16", (), (), fill=0, serializer=BE)
    add("chunks/scalar_complex64_unwritten", "complex64", (), (), fill=complex(-1.0, 0.5), never_written=True)
    add("chunks/four_d_int16", "int16", (3, 4, 2, 5), (2, 3, 2, 2), fill=-1, dims=["t", "z", "y", "x"],
        missing=[(0, 0, 0, 0), (1, 1, 0, 2), (0, 1, 0, 1)])
    add("chunks/four_d_transpose_float32_be", "float32", (3, 4, 2, 5), (2, 3, 2, 2), serializer=BE,
        filters=[TransposeCodec(order=(3, 1, 0, 2))])
    add("chunks/missing_half_uint16", "uint16", (7, 9), (4, 4), fill=0, missing=[(0, 0), (0, 2), (1, 1)])
    add("chunks/never_written_uint32", "uint32", (7, 9), (4, 4), fill=17, never_written=True)
    add("chunks/never_written_float64_nan", "float64", (10,), (3,), fill=float("nan"), never_written=True)
    add("chunks/never_written_bool", "bool", (4, 4), (2, 2), fill=True, never_written=True)

    # -- chunk key encodings
    add("keys/default_slash", "uint16", (7, 9), (4, 4), key={"name": "default", "separator": "/"})
    add("keys/default_dot", "uint16", (7, 9), (4, 4), key={"name": "default", "separator": "."})
    add("keys/v2_dot", "uint16", (7, 9), (4, 4), key={"name": "v2", "separator": "."})
    add("keys/v2_slash", "uint16", (7, 9), (4, 4), key={"name": "v2", "separator": "/"})
    add("keys/default_dot_3d", "int8", (5, 6, 7), (2, 4, 3), key={"name": "default", "separator": "."},
        missing=[(0, 0, 1)])
    add("keys/v2_dot_3d", "int8", (5, 6, 7), (2, 4, 3), key={"name": "v2", "separator": "."},
        missing=[(0, 0, 1)])
    add("keys/v2_slash_3d", "int8", (5, 6, 7), (2, 4, 3), key={"name": "v2", "separator": "/"},
        missing=[(0, 0, 1)])
    add("keys/default_slash_0d", "int32", (), (), key={"name": "default", "separator": "/"})
    add("keys/default_dot_0d", "int32", (), (), key={"name": "default", "separator": "."})
    add("keys/v2_dot_0d", "int32", (), (), key={"name": "v2", "separator": "."})
    add("keys/v2_slash_0d", "int32", (), (), key={"name": "v2", "separator": "/"})

    # -- attributes / dimension names on a deeply nested array
    add("meta/deep/deeper/attributed", "float32", (4, 6), (4, 4), dims=["lat", None],
        attrs={
            "units": "m/s",
            "unicode": "Δt → ∞, naïve café 🌍",
            "big_int": 2**53 + 1,
            "floats": [0.1, -2.5e-310, 1.7976931348623157e308, 123456789.125],
            "nested": {"list": [1, {"a": [True, None]}], "obj": {"k": "v"}},
            "empty": {},
        })

    # Appended last, so that the seeds of the arrays above stay as they were.
    build_numcodecs_matrix()
    build_blosc_matrix()


def build_numcodecs_matrix():
    """numcodecs' codecs through zarr-python 3 (zarr.codecs.numcodecs, written as "numcodecs.<id>")."""
    # -- zlib
    Z = "numcodecs.zlib"
    add("codecs/zlib/level1_int32", "int32", (7, 9), (4, 4), compressors=[ncz.Zlib(level=1)], needs=[Z])
    add("codecs/zlib/level9_float64_be", "float64", (7, 9), (4, 4), serializer=BE,
        compressors=[ncz.Zlib(level=9)], needs=[Z])
    add("codecs/zlib/default_transpose_uint16", "uint16", (5, 6, 7), (2, 4, 3),
        filters=[TransposeCodec(order=(2, 0, 1))], compressors=[ncz.Zlib()], needs=[Z], missing=[(1, 0, 1)])
    add("codecs/zlib/level_default6_smooth_uint16", "uint16", (20, 30), (16, 16), compressors=[ncz.Zlib(level=-1)],
        needs=[Z], smooth=True)
    add("codecs/zlib/level0_complex64", "complex64", (7, 9), (4, 4), compressors=[ncz.Zlib(level=0)], needs=[Z])

    # -- the 32-bit checksums (crc32 and adler32 at either end; fletcher32 and lookup3 at the end)
    add("codecs/crc32/default_uint32", "uint32", (7, 9), (4, 4), compressors=[ncz.CRC32()], needs=["numcodecs.crc32"])
    add("codecs/crc32/end_float32", "float32", (7, 9), (4, 4), compressors=[ncz.CRC32(location="end")],
        needs=["numcodecs.crc32"])
    add("codecs/crc32/start_int16_be", "int16", (7, 9), (4, 4), serializer=BE,
        compressors=[ncz.CRC32(location="start")], needs=["numcodecs.crc32"])
    add("codecs/crc32/zlib6_crc32_smooth_float32", "float32", (20, 30), (16, 16),
        compressors=[ncz.Zlib(level=6), ncz.CRC32()], needs=[Z, "numcodecs.crc32"], smooth=True)
    add("codecs/adler32/default_int64", "int64", (7, 9), (4, 4), compressors=[ncz.Adler32()],
        needs=["numcodecs.adler32"])
    add("codecs/adler32/end_uint8_odd", "uint8", (7, 9), (3, 3), compressors=[ncz.Adler32(location="end")],
        needs=["numcodecs.adler32"])
    add("codecs/fletcher32/uint16", "uint16", (7, 9), (4, 4), compressors=[ncz.Fletcher32()],
        needs=["numcodecs.fletcher32"])
    add("codecs/fletcher32/odd_bytes_uint8", "uint8", (7, 9), (3, 3), compressors=[ncz.Fletcher32()],
        needs=["numcodecs.fletcher32"])
    add("codecs/fletcher32/zlib5_fletcher32_smooth_float32", "float32", (20, 30), (16, 16),
        compressors=[ncz.Zlib(level=5), ncz.Fletcher32()], needs=[Z, "numcodecs.fletcher32"], smooth=True)
    J = "numcodecs.jenkins_lookup3"
    add("codecs/jenkins_lookup3/default_float32", "float32", (7, 9), (4, 4), compressors=[ncz.JenkinsLookup3()],
        needs=[J])
    add("codecs/jenkins_lookup3/initval_int32", "int32", (7, 9), (4, 4), compressors=[ncz.JenkinsLookup3(initval=12345)],
        needs=[J])
    add("codecs/jenkins_lookup3/initval_max_uint8_odd", "uint8", (7, 9), (3, 3),
        compressors=[ncz.JenkinsLookup3(initval=2**32 - 1)], needs=[J])
    add("codecs/jenkins_lookup3/lookup3_crc32c_bool", "bool", (10,), (3,), fill=False,
        compressors=[ncz.JenkinsLookup3(initval=7), Crc32cCodec()], needs=[J])

    # -- lz4 (numcodecs' 4-byte little-endian size, then an LZ4 block)
    L = "numcodecs.lz4"
    add("codecs/lz4/accel1_smooth_uint16", "uint16", (20, 30), (16, 16), compressors=[ncz.LZ4(acceleration=1)],
        needs=[L], smooth=True)
    add("codecs/lz4/accel10_smooth_float64", "float64", (20, 30), (16, 16), compressors=[ncz.LZ4(acceleration=10)],
        needs=[L], smooth=True)
    add("codecs/lz4/default_random_int8", "int8", (7, 9), (4, 4), compressors=[ncz.LZ4()], needs=[L])
    add("codecs/lz4/default_large_smooth_int32", "int32", (96, 96), (96, 96), compressors=[ncz.LZ4()], needs=[L],
        smooth=True)

    # -- shuffle (byte shuffle of `elementsize`-byte elements; the size need not be the dtype's)
    S = "numcodecs.shuffle"
    add("codecs/shuffle/es2_zlib_smooth_uint16", "uint16", (20, 30), (16, 16),
        compressors=[ncz.Shuffle(elementsize=2), ncz.Zlib(level=1)], needs=[S, Z], smooth=True)
    add("codecs/shuffle/es4_float32", "float32", (7, 9), (4, 4), compressors=[ncz.Shuffle(elementsize=4)], needs=[S])
    add("codecs/shuffle/es8_mismatch_uint16", "uint16", (7, 9), (4, 4), compressors=[ncz.Shuffle(elementsize=8)],
        needs=[S])
    add("codecs/shuffle/es3_mismatch_uint8_odd", "uint8", (7, 9), (3, 3), compressors=[ncz.Shuffle(elementsize=3)],
        needs=[S])
    add("codecs/shuffle/default_lz4_smooth_float64", "float64", (20, 30), (16, 16),
        compressors=[ncz.Shuffle(), ncz.LZ4()], needs=[S, L], smooth=True)


def build_blosc_matrix():
    """zarr-python's BloscCodec: every cname x shuffle, over several data types, levels and shapes."""
    cnames = ["blosclz", "lz4", "lz4hc", "zlib", "zstd"]
    shuffles = ["noshuffle", "shuffle", "bitshuffle"]
    types = ["uint8", "uint16", "float32", "float64", "int64", "complex64"]
    # (shape, chunks): partial chunks at the borders in 1, 2 and 3 dimensions.
    shapes = [((40, 40), (32, 32)), ((3000,), (1024,)), ((9, 10, 12), (8, 8, 8))]
    for i, (cname, shuffle) in enumerate(itertools.product(cnames, shuffles)):
        dtype = types[i % len(types)]
        clevel = [5, 9, 0][(i // 3 + i) % 3]
        shape, chunks = shapes[i % len(shapes)]
        add(f"codecs/blosc/{cname}_{shuffle}_c{clevel}_{dtype}", dtype, shape, chunks,
            compressors=[BloscCodec(cname=cname, clevel=clevel, shuffle=shuffle)], needs=["blosc"], smooth=i % 4 != 3)
    # zarr-python's default (zstd, clevel 5, typesize and shuffle from the data type).
    add("codecs/blosc/default_uint16", "uint16", (40, 40), (32, 32), compressors=[BloscCodec()], needs=["blosc"],
        smooth=True)
    # An explicit block size: 8 blocks of 2 KiB (zstd blocks are not split by typesize, so
    # c-blosc keeps the size asked for).
    add("codecs/blosc/zstd_shuffle_blocksize2048_float32", "float32", (64, 64), (64, 64),
        compressors=[BloscCodec(cname="zstd", clevel=5, shuffle="shuffle", blocksize=2048)], needs=["blosc"],
        smooth=True)
    # zarr-python's old default configuration (lz4, clevel 5, byte shuffle) on an 80 KB chunk in
    # two blocks: c-blosc raises the 2 KiB asked for to 64 KiB, as it does for every block it
    # splits into one stream per byte of the type.
    add("codecs/blosc/lz4_shuffle_two_blocks_uint16", "uint16", (200, 200), (200, 200),
        compressors=[BloscCodec(cname="lz4", clevel=5, shuffle="shuffle", blocksize=2048)], needs=["blosc"],
        smooth=True)
    add("codecs/blosc/zstd_bitshuffle_large_uint16", "uint16", (96, 96), (96, 96),
        compressors=[BloscCodec(cname="zstd", clevel=3, shuffle="bitshuffle")], needs=["blosc"], smooth=True)
    # A typesize that is not the data type's (3 bytes over 2-byte elements: leftover bytes).
    add("codecs/blosc/zstd_shuffle_typesize3_int16", "int16", (40, 40), (32, 32),
        compressors=[BloscCodec(cname="zstd", clevel=3, shuffle="shuffle", typesize=3)], needs=["blosc"], smooth=True)
    add("codecs/blosc/lz4_bitshuffle_typesize8_uint8", "uint8", (40, 40), (32, 32),
        compressors=[BloscCodec(cname="lz4", clevel=5, shuffle="bitshuffle", typesize=8)], needs=["blosc"], smooth=True)
    # Behind a transpose and before a checksum.
    add("codecs/blosc/transpose_lz4hc_crc32c_int32", "int32", (9, 10, 12), (8, 8, 8),
        filters=[TransposeCodec(order=(1, 2, 0))],
        compressors=[BloscCodec(cname="lz4hc", clevel=9, shuffle="shuffle"), Crc32cCodec()], needs=["blosc"],
        missing=[(0, 1, 0)], smooth=True)


# ---------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------


def make_data(spec) -> np.ndarray:
    dt = np.dtype(spec["dtype"])
    shape, chunks = spec["shape"], spec["chunks"]
    fill = fill_scalar(spec["dtype"], spec["hex_fill"] or spec["fill"])
    if spec["never_written"]:
        return np.full(shape, fill, dtype=dt)
    values = smooth_values if spec["smooth"] else gen_values
    data = values(spec["dtype"], shape, spec["seed"])
    for idx in spec["missing"]:
        data[chunk_slices(idx, shape, chunks)] = fill
    return data


def v3_manifest_entry(path: str, expected: str, meta: dict, missing: list, needs: list) -> dict:
    """The manifest's description of one v3 array, copied from its zarr.json document `meta`."""
    return {
        "path": path,
        "expected": expected,
        "data_type": meta["data_type"],
        "shape": meta["shape"],
        "chunk_shape": meta["chunk_grid"]["configuration"]["chunk_shape"],
        "fill_value": meta["fill_value"],
        "codecs": meta["codecs"],
        "chunk_key_encoding": meta["chunk_key_encoding"],
        "dimension_names": meta.get("dimension_names"),
        "attributes": meta.get("attributes", {}),
        "missing_chunks": missing,
        "needs": needs,
    }


def main(argv):
    out = Path(argv[1]).resolve() if len(argv) > 1 else DEFAULT_OUT
    build_matrix()
    store_dir = out / "zarr-python"
    exp_dir = out / "expected"
    for d in (store_dir, exp_dir):
        if d.exists():
            shutil.rmtree(d)
    exp_dir.mkdir(parents=True)
    store = LocalStore(str(store_dir))

    # groups (parents first)
    root = zarr.open_group(store, mode="w", zarr_format=3, attributes=GROUPS[""])
    for gpath in sorted(g for g in GROUPS if g):
        root.create_group(gpath, attributes=GROUPS[gpath])

    manifest_arrays = []
    names_seen = set()
    for spec in ARRAYS:
        path = spec["path"]
        dt = np.dtype(spec["dtype"])
        create_fill = fill_scalar(spec["dtype"], spec["hex_fill"]) if spec["hex_fill"] else spec["fill"]
        if spec["hex_fill"]:
            create_fill = float("nan")  # zarr-python writes "NaN"; patched below
        arr = root.create_array(
            path,
            shape=spec["shape"],
            chunks=spec["chunks"],
            dtype=dt,
            fill_value=create_fill,
            filters=spec["filters"] or None,
            serializer=spec["serializer"],
            compressors=spec["compressors"] or None,
            chunk_key_encoding=spec["key"],
            dimension_names=spec["dims"],
            attributes=spec["attrs"],
            config={"write_empty_chunks": False},
        )
        data = make_data(spec)
        if not spec["never_written"]:
            arr[...] = data
        meta_path = store_dir / path / "zarr.json"
        if spec["hex_fill"]:
            meta = json.loads(meta_path.read_text())
            assert meta["fill_value"] == "NaN", meta["fill_value"]
            meta["fill_value"] = spec["hex_fill"]
            meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False))

        # read back with zarr-python (fresh open) and check it is bit-identical
        back_arr = zarr.open_array(LocalStore(str(store_dir), read_only=True), path=path, mode="r")
        back = np.asarray(back_arr[...])
        if to_le_bytes(back) != to_le_bytes(data):
            raise SystemExit(f"{path}: zarr-python read-back differs from the written values")
        if spec["hex_fill"]:
            fv = np.asarray(back_arr.fill_value, dtype=dt)
            if to_le_bytes(fv) != to_le_bytes(np.asarray(fill_scalar(spec["dtype"], spec["hex_fill"]))):
                raise SystemExit(f"{path}: zarr-python did not keep the hex fill bit pattern")

        meta = json.loads(meta_path.read_text())
        cke = meta["chunk_key_encoding"]
        missing = [list(idx) for idx in all_chunk_indices(spec["shape"], spec["chunks"])
                   if not (store_dir / path / chunk_key(idx, cke)).is_file()]
        # the chunks that are bitwise entirely the fill value must be exactly the missing ones
        fill_bytes = to_le_bytes(np.asarray(fill_scalar(spec["dtype"], spec["hex_fill"] or spec["fill"]), dtype=dt))
        check_missing(path, data, spec["chunks"], fill_bytes, spec["missing"], missing)

        name = path.replace("/", "__")
        assert name not in names_seen
        names_seen.add(name)
        (exp_dir / f"{name}.bin").write_bytes(to_le_bytes(back))

        manifest_arrays.append(v3_manifest_entry(path, f"expected/{name}.bin", meta, missing, spec["needs"]))

    manifest_groups = []
    for gpath in sorted(GROUPS):
        meta = json.loads((store_dir / gpath / "zarr.json").read_text())
        assert meta["node_type"] == "group"
        manifest_groups.append({"path": gpath, "attributes": meta.get("attributes", {})})

    manifest = {
        "zarr_python_version": zarr.__version__,
        "numpy_version": np.__version__,
        "groups": manifest_groups,
        "arrays": manifest_arrays,
    }
    text = json.dumps(manifest, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    (out / "manifest.json").write_text(text, encoding="utf-8")
    total = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(f"wrote {len(manifest_groups)} groups, {len(manifest_arrays)} arrays to {out} ({total} bytes)")


if __name__ == "__main__":
    main(sys.argv)
