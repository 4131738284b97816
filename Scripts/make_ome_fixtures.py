"""Generate the OME-Zarr and pyramid fixtures under Tests/SimpleZarrTests/Fixtures/ome/.

Run with the interop venv:  .venv-interop/bin/python Scripts/make_ome_fixtures.py

What it writes (each case a directory holding a store, plus `<case>.json` with what the
Python simplezarr 1.2.0 reads or writes, for the Swift tests to compare field by field):

* OME-Zarr images written by the Python `write_ome_zarr_pyramid` (NGFF 0.5, Zarr v3).
* OME-Zarr images in the layout ome-zarr-py writes, NGFF 0.4 (Zarr v2, `multiscales` in
  `.zattrs`) and 0.5 (Zarr v3, under `ome`). ome-zarr-py itself is not installed (it pulls
  in dask, scikit-image and scipy), so their metadata is written here by hand following the
  NGFF spec, with zarr-python writing the arrays.
* Plain arrays of 1 to 5 dimensions (`create_scale_infos_from_zarr_array`).
* Pyramids: an input array and the pyramid `write_ome_zarr_pyramid` builds from it, for
  2 to 5 dimensions, casts with rounding and clipping, and `max_memory` small enough to
  force several steps (the steps are recorded).

The Python reader only reads NGFF 0.5; the 0.4 expectations come from running it on the
same `multiscales` entries presented as 0.5 (the fields it reads are the same in both).
"""

import json
import shutil
from pathlib import Path

import numpy as np
import zarr

import simplezarr
from simplezarr.utils.multiscale import (
    MultiscaleInfo,
    create_scale_infos_from_ome_zarr_group,
)
from simplezarr.utils.write_multiscale import PyramidData, write_ome_zarr_pyramid

ROOT = Path(__file__).resolve().parent.parent / "Tests" / "SimpleZarrTests" / "Fixtures" / "ome"


def dump_infos(infos):
    return [
        {
            "name": mi.name,
            "axes_names": list(mi.axes_names),
            "unit": mi.unit,
            "unit_factor": float(mi.unit_factor),
            "scales": [
                {
                    "path": si.array.path if hasattr(si.array, "path") else si.array._path,
                    "level": si.level,
                    "mean_scale": float(si.mean_scale),
                    "spatial_shape": [int(x) for x in si.spatial_shape],
                    "spatial_scale": [float(x) for x in si.spatial_scale],
                    "spatial_offset": [float(x) for x in si.spatial_offset],
                    "spatial_chunk_shape": [int(x) for x in si.spatial_chunk_shape],
                    "nchannels": int(si.nchannels),
                    "ntimes": int(si.ntimes),
                }
                for si in mi.scales
            ],
        }
        for mi in infos
    ]


def write_json(name, value):
    (ROOT / f"{name}.json").write_text(json.dumps(value, indent=1) + "\n")


def fresh(name):
    d = ROOT / name
    if d.exists():
        shutil.rmtree(d)
    return d


# MARK: images written by the Python writer


def simplezarr_images():
    rng = np.random.default_rng(17)
    d = fresh("v05-simplezarr-zyx")
    store = simplezarr.LocalStore(d)
    data = rng.integers(0, 4000, (10, 12, 14), dtype="uint16")
    write_ome_zarr_pyramid(
        store, "image", "zyx", PyramidData(data, name="cells"),
        space_unit="micrometer", base_scale=(2.0, 0.5, 0.5), chunk_shape=4,
    )
    node = simplezarr.open_zarr(store, "image")
    write_json("v05-simplezarr-zyx", {"group": "image", "infos": dump_infos(MultiscaleInfo.from_zarr_node(node))})

    d = fresh("v05-simplezarr-tcyx")
    store = simplezarr.LocalStore(d)
    a = rng.integers(0, 200, (2, 3, 9, 11), dtype="uint8")
    b = rng.random((2, 3, 9, 11), dtype="float32")
    write_ome_zarr_pyramid(
        store, "image", "tcyx", [PyramidData(a, name="raw"), PyramidData(b, name="probabilities")],
        space_unit="nanometer", base_scale=(1.0, 1.0, 7.5, 7.5), chunk_shape=(1, 3, 8, 8), nlevels=2,
    )
    node = simplezarr.open_zarr(store, "image")
    write_json("v05-simplezarr-tcyx", {"group": "image", "infos": dump_infos(MultiscaleInfo.from_zarr_node(node))})


