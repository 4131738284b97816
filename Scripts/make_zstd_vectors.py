#!/usr/bin/env python3
"""Writes Zstandard test vectors made by the reference C library.

Run inside a virtualenv that has `zstandard` and `xxhash`:

    PYENV_VERSION=3.12.1 python3.12 -m venv .venv-zstd
    .venv-zstd/bin/pip install zstandard xxhash
    .venv-zstd/bin/python Scripts/make_zstd_vectors.py

Output: Tests/ZarrCompressionTests/Vectors/zstd/
  NAME.bin            an original
  NAME__VARIANT.zst   a compressed form of NAME.bin (the test decodes every
                      .zst and compares it with the .bin named before "__")
  xxh64.txt           "length seed hash" lines for bytes (i*31+7) & 255
Deterministic: the same library version writes the same files.
"""
import io
import os
import random
import struct
import sys

import xxhash
import zstandard as zstd

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "Tests", "ZarrCompressionTests", "Vectors", "zstd")

WORDS = ("the of and to in is was that for on are with as his they be at one have this from "
         "or had by hot word but what some we can out other were all there when up use your how "
         "said an each she which do their time if will way about many then them write would like "
         "so these her long make thing see him two has look more day could go come did number "
         "sound no most people my over know water than call first who may down side been now find "
         "zarr chunk array shard codec compression decompression metadata attribute dimension").split()


def text(n, seed):
    rnd = random.Random(seed)
    parts, size = [], 0
    while size < n:
        w = rnd.choice(WORDS)
        if rnd.random() < 0.08:
            w = w.capitalize() + rnd.choice([",", ".", ";", "\n"])
        parts.append(w)
        size += len(w) + 1
    return " ".join(parts).encode()[:n]


