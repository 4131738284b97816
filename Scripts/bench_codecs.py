#!/usr/bin/env python3
"""Codec benchmark: this library's pure-Swift compressors beside the C libraries.

Two corpora of 8 chunks of 64x64x64, each as little-endian uint16 and as
float32: "regular", cut from a 512^3 smooth volume (the zarr_benchmarks recipe,
value (z + y*y//32 + x*x*x) % 65536), and "noisy", a smooth random field (a sum
of sine waves with random directions and phases) plus gaussian noise, quantised
(float32 to steps of 1/64), which zstd -3 shrinks about 2.3x (uint16) and 2.7x
(float32), like measured data. Runs C zlib (gzip framing), libzstd
(python-zstandard) and liblz4 (python-lz4's lz4.block: fast mode at
acceleration 1 and high compression at level 9), libbz2 (Python's bz2, levels 1
and 9) and liblzma (Python's lzma: xz files at presets 1, 6 and 9, CRC-64) on every
chunk, runs
`simplezarr bench-codecs` on the same files, and prints MB/s of uncompressed
data side by side (median of --repeat runs, one core). For lz4 and lz4hc a second
table times both sides writing into buffers allocated once (liblz4 called
directly through ctypes).

Usage (from the repo root, after `bash Scripts/venv.sh`):
    .venv-interop/bin/python Scripts/bench_codecs.py [--repeat 5] [--markdown FILE]
"""
import argparse
import bz2
import ctypes
import json
import lzma
import os
import struct
import subprocess
import sys
import tempfile
import time
import zlib

import lz4
import lz4.block
import numcodecs
import numpy as np
import zstandard
from numcodecs import blosc

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHUNK = 64
# Chunk positions spread over the 512^3 volume (in chunks): near the origin, the middle, the far corner.
POSITIONS = [(0, 0, 0), (0, 0, 3), (1, 2, 5), (3, 3, 3), (4, 1, 6), (5, 6, 2), (6, 4, 7), (7, 7, 7)]


