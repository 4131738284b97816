#!/usr/bin/env python3
"""libzstd side of the Zstandard benchmark (compare with `swift run -c release ZstdBench DIR`).

Same data as Sources/ZstdBench: 27 chunks of 64x64x64 uint16 (512 KiB) with
value (z + y*y/32 + x*x*x) % 65536. Prints median-of-5 MB/s and ratios, and
writes the level-1/3/9 frames into DIR (default /tmp/zstd-bench) so the
Swift benchmark can decode exactly the reference library's output.
Needs `zstandard` (and numpy) in the interpreter's environment.
"""
import os
import statistics
import sys
import time

import numpy as np
import zstandard as zstd


def chunk(oz, oy, ox):
    z, y, x = np.meshgrid(np.arange(oz, oz + 64), np.arange(oy, oy + 64), np.arange(ox, ox + 64), indexing="ij")
    return ((z + y * y // 32 + x * x * x) % 65536).astype("<u2").tobytes()


def median(fn, runs=5):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/zstd-bench"
    os.makedirs(out, exist_ok=True)
    chunks = [chunk(cz * 64, cy * 64, cx * 64) for cz in range(3) for cy in range(3) for cx in range(3)]
    total = sum(map(len, chunks))
    print(f"libzstd {zstd.ZSTD_VERSION if hasattr(zstd, 'ZSTD_VERSION') else ''} via zstandard {zstd.__version__}")
    print("level  ratio    encode MB/s  decode MB/s")
    d = zstd.ZstdDecompressor()
    for level in (-5, 1, 3, 9):
        c = zstd.ZstdCompressor(level=level)
        comp = [c.compress(x) for x in chunks]
        te = median(lambda: [c.compress(x) for x in chunks])
        td = median(lambda: [d.decompress(x) for x in comp])
        print(f"{level:5d}  {total / sum(map(len, comp)):6.3f}  {total / te / 1e6:11.0f}  {total / td / 1e6:11.0f}")
        if level in (1, 3, 9):
            for i, blob in enumerate(comp):
                with open(os.path.join(out, f"l{level}_{i:02d}.zst"), "wb") as f:
                    f.write(blob)
    # A literal-heavy data set (text-like) to exercise Huffman decoding.
    import random
    rnd = random.Random(1)
    words = ("the of and to in is was that for on are with zarr chunk array shard codec compression "
             "metadata time water people number sound would could first down").split()
    texts = []
    for i in range(8):
        parts, n = [], 0
        while n < 512 * 1024:
            w = rnd.choice(words)
            parts.append(w)
            n += len(w) + 1
        texts.append(" ".join(parts).encode()[: 512 * 1024])
    tt = sum(map(len, texts))
    for level in (1, 3, 9):
        c = zstd.ZstdCompressor(level=level)
        comp = [c.compress(x) for x in texts]
        te = median(lambda: [c.compress(x) for x in texts])
        td = median(lambda: [d.decompress(x) for x in comp])
        print(f"text l{level}: ratio {tt / sum(map(len, comp)):.3f}, encode {tt / te / 1e6:.0f} MB/s, decode {tt / td / 1e6:.0f} MB/s")
    c = zstd.ZstdCompressor(level=3)
    comp = [c.compress(x) for x in texts]
    for i, blob in enumerate(comp):
        with open(os.path.join(out, f"textl3_{i:02d}.zst"), "wb") as f:
            f.write(blob)


if __name__ == "__main__":
    main()
