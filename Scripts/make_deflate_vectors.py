#!/usr/bin/env python3
"""Writes deflate/zlib/gzip test vectors made by C zlib (through Python's stdlib).

Each vector NAME.raw / NAME.zz / NAME.gz sits next to NAME.bin, the original
data. Checksum vectors go to checksums.txt: "name crc32 adler32" per line, for
the .bin files. Output: Tests/ZarrCompressionTests/Vectors/deflate/.

Usage: python3 Scripts/make_deflate_vectors.py
"""
import os
import random
import struct
import zlib

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                   "Tests", "ZarrCompressionTests", "Vectors", "deflate")


def raw_deflate(data, level, strategy=zlib.Z_DEFAULT_STRATEGY):
    c = zlib.compressobj(level, zlib.DEFLATED, -15, 8, strategy)
    return c.compress(data) + c.flush()


def gzip_member(data, level=6, name=None, comment=None, extra=None, hcrc=False, text=False):
    """Builds a gzip member by hand so that every optional header field can be set."""
    flags = 0
    if text:
        flags |= 1
    if hcrc:
        flags |= 2
    if extra is not None:
        flags |= 4
    if name is not None:
        flags |= 8
    if comment is not None:
        flags |= 16
    header = bytes([0x1F, 0x8B, 8, flags]) + struct.pack("<I", 1700000000) + bytes([0, 3])
    if extra is not None:
        header += struct.pack("<H", len(extra)) + extra
    if name is not None:
        header += name + b"\0"
    if comment is not None:
        header += comment + b"\0"
    if hcrc:
        header += struct.pack("<H", zlib.crc32(header) & 0xFFFF)
    trailer = struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)
    return header + raw_deflate(data, level) + trailer


def text_like(n, seed):
    rng = random.Random(seed)
    words = ["zarr", "chunk", "array", "deflate", "shard", "codec", "the", "of", "and",
             "compress", "metadata", "group", "store", "byte", "huffman", "window", "a", "is"]
    out = []
    size = 0
    while size < n:
        w = rng.choice(words)
        if rng.random() < 0.1:
            w = w.capitalize() + "."
        out.append(w)
        size += len(w) + 1
        if rng.random() < 0.05:
            out.append("\n")
    return " ".join(out).encode()[:n]


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    rng = random.Random(1234)
    smooth = b"".join(struct.pack("<H", (i // 3 + (i % 64) ** 2 // 16) % 65536) for i in range(12000))
    long_matches = (bytes(rng.getrandbits(8) for _ in range(3000)) * 5
                    + b"x" * 1000 + bytes(rng.getrandbits(8) for _ in range(500)) * 40)
    corpus = {
        "empty": b"",
        "one": b"A",
        "repetitive": b"abcabcabd" * 2000,
        "random": bytes(rng.getrandbits(8) for _ in range(8000)),
        "text": text_like(264 * 1024, 7),
        "long_matches": long_matches,
        "smooth_u16": smooth,
    }

    def write(name, data):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)

    lines = []
    for name, data in corpus.items():
        write(name + ".bin", data)
        lines.append("%s %08x %08x" % (name, zlib.crc32(data), zlib.adler32(data)))
        levels = (0, 1, 6, 9) if len(data) < 100000 else (1, 9)
        for level in levels:
            write("%s.l%d.raw" % (name, level), raw_deflate(data, level))
        if len(data) < 100000:
            write(name + ".zz", zlib.compress(data, 6))
        write(name + ".gz", gzip_member(data))
    # Fixed Huffman blocks only.
    write("text_fixed.bin", corpus["text"][:20000])
    write("text_fixed.raw", raw_deflate(corpus["text"][:20000], 6, zlib.Z_FIXED))
    write("random_fixed.bin", corpus["random"][:2000])
    write("random_fixed.raw", raw_deflate(corpus["random"][:2000], 6, zlib.Z_FIXED))
    # Huffman-only and RLE strategies exercise other code shapes.
    write("repetitive_rle.bin", corpus["repetitive"])
    write("repetitive_rle.raw", raw_deflate(corpus["repetitive"], 6, zlib.Z_RLE))
    write("text_huffman.bin", corpus["text"][:12000])
    write("text_huffman.raw", raw_deflate(corpus["text"][:12000], 6, zlib.Z_HUFFMAN_ONLY))
    # A gzip member with every optional header field.
    data = corpus["text"][:5000]
    write("headers.bin", data)
    write("headers.gz", gzip_member(data, 9, name=b"chunk.bin", comment=b"made by make_deflate_vectors.py",
                                    extra=b"SZ\x04\x00test", hcrc=True, text=True))
    # Two members in a row.
    a, b = corpus["repetitive"][:3000], corpus["random"][:2000]
    write("two_members.bin", a + b)
    write("two_members.gz", gzip_member(a, 6, name=b"a") + gzip_member(b, 1))
    # Checksums of random data of awkward lengths.
    for n in (1, 7, 15, 16, 17, 5551, 5552, 5553, 11105):
        chunk = bytes(rng.getrandbits(8) for _ in range(n))
        write("ck%d.bin" % n, chunk)
        lines.append("ck%d %08x %08x" % (n, zlib.crc32(chunk), zlib.adler32(chunk)))
    lines.append("ones %08x %08x" % (zlib.crc32(b"\xff" * 100000), zlib.adler32(b"\xff" * 100000)))
    write("checksums.txt", ("\n".join(lines) + "\n").encode())
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print("wrote %d files, %d bytes, to %s" % (len(os.listdir(OUT)), total, os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
