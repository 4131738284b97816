#!/usr/bin/env python3
"""Writes LZ4 block test vectors made by liblz4 (the `lz4` package's lz4.block).

    bash Scripts/venv.sh
    .venv-interop/bin/python Scripts/make_lz4_vectors.py

Output: Tests/ZarrCompressionTests/Vectors/lz4/
  NAME.MODE.lz4     a raw block (store_size=False) of input NAME in MODE:
                    fast1, fast4, fast17 (acceleration) or hc1, hc5, hc9, hc12 (level)
  manifest.txt      a line per block: file, input size, the input's CRC-32 and
                    Adler-32, so the test checks every decoded byte without
                    storing the large inputs
  NAME.bin          the input itself, for inputs of at most 1000 bytes
  exact/            blocks of LZ4_compress_fast and LZ4_compress_HC themselves
                    (called through ctypes in the lz4 package's liblz4: lz4.block
                    goes through the streaming API, whose fast mode uses the large
                    hash table at every size), with their inputs: our encoders
                    are compared with these byte for byte

Inputs: sizes 0, 1, 4, 5, 12, 13, 100, 65535, 65536, 65537 and 300000 of
zeros, one repeated byte, short periods (2...15 bytes, at 100 bytes and up), text, random bytes and
smooth noisy uint16 and float32 fields. Inputs of up to 1000 bytes and those
that shrink to almost nothing are stored in every mode, the other large ones
in a few (the LARGE table), to keep the folder small. Deterministic: the same
liblz4 version writes the same files.
"""
import random
import shutil
import zlib
from pathlib import Path

import ctypes

import lz4
import lz4.block
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "Tests" / "ZarrCompressionTests" / "Vectors" / "lz4"
SIZES = [0, 1, 4, 5, 12, 13, 100, 65535, 65536, 65537, 300000]
FAST = [1, 4, 17]
HC = [1, 5, 9, 12]
WORDS = ("the of and to in is was that for on are with as his they be at one have this from or had by "
         "word but what some we can out other were all there when up use your how said an each she which "
         "zarr chunk array shard codec compression metadata attribute dimension time water people").split()


def text(n, seed):
    rnd = random.Random(seed)
    out = bytearray()
    while len(out) < n:
        out += rnd.choice(WORDS).encode() + (b"\n" if rnd.random() < 0.1 else b" ")
    return bytes(out[:n])


def smooth(n, dtype, seed):
    """Sine waves over 64x64-element planes plus gaussian noise, quantised to `dtype` (uint16
    or float32 in steps of 1/8), cut to n bytes: about 2x for liblz4, 3x for zstd."""
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


def contents(n):
    """(name, bytes) for every kind of input of n bytes."""
    rnd = random.Random(n)
    yield "zeros", bytes(n)
    yield "byte", bytes([0xA7]) * n
    if n in (100, 65536, 300000):
        for period in range(2, 16):
            pattern = bytes(rnd.getrandbits(8) for _ in range(period))
            yield f"period{period}", (pattern * (n // period + 1))[:n]
    yield "text", text(n, n)
    yield "random", rnd.randbytes(n)
    yield "u16", smooth(n, "<u2", n)
    yield "f32", smooth(n, "<f4", n + 1)


ALL = ["fast1", "fast4", "fast17", "hc1", "hc5", "hc9", "hc12"]
# The modes of the large inputs that do not shrink to almost nothing (the folder stays small).
LARGE = {
    65535: {"text": ["fast1", "hc9"], "u16": ["hc5"]},
    65536: {"text": ALL, "random": ["fast1"], "u16": ["fast1", "fast17", "hc5", "hc9"],
            "f32": ["fast4", "hc1", "hc9", "hc12"]},
    65537: {"text": ["fast4", "hc12"], "random": ["hc9"], "f32": ["hc5"]},
    300000: {"text": ["fast1"], "u16": ["hc9"], "f32": ["hc5"]},
}


def modes(kind, n):
    if n <= 1000 or kind in ("zeros", "byte") or kind.startswith("period"):
        return ALL
    return LARGE[n].get(kind, [])


def options(mode):
    if mode.startswith("fast"):
        return dict(mode="fast", acceleration=int(mode[4:]))
    return dict(mode="high_compression", compression=int(mode[2:]))


def liblz4():
    """The liblz4 inside lz4.block (its symbols are exported)."""
    lib = ctypes.CDLL(lz4.block._block.__file__)
    lib.LZ4_compress_fast.argtypes = [ctypes.c_char_p, ctypes.c_char_p] + [ctypes.c_int] * 3
    lib.LZ4_compress_HC.argtypes = [ctypes.c_char_p, ctypes.c_char_p] + [ctypes.c_int] * 3
    return lib


def write_exact(lib):
    """Inputs of 13, 100 and 8000 bytes with their LZ4_compress_fast and LZ4_compress_HC blocks."""
    folder = OUT / "exact"
    folder.mkdir()
    count = 0
    for n in (13, 100, 8000):
        for kind, data in contents(n):
            if n == 8000 and kind not in ("text", "u16", "f32"):
                continue
            (folder / f"{kind}_{n}.bin").write_bytes(data)
            for mode in ALL:
                capacity = 16 + n + n // 255  # LZ4_compressBound
                out = ctypes.create_string_buffer(capacity)
                level = int(mode[4:] if mode.startswith("fast") else mode[2:])
                function = lib.LZ4_compress_fast if mode.startswith("fast") else lib.LZ4_compress_HC
                size = function(data, out, n, capacity, level)
                assert size > 0 and lz4.block.decompress(out.raw[:size], uncompressed_size=n) == data
                (folder / f"{kind}_{n}.{mode}.lz4").write_bytes(out.raw[:size])
                count += 1
    return count


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    manifest = []
    for n in SIZES:
        for kind, data in contents(n):
            name = f"{kind}_{n}"
            if n <= 1000:
                (OUT / f"{name}.bin").write_bytes(data)
            for mode in modes(kind, n):
                block = lz4.block.compress(data, store_size=False, **options(mode))
                assert lz4.block.decompress(block, uncompressed_size=n) == data
                file = f"{name}.{mode}.lz4"
                (OUT / file).write_bytes(block)
                manifest.append(f"{file} {n} {zlib.crc32(data)} {zlib.adler32(data)}")
    header = f"# liblz4 {lz4.library_version_string()}: FILE SIZE CRC32 ADLER32 (of the input)"
    (OUT / "manifest.txt").write_text("\n".join([header] + manifest) + "\n")
    exact = write_exact(liblz4())
    total = sum(f.stat().st_size for f in OUT.rglob("*") if f.is_file())
    print(f"{len(manifest)} blocks, {exact} exact blocks, {total} bytes in {OUT}")


if __name__ == "__main__":
    main()
