#!/usr/bin/env python3
"""Checks that c-blosc (the copy numcodecs bundles) decodes the blosc chunks we write.

    rm -rf /tmp/blosc-interop
    BLOSC_INTEROP_DIR=/tmp/blosc-interop swift test --filter BloscInteropExportTests
    .venv-interop/bin/python Scripts/check_blosc_interop.py /tmp/blosc-interop

Every chunk of manifest.json is decoded with numcodecs.blosc.decompress (one
thread, blosc_decompress_ctx) and compared with its original. The original is
also compressed by c-blosc with the same parameters: the header fields but the
chunk size must be the same (the block size in particular; the memcpyed bit may
differ where one side's chunk just fits), and the sizes are summed per
compressor to compare ratios. c-blosc refuses to decode the empty chunk it
writes itself, so an empty original is checked by comparing the chunk with
c-blosc's. Exit status 1 on any failure.
"""
import json
import os
import struct
import sys
from collections import defaultdict

from numcodecs import blosc


def fields(chunk):
    version, versionlz, flags, typesize, nbytes, blocksize, cbytes = struct.unpack("<BBBBIII", chunk[:16])
    return {"version": version, "versionlz": versionlz, "flags": flags, "typesize": typesize,
            "nbytes": nbytes, "blocksize": blocksize}


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("BLOSC_INTEROP_DIR", "/tmp/blosc-interop")
    with open(os.path.join(folder, "manifest.json")) as f:
        entries = json.load(f)
    blosc.set_nthreads(1)
    blosc.use_threads = False
    originals = {}
    failures = 0
    ours, theirs = defaultdict(int), defaultdict(int)
    for e in entries:
        if e["original"] not in originals:
            with open(os.path.join(folder, e["original"]), "rb") as f:
                originals[e["original"]] = f.read()
        original = originals[e["original"]]
        with open(os.path.join(folder, e["chunk"]), "rb") as f:
            chunk = f.read()
        reference = blosc.compress(original, e["cname"].encode(), e["clevel"], e["shuffle"], 0, e["typesize"])
        try:
            if original:
                decoded = blosc.decompress(chunk)
                if decoded != original:
                    raise ValueError("decoded bytes differ")
            elif chunk != reference:
                raise ValueError(f"empty chunk {chunk.hex()} differs from c-blosc's {reference.hex()}")
            a, b = fields(chunk), fields(reference)
            if (a["flags"] ^ b["flags"]) == 0x02:
                a["flags"] = b["flags"]
            if a != b:
                raise ValueError(f"header {a} differs from c-blosc's {b}")
        except Exception as exc:  # noqa: BLE001
            failures += 1
            print(f"FAIL {e['chunk']}: {exc}")
        if e["clevel"] > 0:
            ours[e["cname"]] += len(chunk)
            theirs[e["cname"]] += len(reference)
    sizes = ", ".join(f"{c} {ours[c] / theirs[c]:.3f}" for c in sorted(ours))
    print(f"{len(entries) - failures}/{len(entries)} chunks decoded by c-blosc {blosc.VERSION_STRING} "
          f"with its header fields; our size / c-blosc's: {sizes}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
