#!/usr/bin/env python3
"""Checks that libbz2 decodes the bzip2 streams our encoder writes, and compares sizes.

    rm -rf /tmp/bzip2-interop
    BZIP2_INTEROP_DIR=/tmp/bzip2-interop swift test --filter BZip2InteropExportTests
    .venv-interop/bin/python Scripts/check_bzip2_interop.py /tmp/bzip2-interop

Every NAME.LEVEL.bz2 is decoded with Python's bz2.decompress (libbz2) and compared
with NAME.bin; the input is also compressed by bz2.compress at the same level to
report our total size against libbz2's per level. Exit status 1 on any failure.
"""
import bz2
import os
import sys
from collections import defaultdict


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("BZIP2_INTEROP_DIR", "/tmp/bzip2-interop")
    streams = sorted(f for f in os.listdir(folder) if f.endswith(".bz2"))
    if not streams:
        print(f"no .bz2 files in {folder}")
        return 1
    failures = 0
    ours, theirs, count = defaultdict(int), defaultdict(int), defaultdict(int)
    for file in streams:
        name, level, _ = file.split(".")
        with open(os.path.join(folder, file), "rb") as f:
            stream = f.read()
        with open(os.path.join(folder, name + ".bin"), "rb") as f:
            original = f.read()
        try:
            if bz2.decompress(stream) != original:
                raise ValueError("content differs")
        except Exception as e:  # noqa: BLE001
            failures += 1
            print(f"FAIL {file}: {e}")
            continue
        if name == "randomised":
            continue
        ours[level] += len(stream)
        theirs[level] += len(bz2.compress(original, int(level)))
        count[level] += 1
    print(f"{len(streams) - failures}/{len(streams)} streams decoded by libbz2 (Python bz2)")
    for level in sorted(count):
        print(f"  level {level}: {count[level]:3} streams, total {ours[level]} bytes vs libbz2 {theirs[level]} "
              f"({ours[level] / theirs[level]:.4f}x)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
