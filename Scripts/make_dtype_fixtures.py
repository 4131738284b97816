#!/usr/bin/env python3
"""Generate the interop fixtures for the non-numeric data types (strings, bytes, datetimes, structs).

Run with the interop venv's python (see Scripts/venv.sh):

    .venv-interop/bin/python Scripts/make_dtype_fixtures.py [OUTDIR]

OUTDIR defaults to Tests/SimpleZarrTests/Fixtures.  It writes, deterministically:

  OUTDIR/zarr-python-dtypes-v3/   one Zarr v3 hierarchy written by zarr-python (LocalStore)
  OUTDIR/zarr-python-dtypes-v2/   one Zarr v2 hierarchy written by zarr-python (zarr_format=2)
  OUTDIR/manifest-dtypes.json     every array of both, with its values in plain JSON (see
                                  Fixtures/README.md): strings as strings, bytes as base64,
                                  datetime64/timedelta64 as int64 counts, structs as objects

The script reads every array back with zarr-python and stops unless the values agree with those
written, unless the chunks without a stored key are exactly the fill-only ones (for sharded arrays:
the fill-only shards, and inside each shard the fill-only inner chunks marked empty in its index),
and unless every refusal listed under "refused" is still refused.  The chunk arithmetic, the
deterministic gzip (MTIME 0) and the shard index reader come from make_fixtures.py and
make_shard_fixtures.py.
"""

from __future__ import annotations

import base64
import json
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

import numcodecs
import numpy as np
import zarr
from zarr.codecs import BytesCodec, GzipCodec, ZstdCodec
from zarr.dtype import VariableLengthBytes
from zarr.storage import LocalStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_fixtures as mf  # noqa: E402  (also makes numcodecs' gzip write MTIME 0)
import make_shard_fixtures as msf  # noqa: E402
import make_v2_fixtures as m2  # noqa: E402

warnings.simplefilter("ignore")  # zarr-python's "unstable spec" warnings for these types

ROOTS = {3: "zarr-python-dtypes-v3", 2: "zarr-python-dtypes-v2"}
MANIFEST = "manifest-dtypes.json"
NAT = -(2**63)  # the int64 count numpy uses for NaT

# ---------------------------------------------------------------------------
# values
# ---------------------------------------------------------------------------

# Strings with something for a decoder to get wrong: empty, multi-byte UTF-8 (2, 3 and 4 bytes),
# a combining mark, a ZWJ emoji sequence, the last code point, an embedded NUL, control characters.
STRINGS = ["", "a", "hello", "é", "e\u0301", "naïve café", "世界", "🧊", "👩\u200d👩\u200d👧",
           "\U0010ffff", "a\x00b", "tab\tline\nend", "Ωμέγα", "", "zarr ✓", "x" * 40]

# Four-character (at most) strings for <U4/>U4: one UTF-32 code unit per character, so 🧊 is one.
SHORT_STRINGS = ["", "a", "ab", "abcd", "é", "e\u0301", "世界", "🧊", "🧊🧊🧊🧊", "\U0010ffff", "a\x00b", "Zoë"]

BYTES = [b"", b"\x00", b"\xff", b"\x00\xff\x00\xff", b"abc", bytes(range(256)), b"\x00" * 5, b"end\x00"]

# |S8 elements: numpy drops trailing NULs when it reads them ("ab\0\0" comes back as "ab").
FIXED_BYTES = [b"", b"a", b"ab\x00\x00", b"a\x00b", b"\x00abc", b"abcdefgh", b"\xff" * 8, b"\x01\x02"]

# 70,003 characters, 70,009 UTF-8 bytes: a length field above 16 bits (0x00011179).
LONG_STRING = "".join(f"{i:06d}|" for i in range(10_000)) + "é世🧊"

DATETIME_UNITS = {"Y": "years", "M": "months", "W": "weeks", "D": "days", "h": "hours", "m": "minutes",
                  "s": "seconds", "ms": "ms", "us": "us", "ns": "ns", "ps": "ps", "fs": "fs", "as": "as"}

