"""Writes the seed corpora of the fuzz targets into Scripts/fuzz/corpus/<target>/.

Seeds are small valid inputs that reach deep into each parser: compressed streams of
realistic data (smooth fields with noise) and of edge cases, stored chunks for each pipeline
of the `chunk` target, zarr.json documents (the fixtures and the hostile-metadata table of the
tests), and selection byte strings. Run with the interop virtualenv's Python (it has
zstandard, lz4 and numcodecs, whose c-blosc writes the blosc seeds): `.venv-interop/bin/python Scripts/fuzz/make_corpus.py`. The output is committed;
rerunning replaces it.
"""

import bz2
import gzip
import lzma
import math
import random
import shutil
import struct
import zlib
from pathlib import Path

import lz4.block
import zstandard
from numcodecs import Fletcher32, Shuffle, blosc
from numcodecs.jenkins import jenkins_lookup3

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "Scripts" / "fuzz" / "corpus"
rng = random.Random(20261201)


def smooth_field(count, itemsize, noise=rng):
    """A smooth wave plus noise (from `noise`), quantised to `itemsize` bytes little-endian."""
    out = bytearray()
    top = (1 << (8 * itemsize)) - 1
    for i in range(count):
        v = (math.sin(i / 37.0) + math.sin(i / 11.0) * 0.3 + 1.4) / 2.8 * top * 0.9
        v += noise.gauss(0, top * 0.01)
        out += int(min(max(v, 0), top)).to_bytes(itemsize, "little")
    return bytes(out)


def samples():
    """Inputs to compress: realistic, repetitive, random, tiny and empty."""
    yield b""
    yield b"a"
    yield b"ab" * 3
    yield bytes(300)
    yield bytes(range(256)) * 4
    yield smooth_field(2000, 2)
    yield smooth_field(700, 4)
    yield bytes(rng.getrandbits(8) for _ in range(1500))
    yield b"".join(struct.pack("<H", (i * i) % 65536) for i in range(3000))
    # Long runs with short periods, for the match-copy paths.
    yield (b"xyz" * 200 + b"q" * 300 + bytes(range(7)) * 90) * 2


