#!/usr/bin/env python3
"""Writes Tests/SimpleZarrTests/Fixtures/hostile-dtypes/: a Zarr v3 and a Zarr v2 hierarchy
(v3/, v2/) of the non-numeric data types in which some arrays are broken, plus manifest.json
saying what reading each array must do (HostileDtypeFixtureTests):

  "reads"     the array opens and reads as `values` (the good arrays beside the broken ones)
  "chunk"     the array opens, but reading the chunk `key` throws ZarrError.codec naming that
              key and each of `names` (every other chunk of it still reads)
  "metadata"  opening the array throws a ZarrError (invalidMetadata or unsupported) naming
              the array and each of `names`, and its group lists it as unreadable

The broken chunks use the length-prefixed layout of numcodecs' VLenUTF8 / VLenBytes (a
little-endian uint32 element count, then per element a uint32 length and its bytes): lengths
pointing past the end, counts that disagree with the chunk shape, chunks ending inside a
length, invalid UTF-8 (a stray continuation byte, an overlong form, a surrogate, a code point
above U+10FFFF). The broken documents: a datetime unit that does not exist ("fortnight"),
fixed-length types of zero length (v3 `length_bytes: 0`, v2 `<U0` and `|S0`), v2 `|O` with
no filter, with numcodecs' `pickle` and with `vlen-array`. Plain Python, no dependencies;
rerunning gives identical files.
"""

import json
import os
import shutil
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Tests", "SimpleZarrTests", "Fixtures", "hostile-dtypes")
ENTRIES = []


def vlen(elements, count=None):
    """Elements (bytes) in the VLen layout; `count` overrides the element count field."""
    out = struct.pack("<I", len(elements) if count is None else count)
    for element in elements:
        out += struct.pack("<I", len(element)) + element
    return out


def put(path, data):
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)


def put_json(path, doc):
    put(path, (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode())


# --- Documents ------------------------------------------------------------------------

def v3_array(shape, chunks, data_type, fill, codecs):
    return {
        "zarr_format": 3, "node_type": "array", "shape": shape, "data_type": data_type,
        "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": chunks}},
        "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}},
        "fill_value": fill, "codecs": codecs, "attributes": {},
    }


def v2_array(shape, chunks, dtype, fill, filters=None, compressor=None):
    return {"zarr_format": 2, "shape": shape, "chunks": chunks, "dtype": dtype, "fill_value": fill,
            "order": "C", "filters": filters, "compressor": compressor, "dimension_separator": "."}


VLEN_UTF8 = [{"name": "vlen-utf8", "configuration": {}}]
VLEN_BYTES = [{"name": "vlen-bytes", "configuration": {}}]
BYTES = [{"name": "bytes", "configuration": {"endian": "little"}}]


def write_array(fmt, path, doc):
    if fmt == 3:
        put_json(f"v3/{path}/zarr.json", doc)
    else:
        put_json(f"v2/{path}/.zarray", doc)


def chunk_key(fmt, path, index):
    return f"{path}/c/{index}" if fmt == 3 else f"{path}/{index}"


def group(fmt, path):
    if fmt == 3:
        put_json(f"v3/{path}/zarr.json" if path else "v3/zarr.json",
                 {"zarr_format": 3, "node_type": "group", "attributes": {"hostile": True}})
    else:
        put_json(f"v2/{path}/.zgroup" if path else "v2/.zgroup", {"zarr_format": 2})


# --- Cases -----------------------------------------------------------------------------

def text_doc(fmt, kind="string", fill=""):
    """A 1-d array of 4 elements in chunks of 2, of vlen strings ("string") or bytes ("bytes")."""
    if fmt == 3:
        return v3_array([4], [2], "string" if kind == "string" else "variable_length_bytes", fill,
                        VLEN_UTF8 if kind == "string" else VLEN_BYTES)
    return v2_array([4], [2], "|O", fill, [{"id": "vlen-utf8" if kind == "string" else "vlen-bytes"}])


GOOD_CHUNK = vlen(["a".encode(), "\u00e9".encode()])

# (name, kind, second chunk, words the error must contain besides the key)
CHUNK_CASES = [
    ("vlen_length_past_end", "string", struct.pack("<II", 2, 1000) + b"abc", ["element 0", "1000 bytes"]),
    ("vlen_length_uint32_max", "string", struct.pack("<II", 2, 0xFFFFFFFF) + b"ab", ["element 0"]),
    ("vlen_second_length_past_end", "string", struct.pack("<II", 2, 1) + b"a" + struct.pack("<I", 9) + b"bc", ["element 1"]),
    ("vlen_ends_inside_length", "string", struct.pack("<II", 2, 1) + b"a" + b"\x01\x00", ["element 1"]),
    ("vlen_count_above_shape", "string", vlen([b"a", b"b", b"c"]), ["3 elements"]),
    ("vlen_count_below_shape", "string", vlen([b"a"]), ["1 elements"]),
    ("vlen_count_uint32_max", "string", vlen([b"a", b"b"], count=0xFFFFFFFF), ["4294967295 elements"]),
    ("vlen_empty_chunk", "string", b"", ["0 bytes"]),
    ("vlen_three_bytes", "string", b"\x02\x00\x00", ["3 bytes"]),
    ("utf8_stray_continuation", "string", vlen([b"ok", b"\x80abc"]), ["element 1", "UTF-8"]),
    ("utf8_overlong_slash", "string", vlen([b"\xc0\xaf", b"ok"]), ["element 0", "UTF-8"]),
    ("utf8_surrogate", "string", vlen([b"ok", b"\xed\xa0\x80"]), ["element 1", "UTF-8"]),
    ("utf8_above_10ffff", "string", vlen([b"\xf4\x90\x80\x80", b"ok"]), ["element 0", "UTF-8"]),
    ("utf8_truncated_sequence", "string", vlen([b"ok", b"\xe4\xb8"]), ["element 1", "UTF-8"]),
    ("bytes_length_past_end", "bytes", struct.pack("<II", 2, 70000) + b"\x00\xff", ["element 0", "70000 bytes"]),
    ("bytes_count_mismatch", "bytes", vlen([b"\x00"] * 5), ["5 elements"]),
]


