#!/usr/bin/env python3
"""C zlib (via Python's stdlib) on the same data as DeflateBench: 24 chunks of
64x64x64 uint16, value (z + y*y/32 + x*x*x) % 65536, raw deflate, median of 5.

Usage: python3 Scripts/bench_deflate_zlib.py [--file PATH] [level ...]
"""
import array
import sys
import time
import zlib


def make_chunks():
    chunks = []
    for cz in range(2):
        for cy in range(3):
            for cx in range(4):
                a = array.array("H", ((z + y * y // 32 + x * x * x) % 65536
                                      for z in range(cz * 64, cz * 64 + 64)
                                      for y in range(cy * 64, cy * 64 + 64)
                                      for x in range(cx * 64, cx * 64 + 64)))
                if sys.byteorder == "big":
                    a.byteswap()
                chunks.append(a.tobytes())
    return chunks


def raw(data, level):
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def median(xs):
    return sorted(xs)[len(xs) // 2]


args = sys.argv[1:]
source = "smooth uint16"
if "--file" in args:
    i = args.index("--file")
    with open(args[i + 1], "rb") as f:
        blob = f.read()
    chunks = [blob[k:k + 512 * 1024] for k in range(0, len(blob), 512 * 1024)]
    source = args[i + 1]
    del args[i:i + 2]
else:
    chunks = make_chunks()
total = sum(len(c) for c in chunks)
levels = [int(a) for a in args] or [1, 5, 6, 9]
print("zlib %s: %d chunks of up to 512 KiB (%s), median of 5 runs, raw deflate"
      % (zlib.ZLIB_VERSION, len(chunks), source))
print("level  deflate MB/s  inflate MB/s  ratio")
for level in levels:
    ct, dt = [], []
    for _ in range(5):
        t = time.perf_counter()
        comp = [raw(c, level) for c in chunks]
        ct.append(time.perf_counter() - t)
    for _ in range(5):
        t = time.perf_counter()
        for c, o in zip(comp, chunks):
            d = zlib.decompressobj(-15)
            out = d.decompress(c, 0) + d.flush()
        dt.append(time.perf_counter() - t)
    ratio = total / sum(len(c) for c in comp)
    print("%5d  %12.1f  %12.1f  %5.2f" % (level, total / median(ct) / 1e6, total / median(dt) / 1e6, ratio))
t = []
blob = b"".join(chunks)
for _ in range(5):
    s = time.perf_counter(); zlib.crc32(blob); t.append(time.perf_counter() - s)
t2 = []
for _ in range(5):
    s = time.perf_counter(); zlib.adler32(blob); t2.append(time.perf_counter() - s)
print("crc32 %.0f MB/s, adler32 %.0f MB/s" % (total / median(t) / 1e6, total / median(t2) / 1e6))
