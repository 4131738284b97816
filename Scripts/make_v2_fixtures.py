#!/usr/bin/env python3
"""Generate the Zarr v2 interop fixtures for SimpleZarr (and a small consolidated v3 hierarchy).

Run with the interop venv's python (see Scripts/venv.sh):

    .venv-interop/bin/python Scripts/make_v2_fixtures.py [OUTDIR]

OUTDIR defaults to Tests/SimpleZarrTests/Fixtures.  It writes, deterministically:

  OUTDIR/zarr-python-v2/               one Zarr v2 hierarchy written by zarr-python
                                       (.zgroup/.zarray/.zattrs), consolidated into a root .zmetadata
  OUTDIR/zarr-python-consolidated-v3/  a small v3 hierarchy with inline consolidated metadata
  OUTDIR/expected-v2/*.bin             every array's values as zarr-python reads them back
                                       (C order, little-endian, as in expected/)
  OUTDIR/manifest-v2.json              every group and array of both (see Fixtures/README.md)

The value generators, the little-endian encoding, the chunk arithmetic and the deterministic
gzip come from make_fixtures.py, which this script imports.
"""

from __future__ import annotations

import json
import shutil
import sys
import warnings
from pathlib import Path

import numcodecs
import numpy as np
import zarr
from zarr.codecs import BloscCodec, GzipCodec, ZstdCodec
from zarr.storage import LocalStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_fixtures as mf  # noqa: E402  (also makes numcodecs' gzip write MTIME 0)

warnings.simplefilter("ignore")

V2_DIR = "zarr-python-v2"
V3C_DIR = "zarr-python-consolidated-v3"
EXPECTED_DIR = "expected-v2"

# numcodecs ids that SimpleZarr registers under a name of their own; every other id is
# registered (if at all) as "numcodecs.<id>", the name zarr-python 3 gives it in v3.
OWN_NAMES = {"blosc": "blosc", "gzip": "gzip", "zstd": "zstd"}

# ---------------------------------------------------------------------------
# helpers: values
# ---------------------------------------------------------------------------


def zarr_type_name(dt: np.dtype) -> str:
    """The Zarr v3 name of a numpy type: ">i2" is "int16", "|V3" is "r24"."""
    if dt.kind == "V":
        return f"r{dt.itemsize * 8}"
    return dt.newbyteorder("=").name


def raw_values(dt: np.dtype, shape, seed: int) -> np.ndarray:
    """Random raw elements, the first all zero bytes and the second all 0xff."""
    n = int(np.prod(shape, dtype=np.int64))
    rng = np.random.default_rng(seed)
    flat = rng.integers(0, 256, size=n * dt.itemsize, dtype=np.uint8)
    flat[:dt.itemsize] = 0
    flat[dt.itemsize:2 * dt.itemsize] = 0xFF
    return flat.view(dt).reshape(shape)


def values(dt: np.dtype, shape, seed: int, kind: str) -> np.ndarray:
    """Values of numpy type `dt` (any byte order): `kind` is "extremes" (make_fixtures'
    gen_values), "smooth" (its smooth_values) or "noisy" (smooth with noise, for lossy filters)."""
    if dt.kind == "V":
        return raw_values(dt, shape, seed)
    native = dt.newbyteorder("=")
    if kind == "extremes":
        data = mf.gen_values(native.name, shape, seed)
    else:
        data = mf.smooth_values(native.name, shape, seed)
        if kind == "noisy":
            rng = np.random.default_rng(seed)
            data = (data + rng.standard_normal(data.shape) * 0.01).astype(native)
    if dt.byteorder not in ("=", "|") and dt != native:
        data = data.byteswap().view(dt)  # the same values, stored the other way round
    return data


def fill_element(dt: np.dtype, fill) -> np.ndarray:
    """One element (0-d) for the fill value as given to zarr-python; `None` reads as zeros."""
    if fill is None:
        return np.zeros((), dtype=dt)
    if dt.kind == "V":
        return np.frombuffer(fill, dtype=dt).reshape(())
    return np.array(fill, dtype=dt)