# MARK: images in ome-zarr-py's layout, metadata by hand


class _Shim:
    """Presents an NGFF 0.4 group to the Python reader as 0.5 (same fields)."""

    def __init__(self, group, path, multiscales):
        self._group = group
        self._path = path
        self.metadata = {"attributes": {"ome": {"version": "0.5", "multiscales": multiscales}}}

    def __getitem__(self, path):
        arr = self._group[path]

        class A:
            pass

        a = A()
        a.shape = arr.shape
        a.chunk_shape = arr.chunks
        a._path = f"{self._path}/{path}"
        return a


def handwritten_images():
    # NGFF 0.4, Zarr v2, as ome-zarr-py 0.9 writes: scale-only datasets (no translation, so the
    # default half-pixel rule applies), a global scale, and units on the space axes.
    d = fresh("v04-omezarr-czyx")
    root = zarr.open_group(str(d / "image"), mode="w", zarr_format=2)
    shapes = [(2, 8, 16, 16), (2, 4, 8, 8), (2, 2, 4, 4)]
    datasets = []
    for i, shape in enumerate(shapes):
        arr = root.create_array(str(i), shape=shape, chunks=(1, 4, 8, 8), dtype="uint16", chunk_key_encoding={"name": "v2", "separator": "/"})
        arr[...] = np.arange(np.prod(shape), dtype="uint16").reshape(shape)
        datasets.append({
            "path": str(i),
            "coordinateTransformations": [{"type": "scale", "scale": [1.0, 2.0 * 2**i, 0.25 * 2**i, 0.25 * 2**i]}],
        })
    multiscales = [{
        "version": "0.4",
        "name": "nuclei",
        "axes": [
            {"name": "c", "type": "channel"},
            {"name": "z", "type": "space", "unit": "micrometer"},
            {"name": "y", "type": "space", "unit": "micrometer"},
            {"name": "x", "type": "space", "unit": "micrometer"},
        ],
        "datasets": datasets,
        "coordinateTransformations": [{"type": "scale", "scale": [1.0, 1.0, 2.0, 2.0]}],
        "type": "gaussian",
        "metadata": {"method": "skimage.transform.pyramid_gaussian"},
    }]
    root.attrs["multiscales"] = multiscales
    infos = create_scale_infos_from_ome_zarr_group(_Shim(root, "image", multiscales))
    write_json("v04-omezarr-czyx", {"group": "image", "infos": dump_infos(infos)})

    # NGFF 0.5, Zarr v3, as ome-zarr-py 0.10+ writes (under "ome"): explicit translations,
    # a global scale then translation, units in mixed case, datasets listed out of order.
    d = fresh("v05-omezarr-tyx")
    root = zarr.open_group(str(d / "image"), mode="w", zarr_format=3)
    shapes = {"s0": (3, 20, 30), "s1": (3, 10, 15), "s2": (3, 5, 7)}
    for path, shape in shapes.items():
        root.create_array(path, shape=shape, chunks=(1, 8, 8), dtype="float32", dimension_names=["t", "y", "x"])
    datasets = [
        {"path": p, "coordinateTransformations": [
            {"type": "scale", "scale": [0.1, 1.5 * 2**i, 1.5 * 2**i]},
            {"type": "translation", "translation": [0.0, 0.75 * (2**i - 1), 0.75 * (2**i - 1)]},
        ]}
        for i, p in enumerate(shapes)
    ]
    datasets = [datasets[0], datasets[2], datasets[1]]
    multiscales = [{
        "name": "timelapse",
        "axes": [
            {"name": "t", "type": "time", "unit": "second"},
            {"name": "y", "type": "space", "unit": "Millimeter"},
            {"name": "x", "type": "space", "unit": "millimeter"},
        ],
        "datasets": datasets,
        "coordinateTransformations": [
            {"type": "scale", "scale": [1.0, 2.0, 2.0]},
            {"type": "translation", "translation": [0.0, 100.0, -50.0]},
        ],
    }]
    root.attrs["ome"] = {"version": "0.5", "multiscales": multiscales}
    node = simplezarr.open_zarr(simplezarr.LocalStore(d), "image")
    write_json("v05-omezarr-tyx", {"group": "image", "infos": dump_infos(MultiscaleInfo.from_zarr_node(node))})


