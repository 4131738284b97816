#!/usr/bin/env python3
"""Writes Tests/SimpleZarrTests/Fixtures/hostile-metadata/: small array zarr.json
documents that once trapped, hung or exhausted memory (issue 8), one file per case,
plus manifest.json with what opening each must do:

  "opens"           openZarr succeeds (later chunk access may still throw)
  "error:<field>"   openZarr throws invalidMetadata naming <field>
  "error"           openZarr throws (any error)

Every case must also survive touching every property, getChunk at the origin and a
read of a tiny region, each quickly and in little memory (HostileMetadataTests).
The files double as a fuzzing seed corpus. Plain Python, no dependencies; rerunning
gives identical files.

It also writes hostile-metadata/v2/: Zarr v2 documents (`.zarray`, `.zmetadata`, and a
`zarr.json` claiming zarr_format 2), one file per case, with v2/manifest.json giving for
each the store key it is stored under ("key"), the other documents stored beside it
("beside", e.g. the root `.zgroup`), and the strings the thrown ZarrError's message must
contain ("names": the member and the bad value).
"""

import json
import os

INT_MAX = 2**63 - 1
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Tests", "SimpleZarrTests", "Fixtures", "hostile-metadata")


def array(shape, chunks, dtype="uint8", fill=0, codecs=None, **extra):
    doc = {
        "zarr_format": 3,
        "node_type": "array",
        "shape": shape,
        "data_type": dtype,
        "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": chunks}},
        "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}},
        "fill_value": fill,
        "codecs": codecs if codecs is not None else [{"name": "bytes", "configuration": {"endian": "little"}}],
    }
    doc.update(extra)
    return doc


BYTES = {"name": "bytes", "configuration": {"endian": "little"}}
CASES = []


def case(name, expect, doc):
    CASES.append((name, expect, doc))


# --- The audit's cases ---------------------------------------------------------
case("raw-8589934592-bits-null-fill", "error:data_type", array([1], [1], "r8589934592", None))
case("raw-near-int-max-bits", "error:data_type", array([1], [1], "r9223372036854775800", None))
case("raw-too-many-digits", "error:data_type", array([1], [1], "r" + "9" * 40, None))
case("shape-int-max-chunk-2", "opens", array([INT_MAX], [2]))
case("shape-2pow62-float64", "opens", array([2**62], [1], "float64"))
case("shape-and-chunk-int-max-crc32c", "opens",
     array([INT_MAX], [INT_MAX], codecs=[BYTES, {"name": "crc32c"}]))
case("fill-chunk-2gib", "opens", array([2**31], [2**31]))
case("chunk-0-by-2pow31-1-uint16", "opens", array([0, 2**31 - 1], [1, 2**31 - 1], "uint16"))
case("chunk-2pow31-1-float64", "opens", array([2**31 - 1], [2**31 - 1], "float64"))

# Variable-length elements have no stored size, but each takes a Data value in memory: a missing
# chunk of 2^31 empty strings once allocated 32 GiB.
case("string-chunk-2pow31", "opens", array([2**31], [2**31], "string", "", [{"name": "vlen-utf8"}]))
case("bytes-chunk-2pow31-fill", "opens",
     array([2**31], [2**31], "variable_length_bytes", "AAE=", [{"name": "vlen-bytes"}, {"name": "zstd"}]))

# --- Zero-size arrays ------------------------------------------------------------
case("zero-1d", "opens", array([0], [1]))
case("zero-1d-huge-chunk", "opens", array([0], [INT_MAX]))
case("zero-first-of-two-int-max", "opens", array([0, INT_MAX], [1, 1]))
case("zero-last-after-int-max", "opens", array([INT_MAX, INT_MAX, 0], [1, 1, 1]))
case("zero-middle-2pow62", "opens", array([2**62, 0, 2**62], [1, 1, 1], "float64"))
case("zero-all", "opens", array([0, 0, 0], [1, 1, 1]))
case("zero-after-2pow62-chunks", "opens", array([2**62, 0], [1, 1]))
case("zero-d", "opens", array([], []))
case("zero-d-with-chunk", "error:chunk_shape", array([], [1]))