def needs_of(zarray: dict) -> list:
    """The codec names SimpleZarr would need for a .zarray's filters and compressor."""
    ids = [f["id"] for f in (zarray.get("filters") or [])]
    if zarray.get("compressor"):
        ids.append(zarray["compressor"]["id"])
    names = [OWN_NAMES.get(i, f"numcodecs.{i}") for i in ids]
    return list(dict.fromkeys(names))


# ---------------------------------------------------------------------------
# the v2 matrix
# ---------------------------------------------------------------------------

DTYPES = ["|b1", "|i1", "|u1", "<i2", ">i2", "<i4", ">i4", "<i8", ">i8", "<u2", ">u2", "<u4", ">u4",
          "<u8", ">u8", "<f2", ">f2", "<f4", ">f4", "<f8", ">f8", "<c8", ">c8", "<c16", ">c16", "|V3", "|V8"]

GROUPS = {
    "": {**mf.ROOT_ATTRS, "title": "SimpleZarr v2 interop fixtures", "zarr_format_written": 2},
    "types": {"description": "every data type and byte order", "count": len(DTYPES)},
    "order": {"description": "C and F memory order inside chunks"},
    "keys": {"description": "dimension_separator '.' and '/'"},
    "shapes": {"description": "edge chunks, chunks larger than the array, 0-d, 1-d, 4-d, missing chunks"},
    "fill": {"description": "fill values", "nested": {"list": [{"x": 1}, {"y": [None]}]}},
    "compressors": {"description": "numcodecs compressors"},
    "compressors/blosc": {"cnames": ["blosclz", "lz4", "lz4hc", "zlib", "zstd"], "shuffles": [0, 1, 2, -1]},
    "filters": {"description": "numcodecs filters"},
    "meta": {"level": 1, "unicode": "Grüße 🌍"},
    "meta/deep": {"level": 2, "unicode": "ünïcødé", "big": -(2**63)},
    "meta/deep/deeper": {"level": 3, "big": 2**53 + 1, "list": [[1, 2], [3, 4]]},
    "meta/deep/deeper/deepest": {"level": 4, "nested": {"a": {"b": {"c": [True, None, 2.5]}}},
                                 "uint64_max": 2**64 - 1},
    "many": {"description": "50 small arrays", "count": 50},
}

ARRAYS: list = []


def add(path, dtype, shape, chunks, *, fill=0, order="C", sep=".", compressor=None, filters=(),
        missing=(), kind="extremes", lossy=False, never_written=False, attrs=None):
    """Register one v2 array.

    fill: the fill value as passed to zarr-python (None writes `null`; bytes for raw types).
    missing: chunks set entirely to the fill value (zeros for a null fill) before writing,
      so zarr-python stores no key for them.
    kind: how the values are made (see `values`); lossy: the filters change the values, so the
      read-back is compared within a tolerance and the expected file holds what was read.
    """
    ARRAYS.append(dict(path=path, dtype=np.dtype(dtype), shape=tuple(shape), chunks=tuple(chunks), fill=fill,
                       order=order, sep=sep, compressor=compressor, filters=list(filters),
                       missing=[tuple(m) for m in missing], kind=kind, lossy=lossy,
                       never_written=never_written, attrs=attrs or {}, seed=2000 + len(ARRAYS)))


def type_name(dtype: str) -> str:
    """A path-friendly name of a type string: "<i2" is "i2_le", ">i2" "i2_be", "|V3" "V3"."""
    return dtype[1:] + {"<": "_le", ">": "_be", "|": ""}[dtype[0]]


