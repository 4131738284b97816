#!/usr/bin/env python3
"""Generate the Zarr v2 fixtures written by tensorstore for SimpleZarr.

Run with the benchmark venv's python, which has tensorstore 0.1.86 next to zarr 3.4.2
(the interop venv of Scripts/venv.sh has no tensorstore):

    /work/main/.venv-bench/bin/python Scripts/make_tensorstore_v2_fixtures.py [OUTDIR]

OUTDIR defaults to Tests/SimpleZarrTests/Fixtures.  It writes, deterministically:

  OUTDIR/tensorstore-v2/<name>/       one Zarr v2 array per name, written by tensorstore's "zarr"
                                      driver on a "file" kvstore (no .zgroup, no .zattrs)
  OUTDIR/expected-tensorstore-v2/*.bin  every array's values as tensorstore reads them back
                                      (C order, little-endian, encoded as in expected/)
  OUTDIR/manifest-tensorstore-v2.json every array (the entries of manifest-v2.json, without
                                      zattrs and lossy; see Fixtures/README.md)

Every array is also read with zarr-python (zarr.open_array); the script writes nothing more and
stops if zarr-python, tensorstore and the values meant to be stored do not agree bit for bit.
The values, the little-endian encoding, the chunk arithmetic and the type names come from
make_fixtures.py and make_v2_fixtures.py, which this script imports.
"""

from __future__ import annotations

import importlib.metadata
import json
import math
import shutil
import sys
import warnings
from pathlib import Path

import numpy as np
import tensorstore as ts
import zarr
from zarr.storage import LocalStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_fixtures as mf  # noqa: E402
import make_v2_fixtures as mv2  # noqa: E402

warnings.simplefilter("ignore")

STORE_DIR = "tensorstore-v2"
EXPECTED_DIR = "expected-tensorstore-v2"
MANIFEST = "manifest-tensorstore-v2.json"

# tensorstore's default compressor for the zarr driver, spelled out where a spec names it.
DEFAULT = "default"

# ---------------------------------------------------------------------------
# the matrix
# ---------------------------------------------------------------------------

ARRAYS: list = []


def add(name, dtype, shape, chunks, *, fill=None, order="C", sep=".", compressor=DEFAULT, missing=(),
        region=None, kind="extremes"):
    """Register one array.

    fill: the fill value (None writes `null`, read as zeros; floats may be NaN or infinite; a
      complex number is written as [re, im]).
    compressor: DEFAULT leaves it to tensorstore (blosc lz4, shuffle -1), None writes `null`,
      else the numcodecs-style JSON object.
    missing: chunks never written (every other chunk is written whole); region: instead, one
      box ((start, stop) per dimension) is the only part written, so the chunks it misses are
      not stored and those it cuts are partly fill.
    kind: how the values are made (make_v2_fixtures.values: "extremes" or "smooth").
    """
    ARRAYS.append(dict(name=name, dtype=np.dtype(dtype), shape=tuple(shape), chunks=tuple(chunks), fill=fill,
                       order=order, sep=sep, compressor=compressor, missing=[tuple(m) for m in missing],
                       region=region, kind=kind, seed=4000 + len(ARRAYS)))


DTYPES = ["|b1", "|i1", "|u1", "<i2", ">i2", "<u2", "<i4", ">u4", "<i8", "<u8", "<f2", "<f4", ">f4", "<f8", ">f8",
          "<c8", "<c16"]