# --- Shapes and chunk shapes near the limits -----------------------------------------
case("shape-int-max-chunk-1", "opens", array([INT_MAX], [1]))
case("shape-int-max-chunk-int-max-minus-1", "opens", array([INT_MAX], [INT_MAX - 1]))
case("shape-2d-int-max", "opens", array([INT_MAX, INT_MAX], [1, 1], "complex128", [0, 0]))
case("shape-2pow31-1-squared", "opens", array([2**31 - 1, 2**31 - 1], [1024, 1024]))
case("chunk-elements-overflow", "error:chunk_shape", array([4, 4], [2**32, 2**31]))
case("chunk-bytes-overflow", "error:chunk_shape", array([4], [2**62], "float64"))
case("chunk-2d-int-max", "error:chunk_shape", array([1, 1], [INT_MAX, INT_MAX]))
case("chunk-bigger-than-shape", "opens", array([3], [2**40]))
case("shape-uint64-max", "error:shape", array([2**64 - 1], [1]))
case("shape-above-uint64", "error:shape", array([2**70], [1]))
case("chunk-uint64-max", "error:chunk_shape", array([4], [2**64 - 1]))

# --- Malformed shapes and chunk shapes -------------------------------------------
case("chunk-zero", "error:chunk_shape", array([4], [0]))
case("chunk-negative", "error:chunk_shape", array([4], [-1]))
case("shape-negative", "error:shape", array([-4], [1]))
case("shape-int-min", "error:shape", array([-(2**63)], [1]))
case("shape-float", "error:shape", array([4.5], [1]))
case("shape-float-integral", "error:shape", array([4.0], [1]))
case("shape-huge-float", "error:shape", array([1e300], [1]))
case("shape-string", "error:shape", array(["4"], [1]))
case("shape-nested", "error:shape", array([[4]], [1]))
case("shape-null", "error:shape", array(None, [1]))
case("shape-object", "error:shape", array({"0": 4}, [1]))
case("shape-bool", "error:shape", array([True], [1]))
case("chunk-float", "error:chunk_shape", array([4], [2.5]))
case("chunk-string", "error:chunk_shape", array([4], ["2"]))
case("chunk-nested", "error:chunk_shape", array([4], [[2]]))
case("chunk-rank-mismatch", "error:chunk_shape", array([4, 4], [2]))

# --- Many dimensions --------------------------------------------------------------
case("dims-10000-of-1", "error:shape", array([1] * 10000, [1] * 10000))
case("dims-10000-of-2-chunk-1", "error:shape", array([2] * 10000, [1] * 10000))
case("dims-10000-of-2-chunk-2", "error:shape", array([2] * 10000, [2] * 10000))
case("dims-64-of-2-chunk-1", "opens", array([2] * 64, [1] * 64))
case("dims-65-of-1", "error:shape", array([1] * 65, [1] * 65))
case("dims-64-of-2pow62", "opens", array([2**62] * 64, [1] * 64))

# --- Data types and fill values -----------------------------------------------------
case("raw-zero-bits", "error:data_type", array([1], [1], "r0", None))
case("raw-not-byte-multiple", "error:data_type", array([1], [1], "r12", None))
case("raw-largest-allowed", "opens", array([2], [2], "r524288", None))
case("raw-one-past-largest", "error:data_type", array([2], [2], "r524296", None))
case("raw-fill-wrong-length", "error:fill_value", array([1], [1], "r16", [1, 2, 3]))
case("raw-fill-byte-range", "error:fill_value", array([1], [1], "r16", [1, 256]))
case("data-type-unknown", "error:data_type", array([1], [1], "float128"))
case("data-type-number", "error:data_type", array([1], [1], 8))
case("fill-int-above-uint64", "error:fill_value", array([1], [1], "uint64", 2**70))
case("fill-int-huge-float", "error:fill_value", array([1], [1], "int64", 1e300))
case("fill-hex-too-long", "error:fill_value", array([1], [1], "float32", "0x" + "f" * 1000))
case("fill-complex-wrong-arity", "error:fill_value", array([1], [1], "complex64", [1, 2, 3]))
case("fill-complex-nested", "error:fill_value", array([1], [1], "complex128", [[1], [2]]))
case("fill-missing", "error:fill_value", {k: v for k, v in array([1], [1]).items() if k != "fill_value"})

