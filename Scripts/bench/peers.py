"""Time one operation of one Python Zarr library on one array.

    python peers.py LIBRARY OP STORE_DIR ARRAY_PATH [--out OUT_DIR]
        [--regions REGIONS_JSON] [--repeat N] [--concurrency C]

Prints one JSON line on stdout, the same format as `simplezarr bench`:

    {"library": ..., "op": ..., "times": [seconds per repeat], "nbytes": ...}

or, when the library cannot handle the array, {"library", "op", "skipped": why}.

LIBRARY: zarr-python (default BatchedCodecPipeline), zarr-python-fused
(zarr's opt-in FusedCodecPipeline), zarr-python-zarrs (zarrs.ZarrsCodecPipeline),
tensorstore, simplezarr-python (simplezarr 1.2.0).

OP: read-whole, read-chunks, read-regions, write-whole, roundtrip (see
BENCHMARKS.md for what each library does).  --concurrency 1 reads chunks one
after the other on the calling thread; without the flag (or 0) the library's
own default concurrency is used; C > 1 caps the number of chunks in flight.

The array is opened once before the timed repeats.  Write operations create
OUT_DIR/run<k> for repeat k (removed first if present, untimed); the caller
deletes OUT_DIR afterwards.  After the timed repeats, one untimed check
compares a sample of what was read (or written) with the expected values.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import shutil
import sys
import time

import numpy as np

from fields import field, recipe_of

LIBRARIES = ("zarr-python", "zarr-python-fused", "zarr-python-zarrs", "tensorstore", "simplezarr-python")
OPS = ("read-whole", "read-chunks", "read-regions", "write-whole", "roundtrip")


class Skip(Exception):
    """The library cannot run this operation on this array."""


# --------------------------------------------------------------------------- helpers


def read_metadata(store_dir: str, array_path: str) -> dict:
    with open(os.path.join(store_dir, array_path, "zarr.json")) as f:
        return json.load(f)


def codec_names(codecs: list[dict]) -> list[str]:
    names = []
    for c in codecs:
        names.append(c["name"])
        names.extend(codec_names(c.get("configuration", {}).get("codecs", [])))
    return names


def read_chunk_shape(meta: dict) -> tuple[int, ...]:
    """The shape of the unit a reader fetches: the inner chunk when sharded."""
    shape = tuple(meta["chunk_grid"]["configuration"]["chunk_shape"])
    for c in meta["codecs"]:
        if c["name"] == "sharding_indexed":
            return tuple(c["configuration"]["chunk_shape"])
    return shape


def chunk_boxes(shape, chunk) -> list[tuple[slice, ...]]:
    """Every chunk of the grid, C order, clipped to the array."""
    ranges = [range(0, s, c) for s, c in zip(shape, chunk)]
    return [
        tuple(slice(o, min(o + c, s)) for o, c, s in zip(origin, chunk, shape))
        for origin in itertools.product(*ranges)
    ]


def box_nbytes(box, itemsize: int) -> int:
    n = itemsize
    for s in box:
        n *= s.stop - s.start
    return n


def load_regions(path: str) -> list[tuple[slice, ...]]:
    with open(path) as f:
        raw = json.load(f)
    return [tuple(slice(int(a), int(b)) for a, b in region) for region in raw]


def check(values: np.ndarray, box, dtype, what: str, recipe: str) -> None:
    values = np.asarray(values)
    if not np.array_equal(values, field(box, dtype, recipe)):
        raise RuntimeError(f"wrong values from {what} at {box}")


def sample_box(shape) -> tuple[slice, ...]:
    """A small box with odd offsets, inside the array, for checks."""
    return tuple(slice(s // 3, min(s, s // 3 + 40)) for s in shape)


# --------------------------------------------------------------------------- libraries


class Library:
    name = ""

    def __init__(self, store_dir: str, array_path: str, concurrency: int):
        self.store_dir = store_dir
        self.array_path = array_path
        self.concurrency = concurrency  # 0: library default
        self.meta = read_metadata(store_dir, array_path)
        self.shape = tuple(self.meta["shape"])
        self.dtype = np.dtype(self.meta["data_type"])
        self.chunk = read_chunk_shape(self.meta)

    def open(self):
        """Open the source array (untimed)."""
        raise NotImplementedError

    def read_whole(self, arr) -> np.ndarray:
        raise NotImplementedError

    def read_box(self, arr, box) -> np.ndarray:
        raise NotImplementedError

    def read_chunks_concurrent(self, arr, boxes) -> None:
        raise NotImplementedError

    def read_chunks(self, arr, boxes) -> None:
        if self.concurrency == 1:
            for box in boxes:
                self.read_box(arr, box)
        else:
            self.read_chunks_concurrent(arr, boxes)

    def write_whole(self, data: np.ndarray, out_dir: str) -> None:
        """Create an array with the source's metadata in a new store at out_dir, write data."""
        raise NotImplementedError

    def open_written(self, out_dir: str):
        raise NotImplementedError


