"""Write the benchmark datasets with zarr-python.

Usage (from the bench virtualenv):

    python Scripts/bench/make_data.py [--size N] [--data-dir DIR]

One Zarr v3 store per size, DIR/bench-N.zarr, holding a root group and one array per
dataset (the array path is the dataset name):

    uncompressed   uint16 N^3, 64^3 chunks, bytes codec only
    zstd           uint16 N^3, 64^3 chunks, zstd (zarr-python's default level)
    gzip           uint16 N^3, 64^3 chunks, gzip (zarr-python's default level)
    sharded_zstd   uint16 N^3, 256^3 shards of 32^3 inner chunks, zstd
    float32_zstd   float32 N^3, 64^3 chunks, zstd
    blosc_lz4      uint16 N^3, 64^3 chunks, blosc lz4 clevel 5 byte shuffle (zarr-python 2's default)
    noisy_zstd     uint16 N^3, 64^3 chunks, zstd, the noisy field
    noisy_blosc_lz4  uint16 N^3, 64^3 chunks, blosc lz4 clevel 5 byte shuffle, the noisy field
    noisy_sharded_zstd  uint16 N^3, 256^3 shards of 32^3 inner chunks, zstd, the noisy field
    noisy_uncompressed  uint16 N^3, 64^3 chunks, bytes codec only, the noisy field
    noisy_gzip     uint16 N^3, 64^3 chunks, gzip, the noisy field
    noisy_float32_zstd  float32 N^3, 64^3 chunks, zstd, the noisy field (in steps of 1/8)

Values come from fields.py: the regular field (z + y*y//32 + x*x*x) % 65536 (as
float32 for the float dataset), or for the noisy_* datasets a smooth random field
with noise that compresses like measured data; axis order (z, y, x).  A stamp file DIR/bench-N.zarr.stamp
holds the parameters; when it matches, nothing is rewritten.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time

import numpy as np

import zarr
from zarr.codecs import BloscCodec, GzipCodec, ZstdCodec

from fields import field, recipe_of

FORMAT_VERSION = 3  # bump when the recipe below changes


def dataset_specs(n: int) -> dict[str, dict]:
    """The datasets, keyed by name (the array path inside the store)."""
    chunk = min(64, n)
    shard = min(256, n)
    inner = min(32, n)
    return {
        "uncompressed": dict(dtype="uint16", chunks=(chunk,) * 3, shards=None, compressors=None),
        "zstd": dict(dtype="uint16", chunks=(chunk,) * 3, shards=None, compressors=ZstdCodec()),
        "gzip": dict(dtype="uint16", chunks=(chunk,) * 3, shards=None, compressors=GzipCodec()),
        "sharded_zstd": dict(
            dtype="uint16", chunks=(inner,) * 3, shards=(shard,) * 3, compressors=ZstdCodec()
        ),
        "float32_zstd": dict(dtype="float32", chunks=(chunk,) * 3, shards=None, compressors=ZstdCodec()),
        "blosc_lz4": dict(dtype="uint16", chunks=(chunk,) * 3, shards=None, compressors=blosc_lz4()),
        "noisy_zstd": dict(dtype="uint16", chunks=(chunk,) * 3, shards=None, compressors=ZstdCodec()),
        "noisy_blosc_lz4": dict(dtype="uint16", chunks=(chunk,) * 3, shards=None, compressors=blosc_lz4()),
        "noisy_sharded_zstd": dict(
            dtype="uint16", chunks=(inner,) * 3, shards=(shard,) * 3, compressors=ZstdCodec()
        ),
        "noisy_uncompressed": dict(dtype="uint16", chunks=(chunk,) * 3, shards=None, compressors=None),
        "noisy_gzip": dict(dtype="uint16", chunks=(chunk,) * 3, shards=None, compressors=GzipCodec()),
        "noisy_float32_zstd": dict(dtype="float32", chunks=(chunk,) * 3, shards=None, compressors=ZstdCodec()),
    }


def blosc_lz4() -> BloscCodec:
    """zarr-python 2's default compressor: blosc with lz4 at clevel 5 and byte shuffle."""
    return BloscCodec(cname="lz4", clevel=5, shuffle="shuffle")


def field_slab(n: int, z0: int, z1: int, dtype: str, recipe: str) -> np.ndarray:
    """Values of `recipe` for planes z0..z1-1 of an n^3 array."""
    return field((slice(z0, z1), slice(0, n), slice(0, n)), dtype, recipe)


def stamp_text(n: int) -> str:
    return json.dumps(
        {"format": FORMAT_VERSION, "size": n, "zarr": zarr.__version__,
         "datasets": sorted(dataset_specs(n))},
        sort_keys=True,
    )


def make(n: int, data_dir: str, quiet: bool = False) -> str:
    """Create the store if needed; return its path."""
    store_path = os.path.join(data_dir, f"bench-{n}.zarr")
    stamp_path = store_path + ".stamp"
    want = stamp_text(n)
    if os.path.isdir(store_path) and os.path.isfile(stamp_path):
        with open(stamp_path) as f:
            if f.read() == want:
                if not quiet:
                    print(f"make_data: reusing {store_path} (size {n})", file=sys.stderr)
                return store_path
    os.makedirs(data_dir, exist_ok=True)
    if os.path.exists(stamp_path):
        os.remove(stamp_path)
    if os.path.exists(store_path):
        shutil.rmtree(store_path)

    store = zarr.storage.LocalStore(store_path)
    root = zarr.create_group(store=store, zarr_format=3)
    specs = dataset_specs(n)
    slab = min(256, n)  # whole shards per write, so no shard is read back and rewritten
    for name, spec in specs.items():
        t0 = time.perf_counter()
        arr = root.create_array(
            name=name,
            shape=(n, n, n),
            dtype=spec["dtype"],
            chunks=spec["chunks"],
            shards=spec["shards"],
            compressors=spec["compressors"],
            fill_value=0,
        )
        for z0 in range(0, n, slab):
            z1 = min(n, z0 + slab)
            arr[z0:z1] = field_slab(n, z0, z1, spec["dtype"], recipe_of(name))
        if not quiet:
            print(f"make_data: wrote {name} ({n}^3 {spec['dtype']}) in "
                  f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)
    with open(stamp_path, "w") as f:
        f.write(want)
    return store_path


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=512, help="edge length N of the N^3 arrays (default 512)")
    ap.add_argument("--data-dir", default=os.path.join(repo, ".bench-data"))
    args = ap.parse_args()
    if args.size < 1:
        ap.error("--size must be positive")
    print(make(args.size, args.data_dir))


if __name__ == "__main__":
    main()