def plain_arrays():
    d = fresh("plain")
    store = simplezarr.LocalStore(d)
    result = {}
    for ndim in range(1, 6):
        shape = tuple([3, 2, 5, 6, 7][-ndim:])
        chunks = tuple([1, 1, 2, 3, 4][-ndim:])
        arr = simplezarr.ZarrArray.create(store, f"a{ndim}", shape, "int16", chunk_shape=chunks)
        result[f"a{ndim}"] = dump_infos(MultiscaleInfo.from_zarr_node(arr))
    write_json("plain", result)


# MARK: pyramids


PYRAMID_CASES = [
    # name, axes, shape, src dtype, kwargs for PyramidData, kwargs for the writer, source kind
    ("p2d-yx-uint16", "yx", (37, 45), "uint16", {}, {"chunk_shape": 8}, "numpy"),
    ("p3d-zyx-f32-to-uint8", "zyx", (12, 10, 14), "float32", {"dtype": "uint8"},
     {"chunk_shape": 4, "max_memory": 700}, "zarr"),
    ("p4d-czyx-int16-to-int8", "czyx", (2, 16, 16, 16), "int16", {"dtype": "int8"},
     {"chunk_shape": 4, "max_memory": 3000}, "numpy"),
    ("p5d-tczyx-float64-simple", "tczyx", (2, 1, 8, 12, 10), "float64", {},
     {"chunk_shape": 4, "nlevels": 3, "max_memory": 0}, "zarr"),
    ("p3d-cyx-int32-kept", "cyx", (3, 33, 29), "int32", {"dtype": "uint16"},
     {"chunk_shape": 4, "max_memory": 4000, "space_unit": "micrometer", "base_scale": (1.0, 0.5, 0.25)}, "numpy"),
]


def make_input(rng, shape, dtype):
    if dtype == "float32":
        return rng.uniform(-50, 300, shape).astype("float32")
    if dtype == "float64":
        return rng.normal(0, 1000, shape)
    info = np.iinfo(dtype)
    lo, hi = max(info.min, -30000), min(info.max, 70000)
    return rng.integers(lo, hi, shape, dtype=dtype, endpoint=True)


def pyramids():
    rng = np.random.default_rng(5)
    manifest = []
    for name, axes, shape, dtype, pkw, wkw, kind in PYRAMID_CASES:
        d = fresh(name)
        store = simplezarr.LocalStore(d)
        data = make_input(rng, shape, dtype)
        src = simplezarr.ZarrArray.create(store, "input", shape, dtype, chunk_shape=None)
        src[...].set_now(data)
        source = data if kind == "numpy" else src
        steps = []
        write_ome_zarr_pyramid(store, "pyramid", axes, PyramidData(source, **pkw), steps=steps, **wkw)
        node = simplezarr.open_zarr(store, "pyramid")
        kwargs = {k: (list(v) if isinstance(v, tuple) else v) for k, v in wkw.items()}
        manifest.append({
            "name": name, "axes": axes, "source": kind, "pyramid_data": pkw, "writer": kwargs,
            "steps": steps, "attributes": node.attributes,
            "levels": [
                {"path": c.path, "shape": list(c.shape), "chunk_shape": list(c.chunk_shape), "dtype": c.dtype}
                for c in sorted(node.children, key=lambda c: c.path)
            ],
        })
    write_json("pyramids", manifest)


if __name__ == "__main__":
    ROOT.mkdir(parents=True, exist_ok=True)
    simplezarr_images()
    handwritten_images()
    plain_arrays()
    pyramids()
    print("wrote", ROOT)
