#!/usr/bin/env python3
"""Checks that liblzma decodes the .xz and .lzma files our encoder writes, and compares sizes.

    rm -rf /tmp/xz-interop
    XZ_INTEROP_DIR=/tmp/xz-interop swift test --filter XZInteropExportTests
    .venv-interop/bin/python Scripts/check_xz_interop.py /tmp/xz-interop

Every NAME.CASE.xz / NAME.CASE.lzma is decoded with Python's lzma (liblzma) and
compared with NAME.bin. The input is also compressed by liblzma with the same
settings to report, per case, our total size against liblzma's. Exit status 1 on
any decoding failure.
"""
import lzma
import os
import sys
from collections import defaultdict

CHECKS = {"none": lzma.CHECK_NONE, "crc32": lzma.CHECK_CRC32, "crc64": lzma.CHECK_CRC64, "sha256": lzma.CHECK_SHA256}


def reference(data, case, suffix):
    if suffix == "lzma":
        return lzma.compress(data, format=lzma.FORMAT_ALONE, preset=int(case[5:]))
    if case in CHECKS:
        return lzma.compress(data, preset=1, check=CHECKS[case])
    if case.startswith("delta"):
        filters = [{"id": lzma.FILTER_DELTA, "dist": int(case[5:])}, {"id": lzma.FILTER_LZMA2, "preset": 6}]
        return lzma.compress(data, filters=filters)
    return lzma.compress(data, preset=int(case[1:]))


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("XZ_INTEROP_DIR", "/tmp/xz-interop")
    files = sorted(f for f in os.listdir(folder) if f.endswith((".xz", ".lzma")))
    if not files:
        print(f"no .xz/.lzma files in {folder}")
        return 1
    failures = 0
    ours, theirs, count = defaultdict(int), defaultdict(int), defaultdict(int)
    for file in files:
        name, case, suffix = file.split(".")
        with open(os.path.join(folder, file), "rb") as f:
            packed = f.read()
        with open(os.path.join(folder, name + ".bin"), "rb") as f:
            original = f.read()
        fmt = lzma.FORMAT_ALONE if suffix == "lzma" else lzma.FORMAT_XZ
        try:
            if lzma.decompress(packed, format=fmt) != original:
                raise ValueError("content differs")
        except Exception as e:  # noqa: BLE001
            failures += 1
            print(f"FAIL {file}: {e}")
            continue
        ours[case] += len(packed)
        theirs[case] += len(reference(original, case, suffix))
        count[case] += 1
    print(f"{len(files) - failures}/{len(files)} files decoded by liblzma (Python lzma)")
    for case in sorted(count):
        print(f"  {case:7} {count[case]:4} files, total {ours[case]} bytes vs liblzma {theirs[case]} "
              f"({ours[case] / theirs[case]:.4f}x)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
