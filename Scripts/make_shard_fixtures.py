#!/usr/bin/env python3
"""Generate the sharded (``sharding_indexed``) interop fixtures for SimpleZarr.

One script, two writers, two Python environments:

    .venv-interop/bin/python Scripts/make_shard_fixtures.py --writer zarr-python [OUTDIR]
    /work/main/.venv-bench/bin/python Scripts/make_shard_fixtures.py --writer tensorstore [OUTDIR]

The first runs with the interop venv of Scripts/venv.sh (zarr 3.4.2); the second needs
tensorstore 0.1.86, which only the benchmark venv has (it also holds zarr 3.4.2, used to read
tensorstore's arrays back).  OUTDIR defaults to Tests/SimpleZarrTests/Fixtures.  Each run writes,
deterministically, only its own writer's part:

  OUTDIR/sharded-zarr-python/      one Zarr v3 hierarchy written by zarr-python   (zarr-python)
  OUTDIR/sharded-tensorstore/<n>/  one Zarr v3 array per name, tensorstore "zarr3" (tensorstore)
  OUTDIR/expected-sharded/<writer>__<path with "/" as "__">.bin
                                   every array's values, C order, little-endian (as expected/)
  OUTDIR/manifest-sharded.json     every array of both writers; a run replaces its writer's
                                   entries and keeps the other's (see Fixtures/README.md)

For every shard the script reads the shard index itself (from the start or the end of the shard,
checking its crc32c), records the inner chunks marked empty, and stops unless they are exactly
the inner chunks holding nothing but the fill value; likewise the shards without a stored key must
be exactly the fill-only ones.  Every array is read back with zarr-python (and, for tensorstore's,
with tensorstore) and the script stops unless the values agree bit for bit with those written.
Values, the little-endian encoding and the chunk arithmetic come from make_fixtures.py.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import itertools
import json
import math
import shutil
import sys
import warnings
from pathlib import Path

import google_crc32c
import numpy as np
import zarr
from zarr.codecs import (
    BloscCodec,
    BytesCodec,
    Crc32cCodec,
    GzipCodec,
    ShardingCodec,
    TransposeCodec,
    ZstdCodec,
)
from zarr.storage import LocalStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_fixtures as mf  # noqa: E402  (also makes numcodecs' gzip write MTIME 0)

warnings.simplefilter("ignore")

ZARR_PYTHON_DIR = "sharded-zarr-python"
TENSORSTORE_DIR = "sharded-tensorstore"
EXPECTED_DIR = "expected-sharded"
MANIFEST = "manifest-sharded.json"
EMPTY = 2**64 - 1  # offset and nbytes of an inner chunk that is not stored

# ---------------------------------------------------------------------------
# helpers: reading a shard index
# ---------------------------------------------------------------------------


def index_layout(config: dict) -> tuple[bool, bool]:
    """(has a crc32c, little-endian) for the index codecs of a sharding configuration; only the
    layouts the fixtures use (bytes, optionally followed by crc32c) are understood."""
    names = [c["name"] for c in config["index_codecs"]]
    if names not in (["bytes"], ["bytes", "crc32c"]):
        raise SystemExit(f"index_codecs {names}: not a layout this script reads")
    endian = config["index_codecs"][0].get("configuration", {}).get("endian", "little")
    return names[-1] == "crc32c", endian == "little"


def index_byte_count(config: dict, per_shard: tuple) -> int:
    """The encoded size of a shard index: 16 bytes per inner chunk, plus 4 for a crc32c."""
    has_crc, _ = index_layout(config)
    return 16 * math.prod(per_shard) + (4 if has_crc else 0)


def read_index(blob: bytes, config: dict, per_shard: tuple, where: str) -> np.ndarray:
    """The (offset, nbytes) pairs of a shard's index, shaped per_shard + (2,), after checking
    the index's crc32c and that every stored inner chunk lies inside the shard."""
    has_crc, little = index_layout(config)
    size = index_byte_count(config, per_shard)
    if len(blob) < size:
        raise SystemExit(f"{where}: {len(blob)} bytes, shorter than its {size}-byte index")
    start = config.get("index_location", "end") == "start"
    raw = blob[:size] if start else blob[len(blob) - size:]
    if has_crc:
        body, stored = raw[:-4], raw[-4:]
        if google_crc32c.value(body).to_bytes(4, "little") != stored:
            raise SystemExit(f"{where}: the index crc32c does not match")
        raw = body
    pairs = np.frombuffer(raw, dtype="<u8" if little else ">u8").reshape(per_shard + (2,))
    for offset, nbytes in pairs.reshape(-1, 2).tolist():
        if (offset, nbytes) != (EMPTY, EMPTY) and offset + nbytes > len(blob):
            raise SystemExit(f"{where}: inner chunk at {offset}+{nbytes} runs past the shard's end")
    return pairs