def main():
    if os.path.exists(OUT):
        shutil.rmtree(OUT)
    for fmt in (3, 2):
        root = f"v{fmt}"
        group(fmt, "")
        for name in ("good", "chunk", "metadata"):
            group(fmt, name)

        # Good arrays beside the broken ones.
        write_array(fmt, "good/strings", text_doc(fmt, fill="n/a"))
        put(f"{root}/{chunk_key(fmt, 'good/strings', 0)}", vlen(["\U0001f9ca".encode(), b""]))
        ENTRIES.append({"root": root, "path": "good/strings", "expect": "reads", "form": "string",
                        "values": ["\U0001f9ca", "", "n/a", "n/a"]})
        if fmt == 3:
            datetime = {"name": "numpy.datetime64", "configuration": {"unit": "s", "scale_factor": 1}}
            write_array(fmt, "good/datetimes", v3_array([3], [3], datetime, -(2**63), BYTES))
        else:
            write_array(fmt, "good/datetimes", v2_array([3], [3], "<M8[s]", -(2**63)))
        put(f"{root}/{chunk_key(fmt, 'good/datetimes', 0)}", struct.pack("<3q", 0, -(2**63), 86400))
        ENTRIES.append({"root": root, "path": "good/datetimes", "expect": "reads", "form": "int64",
                        "values": [0, -(2**63), 86400]})

        # Broken chunks: chunk 0 is good, chunk 1 is not.
        for name, kind, broken, words in CHUNK_CASES:
            path = f"chunk/{name}"
            write_array(fmt, path, text_doc(fmt, kind))
            put(f"{root}/{chunk_key(fmt, path, 0)}", GOOD_CHUNK if kind == "string" else vlen([b"\x00", b"\xff"]))
            put(f"{root}/{chunk_key(fmt, path, 1)}", broken)
            codec = "vlen-utf8" if kind == "string" else "vlen-bytes"
            ENTRIES.append({"root": root, "path": path, "expect": "chunk", "key": chunk_key(fmt, path, 1),
                            "names": [codec] + words})

        # Broken documents.
        if fmt == 3:
            def temporal(name, unit):
                return {"name": name, "configuration": {"unit": unit, "scale_factor": 1}}
            documents = [
                ("datetime_fortnight", v3_array([3], [3], temporal("numpy.datetime64", "fortnight"), -(2**63), BYTES),
                 ["data_type", "fortnight"]),
                ("timedelta_fortnight", v3_array([3], [3], temporal("numpy.timedelta64", "fortnight"), 0, BYTES),
                 ["data_type", "fortnight"]),
                ("utf32_length_0", v3_array([3], [3], {"name": "fixed_length_utf32", "configuration": {"length_bytes": 0}},
                                            "", BYTES), ["fixed_length_utf32", "length_bytes"]),
                ("null_terminated_length_0", v3_array(
                    [3], [3], {"name": "null_terminated_bytes", "configuration": {"length_bytes": 0}}, "", BYTES),
                 ["null_terminated_bytes", "length_bytes"]),
                ("datetime_scale_factor_0", v3_array([3], [3], {"name": "numpy.datetime64", "configuration": {
                    "unit": "s", "scale_factor": 0}}, 0, BYTES), ["scale_factor"]),
            ]
        else:
            documents = [
                ("datetime_fortnight", v2_array([3], [3], "<M8[fortnight]", 0), ["dtype", "fortnight"]),
                ("timedelta_fortnight", v2_array([3], [3], "<m8[fortnight]", 0), ["dtype", "fortnight"]),
                ("U0", v2_array([3], [3], "<U0", ""), ["<U0"]),
                ("S0", v2_array([3], [3], "|S0", ""), ["|S0"]),
                ("object_no_filter", v2_array([3], [3], "|O", ""), ["|O"]),
                ("object_pickle", v2_array([3], [3], "|O", "", [{"id": "pickle", "protocol": 5}]), ["pickle"]),
                ("object_vlen_array", v2_array([3], [3], "|O", "", [{"id": "vlen-array", "dtype": "<i4"}]), ["vlen-array"]),
            ]
        for name, doc, words in documents:
            path = f"metadata/{name}"
            write_array(fmt, path, doc)
            ENTRIES.append({"root": root, "path": path, "expect": "metadata", "names": words})

    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump({"arrays": ENTRIES}, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(ENTRIES)} arrays to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