# Two instants per unit, one after and one before 1970 (NS_INSTANTS, converted, for Y to ns); int64
# counts of ps, fs and as reach only about 106 days, 2.6 hours and 9.2 seconds from 1970, so theirs are near it.
INSTANTS = {
    "ps": ("1970-03-01T12:34:56.789012345678", "1969-12-01T01:02:03.000000000001"),
    "fs": ("1970-01-01T01:23:45.678901234567890", "1969-12-31T23:00:00.500000000000000"),
    "as": ("1970-01-01T00:00:01.234567890123456789", "1969-12-31T23:59:58.500000000000000001"),
}
NS_INSTANTS = ("2024-02-29T12:34:56.789012345", "1969-07-20T20:17:40.123456789")


def flat_pick(pool: list, n: int, seed: int) -> list:
    """n elements of `pool`: seeded shuffles of the whole pool one after the other, so that every
    element appears once n reaches the pool's size."""
    rng = np.random.default_rng(seed)
    rounds = -(-n // len(pool))
    order = np.concatenate([rng.permutation(len(pool)) for _ in range(rounds)]) if rounds else []
    return [pool[i] for i in order[:n]]


def time_counts(dtype: np.dtype, n: int, seed: int) -> np.ndarray:
    """int64 counts for a datetime64/timedelta64 array of n elements (n >= 8): 0, 1, -1, NaT and a
    realistic value first, a pre-1970 (negative) value and the int64 extremes last, random between."""
    unit = np.datetime_data(dtype)[0]
    rng = np.random.default_rng(seed)
    counts = rng.integers(-10**6, 10**6, size=n, dtype=np.int64)
    if unit == "generic" or dtype.kind == "m":
        after, before = 86_400, -3_600
    else:
        texts = INSTANTS.get(unit)
        stamps = ([np.datetime64(t, unit) for t in texts] if texts else [np.datetime64(t, "ns") for t in NS_INSTANTS])
        after, before = (s.astype(dtype).astype(np.int64) for s in stamps)
    counts[:5] = [0, 1, -1, NAT, after]
    counts[-3:] = [before, NAT + 1, 2**63 - 1]
    return counts


def struct_values(dtype: np.dtype, n: int, seed: int) -> np.ndarray:
    """Records with each field's extremes first, then seeded values exactly representable in it."""
    rng = np.random.default_rng(seed)
    out = np.zeros(n, dtype=dtype)
    for name in dtype.names:
        ft = dtype.fields[name][0]
        if ft.kind in "iu":
            ii = np.iinfo(ft)
            col = rng.integers(ii.min, ii.max, size=n, dtype=np.int64, endpoint=True)
            col[:2] = [ii.min, ii.max]
        else:
            col = rng.integers(-4000, 4000, size=n) / 8.0  # exact in float32 and float64
            col[0] = float(np.finfo(ft).max)
        out[name] = col
    return out


def make_values(spec, fill) -> np.ndarray:
    """The values written to one array: the fill value in the chunks listed in `missing` and the
    regions in `holes` (zarr-python then stores no key / no inner chunk for them), generated values
    everywhere else, in C order, so that every special value lands in a stored chunk."""
    shape, dt, seed = spec["shape"], spec["numpy"], spec["seed"]
    blank = np.zeros(shape, dtype=bool)
    grid_chunks = spec["shards"] or spec["chunks"]
    for idx in spec["missing"]:
        blank[mf.chunk_slices(idx, shape, grid_chunks)] = True
    for region in spec["holes"]:
        blank[region] = True
    n = int(np.count_nonzero(~blank))
    kind = spec["kind"]
    if kind == "string":
        flat = np.array(flat_pick(STRINGS, n, seed), dtype=object)
        if spec["long"]:
            flat[1] = LONG_STRING
    elif kind == "bytes":
        flat = np.array(flat_pick(BYTES, n, seed), dtype=object)
    elif kind == "fixed_string":
        flat = np.array(flat_pick(SHORT_STRINGS, n, seed), dtype=dt)
    elif kind == "null_terminated_bytes":
        flat = np.array(flat_pick(FIXED_BYTES, n, seed), dtype=dt)
    elif kind == "raw_bytes":
        flat = m2.raw_values(dt, (n,), seed)
    elif kind in ("datetime", "timedelta"):
        counts = time_counts(dt, n, seed) if n >= 8 else np.array([0, 42, NAT][:n], dtype=np.int64)
        flat = counts.view(dt.newbyteorder("=")).astype(dt)
    else:
        flat = struct_values(dt, n, seed)
    data = np.full(shape, fill, dtype=dt)
    data[~blank] = flat
    return data


# ---------------------------------------------------------------------------
# comparing elements (any type, any byte order)
# ---------------------------------------------------------------------------


def element_keys(a: np.ndarray) -> list:
    """One comparable key per element, C order: the Python object for strings and vlen bytes, the
    element's little-endian bytes otherwise (so NaT equals NaT, and byte order does not matter)."""
    a = np.asarray(a)
    if a.dtype.kind in "OT":
        return a.reshape(-1).tolist()
    le = np.ascontiguousarray(a.astype(a.dtype.newbyteorder("<"))).reshape(-1)
    raw = le.view(np.uint8).reshape(a.size, le.dtype.itemsize)
    return [bytes(r) for r in raw]


def fill_marks(data: np.ndarray, fill_key) -> np.ndarray:
    """uint8 array of data's shape: 0 where an element is the fill value, 1 elsewhere.  The chunk
    and shard checks of make_fixtures/make_shard_fixtures then run on it with the fill byte 0."""
    return np.array([k != fill_key for k in element_keys(data)], dtype=np.uint8).reshape(data.shape)


# ---------------------------------------------------------------------------
# the values in the manifest
# ---------------------------------------------------------------------------


def json_elements(kind: str, flat: np.ndarray) -> list:
    """The elements in the manifest's JSON form for their kind."""
    if kind in ("string", "fixed_string"):
        return [str(x) for x in flat.tolist()]
    if kind in ("bytes", "null_terminated_bytes", "raw_bytes"):
        return [base64.b64encode(bytes(x)).decode("ascii") for x in flat.tolist()]
    if kind in ("datetime", "timedelta"):
        native = flat.dtype.newbyteorder("=")
        return [int(v) for v in flat.astype(native).view(native.byteorder + "i8")]
    return [{name: flat[name][i].item() for name in flat.dtype.names} for i in range(flat.size)]


def expected_of(kind: str, back: np.ndarray, fill) -> dict:
    """The manifest's `expected` member: the values read back, the fill element, their form."""
    flat = back.reshape(-1)
    fill_arr = np.array([fill], dtype=back.dtype)
    form = {"string": "string", "fixed_string": "string", "bytes": "base64", "null_terminated_bytes": "base64",
            "raw_bytes": "base64", "datetime": "int64", "timedelta": "int64", "struct": "object"}[kind]
    out = {"form": form, "values": json_elements(kind, flat), "fill": json_elements(kind, fill_arr)[0]}
    if kind in ("fixed_string", "null_terminated_bytes"):
        out["trailing_nuls_stripped"] = True
    if kind in ("datetime", "timedelta"):
        unit, scale = np.datetime_data(back.dtype)
        out["unit"], out["scale_factor"] = unit, scale
        if kind == "datetime" and unit != "generic" and flat.size >= 8:
            picks = [0, 1, 2, 3, 4, flat.size - 3]
            out["iso"] = [[i, str(np.datetime_as_string(flat[i]))] for i in picks]
    return out


# ---------------------------------------------------------------------------
# the matrix
# ---------------------------------------------------------------------------

ARRAYS: list[dict] = []


def add(path, kind, dtype, shape, chunks, *, formats=(3, 2), fill=None, missing=(), holes=(), comp3="auto",
        comp2="auto", shards=None, serializer=None, order="C", sep=".", long=False, never_written=False):
    """Register one array for the formats in `formats`.

    dtype: what create_array gets; `fill=None`: zarr-python's default fill; missing: chunk (or, when
    sharded, shard) indices set entirely to the fill; holes: regions (tuples of slices) set to the
    fill; comp3 / comp2: the compressors for v3 / v2 ("auto" is zarr-python's default); serializer:
    v3 only; order, sep: v2 only (memory order, dimension_separator); long: element 1 is LONG_STRING.
    """
    numpy_dtype = np.dtype(object) if kind in ("string", "bytes") else np.dtype(dtype)
    ARRAYS.append(dict(
        path=path, kind=kind, dtype=dtype, numpy=numpy_dtype, shape=tuple(shape), chunks=tuple(chunks),
        formats=formats, fill=fill, missing=[tuple(m) for m in missing], holes=list(holes), comp3=comp3,
        comp2=comp2, shards=tuple(shards) if shards else None, serializer=serializer, order=order, sep=sep,
        long=long, never_written=never_written, seed=5000 + len(ARRAYS),
    ))


def build_matrix():
    nc = numcodecs
    big = BytesCodec(endian="big")
    # -- variable-length UTF-8 strings
    add("strings/vlen_1d", "string", "str", (23,), (5,), missing=[(2,)])
    add("strings/vlen_2d_none", "string", "str", (7, 9), (4, 4), missing=[(0, 1), (1, 2)], comp3=None, comp2=None)
    add("strings/vlen_2d_gzip", "string", "str", (5, 6), (2, 4), formats=(3,), missing=[(1, 1)],
        comp3=[GzipCodec(level=5)])
    add("strings/vlen_2d_zlib", "string", "str", (5, 6), (2, 4), formats=(2,), missing=[(1, 1)],
        comp2=nc.Zlib(level=1))
    add("strings/vlen_1d_blosc", "string", "str", (23,), (5,), formats=(2,), missing=[(2,)],
        comp2=nc.Blosc(cname="lz4", clevel=5, shuffle=1))
    add("strings/vlen_long", "string", "str", (4,), (2,), long=True, comp2=nc.Zlib(level=6))
    add("strings/vlen_fill", "string", "str", (10,), (4,), fill="n/a ✓", missing=[(1,)], comp3=None, comp2=None)
    add("strings/vlen_0d", "string", "str", (), (), comp3=None, comp2=None)
    add("strings/vlen_2d_F", "string", "str", (5, 6), (2, 4), formats=(2,), order="F", missing=[(0, 1)], comp2=None)
    add("strings/vlen_2d_slash", "string", "str", (5, 6), (2, 4), formats=(2,), sep="/", missing=[(2, 0)],
        comp2=None)
    add("sharded/vlen_1d", "string", "str", (30,), (2,), formats=(3,), shards=(8,), missing=[(1,)],
        holes=[(slice(2, 4),), (slice(26, 28),)])
    add("sharded/vlen_2d_none", "string", "str", (10, 9), (2, 3), formats=(3,), shards=(4, 6), missing=[(1, 1)],
        holes=[(slice(0, 2), slice(3, 6)), (slice(8, 10), slice(0, 3))], comp3=None)
    # -- variable-length bytes
    add("bytes/vlen_1d", "bytes", VariableLengthBytes(), (17,), (4,), missing=[(2,)])
    add("bytes/vlen_2d_fill", "bytes", VariableLengthBytes(), (5, 6), (2, 4), fill=b"\x00\x01ab", missing=[(1, 0)],
        comp3=None, comp2=None)
    # -- fixed-length types: UTF-32 strings, NUL-padded bytes, raw bytes
    add("fixed/U4", "fixed_string", "<U4", (7, 5), (4, 4), missing=[(1, 1)], comp3=None, comp2=None)
    add("fixed/U4_be", "fixed_string", ">U4", (7, 5), (4, 4), missing=[(0, 1)], comp3=None, comp2=None)
    add("fixed/U4_bytes_big", "fixed_string", ">U4", (7, 5), (4, 4), formats=(3,), serializer=big, comp3=None)
    add("fixed/U4_fill", "fixed_string", "<U4", (10,), (4,), fill="zé", missing=[(1,)])
    add("fixed/S8", "null_terminated_bytes", "|S8", (13,), (4,), missing=[(1,)], comp3=None, comp2=None)
    add("fixed/S8_fill", "null_terminated_bytes", "|S8", (6,), (3,), fill=b"ab\x00c", missing=[(1,)],
        comp3=None, comp2=None)
    add("fixed/V4", "raw_bytes", "|V4", (5,), (2,), missing=[(1,)])
    add("fixed/V4_fill", "raw_bytes", "|V4", (9,), (4,), fill=b"\x01\x02\x03\x04", missing=[(1,)],
        comp3=None, comp2=None)
    # -- datetime64 / timedelta64: every unit, NaT (the default fill) in missing chunks
    for unit, word in DATETIME_UNITS.items():
        add(f"datetime64/{word}", "datetime", f"<M8[{unit}]", (13,), (5,), missing=[(1,)], comp3=None, comp2=None)
    for unit, word in DATETIME_UNITS.items():
        add(f"timedelta64/{word}", "timedelta", f"<m8[{unit}]", (13,), (5,), missing=[(1,)], comp3=None, comp2=None)
    add("datetime64/generic", "datetime", "<M8", (3,), (2,), comp3=None, comp2=None)
    add("datetime64/generic_unwritten", "datetime", "<M8", (3,), (2,), never_written=True)
    add("datetime64/scaled_10s", "datetime", "<M8[10s]", (13,), (5,), missing=[(1,)])
    add("datetime64/scaled_25ms", "datetime", "<M8[25ms]", (13,), (5,), missing=[(2,)])
    add("datetime64/seconds_fill", "datetime", "<M8[s]", (13,), (5,), fill=np.datetime64("2000-01-01T00:00:00", "s"),
        missing=[(1,)])
    add("datetime64/seconds_be", "datetime", ">M8[s]", (13,), (5,), missing=[(1,)], comp3=None, comp2=None)
    add("datetime64/seconds_bytes_big", "datetime", ">M8[s]", (13,), (5,), formats=(3,), serializer=big, comp3=None)
    add("datetime64/ns_2d", "datetime", "<M8[ns]", (5, 6), (2, 4), missing=[(1, 1)])
    add("timedelta64/generic", "timedelta", "<m8", (13,), (5,), missing=[(1,)], comp3=None, comp2=None)
    add("timedelta64/scaled_25ms", "timedelta", "<m8[25ms]", (13,), (5,), missing=[(1,)])
    add("timedelta64/ms_fill", "timedelta", "<m8[ms]", (13,), (5,), fill=np.timedelta64(5000, "ms"), missing=[(1,)])
    add("timedelta64/ms_be", "timedelta", ">m8[ms]", (13,), (5,), missing=[(1,)], comp3=None, comp2=None)
    add("timedelta64/seconds_bytes_big", "timedelta", "<m8[s]", (13,), (5,), formats=(3,), serializer=big,
        comp3=None)
    # -- structs
    ab = [("a", "<i4"), ("b", "<f8")]
    add("struct/a_i4_b_f8", "struct", ab, (5,), (2,), missing=[(1,)], comp3=None, comp2=None)
    add("struct/a_i4_b_f8_fill", "struct", ab, (4,), (2,), fill=(7, -1.5), missing=[(0,)])
    add("struct/packed_u1_i2_f4", "struct", [("x", "u1"), ("y", "<i2"), ("z", "<f4")], (4,), (4,),
        comp3=None, comp2=None)
    add("struct/be_fields", "struct", [("a", ">i4"), ("b", "<f8")], (3,), (2,), comp3=None, comp2=None)


# What zarr-python 3.4.2 refuses to create: (description, zarr_format, create_array arguments).
# The script checks that each is still refused and records the error in the manifest.
REFUSALS = [
    ('vlen bytes in v2 spelled dtype="bytes" (numpy reads it as |S0)', 2, dict(shape=(2,), dtype="bytes")),
    ("numpy object dtype (ambiguous: strings or bytes)", 3, dict(shape=(2,), dtype=object)),
    ("sharding in v2", 2, dict(shape=(4,), chunks=(2,), shards=(4,), dtype="str")),
    ("vlen strings with the bytes codec", 3, dict(shape=(2,), dtype="str", serializer=BytesCodec())),
    ("struct with a subarray field", 3, dict(shape=(2,), dtype=[("a", "<i4", (2,))])),
    ("struct with an object field", 3, dict(shape=(2,), dtype=[("a", "<i4"), ("s", "O")])),
    ("generic datetime64 with a fill other than NaT", 3,
     dict(shape=(2,), dtype="<M8", fill_value=np.datetime64(5, "s"))),
    ("fixed_length_utf32 of length 0 (<U0)", 3, dict(shape=(2,), dtype="<U0")),
]


def check_refusals() -> list:
    """Tries every REFUSALS case in a scratch store; stops if one is accepted."""
    found = []
    with tempfile.TemporaryDirectory() as scratch:
        for i, (what, fmt, kwargs) in enumerate(REFUSALS):
            try:
                zarr.create_array(LocalStore(scratch), name=f"r{i}", zarr_format=fmt, **kwargs)
            except (ValueError, TypeError) as e:
                found.append({"what": what, "zarr_format": fmt, "error": f"{type(e).__name__}: {e}"})
                continue
            raise SystemExit(f"zarr-python no longer refuses: {what}")
    return found


# ---------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------


def compressors_for(spec, fmt: int):
    """The compressors argument of create_array for one format."""
    return spec["comp3"] if fmt == 3 else spec["comp2"]


def create(root, spec, fmt: int):
    """Creates one array of the matrix in the group `root`."""
    kwargs = dict(shape=spec["shape"], chunks=spec["chunks"], dtype=spec["dtype"],
                  compressors=compressors_for(spec, fmt), config={"write_empty_chunks": False})
    if spec["fill"] is not None:
        kwargs["fill_value"] = spec["fill"]
    if fmt == 3:
        if spec["shards"]:
            kwargs["shards"] = spec["shards"]
        if spec["serializer"] is not None:
            kwargs["serializer"] = spec["serializer"]
    else:
        kwargs["order"] = spec["order"]
        kwargs["chunk_key_encoding"] = {"name": "v2", "separator": spec["sep"]}
    return root.create_array(spec["path"], **kwargs)


def needs_of(fmt: int, meta: dict) -> list:
    """The codec names an array needs beyond bytes/transpose/crc32c: vlen-utf8, vlen-bytes,
    sharding_indexed, zstd, gzip, blosc, and numcodecs.<id> for any other v2 codec."""
    if fmt == 2:
        return [n.removeprefix("numcodecs.") if n.startswith("numcodecs.vlen-") else n for n in m2.needs_of(meta)]
    found = []

    def walk(codecs):
        for c in codecs:
            if c["name"] not in ("bytes", "transpose", "crc32c"):
                found.append(c["name"])
            if c["name"] == "sharding_indexed":
                walk(c["configuration"]["codecs"])
    walk(meta["codecs"])
    return list(dict.fromkeys(found))


def check_read_back(where: str, back: np.ndarray, data: np.ndarray) -> None:
    """Stops unless zarr-python read back exactly the values written."""
    if back.shape != data.shape or element_keys(back) != element_keys(data):
        raise SystemExit(f"{where}: zarr-python read back other values than those written")


def write_format(out: Path, fmt: int) -> list:
    """Writes one hierarchy; returns its manifest entries."""
    store_dir = out / ROOTS[fmt]
    root = zarr.open_group(LocalStore(str(store_dir)), mode="w", zarr_format=fmt,
                           attributes={"title": f"SimpleZarr non-numeric data types, Zarr v{fmt}"})
    parents = {spec["path"].rsplit("/", 1)[0] for spec in ARRAYS if fmt in spec["formats"]}
    for group in sorted(parents):
        root.create_group(group, attributes={})
    entries = []
    for spec in ARRAYS:
        if fmt not in spec["formats"]:
            continue
        path = spec["path"]
        where = f"{ROOTS[fmt]}/{path}"
        arr = create(root, spec, fmt)
        fill = arr.fill_value
        data = make_values(spec, fill)
        if not spec["never_written"]:
            arr[...] = data
        else:
            data = np.full(spec["shape"], fill, dtype=data.dtype)
        opened = zarr.open_array(LocalStore(str(store_dir), read_only=True), path=path, mode="r")
        back = np.asarray(opened[...], dtype=opened.dtype)  # a 0-d read gives a scalar
        check_read_back(where, back, data)
        fill_key = element_keys(np.array([fill], dtype=back.dtype))[0]
        marks = fill_marks(data, fill_key)

        meta_name = "zarr.json" if fmt == 3 else ".zarray"
        meta = json.loads((store_dir / path / meta_name).read_text(encoding="utf-8"))
        entry = {"root": ROOTS[fmt], "path": path, "zarr_format": fmt, "kind": spec["kind"]}
        if fmt == 3:
            grid = meta["chunk_grid"]["configuration"]["chunk_shape"]
            entry.update(data_type=meta["data_type"], fill_value=meta["fill_value"], shape=meta["shape"],
                         chunk_shape=grid, codecs=meta["codecs"], chunk_key_encoding=meta["chunk_key_encoding"])
            cke = meta["chunk_key_encoding"]
        else:
            grid = meta["chunks"]
            entry.update(data_type=meta["dtype"], filters=meta["filters"], compressor=meta["compressor"],
                         fill_value=meta["fill_value"], shape=meta["shape"], chunk_shape=grid, order=meta["order"],
                         dimension_separator=meta["dimension_separator"])
            cke = {"name": "v2", "configuration": {"separator": meta["dimension_separator"]}}
        if spec["shards"]:
            missing, shards = msf.describe_shards(store_dir / path, meta, marks, 0, where)
            if not {tuple(m) for m in spec["missing"]} <= {tuple(m) for m in missing}:
                raise SystemExit(f"{where}: shards meant to be fill were stored: {spec['missing']} vs {missing}")
            entry.update(shard_shape=grid, inner_chunk_shape=msf.inner_chunk_shape(meta["codecs"]), shards=shards)
        else:
            missing = m2.stored_missing(store_dir, path, spec["shape"], grid, cke)
            mf.check_missing(where, marks, grid, b"\x00", spec["missing"], missing)
        entry["missing_chunks"] = missing
        entry["needs"] = needs_of(fmt, meta)
        entry["metadata"] = meta
        entry["expected"] = expected_of(spec["kind"], back, fill)
        entries.append(entry)
    return entries


NOTES = [
    "expected.values: every element as zarr-python 3.4.2 / numpy read it back, C order (flattened), also for "
    "v2 arrays with order F; expected.fill: one fill element in the same form.",
    "form 'string': JSON strings (vlen 'string' / '|O' + vlen-utf8, and fixed_length_utf32 / <U4 / >U4).",
    "form 'base64': each element's bytes as numpy returns them: vlen bytes whole, |S / null_terminated_bytes "
    "with trailing NUL bytes stripped (numpy drops them; NULs inside are kept), |V / raw_bytes whole.",
    "form 'int64': datetime64/timedelta64 counts of expected.unit x expected.scale_factor since 1970-01-01 "
    "(numpy .view('i8')); NaT is -9223372036854775808. expected.iso: [index, numpy datetime_as_string] pairs.",
    "form 'object': one {field: value} object per struct element.",
    "trailing_nuls_stripped: numpy strips trailing NULs from |S and <U elements, so a value ending in NUL bytes "
    "reads back shorter (b'ab\\x00\\x00' as b'ab').",
    "chunk_shape is the chunk grid's shape (for sharded arrays the shard shape, also given as shard_shape); "
    "missing_chunks: grid indices without a stored key (entirely the fill value); shards[].empty_inner_chunks: "
    "inner chunks the shard index marks empty (offset and nbytes 2^64-1).",
    "metadata: the zarr.json / .zarray document verbatim.",
]


def main(argv):
    out = Path(argv[1]).resolve() if len(argv) > 1 else mf.DEFAULT_OUT
    build_matrix()
    for d in ROOTS.values():
        if (out / d).exists():
            shutil.rmtree(out / d)
    refused = check_refusals()
    arrays = write_format(out, 3) + write_format(out, 2)
    manifest = {
        "zarr_python_version": zarr.__version__,
        "numcodecs_version": numcodecs.__version__,
        "numpy_version": np.__version__,
        "roots": {f"v{fmt}": name for fmt, name in ROOTS.items()},
        "notes": NOTES,
        "refused": refused,
        "arrays": arrays,
    }
    text = json.dumps(manifest, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    (out / MANIFEST).write_text(text, encoding="utf-8")
    parts = [out / d for d in ROOTS.values()] + [out / MANIFEST]
    total = sum(f.stat().st_size for p in parts for f in ([p] if p.is_file() else p.rglob("*")) if f.is_file())
    counts = {fmt: sum(1 for a in arrays if a["zarr_format"] == fmt) for fmt in ROOTS}
    print(f"wrote {counts[3]} v3 and {counts[2]} v2 arrays, {len(refused)} refusals, to {out} ({total} bytes)")


if __name__ == "__main__":
    main(sys.argv)
