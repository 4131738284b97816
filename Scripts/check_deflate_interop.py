#!/usr/bin/env python3
"""Decodes the streams our Swift compressor wrote with C zlib (Python stdlib).

Writes the streams by running the export test, then checks every
NAME.lLEVEL.{raw,zz,gz} against NAME.bin, and prints our size next to zlib's
at the same level.

Usage: python3 Scripts/check_deflate_interop.py [DIR]
  With DIR, only checks the files already in DIR.
"""
import gzip
import os
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def export(directory):
    env = dict(os.environ, DEFLATE_INTEROP_DIR=directory)
    subprocess.run(["swift", "test", "--filter", "DeflateInteropExportTests"], cwd=ROOT, env=env,
                   check=True, stdout=subprocess.DEVNULL)


def check(directory):
    failures = 0
    checked = 0
    rows = {}
    for name in sorted(os.listdir(directory)):
        stem, _, kind = name.rpartition(".")
        if kind not in ("raw", "zz", "gz"):
            continue
        base, _, level = stem.rpartition(".l")
        with open(os.path.join(directory, base + ".bin"), "rb") as f:
            original = f.read()
        with open(os.path.join(directory, name), "rb") as f:
            stream = f.read()
        try:
            if kind == "raw":
                d = zlib.decompressobj(-15)
                decoded = d.decompress(stream) + d.flush()
                ok = d.eof and not d.unused_data
            elif kind == "zz":
                d = zlib.decompressobj()
                decoded = d.decompress(stream) + d.flush()
                ok = d.eof and not d.unused_data
            else:
                decoded = gzip.decompress(stream)
                ok = True
            ok = ok and decoded == original
        except Exception as e:  # noqa: BLE001 - report any decoder complaint
            print("FAIL %s: %s" % (name, e))
            ok = False
        checked += 1
        if not ok:
            failures += 1
            print("FAIL %s: output differs" % name)
        if kind == "raw":
            c = zlib.compressobj(int(level), zlib.DEFLATED, -15)
            theirs = len(c.compress(original) + c.flush())
            rows.setdefault(base, []).append((int(level), len(stream), theirs))
    print("%-8s %s" % ("data", "  ".join("L%d ours/zlib" % lv for lv in range(10))))
    for base, r in sorted(rows.items()):
        print("%-8s %s" % (base, "  ".join("%d/%d" % (o, t) for _, o, t in sorted(r))))
    print("%d streams checked, %d failures" % (checked, failures))
    return failures


def main():
    if len(sys.argv) > 1:
        sys.exit(1 if check(sys.argv[1]) else 0)
    with tempfile.TemporaryDirectory() as directory:
        export(directory)
        sys.exit(1 if check(directory) else 0)


if __name__ == "__main__":
    main()