def build_matrix():
    nc = numcodecs
    # -- every data type and byte order, uncompressed, 7x9 in 4x4 chunks (edge chunks in both dims)
    for t in DTYPES:
        fill = False if t == "|b1" else (None if t.startswith("|V") else 0)
        add(f"types/{type_name(t)}", t, (7, 9), (4, 4), fill=fill, attrs={"dtype": t} if t[1] in "fc" else None)

    # -- memory order (F for 2-d and 3-d, with and without a compressor and a filter)
    add("order/C_2d_zlib_i4", "<i4", (7, 9), (4, 4), compressor=nc.Zlib(level=1))
    add("order/F_2d_none_u2", "<u2", (7, 9), (4, 4), order="F")
    add("order/F_2d_zlib_f8_be", ">f8", (7, 9), (4, 4), order="F", compressor=nc.Zlib(level=5))
    add("order/F_2d_delta_blosc_i2", "<i2", (7, 9), (4, 4), order="F", filters=[nc.Delta(dtype="<i2")],
        compressor=nc.Blosc(cname="lz4", clevel=5, shuffle=1), kind="smooth")
    add("order/F_2d_b1", "|b1", (7, 9), (4, 4), order="F", fill=False)
    add("order/F_3d_none_c8", "<c8", (5, 6, 7), (2, 4, 3), order="F")
    add("order/F_3d_none_i8_be", ">i8", (5, 6, 7), (2, 4, 3), order="F", missing=[(1, 0, 2)])
    add("order/F_3d_shuffle_zstd_u4_be", ">u4", (5, 6, 7), (2, 4, 3), order="F",
        filters=[nc.Shuffle(elementsize=4)], compressor=nc.Zstd(level=3), missing=[(0, 1, 1)], kind="smooth")
    add("order/F_3d_fixedscaleoffset_gzip_f8", "<f8", (5, 6, 7), (2, 4, 3), order="F",
        filters=[nc.FixedScaleOffset(offset=90, scale=100, dtype="<f8", astype="<u2")],
        compressor=nc.GZip(level=6), kind="noisy", lossy=True)
    add("order/F_3d_V3", "|V3", (5, 6, 7), (2, 4, 3), order="F", fill=None)
    add("order/F_4d_u1", "|u1", (3, 4, 2, 5), (2, 3, 2, 2), order="F", compressor=nc.Zlib(level=1))
    add("order/F_1d_f4", "<f4", (10,), (3,), order="F")

    # -- dimension separators
    for sep, name in ((".", "dot"), ("/", "slash")):
        add(f"keys/{name}_2d_u2", "<u2", (7, 9), (4, 4), sep=sep, missing=[(0, 1)])
        add(f"keys/{name}_3d_i1", "|i1", (5, 6, 7), (2, 4, 3), sep=sep, missing=[(0, 0, 1)])
        add(f"keys/{name}_4d_f4", "<f4", (3, 4, 2, 5), (2, 3, 2, 2), sep=sep, missing=[(1, 1, 0, 2)])
        add(f"keys/{name}_0d_i4", "<i4", (), (), sep=sep)
        add(f"keys/{name}_1d_zstd_i8", "<i8", (10,), (3,), sep=sep, compressor=nc.Zstd(level=1))

    # -- shapes
    add("shapes/edge_1d_i4", "<i4", (10,), (3,))
    add("shapes/chunk_larger_2d_u2", "<u2", (5, 3), (8, 8))
    add("shapes/chunk_larger_1d_f8_zlib", "<f8", (3,), (100,), compressor=nc.Zlib(level=9))
    add("shapes/one_element_chunks_f4", "<f4", (3, 4), (1, 1), missing=[(0, 3), (2, 0)])
    add("shapes/scalar_f8", "<f8", (), (), attrs={"kind": "0-d"})
    add("shapes/scalar_i2_be", ">i2", (), ())
    add("shapes/scalar_c8_unwritten", "<c8", (), (), fill=complex(-1.0, 0.5), never_written=True)
    add("shapes/scalar_zlib_u8", "<u8", (), (), compressor=nc.Zlib(level=1))
    add("shapes/four_d_i2", "<i2", (3, 4, 2, 5), (2, 3, 2, 2), fill=-1,
        missing=[(0, 0, 0, 0), (1, 1, 0, 2), (0, 1, 0, 1)])
    add("shapes/four_d_blosc_f4_be", ">f4", (3, 4, 2, 5), (2, 3, 2, 2),
        compressor=nc.Blosc(cname="zstd", clevel=3, shuffle=2))
    add("shapes/missing_half_u2", "<u2", (7, 9), (4, 4), missing=[(0, 0), (0, 2), (1, 1)])
    add("shapes/never_written_u4", "<u4", (7, 9), (4, 4), fill=17, never_written=True)
    add("shapes/never_written_f8_null", "<f8", (10,), (3,), fill=None, never_written=True)

    # -- fill values (each with chunks entirely fill, which zarr-python does not store)
    miss = [(0, 1), (1, 2)]
    add("fill/i4_zero", "<i4", (7, 9), (4, 4), fill=0, missing=miss)
    add("fill/i2_negative", "<i2", (7, 9), (4, 4), fill=-1234, missing=miss)
    add("fill/i1_min", "|i1", (7, 9), (4, 4), fill=-128, missing=miss)
    add("fill/u1_7", "|u1", (7, 9), (4, 4), fill=7, missing=miss)
    add("fill/u4_big_be", ">u4", (7, 9), (4, 4), fill=4000000000, missing=miss)
    add("fill/u8_max", "<u8", (7, 9), (4, 4), fill=2**64 - 1, missing=miss)
    add("fill/i8_min_be", ">i8", (7, 9), (4, 4), fill=-(2**63), missing=miss)
    add("fill/i4_null", "<i4", (7, 9), (4, 4), fill=None, missing=miss)
    add("fill/u2_null_be", ">u2", (7, 9), (4, 4), fill=None, missing=miss)
    add("fill/f8_null", "<f8", (7, 9), (4, 4), fill=None, missing=miss)
    add("fill/f4_null_be", ">f4", (7, 9), (4, 4), fill=None, missing=miss)
    add("fill/f8_value", "<f8", (7, 9), (4, 4), fill=3.25, missing=miss)
    add("fill/f4_negzero", "<f4", (7, 9), (4, 4), fill=-0.0, missing=miss)
    add("fill/f4_subnormal", "<f4", (7, 9), (4, 4), fill=float(np.finfo(np.float32).smallest_subnormal),
        missing=miss)
    add("fill/f2_value", "<f2", (7, 9), (4, 4), fill=-2.5, missing=miss)
    add("fill/f4_nan", "<f4", (7, 9), (4, 4), fill=float("nan"), missing=miss)
    add("fill/f8_nan_be", ">f8", (7, 9), (4, 4), fill=float("nan"), missing=miss)
    add("fill/f2_nan", "<f2", (7, 9), (4, 4), fill=float("nan"), missing=miss)
    add("fill/f8_inf", "<f8", (7, 9), (4, 4), fill=float("inf"), missing=miss)
    add("fill/f4_neginf_be", ">f4", (7, 9), (4, 4), fill=float("-inf"), missing=miss)
    add("fill/f2_inf", "<f2", (7, 9), (4, 4), fill=float("inf"), missing=miss)
    add("fill/b1_true", "|b1", (7, 9), (4, 4), fill=True, missing=miss)
    add("fill/V3_base64", "|V3", (7, 9), (4, 4), fill=b"abc", missing=miss)
    add("fill/V8_base64", "|V8", (7, 9), (4, 4), fill=bytes(range(1, 9)), missing=miss)
    add("fill/c8_value", "<c8", (7, 9), (4, 4), fill=complex(1.5, -2.0), missing=miss)
    add("fill/c16_nan_inf_be", ">c16", (7, 9), (4, 4), fill=complex(float("nan"), float("inf")), missing=miss)

    # -- compressors
    add("compressors/none_u2", "<u2", (20, 30), (16, 16), kind="smooth")
    add("compressors/zlib_level1_i4", "<i4", (20, 30), (16, 16), compressor=nc.Zlib(level=1), kind="smooth")
    add("compressors/zlib_level9_f8_be", ">f8", (7, 9), (4, 4), compressor=nc.Zlib(level=9))
    add("compressors/gzip_level1_i4", "<i4", (20, 30), (16, 16), compressor=nc.GZip(level=1), kind="smooth")
    add("compressors/gzip_level9_f4_be", ">f4", (7, 9), (4, 4), compressor=nc.GZip(level=9), missing=[(1, 1)])
    add("compressors/zstd_level3_u2", "<u2", (20, 30), (16, 16), compressor=nc.Zstd(level=3), kind="smooth")
    add("compressors/zstd_level19_checksum_f8", "<f8", (20, 30), (16, 16),
        compressor=nc.Zstd(level=19, checksum=True), kind="smooth")
    add("compressors/zstd_level1_checksum_i8_be", ">i8", (7, 9), (4, 4), compressor=nc.Zstd(level=1, checksum=True))
    add("compressors/lz4_default_u2", "<u2", (20, 30), (16, 16), compressor=nc.LZ4(), kind="smooth")
    add("compressors/lz4_accel10_f4", "<f4", (20, 30), (16, 16), compressor=nc.LZ4(acceleration=10), kind="smooth")
    add("compressors/bz2_level9_u2", "<u2", (20, 30), (16, 16), compressor=nc.BZ2(level=9), kind="smooth")
    add("compressors/lzma_default_f4", "<f4", (20, 30), (16, 16), compressor=nc.LZMA(), kind="smooth")
    # blosc: every cname x shuffle (0 none, 1 byte, 2 bit, -1 AUTOSHUFFLE: bit for 1-byte items, else byte)
    types = ["|u1", "<u2", "<f4", "<f8", ">i8", "<c8", ">u2"]
    for i, cname in enumerate(["blosclz", "lz4", "lz4hc", "zlib", "zstd"]):
        for j, shuffle in enumerate([0, 1, 2, -1]):
            k = 4 * i + j
            dtype = types[k % len(types)]
            clevel = [1, 5, 9][k % 3]
            add(f"compressors/blosc/{cname}_shuffle{shuffle}_c{clevel}_{type_name(dtype)}", dtype, (20, 30), (16, 16),
                compressor=nc.Blosc(cname=cname, clevel=clevel, shuffle=shuffle),
                kind="extremes" if k % 5 == 4 else "smooth", missing=[(1, 1)] if k % 6 == 0 else ())
    add("compressors/blosc/default_i2", "<i2", (20, 30), (16, 16), compressor=nc.Blosc(), kind="smooth")
    add("compressors/blosc/autoshuffle_u1_f", "|u1", (9, 10, 12), (8, 8, 8), order="F",
        compressor=nc.Blosc(cname="zstd", clevel=5, shuffle=-1), kind="smooth")

    # -- filters
    add("filters/delta_i4", "<i4", (20, 30), (16, 16), filters=[nc.Delta(dtype="<i4")], kind="smooth")
    add("filters/delta_u2_zlib", "<u2", (7, 9), (4, 4), filters=[nc.Delta(dtype="<u2")], compressor=nc.Zlib(level=1))
    add("filters/delta_i8_be", ">i8", (10,), (3,), filters=[nc.Delta(dtype=">i8")])
    add("filters/fixedscaleoffset_f8_u2", "<f8", (20, 30), (16, 16),
        filters=[nc.FixedScaleOffset(offset=90, scale=100, dtype="<f8", astype="<u2")], kind="noisy", lossy=True)
    add("filters/quantize_f8", "<f8", (20, 30), (16, 16), filters=[nc.Quantize(digits=3, dtype="<f8")],
        kind="noisy", lossy=True)
    add("filters/quantize_f4_zlib", "<f4", (7, 9), (4, 4), filters=[nc.Quantize(digits=2, dtype="<f4")],
        compressor=nc.Zlib(level=1), kind="noisy", lossy=True)
    add("filters/bitround_f4", "<f4", (20, 30), (16, 16), filters=[nc.BitRound(keepbits=10)], kind="noisy",
        lossy=True)
    add("filters/bitround_f8_zstd", "<f8", (7, 9), (4, 4), filters=[nc.BitRound(keepbits=20)],
        compressor=nc.Zstd(level=3), kind="noisy", lossy=True)
    add("filters/packbits_b1", "|b1", (20,), (8,), fill=False, filters=[nc.PackBits()])
    add("filters/packbits_b1_2d_zlib", "|b1", (7, 9), (4, 4), fill=False, filters=[nc.PackBits()],
        compressor=nc.Zlib(level=1))
    add("filters/astype_f8_f4", "<f8", (20, 30), (16, 16),
        filters=[nc.AsType(encode_dtype="<f4", decode_dtype="<f8")], kind="noisy", lossy=True)
    add("filters/shuffle_i4", "<i4", (7, 9), (4, 4), filters=[nc.Shuffle(elementsize=4)])
    add("filters/shuffle_es2_f8_zlib", "<f8", (20, 30), (16, 16), filters=[nc.Shuffle(elementsize=2)],
        compressor=nc.Zlib(level=1), kind="smooth")
    add("filters/chain_delta_shuffle_zstd_i4", "<i4", (20, 30), (16, 16),
        filters=[nc.Delta(dtype="<i4"), nc.Shuffle(elementsize=4)], compressor=nc.Zstd(level=3), kind="smooth",
        missing=[(1, 0)])

    # -- attributes deep down, and a group of 50 small arrays
    add("meta/deep/deeper/deepest/attributed", "<f4", (4, 6), (4, 4), attrs={
        "units": "m/s",
        "unicode": "Δt → ∞, naïve café 🌍",
        "big_int": 2**53 + 1,
        "negative_big_int": -(2**63),
        "floats": [0.1, -2.5e-310, 1.7976931348623157e308, 123456789.125],
        "nested": {"list": [1, {"a": [True, None]}], "obj": {"k": "v"}},
        "empty": {},
    })
    small = ["|u1", "<i2", ">i4", "<f4", ">f8", "|b1", "<c8", "<u8"]
    for i in range(50):
        t = small[i % len(small)]
        add(f"many/a{i:02d}", t, (3,), (3,), fill=False if t == "|b1" else 0, attrs={"index": i})