# --- Codecs ------------------------------------------------------------------------
T = lambda order: {"name": "transpose", "configuration": {"order": order}}
case("transpose-out-of-range", "opens", array([2, 2], [2, 2], codecs=[T([0, 5]), BYTES]))
case("transpose-duplicate", "opens", array([2, 2], [2, 2], codecs=[T([0, 0]), BYTES]))
case("transpose-negative", "opens", array([2, 2], [2, 2], codecs=[T([-1, 0]), BYTES]))
case("transpose-int-max", "opens", array([2, 2], [2, 2], codecs=[T([INT_MAX, 0]), BYTES]))
case("transpose-too-long", "opens", array([2, 2], [2, 2], codecs=[T(list(range(10000))), BYTES]))
case("transpose-floats", "opens", array([2, 2], [2, 2], codecs=[T([0.5, 1]), BYTES]))
case("gzip-level-99", "opens", array([4], [4], codecs=[BYTES, {"name": "gzip", "configuration": {"level": 99}}]))
case("gzip-level-negative", "opens", array([4], [4], codecs=[BYTES, {"name": "gzip", "configuration": {"level": -1}}]))
case("gzip-level-huge-float", "opens", array([4], [4], codecs=[BYTES, {"name": "gzip", "configuration": {"level": 1e300}}]))
case("zstd-level-int-max", "opens",
     array([4], [4], codecs=[BYTES, {"name": "zstd", "configuration": {"level": INT_MAX, "checksum": False}}]))
case("zstd-level-int-min", "opens",
     array([4], [4], codecs=[BYTES, {"name": "zstd", "configuration": {"level": -(2**63), "checksum": False}}]))
case("zstd-checksum-number", "opens",
     array([4], [4], codecs=[BYTES, {"name": "zstd", "configuration": {"level": 1, "checksum": 2}}]))
case("bytes-endian-bad", "opens", array([4], [4], "uint16", codecs=[{"name": "bytes", "configuration": {"endian": 1}}]))
case("codecs-empty", "error:codecs", array([4], [4], codecs=[]))
case("codecs-not-array", "error:codecs", array([4], [4], codecs={"name": "bytes"}))
case("codecs-two-bytes", "opens", array([4], [4], codecs=[BYTES, BYTES]))
case("codecs-unknown", "opens", array([4], [4], codecs=[BYTES, {"name": "no-such-codec"}]))
case("codecs-entry-number", "opens", array([4], [4], codecs=[7]))
case("crc32c-only", "opens", array([4], [4], codecs=[{"name": "crc32c"}]))
case("crc32c-many", "opens", array([INT_MAX], [INT_MAX], codecs=[BYTES] + [{"name": "crc32c"}] * 64))

# --- Other members ---------------------------------------------------------------------
case("key-encoding-separator-bad", "error:chunk_key_encoding",
     dict(array([4], [2]), chunk_key_encoding={"name": "default", "configuration": {"separator": "\u0000"}}))
case("key-encoding-configuration-number", "opens",
     dict(array([4], [2]), chunk_key_encoding={"name": "v2", "configuration": 5}))
case("dimension-names-wrong-length", "error:dimension_names", dict(array([4], [2]), dimension_names=["a", "b"]))
case("chunk-grid-unknown", "error", dict(array([4], [2]), chunk_grid={"name": "rectilinear"}))
case("chunk-grid-no-configuration", "error:chunk_grid", dict(array([4], [2]), chunk_grid={"name": "regular"}))

# Raw JSON text, for what a dict cannot express.
RAW = {
    "json-deep-nesting": '{"zarr_format": 3, "node_type": "array", "attributes": ' + "[" * 5000 + "]" * 5000 + "}",
    "json-huge-exponent": json.dumps(array([1], [1])).replace('"shape": [1]', '"shape": [1e999999999]'),
    "json-long-integer": json.dumps(array([1], [1])).replace('"shape": [1]', '"shape": [' + "9" * 5000 + "]"),
    "json-nan-shape": json.dumps(array([1], [1])).replace('"shape": [1]', '"shape": [NaN]'),
    "json-truncated": json.dumps(array([1], [1]))[:-7],
}
RAW_EXPECT = {
    "json-deep-nesting": "error",
    "json-huge-exponent": "error:shape",
    "json-long-integer": "error:shape",
    "json-nan-shape": "error:shape",
    "json-truncated": "error",
}


# --- Zarr v2 documents ---------------------------------------------------------------
V2_OUT = os.path.join(OUT, "v2")
V2_CASES = []
ZGROUP = {"zarr_format": 2}


def zarray(**changes):
    """A valid .zarray for a small uint8 array, with `changes` applied (a value of None deletes)."""
    doc = {"zarr_format": 2, "shape": [4, 6], "chunks": [2, 3], "dtype": "|u1", "fill_value": 0, "order": "C",
           "filters": None, "compressor": None, "dimension_separator": "."}
    for k, v in changes.items():
        if v is None:
            del doc[k]
        else:
            doc[k] = v
    return doc