def smooth_u16(nz, ny, nx, oz=0, oy=0, ox=0):
    out = bytearray()
    for z in range(oz, oz + nz):
        for y in range(oy, oy + ny):
            for x in range(ox, ox + nx):
                out += struct.pack("<H", (z + y * y // 32 + x * x * x) % 65536)
    return bytes(out)


def de_bruijn(alphabet, n):
    """The de Bruijn sequence B(len(alphabet), n): every n-string once."""
    k = len(alphabet)
    a = [0] * k * n
    out = []

    def db(t, p):
        if t > n:
            if n % p == 0:
                out.extend(a[1:p + 1])
        else:
            a[t] = a[t - p]
            db(t + 1, p)
            for j in range(a[t - p] + 1, k):
                a[t] = j
                db(t + 1, t)

    db(1, 1)
    return bytes(alphabet[i] for i in out)


def rand_bytes(n, seed):
    return random.Random(seed).randbytes(n)


def check(blob):
    return zstd.ZstdDecompressor().stream_reader(io.BytesIO(blob), read_across_frames=True).read()


def cctx(level, **kw):
    return zstd.ZstdCompressor(level=level, **kw)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    originals = {}
    vectors = {}

    def orig(name, data):
        originals[name] = data

    def vec(name, variant, blob):
        vectors[f"{name}__{variant}"] = blob

    # Data sets.
    orig("empty", b"")
    orig("one", b"\x2a")
    orig("small_text", text(200, 1))          # 1-stream Huffman literals
    orig("text", text(132_000, 2))           # > 128 KiB: several blocks, 4 streams
    orig("text_mid", text(40_000, 10))
    orig("smooth", smooth_u16(8, 32, 128))    # 64 KiB smooth uint16
    orig("random", rand_bytes(132_000, 3))   # incompressible: raw blocks
    orig("rle", b"\x07" * 140_000)           # RLE blocks
    seg = rand_bytes(20_000, 4)
    orig("long_match", seg * 6 + text(5_000, 5))  # 100 KB matches
    orig("mixed", text(30_000, 6) + rand_bytes(3_000, 7) + b"\x00" * 30_000 + smooth_u16(2, 16, 128))

    # Levels.
    for level in (-5, 1, 3, 9, 19, 22):
        tag = f"l{level}".replace("-", "m")
        for name in ("text", "smooth"):
            vec(name, tag, cctx(level).compress(originals[name]))
    # Checksum / no content size / both, streaming.
    for name in ("text_mid", "smooth", "mixed", "small_text"):
        vec(name, "l3_checksum", cctx(3, write_checksum=True).compress(originals[name]))
        vec(name, "l3_nosize", cctx(3, write_content_size=False).compress(originals[name]))
        vec(name, "l19_nosize_checksum", cctx(19, write_content_size=False, write_checksum=True).compress(originals[name]))
        co = cctx(3, write_checksum=True).compressobj()
        data = originals[name]
        blob = b"".join(co.compress(data[i:i + 7_000]) for i in range(0, len(data), 7_000)) + co.flush()
        vec(name, "stream", blob)
    for name in ("empty", "one", "random", "rle", "long_match", "small_text", "mixed"):
        vec(name, "l3", cctx(3).compress(originals[name]))
    for name in ("empty", "one", "rle", "small_text", "mixed"):
        vec(name, "l1_checksum", cctx(1, write_checksum=True).compress(originals[name]))
    vec("empty", "nosize", cctx(3, write_content_size=False).compress(b""))
    # Large window (128 MiB) declared in a streaming frame.
    params = zstd.ZstdCompressionParameters.from_level(19, window_log=27)
    co = zstd.ZstdCompressor(compression_params=params).compressobj()
    vec("text_mid", "l19_window27", co.compress(originals["text_mid"]) + co.flush())
    params = zstd.ZstdCompressionParameters.from_level(3, window_log=27, write_checksum=1)
    vec("mixed", "l3_window27", zstd.ZstdCompressor(compression_params=params).compress(originals["mixed"]))

    # Literals that are all one byte, and sequences whose codes are all
    # equal (RLE literals, RLE sequence modes): 16 KiB blocks (window_log
    # 14); the second block copies 500-byte pieces of the first at offsets
    # in [15100, 16300), each after one "A".
    r = rand_bytes(16_384, 11)
    parts = [r]
    for i in range(30):
        pos = 16_384 + 501 * i + 1
        off = 15_100 + (i * 97) % 1_200
        parts.append(b"A")
        parts.append(r[pos - off:pos - off + 500])
    orig("pieces", b"".join(parts))
    for level in (3, 19):
        params = zstd.ZstdCompressionParameters.from_level(level, window_log=14)
        vec("pieces", f"l{level}_w14", zstd.ZstdCompressor(compression_params=params).compress(originals["pieces"]))
    # A 16-symbol alphabet: direct Huffman weights.
    orig("nibbles", bytes(b & 15 for b in rand_bytes(1_500, 12)))
    vec("nibbles", "l3", cctx(3).compress(originals["nibbles"]))
    # A de Bruijn sequence over "acgt" (no 4-byte string repeats): a
    # compressed block with Huffman literals and no sequences at all.
    orig("debruijn", de_bruijn(b"acgt", 4))
    vec("debruijn", "l3", cctx(3).compress(originals["debruijn"]))

    # Several frames in a row, and a skippable frame between them.
    a, b, c = text(3_000, 8), smooth_u16(1, 8, 128), rand_bytes(500, 9)
    orig("multi", a + b + c)
    vec("multi", "three_frames", cctx(3).compress(a) + cctx(9, write_checksum=True).compress(b) + cctx(1, write_content_size=False).compress(c))
    skippable = struct.pack("<II", 0x184D2A53, 11) + b"hello world"
    vec("multi", "skippable", skippable + cctx(3).compress(a) + struct.pack("<II", 0x184D2A5F, 0) + cctx(3).compress(b) + skippable + cctx(3).compress(c))

    total = 0
    for name, data in originals.items():
        with open(os.path.join(OUT, name + ".bin"), "wb") as f:
            f.write(data)
        total += len(data)
    for name, blob in vectors.items():
        base = name.split("__")[0]
        assert check(blob) == originals[base], name
        with open(os.path.join(OUT, name + ".zst"), "wb") as f:
            f.write(blob)
        total += len(blob)

    # XXH64 reference values.
    pattern = bytes((i * 31 + 7) & 255 for i in range(4096))
    with open(os.path.join(OUT, "xxh64.txt"), "w") as f:
        for n in (0, 1, 3, 4, 7, 8, 15, 16, 31, 32, 33, 63, 64, 100, 255, 1000, 4096):
            for seed in (0, 1, 0x9E3779B185EBCA87):
                f.write(f"{n} {seed} {xxhash.xxh64_intdigest(pattern[:n], seed=seed)}\n")
    print(f"{len(originals)} originals, {len(vectors)} vectors, {total} bytes, zstandard {zstd.__version__}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