def chunk_values(cz, cy, cx):
    z = np.arange(cz * CHUNK, (cz + 1) * CHUNK, dtype=np.int64)[:, None, None]
    y = np.arange(cy * CHUNK, (cy + 1) * CHUNK, dtype=np.int64)[None, :, None]
    x = np.arange(cx * CHUNK, (cx + 1) * CHUNK, dtype=np.int64)[None, None, :]
    return (z + y * y // 32 + x * x * x) % 65536


def noisy_chunk_values(seed, dtype):
    """A smooth random field over one 64^3 chunk plus gaussian noise, quantised to dtype."""
    rng = np.random.default_rng(seed)
    z, y, x = np.meshgrid(*(np.arange(CHUNK, dtype=np.float64),) * 3, indexing="ij")
    wave = np.zeros(z.shape)
    for _ in range(4):
        k = rng.uniform(0.02, 0.15, 3)
        wave += np.sin(k[0] * z + k[1] * y + k[2] * x + rng.uniform(0, 2 * np.pi))
    if dtype == "uint16":
        return np.clip(np.round(30000 + 30 * wave + rng.normal(0, 1.5, z.shape)), 0, 65535).astype("<u2")
    return (np.round((15 + 2.5 * wave + rng.normal(0, 0.05, z.shape)) * 64) / 64).astype("<f4")


def make_corpus(directory, dtype, corpus):
    os.makedirs(directory, exist_ok=True)
    for i, (cz, cy, cx) in enumerate(POSITIONS):
        if corpus == "regular":
            values = chunk_values(cz, cy, cx).astype("<" + np.dtype(dtype).str[1:])
        else:
            values = noisy_chunk_values(i, dtype)
        with open(os.path.join(directory, f"chunk{i:02d}.bin"), "wb") as f:
            f.write(values.tobytes())


def median(values):
    return sorted(values)[len(values) // 2]


# Blosc rows: (cname, shuffle name, shuffle code), all at clevel 5 with the dtype's size as
# typesize; lz4 + byte shuffle is zarr-python's default blosc configuration.
BLOSC_ROWS = [("lz4", "shuffle", 1), ("zstd", "shuffle", 1), ("lz4", "bitshuffle", 2), ("blosclz", "shuffle", 1)]
FILTER_BLOCK = 65536


def c_codecs(typesize):
    def gzip_level(level):
        def compress(data):
            c = zlib.compressobj(level, zlib.DEFLATED, 31)
            return c.compress(data) + c.flush()
        return ("gzip", level, compress, lambda data, size: zlib.decompress(data, 47))

    def zstd_level(level):
        compressor = zstandard.ZstdCompressor(level=level)
        decompressor = zstandard.ZstdDecompressor()
        return ("zstd", level, compressor.compress, lambda data, size: decompressor.decompress(data, max_output_size=size))

    def lz4_mode(name, level, options):
        return (name, level, lambda data: lz4.block.compress(data, store_size=False, **options),
                lambda data, size: lz4.block.decompress(data, uncompressed_size=size))

    def bzip2_level(level):
        return ("bzip2", level, lambda data: bz2.compress(data, level), lambda data, size: bz2.decompress(data))

    def xz_preset(preset):
        return ("xz", preset, lambda data: lzma.compress(data, preset=preset), lambda data, size: lzma.decompress(data))

    def blosc_row(cname, shuffle_name, shuffle):
        return (f"blosc-{cname}-{shuffle_name}", 5,
                lambda data: blosc.compress(data, cname.encode(), 5, shuffle, 0, typesize),
                lambda data, size: blosc.decompress(data))

    byte_shuffle = numcodecs.Shuffle(elementsize=typesize)
    return [gzip_level(level) for level in (1, 5, 9)] + [zstd_level(level) for level in (-1, 1, 3, 9)] + [
        lz4_mode("lz4", 1, dict(mode="fast", acceleration=1)),
        lz4_mode("lz4hc", 9, dict(mode="high_compression", compression=9))] + [
        bzip2_level(level) for level in (1, 9)] + [
        xz_preset(preset) for preset in (1, 6, 9)] + [
        blosc_row(*row) for row in BLOSC_ROWS] + [
        ("shuffle", typesize, lambda data: byte_shuffle.encode(data).tobytes(),
         lambda data, size: byte_shuffle.decode(data))]


def liblz4():
    """The liblz4 inside python-lz4 (its symbols are exported), for calls into reused buffers."""
    lib = ctypes.CDLL(lz4.block._block.__file__)
    for name in ("LZ4_compress_fast", "LZ4_compress_HC"):
        getattr(lib, name).argtypes = [ctypes.c_char_p, ctypes.c_char_p] + [ctypes.c_int] * 3
    lib.LZ4_decompress_safe.argtypes = [ctypes.c_char_p, ctypes.c_char_p] + [ctypes.c_int] * 2
    return lib


def time_lz4_into(name, level, chunks, streams, repeat):
    """Median seconds of liblz4 compressing every chunk and decoding every stream into buffers
    allocated once (what `simplezarr bench-codecs` reports as its "into" figures)."""
    lib = liblz4()
    function = lib.LZ4_compress_fast if name == "lz4" else lib.LZ4_compress_HC
    outputs = [ctypes.create_string_buffer(lib.LZ4_compressBound(len(c))) for c in chunks]
    decoded = [ctypes.create_string_buffer(len(c)) for c in chunks]
    def compress_all():
        for chunk, out in zip(chunks, outputs):
            function(chunk, out, len(chunk), len(out), level)

    def decompress_all():
        for stream, out, chunk in zip(streams, decoded, chunks):
            if lib.LZ4_decompress_safe(stream, out, len(stream), len(chunk)) != len(chunk):
                raise RuntimeError(f"{name}: liblz4 failed to decode its own block")

    return (median([pass_seconds(compress_all) for _ in range(repeat)]),
            median([pass_seconds(decompress_all) for _ in range(repeat)]))


def pass_seconds(body, least=0.02):
    """Seconds per call of `body`, called as often as it takes to fill `least` seconds (a single
    pass over the corpus can be a fraction of a millisecond, too short to time on a busy machine).
    `simplezarr bench-codecs` times its "into" figures the same way."""
    calls, start = 0, time.perf_counter()
    while True:
        body()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= least:
            return elapsed / calls


def cblosc_bitshuffle(total, typesize, repeat):
    """c-blosc's bit shuffle alone, which it does not export: the same buffer through blosc
    (blosclz, level 1, 64 KiB blocks) with and without bit shuffle; the difference in time is
    the filter's. The buffer alternates 64 KiB blocks of random bytes, which blosclz gives up
    on at once and stores raw (before and after the filter), and of zeros, which make the
    chunk small enough not to be stored whole, so decoding unshuffles every block."""
    rng = np.random.default_rng(typesize)
    blocks = max(2, -(-total // FILTER_BLOCK))
    data = b"".join(rng.bytes(FILTER_BLOCK) if k % 2 == 0 else bytes(FILTER_BLOCK) for k in range(blocks))
    times = {}
    for shuffle in (0, 2):
        chunk = blosc.compress(data, b"blosclz", 1, shuffle, 0, typesize)
        flags, blocksize = chunk[2], struct.unpack_from("<I", chunk, 8)[0]
        assert not flags & 0x02 and blocksize == FILTER_BLOCK, (flags, blocksize)
        ct, dt = [], []
        for _ in range(max(repeat, 15)):
            t = time.perf_counter()
            blosc.compress(data, b"blosclz", 1, shuffle, 0, typesize)
            ct.append(time.perf_counter() - t)
            t = time.perf_counter()
            blosc.decompress(chunk)
            dt.append(time.perf_counter() - t)
        times[shuffle] = (median(ct), median(dt))
    return {"compress_mbps": len(data) / max(times[2][0] - times[0][0], 1e-9) / 1e6,
            "decompress_mbps": len(data) / max(times[2][1] - times[0][1], 1e-9) / 1e6, "ratio": 1.0}


def run_c(chunks, names, repeat, foreign_dir, typesize, keep):
    """Times the C codecs whose name starts with one of `keep`; writes their streams to
    foreign_dir/<codec>-<level>/<file name>."""
    total = sum(len(c) for c in chunks)
    results = {}
    for name, level, compress, decompress in c_codecs(typesize):
        if not name.startswith(keep):
            continue
        ct, dt = [], []
        for _ in range(repeat):
            t = time.perf_counter()
            compressed = [compress(c) for c in chunks]
            ct.append(time.perf_counter() - t)
        for _ in range(repeat):
            t = time.perf_counter()
            for data, original in zip(compressed, chunks):
                decompress(data, len(original))
            dt.append(time.perf_counter() - t)
        os.makedirs(os.path.join(foreign_dir, f"{name}-{level}"), exist_ok=True)
        for file_name, data in zip(names, compressed):
            with open(os.path.join(foreign_dir, f"{name}-{level}", file_name), "wb") as f:
                f.write(data)
        results[(name, level)] = {
            "compress_mbps": total / median(ct) / 1e6,
            "decompress_mbps": total / median(dt) / 1e6,
            "ratio": total / sum(len(c) for c in compressed),
        }
        if name in ("lz4", "lz4hc"):
            into = time_lz4_into(name, level, chunks, compressed, repeat)
            results[(name, level)].update(compress_into_mbps=total / into[0] / 1e6,
                                          decompress_into_mbps=total / into[1] / 1e6)
    if "bitshuffle".startswith(keep):
        results[("bitshuffle", typesize)] = cblosc_bitshuffle(total, typesize, repeat)
    return results


def run_ours(directory, foreign_dir, repeat, typesize, codecs):
    binary = os.path.join(REPO, ".build", "release", "simplezarr")
    output = subprocess.run([binary, "bench-codecs", directory, "--repeat", str(repeat), "--foreign", foreign_dir,
                             "--typesize", str(typesize), "--codecs", ",".join(sorted(codecs))],
                            check=True, capture_output=True, text=True).stdout
    results = {}
    for line in output.splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            results[(record["codec"], record["level"])] = record
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--markdown", help="put the table into this Markdown file (e.g. BENCHMARKS.md), "
                        "replacing the section between the codec markers or appending one")
    parser.add_argument("--only", help="comma-separated codec name prefixes to keep (e.g. blosc,shuffle,bitshuffle)")
    args = parser.parse_args()
    blosc.set_nthreads(1)
    blosc.use_threads = False
    keep = tuple(args.only.split(",")) if args.only else ("",)
    subprocess.run(["swift", "build", "-c", "release", "--product", "simplezarr"], cwd=REPO, check=True,
                   stdout=subprocess.DEVNULL)
    lines = [
        f"Corpus: {len(POSITIONS)} chunks of 64x64x64 per corpus and dtype "
        f"(512 KiB uint16, 1 MiB float32). One core, median of {args.repeat} runs, MB/s of uncompressed data. "
        f"C: zlib {zlib.ZLIB_VERSION} (gzip framing), libzstd {".".join(map(str, zstandard.ZSTD_VERSION))} via python-zstandard "
        f"{zstandard.__version__}, liblz4 {lz4.library_version_string()} via python-lz4 {lz4.__version__} (raw blocks; "
        f"lz4 is the fast mode at acceleration 1, lz4hc level 9), libbz2 via Python's bz2, liblzma via Python's lzma "
        f"(xz files, CRC-64, presets 1, 6 and 9). Decompression is timed on the C library's streams "
        f"for both sides (identical input); *own* is our decoder on our own streams. Corpora: *regular* is the smooth "
        f"volume recipe, *noisy* a smooth random field with gaussian noise (zstd -3 ratio about 2.3 for uint16, "
        f"2.7 for float32). Blosc: c-blosc {blosc.VERSION_STRING} via numcodecs {numcodecs.__version__} (one thread, "
        f"blosc_compress_ctx/blosc_decompress_ctx), clevel 5, typesize 2 (uint16) or 4 (float32); *shuffle* is the byte "
        f"shuffle alone beside numcodecs.Shuffle (its own C loop), *bitshuffle* the bit shuffle alone, which c-blosc does "
        f"not export: on both sides timed inside blosc, as the difference between blosc with and without it on data "
        f"whose 64 KiB blocks blosclz stores raw (see cblosc_bitshuffle); level is the typesize there.",
        "",
        "| corpus | data | codec | level | ours compress | C compress | ratio | ours decompress | C decompress | ratio "
        "| ours decompress (own) | ours size ratio | C size ratio |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    into_lines = [
        "",
        "LZ4 into buffers allocated once, on both sides (liblz4 called directly, through ctypes, in "
        "python-lz4's own library; ours `compressBlock`/`compressBlockHC`/`decompressBlock`): the codec's own "
        "speed, without the cost of fresh pages for each result, which at these speeds depends on the "
        "allocator's state more than on the codec.",
        "",
        "| corpus | data | codec | level | ours compress | C compress | ratio | ours decompress | C decompress | ratio |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for corpus, dtype in [(c, d) for c in ("regular", "noisy") for d in ("uint16", "float32")]:
            directory = os.path.join(tmp, corpus, dtype)
            make_corpus(directory, dtype, corpus)
            names = sorted(os.listdir(directory))
            chunks = [open(os.path.join(directory, f), "rb").read() for f in names]
            foreign = os.path.join(tmp, corpus, dtype + "-c")
            typesize = np.dtype(dtype).itemsize
            theirs = run_c(chunks, names, args.repeat, foreign, typesize, keep)
            ours = run_ours(directory, foreign, args.repeat, typesize, {key[0] for key in theirs})
            for key, c in theirs.items():
                o = ours[key]
                # Decoding of the C library's streams: the filters alone have none for bitshuffle.
                decode = o["decompress_foreign_mbps"] or o["decompress_mbps"]
                lines.append(
                    f"| {corpus} | {dtype} | {key[0]} | {key[1]} | {o['compress_mbps']:.0f} | {c['compress_mbps']:.0f} | "
                    f"{o['compress_mbps'] / c['compress_mbps']:.2f}x | {decode:.0f} | "
                    f"{c['decompress_mbps']:.0f} | {decode / c['decompress_mbps']:.2f}x | "
                    f"{o['decompress_mbps']:.0f} | {o['ratio']:.2f} | {c['ratio']:.2f} |")
                if "compress_into_mbps" in c:
                    into_lines.append(
                        f"| {corpus} | {dtype} | {key[0]} | {key[1]} | {o['compress_into_mbps']:.0f} | "
                        f"{c['compress_into_mbps']:.0f} | {o['compress_into_mbps'] / c['compress_into_mbps']:.2f}x | "
                        f"{o['decompress_into_mbps']:.0f} | {c['decompress_into_mbps']:.0f} | "
                        f"{o['decompress_into_mbps'] / c['decompress_into_mbps']:.2f}x |")
    text = "\n".join(lines + (into_lines if len(into_lines) > 6 else []))
    print(text)
    if args.markdown:
        write_section(args.markdown, text)


BEGIN, END = "<!-- codecs:begin -->", "<!-- codecs:end -->"


def write_section(path, table):
    """Replaces (or appends) the codec section of a Markdown file."""
    section = (f"{BEGIN}\n## Codecs beside the C libraries\n\n"
               f"Made by `.venv-interop/bin/python Scripts/bench_codecs.py --markdown BENCHMARKS.md` "
               f"(after `bash Scripts/venv.sh`).\n\n{table}\n{END}")
    text = open(path).read() if os.path.exists(path) else ""
    begin, end = text.find(BEGIN), text.find(END)
    if 0 <= begin < end:
        text = text[:begin] + section + text[end + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    with open(path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    sys.exit(main())