def v2_case(name, key, doc, names, beside=None):
    V2_CASES.append((name, {"key": key, "beside": beside or {}, "names": names}, doc))


def zmetadata(metadata):
    return {"zarr_consolidated_format": 1, "metadata": metadata}


v2_case("zarray-dtype-unknown", ".zarray", zarray(dtype="<x4"), ["dtype", "<x4"])
v2_case("zarray-dtype-float128", ".zarray", zarray(dtype="<f16"), ["dtype", "<f16"])
v2_case("zarray-dtype-number", ".zarray", zarray(dtype=8), ["dtype", "8"])
v2_case("zarray-fill-string-for-int", ".zarray", zarray(dtype="<i4", fill_value="abc"), ["fill_value", "abc"])
v2_case("zarray-fill-300-for-u1", ".zarray", zarray(fill_value=300), ["fill_value", "300"])
v2_case("zarray-fill-raw-bad-base64", ".zarray", zarray(dtype="|V3", fill_value="!!!*"), ["fill_value", "!!!*"])
v2_case("zarray-fill-raw-wrong-length", ".zarray", zarray(dtype="|V3", fill_value="YWJjZA=="),
        ["fill_value", "YWJjZA=="])
v2_case("zarray-order-X", ".zarray", zarray(order="X"), ["order", "X"])
v2_case("zarray-shape-missing", ".zarray", zarray(shape=None), ["shape"])
v2_case("zarray-chunks-missing", ".zarray", zarray(chunks=None), ["chunks"])
v2_case("zarray-shape-negative", ".zarray", zarray(shape=[4, -6]), ["shape", "-6"])
v2_case("zarray-chunks-zero", ".zarray", zarray(chunks=[2, 0]), ["chunks", "0"])
v2_case("zarray-chunks-rank-mismatch", ".zarray", zarray(chunks=[2]), ["chunks"])
v2_case("zarray-zarr-format-3", ".zarray", zarray(zarr_format=3), ["zarr_format", "3"])
v2_case("zarray-separator-bad", ".zarray", zarray(dimension_separator="x"), ["dimension_separator", "x"])
v2_case("zarray-compressor-number", ".zarray", zarray(compressor=5), ["compressor", "5"])
v2_case("zarray-filters-object", ".zarray", zarray(filters={"id": "delta"}), ["filters"])
v2_case("zarr-json-format-2", "zarr.json",
        dict(array([4], [2]), zarr_format=2), ["zarr_format", "2"])
v2_case("zmetadata-not-object", ".zmetadata", [1, 2], [".zmetadata"], beside={".zgroup": ZGROUP})
v2_case("zmetadata-metadata-not-object", ".zmetadata", {"zarr_consolidated_format": 1, "metadata": [1]},
        [".zmetadata", "metadata"], beside={".zgroup": ZGROUP})
v2_case("zmetadata-path-parent", ".zmetadata", zmetadata({".zgroup": ZGROUP, "../x/.zarray": zarray()}),
        ["../x/.zarray"], beside={".zgroup": ZGROUP})
v2_case("zmetadata-path-absolute", ".zmetadata", zmetadata({".zgroup": ZGROUP, "/abs/.zarray": zarray()}),
        ["/abs/.zarray"], beside={".zgroup": ZGROUP})


def write_v2():
    os.makedirs(V2_OUT, exist_ok=True)
    manifest = {}
    for name, entry, doc in V2_CASES:
        with open(os.path.join(V2_OUT, name + ".json"), "w") as f:
            f.write(json.dumps(doc, indent=2) + "\n")
        manifest[name] = entry
    with open(os.path.join(V2_OUT, "manifest.json"), "w") as f:
        json.dump(dict(sorted(manifest.items())), f, indent=2)
        f.write("\n")
    print(f"wrote {len(manifest)} v2 cases to {os.path.normpath(V2_OUT)}")


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = {}
    for name, expect, doc in CASES:
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            small = len(json.dumps(doc)) <= 2000
            f.write((json.dumps(doc, indent=2) if small else json.dumps(doc, separators=(",", ":"))) + "\n")
        manifest[name] = expect
    for name, text in RAW.items():
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            f.write(text + "\n")
        manifest[name] = RAW_EXPECT[name]
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(dict(sorted(manifest.items())), f, indent=2)
        f.write("\n")
    print(f"wrote {len(manifest)} cases to {os.path.normpath(OUT)}")
    write_v2()


if __name__ == "__main__":
    main()