class ZarrPython(Library):
    name = "zarr-python"
    pipeline = None  # None: zarr's default

    def __init__(self, *a):
        super().__init__(*a)
        import zarr

        self.zarr = zarr
        if self.pipeline is not None:
            zarr.config.set({"codec_pipeline.path": self.pipeline})

    def _open(self, store_dir, path, read_only=True):
        store = self.zarr.storage.LocalStore(store_dir, read_only=read_only)
        arr = self.zarr.open_array(store=store, path=path, mode="r" if read_only else "r+")
        if self.pipeline is not None:
            got = type(arr._async_array.codec_pipeline).__name__
            if got != self.pipeline.rsplit(".", 1)[1]:
                raise RuntimeError(f"codec pipeline is {got}, not {self.pipeline}")
        return arr

    def open(self):
        return self._open(self.store_dir, self.array_path)

    def read_whole(self, arr):
        return arr[...]

    def read_box(self, arr, box):
        return arr[box]

    def read_chunks_concurrent(self, arr, boxes):
        # What an asyncio user does: open the AsyncArray and gather getitem calls.
        zarr = self.zarr
        limit = self.concurrency

        async def run():
            store = zarr.storage.LocalStore(self.store_dir, read_only=True)
            aarr = await zarr.api.asynchronous.open_array(store=store, path=self.array_path, mode="r")
            if limit > 1:
                sem = asyncio.Semaphore(limit)

                async def one(box):
                    async with sem:
                        return await aarr.getitem(box)

                await asyncio.gather(*(one(b) for b in boxes))
            else:
                await asyncio.gather(*(aarr.getitem(b) for b in boxes))

        asyncio.run(run())

    def write_whole(self, data, out_dir):
        zarr = self.zarr
        src = self._src
        store = zarr.storage.LocalStore(out_dir)
        arr = zarr.create_array(
            store=store,
            shape=src.shape,
            dtype=src.dtype,
            chunks=src.chunks,
            shards=src.shards,
            filters=src.filters,
            serializer=src.serializer,
            compressors=src.compressors,
            fill_value=src.fill_value,
            zarr_format=3,
        )
        arr[...] = data

    def open_written(self, out_dir):
        return self._open(out_dir, "")


class ZarrPythonFused(ZarrPython):
    name = "zarr-python-fused"
    pipeline = "zarr.core.codec_pipeline.FusedCodecPipeline"

    def __init__(self, *a):
        import zarr.core.codec_pipeline as cp

        if not hasattr(cp, "FusedCodecPipeline"):
            import zarr

            raise Skip(f"zarr {zarr.__version__} has no FusedCodecPipeline")
        super().__init__(*a)


class ZarrPythonZarrs(ZarrPython):
    name = "zarr-python-zarrs"
    pipeline = "zarrs.ZarrsCodecPipeline"


class TensorStore(Library):
    name = "tensorstore"

    def __init__(self, *a):
        super().__init__(*a)
        import tensorstore as ts

        self.ts = ts
        # No cache (repeats must read the files again); no fsync after writes.
        self.context = ts.Context({"cache_pool": {"total_bytes_limit": 0}, "file_io_sync": False})

    def _spec(self, path, **extra):
        spec = {"driver": "zarr3", "kvstore": {"driver": "file", "path": path}}
        spec.update(extra)
        return spec

    def open(self):
        path = os.path.join(self.store_dir, self.array_path)
        return self.ts.open(self._spec(path), read=True, context=self.context).result()

    def read_whole(self, arr):
        return arr.read().result()

    def read_box(self, arr, box):
        return arr[box].read().result()

    def read_chunks_concurrent(self, arr, boxes):
        if self.concurrency > 1:
            for i in range(0, len(boxes), self.concurrency):
                futures = [arr[b].read() for b in boxes[i:i + self.concurrency]]
                for f in futures:
                    f.result()
        else:
            futures = [arr[b].read() for b in boxes]
            for f in futures:
                f.result()

    def write_whole(self, data, out_dir):
        keys = ("zarr_format", "node_type", "shape", "data_type", "chunk_grid",
                "chunk_key_encoding", "fill_value", "codecs", "dimension_names")
        metadata = {k: v for k, v in self.meta.items() if k in keys and v is not None}
        arr = self.ts.open(self._spec(out_dir, metadata=metadata), create=True,
                           delete_existing=True, context=self.context).result()
        arr.write(data).result()

    def open_written(self, out_dir):
        return self.ts.open(self._spec(out_dir), read=True, context=self.context).result()


