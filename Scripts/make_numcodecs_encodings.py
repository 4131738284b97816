#!/usr/bin/env python3
"""Writes chunks encoded by numcodecs 0.17.1 with the numcodecs codecs that SimpleZarr reads
(zlib and the 32-bit checksums), for Tests/SimpleZarrTests/Codecs.

Output: Tests/SimpleZarrTests/Fixtures/numcodecs-encodings.json, a list of
{"codec": <zarr.json codec entry as zarr-python 3 writes it>, "decoded": hex, "encoded": hex}.
Each entry is encoded by the numcodecs codec that zarr-python builds from that entry
(numcodecs.get_codec of its configuration), the way zarr-python's numcodecs codecs do.
Fletcher-32 of empty input is left out: numcodecs cannot checksum it.

Usage: .venv-interop/bin/python Scripts/make_numcodecs_encodings.py
"""
import json
import math
import os
import random
import struct

import numcodecs

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                   "Tests", "SimpleZarrTests", "Fixtures", "numcodecs-encodings.json")

CODECS = [
    ("zlib", {}), ("zlib", {"level": 0}), ("zlib", {"level": 1}), ("zlib", {"level": 9}), ("zlib", {"level": -1}),
    ("crc32", {}), ("crc32", {"location": "start"}), ("crc32", {"location": "end"}),
    ("adler32", {}), ("adler32", {"location": "end"}),
    ("fletcher32", {}),
    ("jenkins_lookup3", {}), ("jenkins_lookup3", {"initval": 0}), ("jenkins_lookup3", {"initval": 305419896}),
    ("jenkins_lookup3", {"initval": 4294967295, "prefix": None}),
]


def samples():
    rng = random.Random(7)
    smooth = b"".join(struct.pack("<H", int(30000 + 20000 * math.sin(i / 9.0) + rng.gauss(0, 300)))
                      for i in range(200))
    return [b"", b"a", b"hello zarr", bytes(rng.getrandbits(8) for _ in range(37)), bytes(64), smooth]


def main():
    entries = []
    for codec_id, config in CODECS:
        codec = numcodecs.get_codec({"id": codec_id, **config})
        for data in samples():
            if codec_id == "fletcher32" and not data:
                continue
            encoded = bytes(codec.encode(data))
            assert bytes(codec.decode(encoded)) == data
            entries.append({"codec": {"name": "numcodecs." + codec_id, "configuration": config},
                            "decoded": data.hex(), "encoded": encoded.hex()})
    with open(OUT, "w") as f:
        f.write("[\n" + ",\n".join(json.dumps(e) for e in entries) + "\n]\n")
    print(f"wrote {len(entries)} encodings to {os.path.normpath(OUT)} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
