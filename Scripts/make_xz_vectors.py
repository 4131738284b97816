#!/usr/bin/env python3
"""Writes .xz and .lzma test vectors made by liblzma (Python's lzma module).

    bash Scripts/venv.sh
    .venv-interop/bin/python Scripts/make_xz_vectors.py

Output: Tests/ZarrCompressionTests/Vectors/xz/
  NAME.CASE.xz / .lzma   input NAME compressed as CASE:
                         p0 ... p9      xz at every preset (CRC-64)
                         p6e            preset 6 with the extreme flag
                         none/crc32/crc64/sha256   preset 6 with that check
                         delta2 / delta4           delta then LZMA2 (preset 6)
                         alone0 / alone6           FORMAT_ALONE (size unknown, end marker)
                         alonesized                FORMAT_ALONE with the size patched into the
                                                   header (a known size and an end marker)
                         streams        two streams, 8 bytes of stream padding between and
                                        4 after
                         blocks         several blocks in one stream (the xz tool's
                                        --block-size; skipped when the tool is missing)
  manifest.txt           a line per file: file, input size, the input's CRC-32
  NAME.bin               inputs of at most 1000 bytes
Inputs: zeros, text, random bytes, smooth noisy uint16/float32 fields (as
make_lz4_vectors.py) of 0, 1, 100 and 5000 bytes, and a few large ones
(3 MiB of repetitive records, 200 KB of text, 100 KB of random bytes), all
from fixed seeds. Deterministic for a given liblzma.
"""
import lzma
import random
import shutil
import subprocess
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "Tests" / "ZarrCompressionTests" / "Vectors" / "xz"
WORDS = ("the of and to in is was that for on are with as his they be at one have this from or had by "
         "word but what some we can out other were all there when up use your how said an each she which "
         "zarr chunk array shard codec compression metadata attribute dimension time water people").split()
CHECKS = {"none": lzma.CHECK_NONE, "crc32": lzma.CHECK_CRC32, "crc64": lzma.CHECK_CRC64, "sha256": lzma.CHECK_SHA256}


def text(n, seed):
    rnd = random.Random(seed)
    out = bytearray()
    while len(out) < n:
        out += rnd.choice(WORDS).encode() + (b"\n" if rnd.random() < 0.1 else b" ")
    return bytes(out[:n])


def smooth(n, dtype, seed):
    """Sine waves plus gaussian noise, quantised to uint16 or float32 (steps of 1/8), cut to n bytes."""
    rnd = np.random.default_rng(seed)
    count = n // np.dtype(dtype).itemsize + 1
    i = np.arange(count, dtype=np.float64)
    x, y, z = i % 64, (i // 64) % 64, i // 4096
    wave = np.sin(x / 9.0) + 0.6 * np.sin(y / 13.0 + 1.0) + 0.3 * np.sin(z / 5.0 + x / 31.0)
    noise = rnd.normal(0, 0.7, count)
    if dtype == "<u2":
        data = np.round(3000 + 30 * wave + noise).astype("<u2")
    else:
        data = (280.0 + np.round(100 * wave + noise) / 8).astype("<f4")
    return data.tobytes()[:n]


def records(n, seed):
    """Repetitive fixed-size records with a counter and a few varying bytes."""
    rnd = random.Random(seed)
    out = bytearray()
    k = 0
    while len(out) < n:
        out += b"record %04d status=ok value=%03d;" % (k % 1000, rnd.randrange(4)) + bytes(20)
        k += 1
    return bytes(out[:n])


def inputs():
    for n in (0, 1, 100, 5000):
        rnd = random.Random(n)
        yield f"zeros_{n}", bytes(n)
        yield f"text_{n}", text(n, n)
        yield f"random_{n}", rnd.randbytes(n)
        yield f"u16_{n}", smooth(n, "<u2", n)
        yield f"f32_{n}", smooth(n, "<f4", n + 1)
    yield "records_3145728", records(3 << 20, 7)
    yield "text_200000", text(200000, 3)
    yield "random_100000", random.Random(5).randbytes(100000)
    yield "u16_65536", smooth(65536, "<u2", 9)


def cases(name, data):
    """(case, suffix, bytes) for input `name`."""
    small = len(data) <= 5000
    wanted = LARGE.get(name)
    for case, suffix, packed in all_cases(name, data, small):
        if wanted is None or case in wanted:
            yield case, suffix, packed


# The cases of the large inputs (the folder stays small).
LARGE = {
    "records_3145728": {"p1", "p6", "delta4", "streams", "blocks"},
    "text_200000": {"p1", "p6", "sha256", "alone6", "blocks"},
    "random_100000": {"p6", "alone0"},
    "u16_65536": {"p0", "p1", "p3", "p6", "p9", "delta2", "alonesized"},
}


def all_cases(name, data, small):
    for p in range(10):
        yield f"p{p}", "xz", lzma.compress(data, preset=p)
    yield "p6e", "xz", lzma.compress(data, preset=6 | lzma.PRESET_EXTREME)
    for check, value in CHECKS.items():
        if small or check == "sha256":
            yield check, "xz", lzma.compress(data, check=value)
    if name.startswith(("u16", "f32", "records")):
        for dist in (2, 4):
            filters = [{"id": lzma.FILTER_DELTA, "dist": dist}, {"id": lzma.FILTER_LZMA2, "preset": 6}]
            yield f"delta{dist}", "xz", lzma.compress(data, filters=filters)
    for p in (0, 6):
        yield f"alone{p}", "lzma", lzma.compress(data, format=lzma.FORMAT_ALONE, preset=p)
    alone = bytearray(lzma.compress(data, format=lzma.FORMAT_ALONE, preset=1))
    alone[5:13] = len(data).to_bytes(8, "little")
    yield "alonesized", "lzma", bytes(alone)
    half = len(data) // 2
    streams = (lzma.compress(data[:half], preset=1) + bytes(8)
               + lzma.compress(data[half:], preset=1, check=lzma.CHECK_CRC32) + bytes(4))
    yield "streams", "xz", streams
    if shutil.which("xz") and len(data) >= 100:
        size = max(32, len(data) // 3)
        blocks = subprocess.run(["xz", "-c", "-6", f"--block-size={size}", "-T1"], input=data,
                                capture_output=True, check=True).stdout
        yield "blocks", "xz", blocks


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    manifest = []
    for name, data in inputs():
        if len(data) <= 1000:
            (OUT / f"{name}.bin").write_bytes(data)
        for case, suffix, packed in cases(name, data):
            fmt = lzma.FORMAT_ALONE if suffix == "lzma" else lzma.FORMAT_XZ
            if case == "streams":
                # Python's lzma stops at stream padding; the xz tool reads it (when present).
                if shutil.which("xz"):
                    assert subprocess.run(["xz", "-dc"], input=packed, capture_output=True, check=True).stdout == data
            else:
                assert lzma.decompress(packed, format=fmt) == data, (name, case)
            file = f"{name}.{case}.{suffix}"
            (OUT / file).write_bytes(packed)
            manifest.append(f"{file} {len(data)} {zlib.crc32(data)}")
    header = "# liblzma (Python lzma): FILE SIZE CRC32 (of the input)"
    (OUT / "manifest.txt").write_text("\n".join([header] + manifest) + "\n")
    total = sum(f.stat().st_size for f in OUT.rglob("*") if f.is_file())
    print(f"{len(manifest)} files, {total} bytes in {OUT}")


if __name__ == "__main__":
    main()
