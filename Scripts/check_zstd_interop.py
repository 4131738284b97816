#!/usr/bin/env python3
"""Checks that the reference C library decodes what our Zstandard encoder writes.

    rm -rf /tmp/zstd-interop
    ZSTD_INTEROP_DIR=/tmp/zstd-interop swift test --filter ZstdEncoderTests/testWriteInteropCorpus
    .venv-zstd/bin/python Scripts/check_zstd_interop.py /tmp/zstd-interop

Every NAME.zst is decoded with `zstandard` (content size and checksum
verified by the library) and compared with NAME.bin. Exit status 1 on any
failure.
"""
import io
import os
import sys

import zstandard as zstd


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("ZSTD_INTEROP_DIR", "/tmp/zstd-interop")
    names = sorted(f[:-4] for f in os.listdir(folder) if f.endswith(".zst"))
    if not names:
        print(f"no .zst files in {folder}")
        return 1
    failures = 0
    total_in = total_out = 0
    for name in names:
        with open(os.path.join(folder, name + ".zst"), "rb") as f:
            blob = f.read()
        with open(os.path.join(folder, name + ".bin"), "rb") as f:
            original = f.read()
        try:
            params = zstd.get_frame_parameters(blob)
            if params.content_size != len(original):
                raise ValueError(f"content size {params.content_size} != {len(original)}")
            reader = zstd.ZstdDecompressor().stream_reader(io.BytesIO(blob), read_across_frames=True)
            decoded = reader.read()
            if decoded != original:
                raise ValueError("content differs")
            # One-shot API too (uses the declared size).
            if zstd.ZstdDecompressor().decompress(blob) != original:
                raise ValueError("one-shot decode differs")
        except Exception as e:  # noqa: BLE001
            failures += 1
            print(f"FAIL {name}: {e}")
        total_in += len(original)
        total_out += len(blob)
    print(f"{len(names) - failures}/{len(names)} frames decoded by libzstd ({zstd.__version__}), "
          f"{total_in} -> {total_out} bytes")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