def sharding_config(codecs: list) -> tuple[list, dict, list]:
    """Splits a codec list around its sharding codec: (array->array codecs before it, its
    configuration, bytes->bytes codecs after it)."""
    names = [c["name"] for c in codecs]
    at = names.index("sharding_indexed")
    return codecs[:at], codecs[at]["configuration"], codecs[at + 1:]


def strip_outer(blob: bytes, after: list, where: str) -> bytes:
    """Undoes the bytes->bytes codecs after the sharding codec (only crc32c is used here)."""
    for codec in reversed(after):
        if codec["name"] != "crc32c":
            raise SystemExit(f"{where}: codec {codec['name']} after sharding_indexed: not one this script reads")
        if google_crc32c.value(blob[:-4]).to_bytes(4, "little") != blob[-4:]:
            raise SystemExit(f"{where}: the outer crc32c does not match")
        blob = blob[:-4]
    return blob


def apply_array_codecs(block: np.ndarray, before: list) -> np.ndarray:
    """The shard's values as the sharding codec sees them, after the array->array codecs."""
    for codec in before:
        if codec["name"] != "transpose":
            raise SystemExit(f"array->array codec {codec['name']}: not one this script reads")
        block = np.transpose(block, codec["configuration"]["order"])
    return block


def is_fill_only(block: np.ndarray, fill_bytes: bytes) -> bool:
    """True if every element of `block` is the fill value, bit for bit."""
    return mf.to_le_bytes(block) == fill_bytes * block.size


