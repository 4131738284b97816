#!/usr/bin/env python3
"""Checks that liblz4 decodes the LZ4 blocks our encoders write, and compares sizes.

    rm -rf /tmp/lz4-interop
    LZ4_INTEROP_DIR=/tmp/lz4-interop swift test --filter LZ4InteropExportTests
    .venv-interop/bin/python Scripts/check_lz4_interop.py /tmp/lz4-interop

Every NAME.MODE.lz4 (MODE: fastA or hcL) is decoded with lz4.block.decompress
(LZ4_decompress_safe with the size of NAME.bin) and compared with NAME.bin. The
input is also compressed by liblz4's own LZ4_compress_fast / LZ4_compress_HC
(through ctypes, in the lz4 package's library) to report, per mode, how many of
our blocks are byte-identical and our total size against liblz4's. Exit status 1
on any decoding failure.
"""
import ctypes
import os
import sys
from collections import defaultdict

import lz4
import lz4.block


def reference_encoder():
    lib = ctypes.CDLL(lz4.block._block.__file__)
    for name in ("LZ4_compress_fast", "LZ4_compress_HC"):
        getattr(lib, name).argtypes = [ctypes.c_char_p, ctypes.c_char_p] + [ctypes.c_int] * 3

    def compress(data, mode):
        capacity = lib.LZ4_compressBound(len(data))
        out = ctypes.create_string_buffer(max(capacity, 1))
        fast = mode.startswith("fast")
        function = lib.LZ4_compress_fast if fast else lib.LZ4_compress_HC
        size = function(data, out, len(data), capacity, int(mode[4:] if fast else mode[2:]))
        return out.raw[:size]
    return compress


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("LZ4_INTEROP_DIR", "/tmp/lz4-interop")
    blocks = sorted(f for f in os.listdir(folder) if f.endswith(".lz4"))
    if not blocks:
        print(f"no .lz4 files in {folder}")
        return 1
    compress = reference_encoder()
    failures = 0
    ours, theirs, identical, count = defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int)
    for file in blocks:
        name, mode, _ = file.split(".")
        with open(os.path.join(folder, file), "rb") as f:
            block = f.read()
        with open(os.path.join(folder, name + ".bin"), "rb") as f:
            original = f.read()
        try:
            if lz4.block.decompress(block, uncompressed_size=len(original)) != original:
                raise ValueError("content differs")
        except Exception as e:  # noqa: BLE001
            failures += 1
            print(f"FAIL {file}: {e}")
            continue
        reference = compress(original, mode)
        ours[mode] += len(block)
        theirs[mode] += len(reference)
        identical[mode] += block == reference
        count[mode] += 1
    print(f"{len(blocks) - failures}/{len(blocks)} blocks decoded by liblz4 {lz4.library_version_string()}")
    for mode in sorted(count, key=lambda m: (m[:2], int(m.lstrip("fasthc")))):
        print(f"  {mode:7} {count[mode]:4} blocks, {identical[mode]:4} identical to liblz4's, "
              f"total {ours[mode]} bytes vs {theirs[mode]} ({ours[mode] / theirs[mode]:.4f}x)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
