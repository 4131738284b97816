"""An OME-Zarr image written by ome-zarr-py itself (its `write_image`, NGFF 0.5 on Zarr v3), with
what the Python simplezarr 1.2.0 reads from it, for MultiscaleInfoTests.

ome-zarr-py pulls in dask, scikit-image and scipy, so it is not in the interop virtualenv; run this
in a virtualenv of its own:

    python3.12 -m venv /tmp/omevenv
    /tmp/omevenv/bin/pip install ome-zarr==0.21.0 zarr==3.4.2 numpy==2.5.5 simplezarr==1.2.0
    /tmp/omevenv/bin/python Scripts/make_ome_zarr_py_fixture.py
"""

import sys
from pathlib import Path

import numpy as np
import zarr
from ome_zarr.io import parse_url
from ome_zarr.writer import write_image

import simplezarr
from simplezarr.utils.multiscale import MultiscaleInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_ome_fixtures import dump_infos, fresh, write_json  # noqa: E402

NAME = "v05-omezarrpy-czyx"


def main():
    d = fresh(NAME)
    d.mkdir(parents=True)
    data = (np.arange(2 * 8 * 32 * 32, dtype=np.uint16) % 1013).reshape(2, 8, 32, 32)
    root = zarr.open_group(parse_url(str(d / "image"), mode="w").store, mode="w")
    # ome-zarr-py 0.21 builds the transforms itself from `scale` and the scale factors (and sets
    # the half-pixel translations); units come from `axes_units`.
    write_image(data, root, axes="czyx", scale_factors=[2, 4], scale={"z": 0.5, "y": 0.2, "x": 0.2},
                axes_units={"z": "micrometer", "y": "micrometer", "x": "micrometer"},
                storage_options={"chunks": (1, 8, 32, 32)})
    node = simplezarr.open_zarr(simplezarr.LocalStore(d), "image")
    write_json(NAME, {"group": "image", "written_by": "ome-zarr-py", "infos": dump_infos(MultiscaleInfo.from_zarr_node(node))})
    print(f"{NAME}: {sorted(p.name for p in (d / 'image').iterdir())}")


if __name__ == "__main__":
    main()
