"""Time writing an OME-Zarr pyramid of a 512^3 uint16 volume: Python simplezarr 1.2.0's
`write_ome_zarr_pyramid` beside ours (`simplezarr bench write-pyramid`, release build), on
the same source array, machine and run.

    .venv-interop/bin/python Scripts/bench/bench_pyramid.py [--size 512] [--repeat 2] [--uncompressed]

The source is written once to .bench-data/pyramid-<size> (64^3 chunks, simplezarr's default
codecs: bytes + zstd level 7 with checksum), a smooth volume with noise; both writers read
it from disk and write 64^3 chunks with the same codecs, depth-first (1 GiB max memory).
Run `swift build -c release --product simplezarr` first.
"""

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

import simplezarr
from simplezarr.utils.write_multiscale import PyramidData, write_ome_zarr_pyramid

REPO = Path(__file__).resolve().parent.parent.parent


def source(size):
    folder = REPO / ".bench-data" / f"pyramid-{size}"
    if not (folder / "volume" / "zarr.json").exists():
        shutil.rmtree(folder, ignore_errors=True)
        store = simplezarr.LocalStore(folder)
        arr = simplezarr.ZarrArray.create(store, "volume", (size,) * 3, "uint16", chunk_shape=(64, 64, 64))
        rng = np.random.default_rng(1)
        z, y, x = np.ogrid[:64, :size, :size]
        for z0 in range(0, size, 64):
            block = (1000 + 800 * np.sin((z + z0) / 40.0) * np.cos(y / 30.0) + 5 * x % 3000)
            block = block + rng.normal(0, 50, block.shape)
            arr[z0:z0 + 64, :, :].set_now(np.clip(block, 0, 65535).astype("uint16"))
    return folder


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--uncompressed", action="store_true",
                        help="write the levels with the bytes codec only, to time the pyramid work without zstd")
    args = parser.parse_args()
    codecs = [{"name": "bytes", "configuration": {"endian": "little"}}] if args.uncompressed else None
    folder = source(args.size)
    src = simplezarr.open_zarr(simplezarr.LocalStore(folder), "volume")

    with tempfile.TemporaryDirectory() as tmp:
        python_times = []
        for run in range(args.repeat):
            target = simplezarr.LocalStore(Path(tmp) / f"py{run}")
            t0 = time.perf_counter()
            write_ome_zarr_pyramid(target, "pyramid", "zyx", PyramidData(src, codecs=codecs), chunk_shape=64)
            python_times.append(time.perf_counter() - t0)
        out = subprocess.run(
            [str(REPO / ".build" / "release" / "simplezarr"), "bench", "write-pyramid", str(folder), "volume",
             "--out", str(Path(tmp) / "swift"), "--repeat", str(args.repeat)]
            + (["--uncompressed"] if args.uncompressed else []),
            check=True, capture_output=True, text=True,
        )
        swift_times = json.loads(out.stdout.strip().splitlines()[-1])["times"]
    best_py, best_swift = min(python_times), min(swift_times)
    codec_text = "bytes only" if args.uncompressed else "zstd 7"
    print(f"pyramid of {args.size}^3 uint16 (64^3 chunks, {codec_text}), best of {args.repeat}:")
    print(f"  Python simplezarr 1.2.0 write_ome_zarr_pyramid: {best_py:.2f} s  {python_times}")
    print(f"  SimpleZarr for Swift writeOmeZarrPyramid:       {best_swift:.2f} s  {swift_times}")
    print(f"  ratio (Python / Swift): {best_py / best_swift:.2f}")


if __name__ == "__main__":
    main()