# ---------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------


def make_data(spec) -> np.ndarray:
    dt, shape = spec["dtype"], spec["shape"]
    fill = fill_element(dt, spec["fill"])
    if spec["never_written"]:
        return np.full(shape, fill, dtype=dt)
    data = values(dt, shape, spec["seed"], spec["kind"])
    for idx in spec["missing"]:
        data[mf.chunk_slices(idx, shape, spec["chunks"])] = fill
    return data


def check_read_back(path: str, spec, back: np.ndarray, data: np.ndarray) -> None:
    """Stops unless zarr-python read back the written values (bit for bit, or close for lossy filters)."""
    if back.shape != data.shape or back.dtype.newbyteorder("=") != data.dtype.newbyteorder("="):
        raise SystemExit(f"{path}: read back {back.dtype}{back.shape}, wrote {data.dtype}{data.shape}")
    if spec["lossy"]:
        if not np.allclose(back, data, rtol=1e-2, atol=0.02):
            raise SystemExit(f"{path}: the lossy read-back is too far from the written values")
        if mf.to_le_bytes(back) == mf.to_le_bytes(data):
            raise SystemExit(f"{path}: marked lossy, but the values came back unchanged")
    elif mf.to_le_bytes(back) != mf.to_le_bytes(data):
        raise SystemExit(f"{path}: zarr-python read-back differs from the written values")


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def create_groups(store_dir: Path, zarr_format: int, groups: dict):
    """Creates the hierarchy's groups (parents first) with their attributes; returns the root."""
    root = zarr.open_group(LocalStore(str(store_dir)), mode="w", zarr_format=zarr_format, attributes=groups[""])
    for gpath in sorted(g for g in groups if g):
        root.create_group(gpath, attributes=groups[gpath])
    return root


