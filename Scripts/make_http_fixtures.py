"""Writes the hierarchies the HTTP store tests read from nginx (Scripts/test-servers.sh).

Usage: python make_http_fixtures.py OUTDIR

OUTDIR/v3.zarr and OUTDIR/v2.zarr, written by zarr-python with consolidated metadata:
  data            int32 (37, 23), chunks (8, 8), zstd, values arange(37 * 23)
  nested/sharded  uint16 (40, 40), shards (20, 20) of chunks (5, 5), values arange % 65536 (v3 only)
  nested/empty    float32 (10,), chunks (4,), fill value 1.5, nothing written
The tests compute the same values (Tests/SimpleZarrTests/Stores/Remote/HTTPStoreNginxTests.swift,
S3InteropTests.swift); Scripts/check_s3_interop.py reuses `write` and `check` on moto.
"""

import sys
import warnings

import numpy as np
import numcodecs
import zarr
from zarr.codecs import ZstdCodec


def write(root_path, zarr_format: int) -> None:
    """Writes the hierarchy at `root_path` (a directory, or any zarr store)."""
    root = zarr.open_group(root_path, mode="w", zarr_format=zarr_format)
    compressors = ZstdCodec(level=3) if zarr_format == 3 else numcodecs.Zstd(level=3)
    data = root.create_array("data", shape=(37, 23), chunks=(8, 8), dtype="int32", compressors=compressors)
    data[...] = np.arange(37 * 23, dtype="int32").reshape(37, 23)
    nested = root.create_group("nested")
    if zarr_format == 3:
        sharded = nested.create_array("sharded", shape=(40, 40), chunks=(5, 5), shards=(20, 20), dtype="uint16")
        sharded[...] = (np.arange(1600) % 65536).astype("uint16").reshape(40, 40)
    nested.create_array("empty", shape=(10,), chunks=(4,), dtype="float32", fill_value=1.5)
    zarr.consolidate_metadata(root_path, zarr_format=zarr_format)


def check(root_path, zarr_format: int) -> None:
    """Checks, value by value, a hierarchy written like `write` (by SimpleZarr, say)."""
    root = zarr.open_group(root_path, mode="r", zarr_format=zarr_format, use_consolidated=True)
    assert sorted(name for name, _ in root.members()) == ["data", "nested"], list(root.members())
    expected = np.arange(37 * 23, dtype="int32").reshape(37, 23)
    data = root["data"]
    assert data.dtype == np.dtype("int32") and data.chunks == (8, 8), (data.dtype, data.chunks)
    np.testing.assert_array_equal(data[...], expected)
    if zarr_format == 3:
        sharded = root["nested/sharded"]
        assert sharded.shards == (20, 20) and sharded.chunks == (5, 5), (sharded.shards, sharded.chunks)
        np.testing.assert_array_equal(sharded[...], (np.arange(1600) % 65536).astype("uint16").reshape(40, 40))
    np.testing.assert_array_equal(root["nested/empty"][...], np.full(10, 1.5, dtype="float32"))


if __name__ == "__main__":
    warnings.filterwarnings("ignore", message="Consolidated metadata")
    out = sys.argv[1]
    write(f"{out}/v3.zarr", 3)
    write(f"{out}/v2.zarr", 2)
