#!/usr/bin/env python3
"""Writes blosc1 test vectors made by c-blosc (the copy numcodecs bundles).

    bash Scripts/venv.sh
    .venv-interop/bin/python Scripts/make_blosc_vectors.py

Output: Tests/ZarrCompressionTests/Vectors/blosc/
  manifest.json   one entry per chunk: the payload recipe (kind, size, typesize,
                  seed; the Swift tests rebuild the payload from it, see
                  `payload` below), the parameters given to c-blosc, its header
                  fields, the CRC-32 of the payload and the chunk file name
  chunks/*.blosc  the chunks c-blosc wrote
  shuffles.json   raw byte-/bit-shuffled blocks cut out of c-blosc chunks (see
                  `shuffle_vectors`), with the chunk they come from
  shuffles/*.bin  those blocks

c-blosc runs single-threaded through blosc_compress_ctx (numcodecs with
use_threads=False), except for the split-mode cases, which need c-blosc's
BLOSC_SPLITMODE variable and so its global path (use_threads=True, one thread),
each in a fresh process because the mode sticks once set.
Deterministic: the same c-blosc writes the same files.
"""
import json
import os
import struct
import subprocess
import sys
import zlib

from numcodecs import blosc

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "Tests", "ZarrCompressionTests", "Vectors", "blosc")

CNAMES = ["blosclz", "lz4", "lz4hc", "zlib", "zstd"]
TYPESIZES = [1, 2, 3, 4, 8, 16]
CLEVELS = [0, 1, 5, 9]
SHUFFLES = [0, 1, 2]
MASK64 = (1 << 64) - 1


def splitmix_bytes(n, seed):
    """The bytes of Tests/ZarrCompressionTests/Support/TestRandom.bytes(n, seed)."""
    out = bytearray()
    state = seed & MASK64
    while len(out) < n:
        state = (state + 0x9E3779B97F4A7C15) & MASK64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        z ^= z >> 31
        out += z.to_bytes(8, "little")
    return bytes(out[:n])