def read_back(store_dir: Path, path: str) -> np.ndarray:
    """The array at `path` as zarr-python reads it from a fresh, read-only store."""
    return np.asarray(zarr.open_array(LocalStore(str(store_dir), read_only=True), path=path, mode="r")[...])


def stored_missing(store_dir: Path, path: str, shape, chunks, cke: dict) -> list:
    """The chunk indices for which no key was stored."""
    return [list(idx) for idx in mf.all_chunk_indices(shape, chunks)
            if not (store_dir / path / mf.chunk_key(idx, cke)).is_file()]


def write_v2(out: Path, exp_dir: Path) -> tuple[list, list]:
    """Writes the v2 hierarchy and its expected values; returns the manifest's groups and arrays."""
    store_dir = out / V2_DIR
    root = create_groups(store_dir, 2, GROUPS)

    arrays = []
    for spec in ARRAYS:
        path, dt = spec["path"], spec["dtype"]
        arr = root.create_array(
            path, shape=spec["shape"], chunks=spec["chunks"], dtype=dt, fill_value=spec["fill"],
            order=spec["order"], chunk_key_encoding={"name": "v2", "separator": spec["sep"]},
            filters=spec["filters"] or None, compressors=spec["compressor"], attributes=spec["attrs"],
            config={"write_empty_chunks": False},
        )
        data = make_data(spec)
        if not spec["never_written"]:
            arr[...] = data
        back = read_back(store_dir, path)
        check_read_back(path, spec, back, data)

        zarray = read_json(store_dir / path / ".zarray")
        cke = {"name": "v2", "configuration": {"separator": zarray["dimension_separator"]}}
        missing = stored_missing(store_dir, path, spec["shape"], spec["chunks"], cke)
        fill_bytes = mf.to_le_bytes(fill_element(dt, spec["fill"]))
        mf.check_missing(path, back, spec["chunks"], fill_bytes, spec["missing"], missing)

        name = path.replace("/", "__")
        (exp_dir / f"{name}.bin").write_bytes(mf.to_le_bytes(back))
        arrays.append({
            "path": path,
            "expected": f"{EXPECTED_DIR}/{name}.bin",
            "data_type": zarr_type_name(dt),
            "fill_bytes": list(fill_bytes),
            "zarray": zarray,
            "zattrs": read_json(store_dir / path / ".zattrs"),
            "missing_chunks": missing,
            "needs": needs_of(zarray),
            "lossy": spec["lossy"],
        })

    zarr.consolidate_metadata(LocalStore(str(store_dir)))
    groups = [{"path": g, "attributes": read_json(store_dir / g / ".zattrs")} for g in sorted(GROUPS)]
    return groups, arrays