class SimpleZarrPython(Library):
    name = "simplezarr-python"

    def __init__(self, *a):
        super().__init__(*a)
        if "sharding_indexed" in codec_names(self.meta["codecs"]):
            raise Skip("simplezarr 1.2.0 cannot read sharding (its sharding_indexed codec is not implemented)")
        import simplezarr

        self.sz = simplezarr

    def open(self):
        return self.sz.open_zarr(self.sz.LocalStore(self.store_dir), self.array_path)

    def read_whole(self, arr):
        return arr[...].get_now()

    def read_box(self, arr, box):
        if self.concurrency == 1 and tuple(b.stop - b.start for b in box) == self.chunk:
            # one chunk on the calling thread
            return arr.get_chunk_now(tuple(b.start // c for b, c in zip(box, self.chunk)))
        return arr[box].get_now()

    def read_chunks_concurrent(self, arr, boxes):
        # simplezarr's own pool (8 threads); a cap > 1 bounds the chunks in flight.
        idx = [tuple(b.start // c for b, c in zip(box, self.chunk)) for box in boxes]
        step = self.concurrency if self.concurrency > 1 else len(idx)
        for i in range(0, len(idx), step):
            futures = [arr.get_chunk_soon(j) for j in idx[i:i + step]]
            for f in futures:
                f.result()

    def write_whole(self, data, out_dir):
        m = self.meta
        sep = m.get("chunk_key_encoding", {}).get("configuration", {}).get("separator", "/")
        arr = self.sz.ZarrArray.create(
            self.sz.LocalStore(out_dir), "", tuple(m["shape"]), m["data_type"],
            fill_value=m["fill_value"],
            chunk_shape=tuple(m["chunk_grid"]["configuration"]["chunk_shape"]),
            chunk_path_separator=sep,
            codecs=m["codecs"],
            dimension_names=m.get("dimension_names"),
        )
        arr[...].set_now(data)

    def open_written(self, out_dir):
        return self.sz.open_zarr(self.sz.LocalStore(out_dir), "")


CLASSES = {c.name: c for c in (ZarrPython, ZarrPythonFused, ZarrPythonZarrs, TensorStore, SimpleZarrPython)}


# --------------------------------------------------------------------------- driver


def fresh_dir(path: str) -> None:
    if os.path.exists(path):
        shutil.rmtree(path)


def run(library: str, op: str, store_dir: str, array_path: str, out: str | None,
        regions: str | None, repeat: int, concurrency: int) -> dict:
    lib = CLASSES[library](store_dir, array_path, concurrency)
    itemsize = lib.dtype.itemsize
    whole = tuple(slice(0, s) for s in lib.shape)
    total = box_nbytes(whole, itemsize)
    src = lib.open()
    if isinstance(lib, ZarrPython):
        lib._src = src
    times = []
    probe = sample_box(lib.shape)
    recipe = recipe_of(array_path)

    if op == "read-whole":
        for _ in range(repeat):
            t0 = time.perf_counter()
            data = lib.read_whole(src)
            times.append(time.perf_counter() - t0)
            del data
        check(np.asarray(lib.read_whole(src))[probe], probe, lib.dtype, "read-whole", recipe)
        nbytes = total
    elif op == "read-chunks":
        boxes = chunk_boxes(lib.shape, lib.chunk)
        for _ in range(repeat):
            t0 = time.perf_counter()
            lib.read_chunks(src, boxes)
            times.append(time.perf_counter() - t0)
        last = boxes[-1]
        check(lib.read_box(src, last), last, lib.dtype, "read-chunks", recipe)
        nbytes = sum(box_nbytes(b, itemsize) for b in boxes)
    elif op == "read-regions":
        if not regions:
            raise SystemExit("read-regions needs --regions")
        boxes = load_regions(regions)
        for _ in range(repeat):
            t0 = time.perf_counter()
            for b in boxes:
                lib.read_box(src, b)
            times.append(time.perf_counter() - t0)
        check(lib.read_box(src, boxes[0]), boxes[0], lib.dtype, "read-regions", recipe)
        nbytes = sum(box_nbytes(b, itemsize) for b in boxes)
    elif op in ("write-whole", "roundtrip"):
        if not out:
            raise SystemExit(f"{op} needs --out")
        os.makedirs(out, exist_ok=True)
        data = np.asarray(lib.read_whole(src)) if op == "write-whole" else None
        for k in range(repeat):
            target = os.path.join(out, f"run{k}")
            fresh_dir(target)
            t0 = time.perf_counter()
            if op == "roundtrip":
                data = lib.read_whole(src)
            lib.write_whole(data, target)
            times.append(time.perf_counter() - t0)
            if op == "roundtrip":
                data = None
        written = lib.open_written(os.path.join(out, f"run{repeat - 1}"))
        check(lib.read_box(written, probe), probe, lib.dtype, op, recipe)
        nbytes = total
    else:
        raise SystemExit(f"unknown op {op!r}")
    return {"library": library, "op": op, "times": times, "nbytes": nbytes}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("library", choices=LIBRARIES)
    ap.add_argument("op", choices=OPS)
    ap.add_argument("store_dir")
    ap.add_argument("array_path")
    ap.add_argument("--out")
    ap.add_argument("--regions")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--concurrency", type=int, default=0)
    ap.add_argument("--name", help="library name to print (default: LIBRARY); for stand-in runs")
    args = ap.parse_args()
    name = args.name or args.library
    try:
        result = run(args.library, args.op, args.store_dir, args.array_path, args.out,
                     args.regions, max(1, args.repeat), max(0, args.concurrency))
    except Skip as e:
        result = {"library": args.library, "op": args.op, "skipped": str(e)}
    result["library"] = name
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
