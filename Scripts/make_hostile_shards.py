#!/usr/bin/env python3
"""Writes Tests/SimpleZarrTests/Fixtures/hostile-shards/: a valid sharded array written by
zarr-python, and copies of it whose shards were corrupted by hand, one corruption per shard
(issue 11).  Run with the interop venv's python (see Scripts/venv.sh):

    .venv-interop/bin/python Scripts/make_hostile_shards.py [OUTDIR]

OUTDIR defaults to Tests/SimpleZarrTests/Fixtures.  It writes, deterministically:

  OUTDIR/hostile-shards/valid-end/, valid-start/      two arrays written by zarr-python (32x32
        uint16 in 8x8 shards of 4x4 inner chunks, bytes + zstd inside, a bytes + crc32c index
        at the end / at the start)
  OUTDIR/hostile-shards/corrupt-end/, corrupt-start/  the same arrays with one shard per case
        replaced by a corrupted one (every other shard left as written)
  OUTDIR/hostile-shards/expected.bin                  the values of the valid arrays (C order,
        little-endian, as in expected/)
  OUTDIR/hostile-shards/cases.json                    every corrupted shard: the array (and the
        valid one it was copied from), the shard index, its key, the case, what reading it must do,
        and what zarr-python makes of it

"error": reading the shard must throw an error whose message holds the shard's store key;
"fill": the shard is valid and reads as the fill value.  Where a case is not about the checksum,
the index crc32c is recomputed after the corruption, so that a reader gets past the checksum and
meets the corruption itself.  The shard index is read with the helpers of make_shard_fixtures.py.
"""

from __future__ import annotations

import json
import shutil
import sys
import warnings
from pathlib import Path

import google_crc32c
import numpy as np
import zarr
from zarr.codecs import BytesCodec, Crc32cCodec, ShardingCodec, ZstdCodec
from zarr.storage import LocalStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_fixtures as mf  # noqa: E402
import make_shard_fixtures as msf  # noqa: E402

warnings.simplefilter("ignore")