def write(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def deflate_seeds():
    for i, sample in enumerate(samples()):
        for level in (0, 1, 6, 9):
            write("inflate", f"zlib-{i}-l{level}", zlib.compress(sample, level))
            raw = zlib.compressobj(level, zlib.DEFLATED, -15)
            write("inflate", f"raw-{i}-l{level}", raw.compress(sample) + raw.flush())
        write("inflate", f"gzip-{i}", gzip.compress(sample, 6, mtime=0))
    # Two gzip members, and the two streams that once overran the output buffer.
    write("inflate", "gzip-two-members", gzip.compress(b"first", mtime=0) + gzip.compress(smooth_field(500, 2), mtime=0))
    regressions = ROOT / "Tests" / "ZarrCompressionTests" / "Vectors" / "regressions"
    for path in sorted(regressions.glob("*")) if regressions.exists() else []:
        write("inflate", "regression-" + path.name, path.read_bytes())


def zstd_seeds():
    for i, sample in enumerate(samples()):
        for level in (-3, 1, 3, 9, 19):
            for checksum in (False, True):
                params = zstandard.ZstdCompressor(level=level, write_checksum=checksum, write_content_size=i % 2 == 0)
                write("zstd", f"zstd-{i}-l{level}-c{int(checksum)}", params.compress(sample))
    # Two frames and a skippable frame in a row.
    skippable = struct.pack("<II", 0x184D2A50, 4) + b"skip"
    write("zstd", "zstd-frames", zstandard.ZstdCompressor().compress(b"one") + skippable + zstandard.ZstdCompressor().compress(b"two"))
    for path in sorted((ROOT / "Tests" / "ZarrCompressionTests" / "Vectors" / "zstd").glob("*.zst")):
        if path.stat().st_size <= 65536:
            write("zstd", "vector-" + path.name, path.read_bytes())


def lz4_seeds():
    """Blocks of liblz4's fast and high-compression encoders, each after the 3-byte output
    capacity the lz4 target reads (the exact decoded size, and for some a roomier one)."""
    for i, sample in enumerate(list(samples()) + [smooth_field(12000, 2), smooth_field(3000, 4)]):
        for mode, options in (("fast1", dict(mode="fast", acceleration=1)), ("fast9", dict(mode="fast", acceleration=9)),
                              ("hc4", dict(mode="high_compression", compression=4)),
                              ("hc9", dict(mode="high_compression", compression=9)),
                              ("hc12", dict(mode="high_compression", compression=12))):
            block = lz4.block.compress(sample, store_size=False, **options)
            for extra in (0, 100) if mode == "fast1" else (0,):
                write("lz4", f"lz4-{i}-{mode}-{extra}", (len(sample) + extra).to_bytes(3, "little") + block)


def bzip2_seeds():
    """Streams of libbz2 (Python's bz2) at levels 1, 5 and 9, and two streams one after the
    other, each after the 3-byte output bound the bzip2 target reads (the exact decoded
    size, and for some a roomier one). Draws nothing from `rng`."""
    local = random.Random(16)
    inputs = [b"", b"a", b"ab" * 3, bytes(300), bytes(range(256)) * 4, smooth_field(2000, 2, local),
              smooth_field(700, 4, local), bytes(local.getrandbits(8) for _ in range(1500)),
              b"q" * 1000 + bytes(range(7)) * 90 + b"xyz" * 200]
    for i, sample in enumerate(inputs):
        for level in (1, 5, 9):
            stream = bz2.compress(sample, level)
            for extra in (0, 100) if level == 9 else (0,):
                write("bzip2", f"bzip2-{i}-{level}-{extra}", (len(sample) + extra).to_bytes(3, "little") + stream)
    two = bz2.compress(inputs[2], 1) + bz2.compress(inputs[5], 9)
    write("bzip2", "bzip2-two-streams", (len(inputs[2]) + len(inputs[5])).to_bytes(3, "little") + two)


def blosc_seeds():
    """c-blosc chunks of the samples (every compressor, some shuffles, typesizes, levels and
    forced block sizes), for the blosc target; and the compressed BloscLZ streams inside the
    blosclz chunks, each after the 3-byte output capacity the blosclz target reads."""
    blosc.set_nthreads(1)
    blosc.use_threads = False
    streams = 0
    for i, sample in enumerate(list(samples()) + [smooth_field(3000, 4)]):
        for cname in ("blosclz", "lz4", "lz4hc", "zlib", "zstd"):
            for shuffle, typesize, clevel, blocksize in ((1, 2, 5, 0), (2, 4, 9, 0), (0, 1, 1, 0), (1, 8, 5, 256)):
                if len(sample) < 600 and (shuffle, typesize) != (1, 2):
                    continue
                chunk = blosc.compress(sample, cname.encode(), clevel, shuffle, blocksize, typesize)
                if chunk[2] & 0x02 and len(chunk) > 2000:
                    continue  # a large stored chunk: the small stored ones cover that path
                write("blosc", f"blosc-{i}-{cname}-s{shuffle}-t{typesize}-l{clevel}-b{blocksize}", chunk)
                if cname == "blosclz":
                    streams += blosclz_streams(chunk, f"blosclz-{i}-s{shuffle}-t{typesize}-l{clevel}")
    assert streams > 10


def blosclz_streams(chunk, stem):
    """Writes the compressed streams of a c-blosc chunk; returns how many."""
    flags, typesize, nbytes, blocksize, cbytes = chunk[2], chunk[3], *struct.unpack_from("<III", chunk, 4)
    if flags & 0x02 or nbytes == 0:
        return 0
    written = 0
    nblocks = -(-nbytes // blocksize)
    for j in range(nblocks):
        bsize = min(blocksize, nbytes - j * blocksize)
        split = not flags & 0x10 and typesize <= 16 and bsize // typesize >= 128 and bsize == blocksize
        nsplits = typesize if split else 1
        offset = struct.unpack_from("<i", chunk, 16 + 4 * j)[0]
        for k in range(nsplits):
            csize = struct.unpack_from("<i", chunk, offset)[0]
            if csize != bsize // nsplits and written < 12:
                write("blosclz", f"{stem}-b{j}-{k}", (bsize // nsplits).to_bytes(3, "little") + chunk[offset + 4:offset + 4 + csize])
                written += 1
            offset += 4 + csize
    return written


# The pipelines of Scripts/fuzz/targets/chunk.swift, in order: (dtype bytes per element,
# element count, transposed, big-endian, compressor, crc32c).
PIPELINES = [
    (1, 16, None, False, None, False),
    (2, 20, None, False, "gzip", False),
    (4, 60, (2, 0, 1), True, "zstd", False),
    (8, 7, None, False, None, True),
    (8, 6, None, True, "gzip", True),
    (1, 9, None, False, "zstd-checksum", False),
    (3, 5, None, False, None, False),
    (4, 8, (1, 0, 2), True, "zstd-crc", True),
    (2, 8, None, True, "gzip", False),
    (8, 1, None, False, "zstd", False),
    (2, 15, None, False, "zlib-crc32", False),
    (1, 9, None, False, "checksums", False),
    (2, 42, None, False, "blosc-lz4-shuffle", False),
    (4, 40, None, False, "blosc-zstd-bitshuffle", False),
    (8, 15, None, False, "blosc-blosclz-shuffle", False),
    (4, 9, None, False, "lz4", False),
    (2, 10, None, False, "shuffle-zlib", False),
    # Filters (from FIRST_FILTER_PIPELINE on): the item size and count are the encoded array's.
    (2, 30, None, False, "zstd", False),  # numcodecs.delta int32 -> int16
    (1, 12, None, False, None, False),  # numcodecs.fixedscaleoffset float64 -> uint8
    (1, 4, None, False, "packbits-zstd", False),  # numcodecs.packbits of 21 booleans
    (4, 9, None, False, None, False),  # numcodecs.astype float64 -> float32
    (4, 10, None, False, "gzip", False),  # numcodecs.quantize float32
    (8, 8, None, False, None, False),  # numcodecs.bitround float64
]


FIRST_FILTER_PIPELINE = 17


def xz_seeds():
    """.xz files of liblzma (several presets and checks, delta, two streams with padding) and
    .lzma files, each after the byte the xz target reads to pick the container (even: .xz)."""
    checks = (lzma.CHECK_NONE, lzma.CHECK_CRC32, lzma.CHECK_CRC64, lzma.CHECK_SHA256)
    for i, sample in enumerate(samples()):
        for preset in (0, 1, 6):
            write("xz", f"xz-{i}-p{preset}", b"\x00" + lzma.compress(sample, preset=preset, check=checks[(i + preset) % 4]))
        write("xz", f"alone-{i}", b"\x01" + lzma.compress(sample, format=lzma.FORMAT_ALONE, preset=1))
        delta = [{"id": lzma.FILTER_DELTA, "dist": 2}, {"id": lzma.FILTER_LZMA2, "preset": 3}]
        write("xz", f"delta-{i}", b"\x02" + lzma.compress(sample, filters=delta))
    write("xz", "streams", b"\x00" + lzma.compress(b"one") + bytes(4) + lzma.compress(b"two", check=lzma.CHECK_CRC32))


def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def chunk_seeds():
    for index, (itemsize, count, _, _, compressor, crc) in enumerate(PIPELINES):
        for variant in range(3):
            # The filter pipelines draw their own noise, so the seeds after them stay as they were.
            noise = rng if index < FIRST_FILTER_PIPELINE else random.Random(index * 3 + variant)
            raw = smooth_field(count, itemsize, noise) if variant != 1 else bytes(count * itemsize)
            if itemsize == 1 and index == 5:
                raw = bytes(b & 1 for b in raw)  # bool chunks hold 0 or 1
            if variant == 2:
                raw = raw[: len(raw) // 2]  # a short chunk: must be refused
            if compressor == "zlib-crc32":
                # numcodecs.zlib at level 1, then numcodecs.crc32 with the CRC first.
                compressed = zlib.compress(raw, 1)
                stored = struct.pack("<I", zlib.crc32(compressed)) + compressed
            elif compressor == "checksums":
                # fletcher32, jenkins_lookup3 (initval 7), then adler32 at the end, each appended.
                stored = bytes(Fletcher32().encode(raw))
                stored += struct.pack("<I", jenkins_lookup3(stored, 7))
                stored += struct.pack("<I", zlib.adler32(stored))
            elif compressor and compressor.startswith("blosc-"):
                # blosc at clevel 5 with the pipeline's compressor and shuffle, typesize = item size.
                _, cname, shuffle = compressor.split("-")
                stored = blosc.compress(raw, cname.encode(), 5, {"shuffle": 1, "bitshuffle": 2}[shuffle], 0, itemsize)
            elif compressor == "lz4":
                # numcodecs.lz4: the decoded size as a little-endian int32, then one block.
                stored = lz4.block.compress(raw, store_size=True)
            elif compressor == "shuffle-zlib":
                # numcodecs.shuffle (elementsize 2), then numcodecs.zlib at level 1.
                stored = zlib.compress(bytes(Shuffle(elementsize=2).encode(raw)), 1)
            elif compressor == "packbits-zstd":
                # numcodecs.packbits: the 3 padding bits of 21 booleans, then 3 bytes of them; then zstd.
                stored = zstandard.ZstdCompressor(level=3).compress(bytes([3]) + raw[1:3] + bytes([raw[3] & 0xF8]) if len(raw) == 4 else raw)
            elif compressor == "zstd-crc":
                # crc32c comes before zstd in this pipeline: bytes -> crc32c -> zstd.
                stored = zstandard.ZstdCompressor(level=3).compress(raw + struct.pack("<I", crc32c(raw)))
            else:
                stored = raw
                if compressor == "gzip":
                    stored = gzip.compress(stored, 5, mtime=0)
                elif compressor == "zstd":
                    stored = zstandard.ZstdCompressor(level=3).compress(stored)
                elif compressor == "zstd-checksum":
                    stored = zstandard.ZstdCompressor(level=1, write_checksum=True).compress(stored)
                if crc:
                    stored += struct.pack("<I", crc32c(stored))
            write("chunk", f"pipeline-{index}-{variant}", bytes([index]) + stored)


def shard_seeds():
    """Shards for the two sharding pipelines of the chunk target (the last two, after PIPELINES): whole,
    with inner chunks left out (fill only), and truncated."""
    marker = (1 << 64) - 1
    first = len(PIPELINES)

    def shard(chunks, index_at_start, checksum):
        # chunks: the stored bytes of each inner chunk in C order, None when left out.
        entries, data = [], b""
        index_size = 16 * len(chunks) + (4 if checksum else 0)
        offset = index_size if index_at_start else 0
        for chunk in chunks:
            if chunk is None:
                entries += [marker, marker]
            else:
                entries += [offset + len(data), len(chunk)]
                data += chunk
        index = struct.pack(f"<{len(entries)}Q", *entries)
        if checksum:
            index += struct.pack("<I", crc32c(index))
        return index + data if index_at_start else data + index

    # uint16 shards of 4 x 6 in inner chunks of 2 x 3 (bytes, zstd), index with crc32c at the end.
    field = smooth_field(24, 2)
    inner = [b"".join(field[2 * (r * 6 + c):2 * (r * 6 + c) + 2] for r in rows for c in cols)
             for rows in ((0, 1), (2, 3)) for cols in ((0, 1, 2), (3, 4, 5))]
    compressed = [zstandard.ZstdCompressor(level=3).compress(chunk) for chunk in inner]
    variants = [compressed, [compressed[0], None, None, compressed[3]]]
    for variant, chunks in enumerate(variants):
        write("chunk", f"pipeline-{first}-{variant}", bytes([first]) + shard(chunks, False, True))
    write("chunk", f"pipeline-{first}-2", bytes([first]) + shard(compressed, False, True)[:-30])
    # int32 shards of 4 in inner chunks of 1 (bytes, crc32c), index without checksum at the start.
    values = [struct.pack("<i", v) for v in (7, -3, 5, 1 << 20)]
    stored = [v + struct.pack("<I", crc32c(v)) for v in values]
    for variant, chunks in enumerate([stored, [None, stored[1], None, None]]):
        write("chunk", f"pipeline-{first + 1}-{variant}", bytes([first + 1]) + shard(chunks, True, False))
    write("chunk", f"pipeline-{first + 1}-2", bytes([first + 1]) + shard(stored, True, False)[:70])


# The non-numeric pipelines of chunk.swift (after the sharding ones), in order: the fixture array of
# Fixtures/zarr-python-dtypes-v3 each is shaped like, and its element count.
DTYPE_PIPELINES = [
    ("strings/vlen_2d_none", 16),
    ("strings/vlen_1d", 5),
    ("bytes/vlen_2d_fill", 8),
    ("fixed/U4", 16),
    ("fixed/S8", 4),
    ("datetime64/seconds_bytes_big", 5),
    ("sharded/vlen_1d", 8),
    ("struct/packed_u1_i2_f4", 4),
]


def vlen(elements, count=None):
    """numcodecs' VLen layout: the element count, then each element's length and bytes (little-endian)."""
    out = struct.pack("<I", len(elements) if count is None else count)
    for element in elements:
        out += struct.pack("<I", len(element)) + element
    return out


def dtype_chunk_seeds():
    """For the non-numeric pipelines: every stored chunk of the fixture array each is shaped like,
    and chunks made here (valid ones, a count that disagrees with the shape, a length past the end,
    invalid UTF-8 where text is expected, a truncated chunk). Draws nothing from `rng`."""
    first = len(PIPELINES) + 2  # after the two sharding pipelines
    fixtures = ROOT / "Tests" / "SimpleZarrTests" / "Fixtures" / "zarr-python-dtypes-v3"
    texts = ["", "a", "\u00e9", "e\u0301", "\u4e16\u754c", "\U0001f9ca", "\U0010ffff", "a\x00b", "tab\tline\nend", "x" * 40]
    made = {
        0: [vlen([t.encode() for t in (texts * 2)[:16]]), vlen([b""] * 16), vlen([b"\xff\xfe"] + [b""] * 15),
            vlen([b"a"] * 16, count=15), vlen([b"abc"] * 15) + struct.pack("<I", 1 << 30)],
        1: [zstandard.ZstdCompressor(level=0).compress(vlen([t.encode() for t in texts[:5]])),
            zstandard.ZstdCompressor(level=3).compress(vlen([b"\xed\xa0\x80"] * 5))],
        2: [vlen([bytes(range(256)), b"", b"\x00", b"\xff", b"\x00\x01ab", b"z" * 70, b"", b"\x00" * 9]),
            vlen([b"\xff"] * 9, count=8)[:30]],
        3: ["".join((t + "\x00" * 4)[:4] for t in (texts * 2)[:16]).encode("utf-32-le")[:256],
            b"\xff\xff\xff\xff" * 64],
        4: [b"".join((t.encode() + b"\x00" * 8)[:8] for t in ("ab", "", "\u00e9", "a\x00b")), b"\xff" * 32],
        5: [struct.pack(">5q", 0, 1, -(1 << 63), (1 << 63) - 1, 1709210090), struct.pack(">5q", *([-(1 << 63)] * 5))],
        7: [b"".join(struct.pack(">Bhf", *record) for record in ((0, -32768, 3.5), (255, 32767, -200.125), (1, -2, 0.5), (7, 0, float("nan"))))],
    }
    for offset, (path, count) in enumerate(DTYPE_PIPELINES):
        index = first + offset
        chunks = sorted(p for p in (fixtures / path / "c").rglob("*") if p.is_file())
        assert chunks, path
        for n, chunk in enumerate(chunks):
            write("chunk", f"pipeline-{index}-fixture-{n}", bytes([index]) + chunk.read_bytes())
        write("chunk", f"pipeline-{index}-truncated", bytes([index]) + chunks[0].read_bytes()[:-3])
        for n, chunk in enumerate(made.get(offset, [])):
            write("chunk", f"pipeline-{index}-made-{n}", bytes([index]) + chunk)


def metadata_seeds():
    sources = [ROOT / "Tests" / "SimpleZarrTests" / "Fixtures", ROOT / "Tests" / "SimpleZarrTests" / "Fixtures" / "hostile-metadata"]
    seen = set()
    documents = ("zarr.json", ".zarray", ".zgroup", ".zmetadata")  # v3, and v2 with its consolidated form
    for source in sources:
        for path in sorted(source.rglob("*")) if source.exists() else []:
            if not path.is_file() or (path.name not in documents and not (source.name == "hostile-metadata" and path.suffix == ".json")):
                continue
            if "ome" in path.relative_to(source).parts[:1]:
                continue  # the OME-Zarr fixtures seed the `ome` target (ome_seeds)
            data = path.read_bytes()
            if data in seen or len(data) > 65536:
                continue
            seen.add(data)
            write("metadata", f"doc-{len(seen):04d}.json", data)
            write("json", f"doc-{len(seen):04d}.json", data)
    for i, text in enumerate(['{"a": [1, 2.5e300, -0.0, "\\u00e9\\ud83d\\ude00", null, true]}', "[[[[[]]]]]", '"\\u0000"', "1e-400", "-9223372036854775809", "18446744073709551615"]):
        write("json", f"value-{i}.json", text.encode())


def ome_seeds():
    """Group attributes for the `ome` target: those of the OME fixtures (NGFF 0.4 and 0.5),
    retargeted to the target's arrays, and a few broken variants."""
    import json

    folder = ROOT / "Tests" / "SimpleZarrTests" / "Fixtures" / "ome"
    found = []
    for path in sorted(folder.rglob("*")) if folder.exists() else []:
        if path.name == "zarr.json":
            attributes = json.loads(path.read_text()).get("attributes", {})
        elif path.name == ".zattrs":
            attributes = json.loads(path.read_text())
        else:
            continue
        if "ome" in attributes or "multiscales" in attributes:
            found.append(attributes)
    for i, attributes in enumerate(found):
        entries = attributes["ome"]["multiscales"] if "ome" in attributes else attributes["multiscales"]
        for entry in entries:
            for level, dataset in enumerate(entry.get("datasets", [])):
                dataset["path"] = ["0", "1", "2", "s0"][min(level, 3)]
        text = json.dumps(attributes)
        write("ome", f"fixture-{i}.json", text.encode())
        write("ome", f"fixture-{i}-cut.json", text[: len(text) // 2].encode())
        write("ome", f"fixture-{i}-nan.json", text.replace("1.0", "NaN", 1).replace("\"space\"", "\"time\"", 1).encode())


def selection_seeds():
    for i in range(24):
        write("selection", f"random-{i}", bytes(rng.getrandbits(8) for _ in range(rng.randrange(4, 48))))


def awsconfig_seeds():
    """AWS shared files as the CLI writes them, and the dialect's corners."""
    seeds = {
        "credentials": "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n\n"
        "[temp]\naws_access_key_id=ASIAEXAMPLE\naws_secret_access_key=s\naws_session_token=IQoJb3JpZ2luX2Vj\n",
        "config": "# comment\n[default]\nregion = us-east-1\noutput = json\n\n[profile dev]\nregion = eu-west-1\n"
        "s3 =\n    addressing_style = path\n    max_concurrent_requests = 20\n[sso-session corp]\nsso_region = us-east-1\n",
        "crlf": "[a] ; comment\r\nKEY = v = w\r\n\tnested = 1\r\n  [ spaced ]  \r\n  x = 1\r\n  y = 2\r\n",
        "malformed": "[a\nno equals\n[]\n= v\n",
    }
    for name, text in seeds.items():
        write("awsconfig", name, text.encode())


def httpreply_seeds():
    """Status selector, range asked (start, length), body size, then a header value."""
    def seed(status, start, length, body, header):
        head = bytes([status, (start >> 8) & 255, start & 255, 1, 1 if length is not None else 0,
                      ((length or 0) >> 8) & 255, (length or 0) & 255, body // 8, body % 8])
        write("httpreply", f"s{status}-{start}-{length}-{body}", head + header.encode())
    seed(1, 100, 400, 400, "bytes 100-499/1000")
    seed(1, 100, 400, 200, "bytes 100-299/1000")
    seed(1, 65526, 0, 10, "bytes 990-999/1000")
    seed(1, 0, 10, 10, "bytes 0-9/*")
    seed(0, 10, 5, 1000, "Wed, 21 Oct 2015 07:28:00 GMT")
    seed(2, 5000, 5, 0, "bytes */1000")
    seed(1, 0, 1, 1, "120")
def selection_text_seeds():
    texts = ["5, :10, ::2", "...", "-1", "2:-2", "..., 0", "1:3, ...", "", "5,", " 0 : 4 : 2 , -3 ",
             "9223372036854775807", "-9223372036854775808", "1_000:2_000", "::-1", ":::", "1,,2", "+3"]
    # The crash CI found: shape byte ':' (4 x 5 x 6), then a step far past axis 0, which
    # overflowed the copy's strides.
    texts.append(":::13_00022_003_0000022_00")
    for i, text in enumerate(texts):
        write("selection_text", f"text-{i:02d}", text.encode())
def zip_seeds():
    """The zip fixtures (zarr-python, zipfile, Info-ZIP; stored, deflated, bzip2, zip64, data
    descriptors, a comment) and a few tiny archives of zipfile, for the `zip` target."""
    folder = ROOT / "Tests" / "SimpleZarrTests" / "Fixtures" / "zip"
    for path in sorted(folder.glob("*.zip")):
        write("zip", path.name, path.read_bytes())
    import io
    import zipfile
    for i, (compression, names) in enumerate([(zipfile.ZIP_STORED, ["a"]), (zipfile.ZIP_DEFLATED, ["a", "b/c", "b/"]),
                                              (zipfile.ZIP_BZIP2, ["x"]), (zipfile.ZIP_STORED, [])]):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=compression) as zf:
            for name in names:
                zf.writestr(name, b"" if name.endswith("/") else (name.encode() * 9))
        write("zip", f"tiny-{i}.zip", buffer.getvalue())
def s3xml_seeds():
    """The captured S3 replies of the tests, and the XML reader's corners."""
    replies = ROOT / "Tests" / "SimpleZarrTests" / "Fixtures" / "s3-replies"
    for path in sorted(replies.glob("*.xml")) if replies.exists() else []:
        write("s3xml", path.name, path.read_bytes())
    corners = [
        "<a>&lt;&#65;&#x1F600;<![CDATA[<x>]]>\r\n<!-- c --><?pi x?></a>",
        "<ListBucketResult><EncodingType>url</EncodingType><Contents><Key>a+b%2B%E2%82%AC</Key><Size>1</Size></Contents>"
        "<CommonPrefixes><Prefix>p%2F</Prefix></CommonPrefixes></ListBucketResult>",
        "<!DOCTYPE a><a/>",
        "<x:a xmlns:x='u' k=\"v>\"><x:b/></x:a>",
    ]
    for i, text in enumerate(corners):
        write("s3xml", f"corner-{i}.xml", text.encode())
def http1reply_seeds():
    """Replies as servers send them: nginx and moto heads, chunked bodies, back-to-back replies."""
    replies = [
        b"HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: application/octet-stream\r\nContent-Length: 5\r\n"
        b"Connection: keep-alive\r\nAccept-Ranges: bytes\r\n\r\nhello",
        b"HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-2/10\r\nContent-Length: 3\r\n\r\nabc"
        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\nTrailer: 1\r\n\r\n",
        b"HTTP/1.0 200 OK\r\nServer: Werkzeug\r\n\r\n<ListBucketResult/>",
        b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
        b"HTTP/1.1 200 OK\nContent-Length: 2\nX-Folded: a\n b\n\nok",
    ]
    for i, reply in enumerate(replies):
        write("http1reply", f"reply-{i}", bytes([i % 6, 1 if i == 4 else 0]) + reply)


def main():
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    deflate_seeds()
    zstd_seeds()
    chunk_seeds()
    metadata_seeds()
    selection_seeds()
    lz4_seeds()
    blosc_seeds()
    shard_seeds()  # it draws from `rng` after the seeds before it, which stay as they were
    bzip2_seeds()  # after it, for the same reason
    xz_seeds()
    dtype_chunk_seeds()
    awsconfig_seeds()
    httpreply_seeds()
    http1reply_seeds()  # fixed replies, no draws from `rng`
    selection_text_seeds()  # fixed texts, no draws from `rng`
    zip_seeds()
    ome_seeds()
    s3xml_seeds()
    for folder in sorted(CORPUS.iterdir()):
        files = list(folder.iterdir())
        print(f"{folder.name}: {len(files)} seeds, {sum(f.stat().st_size for f in files)} bytes")


if __name__ == "__main__":
    main()