# -- the consolidated v3 hierarchy: nested groups and arrays, consolidated inline at the root
V3C_GROUPS = {
    "": {"title": "consolidated v3", "unicode": "ζάρρ ✓"},
    "a": {"level": 1},
    "a/b": {"level": 2, "big": 2**53 + 1},
    "a/b/c": {"level": 3, "nested": {"x": [1, {"y": None}]}},
    "empty": {},
}
V3C_ARRAYS = [
    # path, dtype, shape, chunks, fill, compressors, needs, missing
    ("x", "int16", (7, 9), (4, 4), 0, [ZstdCodec(level=3)], ["zstd"], [(0, 1)]),
    ("a/y", "float32", (10,), (3,), float("nan"), [GzipCodec(level=5)], ["gzip"], [(1,)]),
    ("a/b/z", "uint8", (5, 6, 7), (2, 4, 3), 7, [BloscCodec(cname="lz4", clevel=5, shuffle="bitshuffle")],
     ["blosc"], []),
    ("a/b/c/w", "complex64", (), (), complex(1.0, -1.0), None, [], []),
    ("a/b/c/v", "bool", (4, 4), (2, 2), True, None, [], [(1, 0)]),
]


def write_consolidated_v3(out: Path, exp_dir: Path) -> tuple[list, list]:
    """Writes the consolidated v3 hierarchy and its expected values; returns the manifest's groups and arrays."""
    store_dir = out / V3C_DIR
    root = create_groups(store_dir, 3, V3C_GROUPS)
    arrays = []
    for i, (path, dtype, shape, chunks, fill, compressors, needs, meant) in enumerate(V3C_ARRAYS):
        arr = root.create_array(path, shape=shape, chunks=chunks, dtype=dtype, fill_value=fill,
                                compressors=compressors, config={"write_empty_chunks": False},
                                attributes={"index": i})
        data = mf.smooth_values(dtype, shape, 3000 + i)
        for idx in meant:
            data[mf.chunk_slices(idx, shape, chunks)] = fill
        arr[...] = data
        back = read_back(store_dir, path)
        if mf.to_le_bytes(back) != mf.to_le_bytes(data):
            raise SystemExit(f"{V3C_DIR}/{path}: zarr-python read-back differs from the written values")
        meta = read_json(store_dir / path / "zarr.json")
        missing = stored_missing(store_dir, path, shape, chunks, meta["chunk_key_encoding"])
        fill_bytes = mf.to_le_bytes(np.asarray(fill, dtype=dtype))
        mf.check_missing(path, data, chunks, fill_bytes, meant, missing)
        name = "consolidated-v3__" + path.replace("/", "__")
        (exp_dir / f"{name}.bin").write_bytes(mf.to_le_bytes(back))
        arrays.append(mf.v3_manifest_entry(path, f"{EXPECTED_DIR}/{name}.bin", meta, missing, needs))
    zarr.consolidate_metadata(LocalStore(str(store_dir)))
    groups = [{"path": g, "attributes": read_json(store_dir / g / "zarr.json").get("attributes", {})}
              for g in sorted(V3C_GROUPS)]
    return groups, arrays