def describe_shard(blob: bytes, block: np.ndarray, codecs: list, fill_bytes: bytes, where: str) -> dict:
    """What one stored shard holds: its size, the inner chunks its index marks empty (which must
    be exactly the fill-only ones), and, for a nested sharding codec, the same for every stored
    inner chunk. `block` is the shard's values, padded with the fill value to the shard shape."""
    before, config, after = sharding_config(codecs)
    block = apply_array_codecs(block, before)
    inner = tuple(config["chunk_shape"])
    per_shard = tuple(s // c for s, c in zip(block.shape, inner))
    content = strip_outer(blob, after, where)
    pairs = read_index(content, config, per_shard, where)
    nested_codecs = config["codecs"] if any(c["name"] == "sharding_indexed" for c in config["codecs"]) else None
    empty, nested = [], []
    for idx in itertools.product(*[range(n) for n in per_shard]):
        offset, nbytes = (int(v) for v in pairs[idx])
        part = block[tuple(slice(i * c, (i + 1) * c) for i, c in zip(idx, inner))]
        fill_only = is_fill_only(part, fill_bytes)
        if (offset, nbytes) == (EMPTY, EMPTY):
            if not fill_only:
                raise SystemExit(f"{where}: inner chunk {list(idx)} is empty in the index but holds data")
            empty.append(list(idx))
            continue
        if fill_only:
            raise SystemExit(f"{where}: inner chunk {list(idx)} holds only the fill value but is stored")
        if nested_codecs is not None:
            sub = describe_shard(content[offset:offset + nbytes], part, nested_codecs, fill_bytes,
                                 f"{where} inner {list(idx)}")
            nested.append({"inner_chunk": list(idx), "bytes": nbytes, "empty_inner_chunks": sub["empty_inner_chunks"]})
    entry = {"bytes": len(blob), "empty_inner_chunks": empty}
    if nested_codecs is not None:
        entry["nested"] = nested
    return entry


def padded_shard(data: np.ndarray, idx, shard_shape, fill) -> np.ndarray:
    """The values of shard `idx`, padded with the fill value to the whole shard shape."""
    block = np.full(shard_shape, fill, dtype=data.dtype)
    region = mf.chunk_slices(idx, data.shape, shard_shape)
    block[tuple(slice(0, s.stop - s.start) for s in region)] = data[region]
    return block


def describe_shards(folder: Path, meta: dict, data: np.ndarray, fill, where: str) -> tuple[list, list]:
    """(missing shards, one description per stored shard) of the array in `folder`, checking
    that the shards without a key are exactly those holding only the fill value."""
    shape, shard_shape = meta["shape"], meta["chunk_grid"]["configuration"]["chunk_shape"]
    fill_bytes = mf.to_le_bytes(np.asarray(fill, dtype=data.dtype))
    missing, shards = [], []
    for idx in mf.all_chunk_indices(shape, shard_shape):
        key = mf.chunk_key(idx, meta["chunk_key_encoding"])
        block = padded_shard(data, idx, shard_shape, fill)
        path = folder / key
        if not path.is_file():
            if not is_fill_only(block, fill_bytes):
                raise SystemExit(f"{where}: shard {key} holds data but was not stored")
            missing.append(list(idx))
            continue
        if is_fill_only(block, fill_bytes):
            raise SystemExit(f"{where}: shard {key} holds only the fill value but was stored")
        described = describe_shard(path.read_bytes(), block, meta["codecs"], fill_bytes, f"{where} {key}")
        shards.append({"index": list(idx), "key": key, **described})
    return missing, shards


def inner_chunk_shape(codecs: list) -> list:
    """The inner chunk shape of the (outermost) sharding codec."""
    return sharding_config(codecs)[1]["chunk_shape"]


def needs_of(codecs: list) -> list:
    """The codec names beyond the core ones, sharding_indexed first, then those inside it."""
    found = []

    def walk(items):
        for c in items:
            if c["name"] in ("sharding_indexed", "gzip", "zstd", "blosc"):
                found.append(c["name"])
            if c["name"] == "sharding_indexed":
                walk(c["configuration"]["codecs"])
                walk(c["configuration"]["index_codecs"])
    walk(codecs)
    return list(dict.fromkeys(found))


# ---------------------------------------------------------------------------
# the values: holes (fill-only inner chunks) and missing (fill-only) shards
# ---------------------------------------------------------------------------


def make_values(spec) -> np.ndarray:
    """The values of one array: generated values, with the inner chunks in `holes` (indices in
    the grid of inner chunks over the whole array) and the shards in `missing` set to fill."""
    dtype, shape = spec["dtype"], spec["shape"]
    fill = mf.fill_scalar(dtype, spec["fill"])
    if spec["never_written"]:
        return np.full(shape, fill, dtype=dtype)
    values = mf.smooth_values if spec["smooth"] else mf.gen_values
    data = values(dtype, shape, spec["seed"])
    for idx in spec["holes"]:
        data[mf.chunk_slices(idx, shape, spec["inner"])] = fill
    for idx in spec["missing"]:
        data[mf.chunk_slices(idx, shape, spec["shards"])] = fill
    return data


def read_back_zarr_python(folder: Path, path: str | None = None) -> np.ndarray:
    """The array as zarr-python reads it from a fresh, read-only store."""
    return np.asarray(zarr.open_array(LocalStore(str(folder), read_only=True), path=path, mode="r")[...])


def check_same(where: str, who: str, back: np.ndarray, data: np.ndarray) -> None:
    """Stops unless `back` holds the values of `data`, bit for bit, with the same type and shape."""
    if back.shape != data.shape or back.dtype != data.dtype:
        raise SystemExit(f"{where}: {who} read {back.dtype}{back.shape}, wrote {data.dtype}{data.shape}")
    if mf.to_le_bytes(back) != mf.to_le_bytes(data):
        raise SystemExit(f"{where}: {who} read back values other than those written")


# ---------------------------------------------------------------------------
# zarr-python's matrix
# ---------------------------------------------------------------------------

ARRAYS: list[dict] = []


def add(path, dtype, shape, shards, inner, *, fill=0, sharding=None, filters=None, compressors="auto",
        serializer="auto", holes=(), missing=(), never_written=False, smooth=False, writer="zarr-python"):
    """Register one array.

    shards / inner: the shard shape (the array's chunk grid) and the inner chunk shape.
    sharding: a ShardingCodec given as the serializer (then `filters` go before it and
      `compressors` after it); otherwise zarr-python builds one from shards= and chunks=, with
      `filters`, `serializer` and `compressors` inside it (the compressors default to zstd).
    holes: inner chunk indices (over the whole array) set to fill; missing: shard indices set to fill.
    """
    ARRAYS.append(dict(path=path, dtype=dtype, shape=tuple(shape), shards=tuple(shards), inner=tuple(inner),
                       fill=fill, sharding=sharding, filters=filters, compressors=compressors,
                       serializer=serializer, holes=[tuple(h) for h in holes], missing=[tuple(m) for m in missing],
                       never_written=never_written, smooth=smooth, writer=writer, seed=6000 + len(ARRAYS)))


def sc(inner, codecs, index_codecs=None, location="end", order="morton"):
    """An explicit ShardingCodec."""
    kwargs = {} if index_codecs is None else {"index_codecs": index_codecs}
    return ShardingCodec(chunk_shape=inner, codecs=codecs, index_location=location, subchunk_write_order=order,
                         **kwargs)


LE = BytesCodec(endian="little")
BE = BytesCodec(endian="big")
ZSTD = ZstdCodec(level=3, checksum=False)


def build_zarr_python_matrix():
    # (20, 13) in 8x8 shards of 4x4 inner chunks: edge shards in both dimensions, and edge inner
    # chunks in them (20 = 2*8 + 4, 13 = 8 + 4 + 1); one hole, one missing shard.
    edge = dict(shape=(20, 13), shards=(8, 8), inner=(4, 4))
    holes, missing = [(0, 1), (3, 2)], [(1, 1)]

    # -- zarr.create_array(shards=, chunks=): zarr-python's defaults (bytes + zstd inside, index at
    #    the end with bytes + crc32c)
    add("defaults/uint16_smooth", "uint16", **edge, holes=holes, missing=missing, smooth=True)
    add("defaults/float32_nan", "float32", **edge, holes=holes, missing=missing)

    # -- index location and index codecs (explicit ShardingCodec)
    crc = [LE, Crc32cCodec()]
    add("index/end_crc32c_int16", "int16", **edge, sharding=sc((4, 4), [LE, ZSTD], crc, "end"),
        holes=holes, missing=missing)
    add("index/start_crc32c_int16", "int16", **edge, sharding=sc((4, 4), [LE, ZSTD], crc, "start"),
        holes=holes, missing=missing)
    add("index/end_bytes_only_uint16", "uint16", **edge, sharding=sc((4, 4), [LE, ZSTD], [LE], "end"),
        holes=holes, missing=missing, smooth=True)
    add("index/start_bytes_only_float64", "float64", **edge, sharding=sc((4, 4), [LE, ZSTD], [LE], "start"),
        holes=holes, missing=missing)

    # -- inner codecs
    add("inner/bytes_zstd_float32", "float32", **edge, sharding=sc((4, 4), [LE, ZSTD]), holes=holes, smooth=True)
    add("inner/bytes_gzip_float64", "float64", **edge, sharding=sc((4, 4), [LE, GzipCodec(level=6)]),
        holes=holes, missing=missing)
    add("inner/transpose_bytes_zstd_uint16", "uint16", **edge,
        sharding=sc((4, 4), [TransposeCodec(order=(1, 0)), LE, ZSTD]), holes=holes, missing=missing)
    add("inner/bytes_only_uint8", "uint8", **edge, sharding=sc((4, 4), [LE]), holes=holes, missing=missing)
    add("inner/bytes_big_endian_int16", "int16", **edge, sharding=sc((4, 4), [BE]), holes=holes)
    add("inner/blosc_lz4_shuffle_float32", "float32", **edge,
        sharding=sc((4, 4), [LE, BloscCodec(cname="lz4", clevel=5, shuffle="shuffle")]), holes=holes,
        missing=missing, smooth=True)
    add("inner/blosc_zstd_bitshuffle_uint16", "uint16", **edge,
        sharding=sc((4, 4), [LE, BloscCodec(cname="zstd", clevel=3, shuffle="bitshuffle")]), holes=holes,
        smooth=True)
    add("inner/filters_transpose_default_int16", "int16", (9, 10, 11), (4, 4, 4), (2, 2, 4),
        filters=[TransposeCodec(order=(2, 0, 1))], holes=[(0, 0, 0), (4, 4, 2)], missing=[(2, 2, 2)])

    # -- data types (default pipeline: bytes + zstd inside, crc32c index at the end)
    for t in ("uint8", "int16", "float32", "float64", "complex64", "bool"):
        add(f"dtypes/{t}", t, **edge, fill=False if t == "bool" else 0, holes=holes, missing=missing)

    # -- shapes: 1-d, 3-d, a shard larger than the array, one inner chunk per shard
    add("shapes/1d_int16", "int16", (50,), (16,), (4,), holes=[(1,), (5,)], missing=[(2,)])
    add("shapes/3d_uint16", "uint16", (9, 10, 11), (4, 4, 4), (2, 2, 2), holes=[(0, 0, 0), (3, 2, 1)],
        missing=[(1, 1, 1)], smooth=True)
    add("shapes/shard_larger_than_array_float32", "float32", (5, 7), (8, 8), (4, 4), holes=[(1, 1)])
    add("shapes/one_inner_chunk_per_shard_int16", "int16", (9, 10), (4, 4), (4, 4), missing=[(1, 1)])

    # -- missing inner chunks and shards, fill values
    add("missing/fill7_uint8", "uint8", **edge, fill=7, holes=[(0, 0), (1, 2), (4, 3)], missing=[(0, 1)])
    add("missing/fill_nan_float32", "float32", **edge, fill=float("nan"), holes=holes, missing=missing)
    add("missing/fill_negative_int16_bytes_only", "int16", **edge, fill=-1234, sharding=sc((4, 4), [LE]),
        holes=[(0, 0), (2, 1)], missing=[(0, 1), (2, 0)])
    add("missing/never_written_float64", "float64", **edge, fill=2.5, never_written=True)

    # -- nested sharding: the inner chunks of a shard are themselves shards
    add("nested/two_levels_uint16", "uint16", (30, 27), (16, 16), (8, 8),
        sharding=sc((8, 8), [sc((2, 2), [LE, ZSTD])]), holes=[(0, 0), (3, 2)], missing=[(1, 1)], smooth=True)
    add("nested/two_levels_start_gzip_int16", "int16", (30, 27), (16, 16), (8, 8),
        sharding=sc((8, 8), [sc((4, 2), [LE, GzipCodec(level=1)], [LE], "start")], location="start"),
        holes=[(1, 0)], missing=[(0, 1)])

    # -- many inner chunks per shard (8x8 = 64), for coalescing tests; some holes
    add("coalesce/8x8_inner_chunks_uint16", "uint16", (64, 40), (32, 32), (4, 4),
        holes=[(0, 0), (0, 1), (3, 3), (9, 5), (15, 9)], smooth=True)

    # -- the order inner chunks are written in (the index order stays C order)
    add("order/lexicographic_int16", "int16", **edge, sharding=sc((4, 4), [LE, ZSTD], order="lexicographic"),
        holes=holes)
    add("order/colexicographic_uint8", "uint8", **edge, sharding=sc((4, 4), [LE], order="colexicographic"),
        holes=holes)

    # -- codecs around the sharding codec: a transpose before it, a crc32c after it
    add("outer/transpose_then_sharding_float32", "float32", **edge, filters=[TransposeCodec(order=(1, 0))],
        sharding=sc((4, 4), [LE, ZSTD]), holes=holes, missing=missing)
    add("outer/sharding_then_crc32c_int16", "int16", **edge, sharding=sc((4, 4), [LE, ZSTD]),
        compressors=[Crc32cCodec()], holes=holes, missing=missing)


def create_zarr_python(root, spec):
    """Creates one array of the zarr-python matrix in the group `root`."""
    common = dict(shape=spec["shape"], dtype=spec["dtype"], fill_value=spec["fill"],
                  config={"write_empty_chunks": False})
    if spec["sharding"] is not None:
        return root.create_array(spec["path"], chunks=spec["shards"], serializer=spec["sharding"],
                                 filters=spec["filters"],
                                 compressors=None if spec["compressors"] == "auto" else spec["compressors"], **common)
    return root.create_array(spec["path"], shards=spec["shards"], chunks=spec["inner"],
                             filters=spec["filters"] if spec["filters"] is not None else "auto",
                             serializer=spec["serializer"], compressors=spec["compressors"], **common)


def write_zarr_python(out: Path, exp_dir: Path) -> list:
    """Writes zarr-python's hierarchy and expected values; returns the manifest entries."""
    build_zarr_python_matrix()
    store_dir = out / ZARR_PYTHON_DIR
    root = zarr.open_group(LocalStore(str(store_dir)), mode="w", zarr_format=3,
                           attributes={"title": "SimpleZarr sharded fixtures", "written_by": "zarr-python"})
    entries = []
    for spec in ARRAYS:
        path = spec["path"]
        arr = create_zarr_python(root, spec)
        data = make_values(spec)
        if not spec["never_written"]:
            arr[...] = data
        check_same(path, "zarr-python", read_back_zarr_python(store_dir, path), data)
        entries.append(manifest_entry("zarr-python", ZARR_PYTHON_DIR, path, store_dir / path, spec, data, exp_dir))
    return entries


# ---------------------------------------------------------------------------
# tensorstore's matrix
# ---------------------------------------------------------------------------

TS_ARRAYS: list[dict] = []


def ts_sharding(inner, codecs, location="end", index_crc=True) -> dict:
    """A sharding_indexed codec as JSON, with the inner `codecs` as JSON."""
    index_codecs = [{"name": "bytes", "configuration": {"endian": "little"}}]
    if index_crc:
        index_codecs.append({"name": "crc32c"})
    return {"name": "sharding_indexed", "configuration": {
        "chunk_shape": list(inner), "codecs": codecs, "index_codecs": index_codecs, "index_location": location}}


def ts_add(name, dtype, shape, shards, inner, codecs, *, fill=0, location="end", index_crc=True, before=(),
           holes=(), missing=(), smooth=False):
    """Register one tensorstore array; `codecs` are the inner codecs as JSON, `before` the
    array->array codecs before the sharding codec."""
    TS_ARRAYS.append(dict(path=name, dtype=dtype, shape=tuple(shape), shards=tuple(shards), inner=tuple(inner),
                          codecs=list(before) + [ts_sharding(inner, codecs, location, index_crc)], fill=fill,
                          holes=[tuple(h) for h in holes], missing=[tuple(m) for m in missing],
                          never_written=False, smooth=smooth, seed=7000 + len(TS_ARRAYS)))


J_LE = {"name": "bytes", "configuration": {"endian": "little"}}
J_ZSTD = {"name": "zstd", "configuration": {"level": 3, "checksum": False}}
J_GZIP = {"name": "gzip", "configuration": {"level": 6}}


def build_tensorstore_matrix():
    edge = dict(shape=(20, 13), shards=(8, 8), inner=(4, 4))
    holes, missing = [(0, 1), (3, 2)], [(1, 1)]
    ts_add("end_zstd_uint16", "uint16", **edge, codecs=[J_LE, J_ZSTD], holes=holes, missing=missing, smooth=True)
    ts_add("start_zstd_float32", "float32", **edge, codecs=[J_LE, J_ZSTD], location="start", holes=holes,
           missing=missing)
    ts_add("end_gzip_int16", "int16", **edge, codecs=[J_LE, J_GZIP], holes=holes, missing=missing)
    ts_add("start_gzip_float64", "float64", **edge, codecs=[J_LE, J_GZIP], location="start", holes=holes)
    ts_add("end_bytes_only_index_uint8", "uint8", **edge, codecs=[J_LE, J_ZSTD], index_crc=False, holes=holes,
           missing=missing)
    ts_add("end_zstd_3d_int32", "int32", (9, 10, 11), (4, 4, 4), (2, 2, 2), [J_LE, J_ZSTD],
           holes=[(0, 0, 0), (3, 2, 1)], missing=[(1, 1, 1)])
    ts_add("start_zstd_1d_complex64", "complex64", (50,), (16,), (4,), [J_LE, J_ZSTD], location="start",
           holes=[(1,), (5,)], missing=[(2,)])
    ts_add("end_gzip_fill7_uint8", "uint8", **edge, codecs=[J_LE, J_GZIP], fill=7, holes=[(0, 0), (1, 2), (4, 3)],
           missing=[(0, 1)])
    ts_add("end_zstd_bool", "bool", **edge, codecs=[J_LE, J_ZSTD], fill=False, holes=holes, missing=missing)
    ts_add("end_zstd_8x8_inner_uint16", "uint16", (64, 40), (32, 32), (4, 4), [J_LE, J_ZSTD],
           holes=[(0, 0), (0, 1), (3, 3), (9, 5), (15, 9)], smooth=True)
    ts_add("nested_start_end_zstd_uint16", "uint16", (30, 27), (16, 16), (8, 8),
           [ts_sharding((2, 2), [J_LE, J_ZSTD])], location="start", holes=[(0, 0), (3, 2)], missing=[(1, 1)],
           smooth=True)
    ts_add("transpose_then_sharding_gzip_float32", "float32", **edge, codecs=[J_LE, J_GZIP],
           before=[{"name": "transpose", "configuration": {"order": [1, 0]}}], holes=holes, missing=missing)


def ts_json_fill(dtype: str, fill):
    """The fill value as tensorstore's zarr3 metadata takes it (complex as [re, im])."""
    if dtype == "bool":
        return bool(fill)
    if dtype.startswith("complex"):
        return [complex(fill).real, complex(fill).imag]
    return fill


def write_tensorstore(out: Path, exp_dir: Path) -> list:
    """Writes tensorstore's arrays and expected values; returns the manifest entries."""
    import tensorstore as ts

    build_tensorstore_matrix()
    store_dir = out / TENSORSTORE_DIR
    entries = []
    for spec in TS_ARRAYS:
        folder = store_dir / spec["path"]
        metadata = {
            "shape": list(spec["shape"]), "data_type": spec["dtype"],
            "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": list(spec["shards"])}},
            "fill_value": ts_json_fill(spec["dtype"], spec["fill"]), "codecs": spec["codecs"],
        }
        handle = ts.open({"driver": "zarr3", "kvstore": {"driver": "file", "path": str(folder)},
                          "metadata": metadata, "create": True, "delete_existing": True}).result()
        data = make_values(spec)
        handle[...].write(data).result()
        fresh = ts.open({"driver": "zarr3", "kvstore": {"driver": "file", "path": str(folder)}, "open": True},
                        read=True).result()
        check_same(spec["path"], "tensorstore", np.asarray(fresh.read().result()), data)
        check_same(spec["path"], "zarr-python", read_back_zarr_python(folder), data)
        entries.append(manifest_entry("tensorstore", TENSORSTORE_DIR, spec["path"], folder, spec, data, exp_dir))
    return entries