def payload(kind, size, typesize, seed):
    """Test data, rebuilt bit for bit by BloscTestSupport.payload in Swift.

    smooth: element i is a triangle wave (period 2048) plus a slow ramp; noisy
    adds 0...7 from a 32-bit LCG; element bytes are the value's little-endian
    bytes (bytes past the 8th are 31 * b & 255); cut to `size` bytes.
    """
    if kind == "zeros":
        return bytes(size)
    if kind == "random":
        return splitmix_bytes(size, seed)
    out = bytearray()
    state = seed & 0xFFFFFFFF
    for i in range(-(-size // typesize)):
        v = abs(i % 2048 - 1024) * 61 + (i // 2048) * 1000
        if kind == "noisy":
            state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
            v += state >> 29
        for b in range(typesize):
            out.append((v >> (8 * b)) & 0xFF if b < 8 else (31 * b) & 0xFF)
    return bytes(out[:size])


def header(chunk):
    version, versionlz, flags, typesize, nbytes, blocksize, cbytes = struct.unpack("<BBBBIII", chunk[:16])
    return {"version": version, "versionlz": versionlz, "flags": flags, "typesize": typesize,
            "nbytes": nbytes, "blocksize": blocksize, "cbytes": cbytes}


class Writer:
    def __init__(self):
        self.entries = []
        self.names = set()
        os.makedirs(os.path.join(OUT, "chunks"), exist_ok=True)

    def add(self, name, kind, size, typesize, seed, cname, clevel, shuffle, blocksize=0, splitmode=None,
            chunk=None):
        assert name not in self.names, name
        self.names.add(name)
        data = payload(kind, size, typesize, seed)
        if chunk is None:
            chunk = blosc.compress(data, cname.encode(), clevel, shuffle, blocksize, typesize)
        assert blosc.decompress(chunk) == data if size else True
        with open(os.path.join(OUT, "chunks", name + ".blosc"), "wb") as f:
            f.write(chunk)
        entry = {"name": name, "kind": kind, "size": size, "typesize": typesize, "seed": seed, "cname": cname,
                 "clevel": clevel, "shuffle": shuffle, "blocksize": blocksize,
                 "crc32": zlib.crc32(data), "header": header(chunk)}
        if splitmode:
            entry["splitmode"] = splitmode
        self.entries.append(entry)


def split_mode_chunks(jobs):
    """Compresses in a child process with BLOSC_SPLITMODE set (see the module doc)."""
    code = (
        "import json, sys\n"
        "sys.path.insert(0, %r)\n"
        "from make_blosc_vectors import payload\n"
        "from numcodecs import blosc\n"
        "blosc.set_nthreads(1)\n"
        "blosc.use_threads = True\n"
        "out = []\n"
        "for kind, size, ts, seed, cname, clevel, shuffle in json.load(sys.stdin):\n"
        "    out.append(blosc.compress(payload(kind, size, ts, seed), cname.encode(), clevel, shuffle, 0, ts).hex())\n"
        "print(json.dumps(out))\n" % os.path.dirname(os.path.abspath(__file__)))
    results = {}
    for mode in ("ALWAYS", "NEVER", "AUTO"):
        env = dict(os.environ, BLOSC_SPLITMODE=mode, BLOSC_NTHREADS="1")
        out = subprocess.run([sys.executable, "-c", code], input=json.dumps(jobs), capture_output=True, text=True,
                             env=env, check=True).stdout
        results[mode] = [bytes.fromhex(h) for h in json.loads(out)]
    return results


def shuffle_vectors():
    """c-blosc's shuffled blocks, cut out of chunks where they are stored raw.

    A chunk of zstd (no split streams), level 1, forced block size B, holding a
    block of zeros and then random bytes: the random blocks do not compress, so
    c-blosc stores each filtered block as it is, and the zeros pay for the
    overhead (so the chunk is not stored as a whole). The last block is the
    short one when the random part is not a multiple of B.
    """
    os.makedirs(os.path.join(OUT, "shuffles"), exist_ok=True)
    entries = []
    cases = [(ts, b, r) for ts in (1, 2, 3, 4, 5, 7, 8, 16, 17, 32)
             for b, r in ((1024, 1024), (1024, 1000), (2048, 2048 + 8 * ts * 3 + 5), (512, 512 + 4 * ts + 1))]
    for shuffle in (1, 2):
        for ts, block, rand in cases:
            block = max(block, 128) // ts * ts
            seed = 1000 * ts + rand
            data = bytes(block) + splitmix_bytes(rand, seed)
            chunk = blosc.compress(data, b"zstd", 1, shuffle, block, ts)
            h = header(chunk)
            assert h["flags"] & 0x02 == 0 and h["blocksize"] == block, (ts, block, h)
            nblocks = -(-len(data) // block)
            for j in range(1, nblocks):
                start = struct.unpack_from("<i", chunk, 16 + 4 * j)[0]
                csize = struct.unpack_from("<i", chunk, start)[0]
                bsize = min(block, len(data) - j * block)
                assert csize == bsize, (ts, block, j, csize, bsize)
                name = f"{'byte' if shuffle == 1 else 'bit'}_t{ts}_n{bsize}_s{seed}_b{j}"
                if any(e["name"] == name for e in entries):
                    continue
                with open(os.path.join(OUT, "shuffles", name + ".bin"), "wb") as f:
                    f.write(chunk[start + 4:start + 4 + csize])
                entries.append({"name": name, "shuffle": shuffle, "typesize": ts, "seed": seed,
                                "offset": j * block - block, "size": bsize})
    return entries


def write_json(name, key, entries):
    """A JSON object with the c-blosc version and `key`: the entries, one a line."""
    lines = ",\n".join(json.dumps(e, separators=(",", ":")) for e in entries)
    with open(os.path.join(OUT, name), "w") as f:
        f.write(f'{{"cblosc": {json.dumps(blosc.VERSION_STRING)},\n"{key}": [\n{lines}\n]}}\n')


def main():
    blosc.set_nthreads(1)
    blosc.use_threads = False
    w = Writer()
    # The matrix: every compressor, shuffle, typesize and level on a payload
    # below one block (size not a multiple of the typesize) and on one cut
    # into many small forced blocks with a short last block.
    for cname in CNAMES:
        for shuffle in SHUFFLES:
            for ts in TYPESIZES:
                for clevel in CLEVELS:
                    base = f"{cname}_s{shuffle}_t{ts}_l{clevel}"
                    seed = CNAMES.index(cname) * 1000 + shuffle * 100 + ts * 10 + clevel
                    w.add(base + "_small", "noisy", 300 * ts + (ts > 1), ts, seed, cname, clevel, shuffle)
                    # 64 elements per block: below c-blosc's 128-element split
                    # threshold, so the forced size stays as asked.
                    w.add(base + "_blocks", "noisy", 64 * ts * 4 + 5 * ts + 1, ts, seed + 1, cname, clevel, shuffle,
                          blocksize=64 * ts)
    # Sizes at the edges.
    for cname in CNAMES:
        for size in (0, 1, 3, 127, 128, 129):
            w.add(f"{cname}_edge{size}", "noisy", size, 4, size, cname, 5, 1)
        # Several automatic blocks (the block size c-blosc picks) plus a short last one.
        w.add(f"{cname}_multiblock", "smooth", 2 * 262144 + 1234, 2, 7, cname, 5, 1)
        w.add(f"{cname}_multiblock_bit", "smooth", 2 * 131072 + 999, 1, 8, cname, 9, 2)
        # Incompressible: c-blosc gives up and stores the input (keeping its flags).
        w.add(f"{cname}_random", "random", 5000, 4, 11, cname, 5, 1)
        w.add(f"{cname}_zeros", "zeros", 100000, 8, 0, cname, 3, 1)
        # typesize 255, and above 255 (treated as 1), 17 (too wide to split).
        w.add(f"{cname}_t255", "noisy", 255 * 40 + 7, 255, 3, cname, 5, 1)
        w.add(f"{cname}_t300", "noisy", 300 * 30, 300, 4, cname, 5, 2)
        w.add(f"{cname}_t17", "noisy", 17 * 500, 17, 5, cname, 5, 1)
        # Bit shuffle of a block whose element count is not a multiple of 8.
        w.add(f"{cname}_bit_odd", "noisy", 4 * 1001, 4, 6, cname, 5, 2)
    # The split modes (c-blosc's BLOSC_SPLITMODE).
    jobs = [("noisy", 20000 + 4, 4, 21, cname, 5, 1) for cname in CNAMES] + \
           [("smooth", 16000, 2, 22, cname, 5, 2) for cname in CNAMES]
    for mode, chunks in split_mode_chunks(jobs).items():
        for job, chunk in zip(jobs, chunks):
            kind, size, ts, seed, cname, clevel, shuffle = job
            w.add(f"{cname}_split{mode.lower()}_t{ts}", kind, size, ts, seed, cname, clevel, shuffle,
                  splitmode=mode.lower(), chunk=chunk)
    write_json("manifest.json", "chunks", w.entries)
    shuffles = shuffle_vectors()
    write_json("shuffles.json", "blocks", shuffles)
    total = sum(os.path.getsize(os.path.join(dp, fn)) for dp, _, fns in os.walk(OUT) for fn in fns)
    print(f"{len(w.entries)} chunks, {len(shuffles)} shuffled blocks, {total} bytes in {OUT}")


if __name__ == "__main__":
    main()
