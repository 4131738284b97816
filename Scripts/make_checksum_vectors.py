#!/usr/bin/env python3
"""Writes Fletcher-32 and Jenkins lookup3 test vectors computed by numcodecs 0.17.1.

Output, in Tests/ZarrCompressionTests/Vectors/checksums/:

  random.bin     102400 random bytes
  smooth.bin     102400 bytes of a smooth field with noise (uint16, little-endian)
  checksums.txt  one line per case: "SOURCE SIZE FLETCHER32 LOOKUP3_0 LOOKUP3_SEEDED"
                 (hex), the checksums of the first SIZE bytes of SOURCE, where SOURCE is
                 random, smooth, ones (0xFF bytes), zeros, or hex:<bytes> for a short
                 literal input. LOOKUP3_SEEDED uses initval 0x9E3779B9. FLETCHER32 is
                 "none" where numcodecs refuses (empty input).

Fletcher-32 is read from numcodecs' `fletcher32` codec (the little-endian footer it
appends), lookup3 from `numcodecs.jenkins.jenkins_lookup3`.

Usage: .venv-interop/bin/python Scripts/make_checksum_vectors.py
"""
import math
import os
import random
import struct

from numcodecs import Fletcher32
from numcodecs.jenkins import jenkins_lookup3

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                   "Tests", "ZarrCompressionTests", "Vectors", "checksums")
LENGTH = 102400
SEED = 0x9E3779B9

# Around 0..13 (lookup3's 12-byte blocks), 32-byte steps and 8 KiB lane blocks of our
# Fletcher-32, the reference's 360-word (720-byte) blocks, and up to the whole 100 KiB.
SIZES = sorted({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 23, 24, 25, 31, 32, 33, 63, 64, 65,
                359, 360, 361, 718, 719, 720, 721, 722, 1439, 1440, 1441, 8191, 8192, 8193, 8223,
                8224, 8225, 16383, 16384, 16385, 65535, 65536, 65537, 100001, 102399, 102400})

# Short inputs whose Fletcher sums end on a non-zero multiple of 65535 (kept as 0xFFFF),
# or are zero, or have an odd last byte.
LITERALS = ["ffff", "ffff0000", "0000ffff", "00000000000000", "01", "0001", "ff", "feff01",
            "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"]


def smooth_field(count, rng):
    out = bytearray()
    for i in range(count):
        v = (math.sin(i / 37.0) + 0.3 * math.sin(i / 11.0) + 1.4) / 2.8 * 65535 * 0.9
        v += rng.gauss(0, 655.35)
        out += struct.pack("<H", int(min(max(v, 0), 65535)))
    return bytes(out)


def fletcher32(data):
    if not data:
        return "none"  # numcodecs indexes the first byte of its input
    return "%08x" % struct.unpack("<I", bytes(Fletcher32().encode(data))[-4:])[0]


def line(source, data):
    return "%s %d %s %08x %08x" % (source, len(data), fletcher32(data), jenkins_lookup3(data, 0),
                                   jenkins_lookup3(data, SEED))


def main():
    rng = random.Random(20260701)
    os.makedirs(OUT, exist_ok=True)
    sources = {
        "random": bytes(rng.getrandbits(8) for _ in range(LENGTH)),
        "smooth": smooth_field(LENGTH // 2, rng),
        "ones": b"\xff" * LENGTH,
        "zeros": bytes(LENGTH),
    }
    for name in ("random", "smooth"):
        with open(os.path.join(OUT, name + ".bin"), "wb") as f:
            f.write(sources[name])
    lines = [line(name, data[:size]) for name, data in sources.items() for size in SIZES]
    lines += [line("hex:" + text, bytes.fromhex(text)) for text in LITERALS]
    with open(os.path.join(OUT, "checksums.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