def build_matrix():
    # -- every data type: the types' extremes (float specials, NaN payloads), tensorstore's defaults
    #    (blosc lz4 with shuffle -1, fill null), 7x9 in 4x4 chunks: edge chunks in both dimensions
    for t in DTYPES:
        add(f"types_{mv2.type_name(t)}", t, (7, 9), (4, 4))

    # -- Fortran order inside chunks, 2-d and 3-d
    add("order_F_2d_i4", "<i4", (7, 9), (4, 4), order="F")
    add("order_F_2d_f8_be_zlib", ">f8", (7, 9), (4, 4), order="F", compressor={"id": "zlib", "level": 5})
    add("order_F_2d_b1_none", "|b1", (7, 9), (4, 4), order="F", compressor=None)
    add("order_F_3d_c8_none", "<c8", (5, 6, 7), (2, 4, 3), order="F", compressor=None)
    add("order_F_3d_u4_be_zstd", ">u4", (5, 6, 7), (2, 4, 3), order="F", compressor={"id": "zstd", "level": 3},
        missing=[(1, 0, 2)])
    add("order_F_3d_f2_nan", "<f2", (5, 6, 7), (2, 4, 3), order="F", fill=float("nan"), missing=[(0, 1, 1)])
    add("order_F_3d_u1_blosc_zstd_bit", "|u1", (9, 10, 12), (8, 8, 8), order="F", kind="smooth",
        compressor={"id": "blosc", "cname": "zstd", "clevel": 5, "shuffle": 2, "blocksize": 0})

    # -- dimension_separator "/"
    add("sep_slash_2d_u2", "<u2", (7, 9), (4, 4), sep="/", missing=[(0, 1)])
    add("sep_slash_3d_i1_F", "|i1", (5, 6, 7), (2, 4, 3), sep="/", order="F", missing=[(0, 0, 1)])
    add("sep_slash_1d_f4_zstd", "<f4", (10,), (3,), sep="/", compressor={"id": "zstd", "level": 1})
    add("sep_slash_0d_i8", "<i8", (), (), sep="/")

    # -- compressors: blosc zstd / zlib / blosclz with each explicit shuffle, and the codecs alone
    types = ["<u2", "<f4", "<f8", ">i2", "<c8", "|u1", "<i8", ">f4", "<u4"]
    k = 0
    for cname in ("zstd", "zlib", "blosclz"):
        for shuffle in (0, 1, 2):
            dtype = types[k]
            clevel = [1, 5, 9][k % 3]
            add(f"blosc_{cname}_shuffle{shuffle}_c{clevel}_{mv2.type_name(dtype)}", dtype, (20, 30), (16, 16),
                compressor={"id": "blosc", "cname": cname, "clevel": clevel, "shuffle": shuffle, "blocksize": 0},
                kind="extremes" if k % 4 == 3 else "smooth", missing=[(1, 1)] if k % 3 == 0 else ())
            k += 1
    add("blosc_default_u2_smooth", "<u2", (20, 30), (16, 16), kind="smooth")
    add("blosc_default_u1_autobit", "|u1", (20, 30), (16, 16), kind="smooth")
    add("blosc_default_f8_extremes", "<f8", (20, 30), (16, 16))
    add("zlib_level1_i4", "<i4", (20, 30), (16, 16), compressor={"id": "zlib", "level": 1}, kind="smooth")
    add("zlib_level9_c16", "<c16", (7, 9), (4, 4), compressor={"id": "zlib", "level": 9})
    add("zstd_level3_u2", "<u2", (20, 30), (16, 16), compressor={"id": "zstd", "level": 3}, kind="smooth")
    add("zstd_level19_f8_be", ">f8", (7, 9), (4, 4), compressor={"id": "zstd", "level": 19})
    add("none_i2_be", ">i2", (20, 30), (16, 16), compressor=None, kind="smooth")
    add("bz2_level9_u2", "<u2", (20, 30), (16, 16), compressor={"id": "bz2", "level": 9}, kind="smooth")

    # -- fill values, with chunks never written (and one partly written region)
    miss = [(0, 1), (1, 2)]
    add("fill_null_i4", "<i4", (7, 9), (4, 4), missing=miss)
    add("fill_null_f8_region", "<f8", (7, 9), (4, 4), region=((1, 6), (0, 5)))
    add("fill_null_c8", "<c8", (7, 9), (4, 4), missing=miss)
    add("fill_i2_negative", "<i2", (7, 9), (4, 4), fill=-1234, missing=miss)
    add("fill_u8_max", "<u8", (7, 9), (4, 4), fill=2**64 - 1, missing=miss)
    add("fill_i8_min", "<i8", (7, 9), (4, 4), fill=-(2**63), missing=miss)
    add("fill_u4_be_region", ">u4", (7, 9), (4, 4), fill=4000000000, region=((4, 7), (3, 9)))
    add("fill_f4_value", "<f4", (7, 9), (4, 4), fill=3.25, missing=miss)
    add("fill_f8_negzero_be", ">f8", (7, 9), (4, 4), fill=-0.0, missing=miss)
    add("fill_b1_true", "|b1", (7, 9), (4, 4), fill=True, missing=miss)
    add("fill_c16_value", "<c16", (7, 9), (4, 4), fill=complex(1.5, -2.0), missing=miss)
    add("fill_f4_nan", "<f4", (7, 9), (4, 4), fill=float("nan"), missing=miss)
    add("fill_f8_nan_be_region", ">f8", (7, 9), (4, 4), fill=float("nan"), region=((0, 3), (2, 8)))
    add("fill_f2_nan_zlib", "<f2", (7, 9), (4, 4), fill=float("nan"), missing=miss,
        compressor={"id": "zlib", "level": 5})
    add("fill_f4_inf_be", ">f4", (7, 9), (4, 4), fill=float("inf"), missing=miss)
    add("fill_f8_neginf", "<f8", (7, 9), (4, 4), fill=float("-inf"), missing=miss)
    add("fill_c8_nan_inf", "<c8", (7, 9), (4, 4), fill=complex(float("nan"), float("inf")), missing=miss)

    # -- shapes: 0-d, 1-d, chunks larger than the array, zero length along one axis
    add("shape_0d_f8", "<f8", (), ())
    add("shape_0d_i4_unwritten", "<i4", (), (), fill=17, missing=[()])
    add("shape_1d_u1", "|u1", (10,), (3,))
    add("shape_1d_c16_none", "<c16", (10,), (4,), compressor=None)
    add("shape_chunk_larger_u2", "<u2", (5, 3), (8, 8))
    add("shape_zero_length_f4", "<f4", (0, 5), (2, 5))
    add("shape_zero_length_3d_i2", "<i2", (3, 0, 4), (2, 2, 2), fill=5)