OUT_NAME = "hostile-shards"
SHAPE, SHARDS, INNER = (32, 32), (8, 8), (4, 4)
PER_SHARD = tuple(s // c for s, c in zip(SHARDS, INNER))
U64_MAX = 2**64 - 1

# ---------------------------------------------------------------------------
# the corruptions: each takes a valid shard and the sharding configuration
# ---------------------------------------------------------------------------


def split(blob: bytes, config: dict) -> tuple[bytes, np.ndarray]:
    """(the shard without its index, the index's (offset, nbytes) pairs, one row per inner chunk)."""
    size = msf.index_byte_count(config, PER_SHARD)
    pairs = msf.read_index(blob, config, PER_SHARD, "valid shard").reshape(-1, 2).astype(np.uint64)
    at_start = config.get("index_location", "end") == "start"
    return (blob[size:] if at_start else blob[:-size]), pairs.copy()


def encode_index(pairs: np.ndarray, crc: bool = True) -> bytes:
    """The index bytes of `pairs` (little-endian), with a freshly computed crc32c."""
    body = pairs.astype("<u8").tobytes()
    return body + (google_crc32c.value(body).to_bytes(4, "little") if crc else b"")


def join(data: bytes, index: bytes, config: dict) -> bytes:
    """A shard from its data and index bytes, the index where the configuration puts it."""
    return index + data if config.get("index_location", "end") == "start" else data + index


def with_pairs(edit):
    """A corruption that edits the index pairs (offsets counted as in the valid shard) and
    re-encodes the index with a correct crc32c."""
    def corrupt(blob: bytes, config: dict) -> bytes:
        data, pairs = split(blob, config)
        edit(pairs, len(blob))
        return join(data, encode_index(pairs), config)
    return corrupt


def set_entry(i: int, offset=None, nbytes=None, *, offset_from_size=None):
    """Sets inner chunk i's offset (or shard size + offset_from_size) and/or nbytes."""
    def edit(pairs, size):
        if offset_from_size is not None:
            pairs[i, 0] = size + offset_from_size
        if offset is not None:
            pairs[i, 0] = offset
        if nbytes is not None:
            pairs[i, 1] = nbytes(pairs[i], size) if callable(nbytes) else nbytes
    return edit


def overlap(pairs, size):
    """Inner chunk 1 starts one byte after inner chunk 0 (inside its zstd frame)."""
    pairs[1, 0] = pairs[0, 0] + 1


def all_empty(pairs, size):
    pairs[:, :] = U64_MAX


def bad_crc(blob: bytes, config: dict) -> bytes:
    """One offset changed by one, the stored crc32c left as it was."""
    data, pairs = split(blob, config)
    stale = encode_index(pairs)[-4:]
    pairs[0, 0] += 1
    return join(data, encode_index(pairs, crc=False) + stale, config)


def short_index(blob: bytes, config: dict) -> bytes:
    """The index holds one entry too few (its crc32c computed over what it holds)."""
    data, pairs = split(blob, config)
    return join(data, encode_index(pairs[:-1]), config)


def shorter_than_index(blob: bytes, config: dict) -> bytes:
    """The shard's first bytes, one fewer than its index takes."""
    return blob[:msf.index_byte_count(config, PER_SHARD) - 1]


# name, shard index, corruption, expectation, description
CASES = [
    ("offset_past_end", (0, 0), with_pairs(set_entry(0, offset_from_size=1000)), "error",
     "inner chunk 0 starts 1000 bytes past the end of the shard"),
    ("range_past_end", (0, 1), with_pairs(set_entry(0, nbytes=lambda e, size: size - int(e[0]) + 1)), "error",
     "inner chunk 0 starts inside the shard and ends one byte past its end"),
    ("overlapping_ranges", (0, 2), with_pairs(overlap), "error",
     "inner chunk 1 starts one byte into inner chunk 0 (inside its zstd frame)"),
    ("offset_max_only", (0, 3), with_pairs(set_entry(0, offset=U64_MAX)), "error",
     "inner chunk 0 has offset 2^64-1 and a real nbytes"),
    ("nbytes_max_only", (1, 0), with_pairs(set_entry(0, nbytes=U64_MAX)), "error",
     "inner chunk 0 has a real offset and nbytes 2^64-1"),
    ("offset_plus_nbytes_overflows", (1, 1), with_pairs(set_entry(0, offset=2**63, nbytes=2**63 + 16)), "error",
     "inner chunk 0: offset 2^63 and nbytes 2^63+16, whose sum overflows 64 bits"),
    ("index_crc32c_mismatch", (1, 2), bad_crc, "error",
     "one offset of the index changed by one, the stored crc32c not updated"),
    ("shorter_than_index", (1, 3), shorter_than_index, "error",
     "the shard holds one byte fewer than its index takes"),
    ("index_one_entry_short", (2, 0), short_index, "error",
     "the index holds 3 entries instead of 4 (with its own crc32c), so the index read is misaligned"),
    ("empty_file", (2, 1), lambda blob, config: b"", "error",
     "the shard is stored as 0 bytes"),
    ("inner_chunk_truncated", (2, 2), with_pairs(set_entry(0, nbytes=lambda e, size: int(e[1]) - 1)), "error",
     "inner chunk 0's nbytes is one short: its zstd frame is cut"),
    ("all_inner_chunks_empty", (2, 3), with_pairs(all_empty), "fill",
     "control: every index entry is 2^64-1 (a valid shard with no inner chunk stored)"),
]

# ---------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------


def sharding(location: str) -> ShardingCodec:
    return ShardingCodec(chunk_shape=INNER, codecs=[BytesCodec(endian="little"), ZstdCodec(level=3, checksum=False)],
                         index_codecs=[BytesCodec(endian="little"), Crc32cCodec()], index_location=location)


def zarr_python_reads(folder: Path, path: str, idx, data: np.ndarray) -> str:
    """What zarr-python makes of shard `idx`: "error: <exception type>", "fill", "values" (those
    written) or "other values"."""
    region = mf.chunk_slices(idx, SHAPE, SHARDS)
    try:
        got = np.asarray(zarr.open_array(LocalStore(str(folder), read_only=True), path=path, mode="r")[region])
    except Exception as error:  # noqa: BLE001  (any failure is what is recorded)
        return f"error: {type(error).__name__}"
    if not got.any():
        return "fill"
    return "values" if np.array_equal(got, data[region]) else "other values"


def main(argv):
    out = (Path(argv[1]).resolve() if len(argv) > 1 else mf.DEFAULT_OUT) / OUT_NAME
    readme = (out / "README.md").read_text(encoding="utf-8") if (out / "README.md").is_file() else None
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    if readme is not None:
        (out / "README.md").write_text(readme, encoding="utf-8")
    data = mf.smooth_values("uint16", SHAPE, 9100)
    (out / "expected.bin").write_bytes(mf.to_le_bytes(data))

    cases = []
    for location in ("end", "start"):
        valid, corrupt = f"valid-{location}", f"corrupt-{location}"
        arr = zarr.create_array(LocalStore(str(out)), name=valid, shape=SHAPE, dtype="uint16", chunks=SHARDS,
                                serializer=sharding(location), compressors=None, fill_value=0,
                                config={"write_empty_chunks": False})
        arr[...] = data
        msf.check_same(valid, "zarr-python", msf.read_back_zarr_python(out, valid), data)
        shutil.copytree(out / valid, out / corrupt)
        meta = json.loads((out / corrupt / "zarr.json").read_text(encoding="utf-8"))
        config = msf.sharding_config(meta["codecs"])[1]
        for name, idx, corrupt_shard, expect, description in CASES:
            key = mf.chunk_key(idx, meta["chunk_key_encoding"])
            shard = out / corrupt / key
            shard.write_bytes(corrupt_shard(shard.read_bytes(), config))
            cases.append({"array": corrupt, "valid_array": valid, "shard": list(idx), "key": f"{corrupt}/{key}", "case": name,
                          "expect": expect, "description": description,
                          "zarr_python": zarr_python_reads(out, corrupt, idx, data)})
    (out / "cases.json").write_text(json.dumps({"valid": ["valid-end", "valid-start"], "expected": "expected.bin",
                                                "cases": cases}, indent=2) + "\n", encoding="utf-8")
    total = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(f"wrote {len(cases)} corrupted shards in 2 arrays to {out} ({total} bytes)")


if __name__ == "__main__":
    main(sys.argv)