# ---------------------------------------------------------------------------
# the manifest
# ---------------------------------------------------------------------------


def manifest_entry(writer: str, root: str, path: str, folder: Path, spec, data: np.ndarray, exp_dir: Path) -> dict:
    """Writes the expected file of one array and returns its manifest entry."""
    meta = json.loads((folder / "zarr.json").read_text(encoding="utf-8"))
    fill = mf.fill_scalar(spec["dtype"], spec["fill"])
    missing, shards = describe_shards(folder, meta, data, fill, f"{writer} {path}")
    name = f"{writer}__{path.replace('/', '__')}"
    (exp_dir / f"{name}.bin").write_bytes(mf.to_le_bytes(data))
    entry = mf.v3_manifest_entry(path, f"{EXPECTED_DIR}/{name}.bin", meta, missing, needs_of(meta["codecs"]))
    del entry["missing_chunks"]
    shard_shape = meta["chunk_grid"]["configuration"]["chunk_shape"]
    return {"writer": writer, "root": root, **entry, "shard_shape": shard_shape,
            "inner_chunk_shape": inner_chunk_shape(meta["codecs"]), "zarr_json": meta,
            "missing_shards": missing, "shards": shards}


WRITERS = {"zarr-python": (ZARR_PYTHON_DIR, write_zarr_python), "tensorstore": (TENSORSTORE_DIR, write_tensorstore)}