# ---------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------


def json_number(x):
    """A float for a .zarray: "NaN", "Infinity" and "-Infinity" spelled as strings."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def fill_json(fill):
    """The fill value as given to tensorstore's metadata."""
    if isinstance(fill, complex):
        return [json_number(fill.real), json_number(fill.imag)]
    if isinstance(fill, float):
        return json_number(fill)
    return fill


def ts_spec(folder: Path, spec) -> dict:
    """The tensorstore spec that creates the array of `spec` in `folder`."""
    metadata = {
        "dtype": spec["dtype"].str,
        "shape": list(spec["shape"]),
        "chunks": list(spec["chunks"]),
        "order": spec["order"],
        "dimension_separator": spec["sep"],
        "fill_value": fill_json(spec["fill"]),
    }
    if spec["compressor"] != DEFAULT:
        metadata["compressor"] = spec["compressor"]
    return {"driver": "zarr", "kvstore": {"driver": "file", "path": str(folder)}, "metadata": metadata,
            "create": True, "delete_existing": True}


def written_boxes(spec) -> list:
    """The index boxes (tuples of slices) written: the region, or every chunk not missing."""
    shape, chunks = spec["shape"], spec["chunks"]
    if spec["region"] is not None:
        return [tuple(slice(a, b) for a, b in spec["region"])]
    if any(s == 0 for s in shape):
        return []
    if not spec["missing"]:
        return [tuple(slice(0, s) for s in shape)]
    return [mf.chunk_slices(idx, shape, chunks) for idx in mf.all_chunk_indices(shape, chunks)
            if tuple(idx) not in spec["missing"]]


def meant_missing(spec) -> list:
    """The chunks that no written box touches."""
    shape, chunks = spec["shape"], spec["chunks"]
    boxes = written_boxes(spec)

    def touched(idx):
        cs = mf.chunk_slices(idx, shape, chunks)
        return any(all(c.start < b.stop and b.start < c.stop for c, b in zip(cs, box)) for box in boxes)
    return [tuple(idx) for idx in mf.all_chunk_indices(shape, chunks) if not touched(idx)]