def main(argv):
    out = Path(argv[1]).resolve() if len(argv) > 1 else mf.DEFAULT_OUT
    build_matrix()
    exp_dir = out / EXPECTED_DIR
    for d in (out / V2_DIR, out / V3C_DIR, exp_dir):
        if d.exists():
            shutil.rmtree(d)
    exp_dir.mkdir(parents=True)
    groups, arrays = write_v2(out, exp_dir)
    v3_groups, v3_arrays = write_consolidated_v3(out, exp_dir)
    manifest = {
        "zarr_python_version": zarr.__version__,
        "numcodecs_version": numcodecs.__version__,
        "numpy_version": np.__version__,
        "root": V2_DIR,
        "groups": groups,
        "arrays": arrays,
        "consolidated_v3": {"root": V3C_DIR, "groups": v3_groups, "arrays": v3_arrays},
    }
    text = json.dumps(manifest, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    (out / "manifest-v2.json").write_text(text, encoding="utf-8")
    folders = [out / V2_DIR, out / V3C_DIR, exp_dir, out / "manifest-v2.json"]
    total = sum(f.stat().st_size for d in folders for f in ([d] if d.is_file() else d.rglob("*")) if f.is_file())
    print(f"wrote {len(groups)} v2 groups, {len(arrays)} v2 arrays, {len(v3_groups)} v3 groups and "
          f"{len(v3_arrays)} v3 arrays to {out} ({total} bytes)")


if __name__ == "__main__":
    main(sys.argv)
