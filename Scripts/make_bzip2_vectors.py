#!/usr/bin/env python3
"""Writes bzip2 test vectors made by libbz2 (Python's bz2 module).

    bash Scripts/venv.sh
    .venv-interop/bin/python Scripts/make_bzip2_vectors.py

Output: Tests/ZarrCompressionTests/Vectors/bzip2/
  NAME.LEVEL.bz2    bz2.compress(input, LEVEL) of input NAME
  NAME.multi.bz2    several streams one after another (some empty, other levels)
  manifest.txt      a line per file: file, decoded size, the decoded bytes' CRC-32
                    (zlib's) and Adler-32, so the test checks every decoded byte
                    without storing the large inputs
  NAME.bin          the input itself, for inputs of at most 4096 bytes

Inputs: empty, 1 byte, short text, text over several blocks at every level,
5 MiB of a text repeated with changes (several blocks at every level), incompressible
random bytes, zeros, runs of random lengths (many longer than 255), short
periods 1-7, smooth noisy uint16 and float32 fields. Deterministic: the same
libbz2 writes the same files.

The randomised-block vector (randomised.1.bz2, the bzip2 0.9.0 format that no
current encoder writes) is hand-made, not by libbz2: BZip2InteropExportTests
writes it with our encoder's test-only randomising mode. Pass that export folder
to take it from there (otherwise the committed file is kept); either way its
manifest line is what libbz2 decodes it to, and its randomised bit is checked.

    .venv-interop/bin/python Scripts/make_bzip2_vectors.py [/tmp/bzip2-interop]
"""
import bz2
import random
import shutil
import sys
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "Tests" / "ZarrCompressionTests" / "Vectors" / "bzip2"
WORDS = ("the of and to in is was that for on are with as his they be at one have this from or had by "
         "word but what some we can out other were all there when up use your how said an each she which "
         "zarr chunk array shard codec compression metadata attribute dimension time water people").split()


def text(n, seed):
    rnd = random.Random(seed)
    out = bytearray()
    while len(out) < n:
        out += rnd.choice(WORDS).encode() + (b"\n" if rnd.random() < 0.1 else b" ")
    return bytes(out[:n])


def copies(n, seed):
    """A 10007-byte text repeated, one byte changed in each copy: compresses very well
    and spans many blocks."""
    rnd = random.Random(seed)
    base = text(10007, seed)
    out = bytearray()
    while len(out) < n:
        copy = bytearray(base)
        copy[rnd.randrange(len(copy))] = rnd.getrandbits(8)
        out += copy
    return bytes(out[:n])


def runs(n, seed):
    """Runs of random bytes with random lengths 1...1000 (most longer than 255)."""
    rnd = random.Random(seed)
    out = bytearray()
    while len(out) < n:
        out += bytes([rnd.getrandbits(8)]) * rnd.randint(1, 1000)
    return bytes(out[:n])


def smooth(n, dtype, seed):
    """Sine waves plus gaussian noise quantised to uint16 or float32 (about 2-3x for zstd)."""
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


ALL = range(1, 10)


def inputs():
    """(name, bytes, levels)."""
    rnd = random.Random(16)
    yield "empty", b"", ALL
    yield "one", b"\x42", ALL
    yield "short", b"hello, bzip2! " * 3, ALL
    yield "text", text(130_000, 1), ALL
    yield "copies", copies(5 << 20, 5), [3, 6, 9]
    yield "random", rnd.randbytes(60_000), [1, 9]
    yield "zeros", bytes(1 << 20), [1, 9]
    yield "runs", runs(400_000, 2), [1, 5, 9]
    for period in range(1, 8):
        pattern = bytes(rnd.getrandbits(8) for _ in range(period))
        yield f"period{period}", (pattern * (250_000 // period + 1))[:250_000], [1, 9]
    yield "u16", smooth(120_000, "<u2", 3), [1, 9]
    yield "f32", smooth(120_000, "<f4", 4), [2, 9]
    # Every byte value, each once, then runs of exactly 4, 5, 255, 256 and 259.
    edges = bytes(range(256)) + b"".join(bytes([b]) * k for b, k in [(1, 4), (2, 5), (3, 255), (4, 256), (5, 259)])
    yield "edges", edges, ALL


def main():
    randomised_source = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    randomised = (randomised_source / "randomised.1.bz2").read_bytes()
    # The flag is the first bit after "BZh1", the block magic and the block CRC.
    assert randomised[14] & 0x80, "randomised.1.bz2 has no randomised block"
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    lines = []

    def write(file, stream, decoded):
        (OUT / file).write_bytes(stream)
        assert bz2.decompress(stream) == decoded
        lines.append(f"{file} {len(decoded)} {zlib.crc32(decoded):08x} {zlib.adler32(decoded):08x}")

    for name, data, levels in inputs():
        if len(data) <= 4096:
            (OUT / f"{name}.bin").write_bytes(data)
        for level in levels:
            write(f"{name}.{level}.bz2", bz2.compress(data, level), data)
    parts = [(text(5000, 7), 1), (b"", 9), (b"\x00" * 3000, 4), (text(150_000, 8), 1), (b"z", 9)]
    write("text.multi.bz2", b"".join(bz2.compress(d, l) for d, l in parts), b"".join(d for d, _ in parts))
    write("randomised.1.bz2", randomised, bz2.decompress(randomised))
    (OUT / "manifest.txt").write_text("\n".join(lines) + "\n")
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"{len(lines)} streams, {total} bytes in {OUT}")


if __name__ == "__main__":
    main()