def write_array(folder: Path, spec) -> np.ndarray:
    """Creates and writes one array with tensorstore; returns the values meant to be stored."""
    dt = spec["dtype"]
    fill = mv2.fill_element(dt, spec["fill"])
    meant = np.full(spec["shape"], fill, dtype=dt)
    data = mv2.values(dt, spec["shape"], spec["seed"], spec["kind"])
    store = ts.open(ts_spec(folder, spec)).result()
    native = dt.newbyteorder("=")
    for box in written_boxes(spec):
        meant[box] = data[box]
        store[box].write(np.asarray(data[box]).astype(native)).result()
    return meant


def read_with_tensorstore(folder: Path) -> np.ndarray:
    """The array in `folder` as a fresh tensorstore handle reads it."""
    spec = {"driver": "zarr", "kvstore": {"driver": "file", "path": str(folder)}, "open": True}
    return np.asarray(ts.open(spec, read=True).result().read().result())


def read_with_zarr_python(folder: Path) -> np.ndarray:
    """The array in `folder` as zarr-python reads it from a read-only store."""
    return np.asarray(zarr.open_array(LocalStore(str(folder), read_only=True), mode="r")[...])


def check_agree(name: str, dt: np.dtype, meant: np.ndarray, by_ts: np.ndarray, by_zarr: np.ndarray) -> None:
    """Stops unless both readers give the values meant, bit for bit, with the right type."""
    for who, back in (("tensorstore", by_ts), ("zarr-python", by_zarr)):
        if back.shape != meant.shape or back.dtype.newbyteorder("=") != dt.newbyteorder("="):
            raise SystemExit(f"{name}: {who} read {back.dtype}{back.shape}, wrote {dt}{meant.shape}")
        if mf.to_le_bytes(back) != mf.to_le_bytes(meant):
            raise SystemExit(f"{name}: {who} read back values other than those written")


def main(argv):
    out = Path(argv[1]).resolve() if len(argv) > 1 else mf.DEFAULT_OUT
    build_matrix()
    store_dir, exp_dir = out / STORE_DIR, out / EXPECTED_DIR
    for d in (store_dir, exp_dir):
        if d.exists():
            shutil.rmtree(d)
    exp_dir.mkdir(parents=True)

    arrays = []
    for spec in ARRAYS:
        name, dt = spec["name"], spec["dtype"]
        folder = store_dir / name
        meant = write_array(folder, spec)
        by_ts = read_with_tensorstore(folder)
        check_agree(name, dt, meant, by_ts, read_with_zarr_python(folder))

        zarray = mv2.read_json(folder / ".zarray")
        cke = {"name": "v2", "configuration": {"separator": zarray["dimension_separator"]}}
        missing = mv2.stored_missing(store_dir, name, spec["shape"], spec["chunks"], cke)
        fill_bytes = mf.to_le_bytes(mv2.fill_element(dt, spec["fill"]))
        mf.check_missing(name, meant, spec["chunks"], fill_bytes, meant_missing(spec), missing)
        extra = sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != ".zarray")
        if extra:
            raise SystemExit(f"{name}: tensorstore wrote {extra} besides .zarray")

        (exp_dir / f"{name}.bin").write_bytes(mf.to_le_bytes(by_ts))
        arrays.append({
            "path": name,
            "expected": f"{EXPECTED_DIR}/{name}.bin",
            "data_type": mv2.zarr_type_name(dt),
            "fill_bytes": list(fill_bytes),
            "zarray": zarray,
            "missing_chunks": missing,
            "needs": mv2.needs_of(zarray),
        })

    manifest = {
        "tensorstore_version": importlib.metadata.version("tensorstore"),
        "zarr_python_version": zarr.__version__,
        "numpy_version": np.__version__,
        "root": STORE_DIR,
        "arrays": arrays,
    }
    text = json.dumps(manifest, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    (out / MANIFEST).write_text(text, encoding="utf-8")
    total = sum(f.stat().st_size for d in (store_dir, exp_dir) for f in d.rglob("*") if f.is_file())
    total += (out / MANIFEST).stat().st_size
    print(f"wrote {len(arrays)} tensorstore v2 arrays to {out} ({total} bytes)")


if __name__ == "__main__":
    main(sys.argv)