def versions(writer: str) -> dict:
    """The versions of the packages that wrote (and checked) a writer's arrays."""
    names = ["zarr", "numcodecs", "numpy"] + (["tensorstore"] if writer == "tensorstore" else [])
    return {n: importlib.metadata.version(n) for n in names}


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writer", choices=sorted(WRITERS), default="zarr-python")
    parser.add_argument("outdir", nargs="?", default=str(mf.DEFAULT_OUT))
    args = parser.parse_args(argv[1:])
    out = Path(args.outdir).resolve()
    root, write = WRITERS[args.writer]
    exp_dir = out / EXPECTED_DIR
    if (out / root).exists():
        shutil.rmtree(out / root)
    exp_dir.mkdir(parents=True, exist_ok=True)
    for old in exp_dir.glob(f"{args.writer}__*.bin"):
        old.unlink()

    entries = write(out, exp_dir)

    manifest_path = out / MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    writers = {k: v for k, v in manifest.get("writers", {}).items() if k != args.writer}
    writers[args.writer] = {"root": root, "versions": versions(args.writer)}
    arrays = [a for a in manifest.get("arrays", []) if a["writer"] != args.writer] + entries
    arrays.sort(key=lambda a: (a["writer"] != "zarr-python", a["path"]))
    manifest = {"writers": dict(sorted(writers.items())), "arrays": arrays}
    text = json.dumps(manifest, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    manifest_path.write_text(text, encoding="utf-8")
    folders = [out / ZARR_PYTHON_DIR, out / TENSORSTORE_DIR, exp_dir]
    total = sum(f.stat().st_size for d in folders if d.exists() for f in d.rglob("*") if f.is_file())
    total += manifest_path.stat().st_size
    print(f"wrote {len(entries)} {args.writer} arrays ({len(arrays)} in the manifest; "
          f"all sharded fixtures: {total} bytes)")


if __name__ == "__main__":
    main(sys.argv)
