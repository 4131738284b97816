#!/usr/bin/env python3
"""Writes chunks encoded and decoded by numcodecs 0.17.1's filters (Delta, FixedScaleOffset,
Quantize, BitRound, PackBits, AsType), for Tests/SimpleZarrTests/Codecs/Numcodecs.

Output: Tests/SimpleZarrTests/Fixtures/numcodecs-filters.json, a list of
{"codec": <zarr.json codec entry as zarr-python 3 writes it>, "dtype": the chunk's Zarr data
type, "shape": the chunk's shape, "input": the chunk, "encoded": what numcodecs' encode made of
it, "decoded": what numcodecs' decode made of that}, arrays as base64 of their little-endian
bytes in C order (bool as one 0/1 byte). The codec is numcodecs.get_codec of the entry's
configuration, as zarr-python builds it.

Cases cover every dtype/astype pair each codec takes (the integer and float types), with
values where numpy's result does not depend on the platform. numpy leaves a float -> integer
cast of NaN or of a value outside the target's range to the platform (x86 wraps some, gives
the minimum for others, not always with a warning), so each case that casts floats to an
integer type is checked here: the floats are computed with numcodecs' own expressions and
values whose cast would leave the range are left out (as are Python ints that numpy refuses
to compute with). Float-only cases keep NaN, infinities, signed zeros and overflow.

Usage: .venv-interop/bin/python Scripts/make_numcodecs_filter_vectors.py
"""
import base64
import json
import math
import os
import random
import warnings

import numcodecs
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                   "Tests", "SimpleZarrTests", "Fixtures", "numcodecs-filters.json")

INTEGERS = ["i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8"]
FLOATS = ["f2", "f4", "f8"]
NUMBERS = INTEGERS + FLOATS
FLOAT_SPECIALS = [np.nan, np.inf, -np.inf, -0.0, 0.0]


def little(dtype):
    return np.dtype(dtype).newbyteorder("<").str


def b64(array):
    array = np.ascontiguousarray(array)
    return base64.b64encode(array.astype(array.dtype.newbyteorder("<")).tobytes()).decode()


def run(codec, array):
    """(encoded, decoded) by numcodecs, numpy's floating-point warnings silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            encoded = np.asarray(codec.encode(array))
            decoded = np.asarray(codec.decode(encoded)).reshape(array.shape)
    return encoded, decoded


def typed(values, dtype):
    """The values that `dtype` holds exactly as given (integers in range), as an array of it."""
    dtype = np.dtype(dtype)
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        values = [v for v in values if isinstance(v, int) and info.min <= v <= info.max]
    with np.errstate(all="ignore"):
        return np.array(values, dtype=dtype)


def casts_in_range(values, dtype):
    """Whether numpy casts these values to `dtype` without leaving it to the platform: always for
    a float or from integers (those wrap), else finite floats that truncate into the range."""
    dtype = np.dtype(dtype)
    values = np.asarray(values)
    if dtype.kind == "f" or values.dtype.kind in "iub":
        return True
    info = np.iinfo(dtype)
    return all(math.isfinite(v) and info.min <= math.trunc(v) <= info.max for v in values.astype("f8").tolist())


def case(codec_id, config, array, in_range=lambda array: True):
    """A fixture entry, or None if numcodecs fails or `in_range` says a cast is left to the platform."""
    codec = numcodecs.get_codec({"id": codec_id, **config})
    try:
        with np.errstate(all="ignore"):
            if not in_range(array):
                return None
        encoded, decoded = run(codec, array)
    except OverflowError:  # a Python int that numpy will not compute with in the array's type
        return None
    return {"codec": {"name": "numcodecs." + codec_id, "configuration": config},
            "dtype": array.dtype.name, "shape": list(array.shape),
            "input": b64(array), "encoded": b64(encoded), "decoded": b64(decoded)}


def elementwise(codec_id, config, dtype, candidates, in_range):
    """A case of the candidates (of `dtype`) whose casts `in_range` accepts, each alone."""
    kept = [v for v in typed(candidates, dtype) if case(codec_id, config, np.array([v], dtype=dtype), in_range)]
    assert kept, (codec_id, config, dtype)
    return case(codec_id, config, np.array(kept, dtype=dtype), in_range)


def involves_integer(*dtypes):
    return any(np.dtype(d).kind in "iu" for d in dtypes)


def integer_edges(dtype):
    info = np.iinfo(dtype)
    return [int(info.min), int(info.max), int(info.min) + 1, int(info.max) - 1]


def delta_in_range(d, e):
    """numcodecs' Delta casts the first element and the differences (computed in `d`) to `e`, and
    the running sums (numpy adds in the promoted type) to `d`."""
    def check(array):
        flat = array.reshape(-1)
        if not casts_in_range(np.concatenate([flat[:1], np.diff(flat)]), e):
            return False
        encoded = numcodecs.Delta(dtype=d, astype=e).encode(array)
        return casts_in_range(np.cumsum(encoded.astype(np.promote_types(d, e))), d)
    return check


def delta_cases():
    cases = []
    for d in NUMBERS:
        for e in NUMBERS:
            config = {"dtype": little(d), "astype": little(e)}
            if np.dtype(d).kind in "iu":
                info = np.iinfo(d)
                tries = [
                    [1, int(info.max), int(info.min), 0, int(info.max), 5, int(info.min) + 1, 3, 2, int(info.max) // 3],
                    [1, 2, 5, 3, 7, 0, 10, 4, 4, 9, 1],
                    [0, 1, 3, 6, 10, 15, 21, 28, 36, 45, 55],
                ]
            elif involves_integer(e):
                tries = [[1.5, -2.25, 3.75, 10.0, -7.5, 0.1, 100.25, 99.0, -0.0, 1e-3, 2.5],
                         [0.5, 1.75, 3.0, 7.5, 7.5, 20.25, 21.0, 50.5, 60.0, 100.0, 100.5]]
            else:
                tries = [[1.5, -2.25, np.nan, 4.0, np.inf, -np.inf, 0.1, -0.0, 1e-3, 3e4, 7.0, 1e300, 65519.0]]
            for values in tries:
                entry = case("delta", config, typed(values, d), delta_in_range(d, e))
                if entry:
                    cases.append(entry)
                    break
            else:
                raise AssertionError(("delta", d, e))
    # C-order flattening of a 2-d chunk, and a one-element chunk (numcodecs' Delta cannot encode
    # an empty one: it indexes the first element).
    cases.append(case("delta", {"dtype": "<i4", "astype": "<i4"}, np.arange(12, dtype="i4").reshape(3, 4) ** 2))
    cases.append(case("delta", {"dtype": "<f8", "astype": "<f8"}, np.linspace(0, 1, 12).reshape(4, 3)))
    cases.append(case("delta", {"dtype": "<i8", "astype": "<i8"}, np.array([-7], dtype="i8")))
    return cases


def fixedscaleoffset_in_range(offset, scale, d, e):
    """numcodecs' FixedScaleOffset casts round((x - offset) * scale) to `e`, and x / scale + offset to `d`."""
    def check(array):
        encoded = np.around((array - offset) * scale)
        return casts_in_range(encoded, e) and casts_in_range(encoded.astype(e) / scale + offset, d)
    return check


def fixedscaleoffset_cases():
    cases = []
    # (offset, scale) as Python ints and floats: numpy's arithmetic differs on integer arrays.
    variants = [(10, 3), (10, 2.5), (10.5, 3), (10.5, 2.5), (10.0, 0.25)]
    index = 0
    for d in NUMBERS:
        for e in NUMBERS:
            for offset, scale in ([variants[index % len(variants)]] + ([variants[(index + 2) % len(variants)]] if np.dtype(d).kind in "iu" else [])):
                config = {"scale": scale, "offset": offset, "dtype": little(d), "astype": little(e)}
                candidates = [10, 11, 12, 13, 14, 15, 20, 30, 40, 9, 0, -5, -40] + (integer_edges(d) if np.dtype(d).kind in "iu" else [])
                if np.dtype(d).kind == "f":
                    candidates = [float(v) for v in candidates] + [10.1, 10.25, 11.5, 12.7, 13.3, 1e6] + FLOAT_SPECIALS
                cases.append(elementwise("fixedscaleoffset", config, d, candidates, fixedscaleoffset_in_range(offset, scale, d, e)))
            index += 1
    # numcodecs' own example.
    cases.append(case("fixedscaleoffset", {"scale": 10, "offset": 1000, "dtype": "<f8", "astype": "|u1"},
                      np.linspace(1000, 1001, 10, dtype="f8")))
    cases.append(case("fixedscaleoffset", {"scale": 1000, "offset": 1000, "dtype": "<f8", "astype": "<u2"},
                      np.linspace(1000, 1001, 10, dtype="f8").reshape(2, 5)))
    cases.append(case("fixedscaleoffset", {"scale": 0.1, "offset": -3.75, "dtype": "<f4", "astype": "<f2"},
                      np.linspace(-50, 50, 21, dtype="f4")))
    cases.append(case("fixedscaleoffset", {"scale": 2, "offset": 1, "dtype": "<i2", "astype": "|i1"}, np.zeros(0, dtype="i2")))
    return cases


def quantize_cases():
    cases = []
    values = list(np.linspace(0, 1, 10)) + [-1.2345, 123.456, 1e10, 65504.0, 1e-8, 3.14159265358979] + FLOAT_SPECIALS
    for d in FLOATS:
        for e in FLOATS:
            for digits in ([1, 3] if (d, e) != ("f8", "f8") else [-2, 0, 1, 2, 3, 6, 10, 15]) + ([6] if d == "f2" else []):
                config = {"digits": digits, "dtype": little(d), "astype": little(e)}
                cases.append(case("quantize", config, typed(values, d)))
    cases.append(case("quantize", {"digits": 2, "dtype": "<f4", "astype": "<f4"}, typed([], "f4")))
    return cases


def bitround_cases():
    rng = random.Random(11)
    cases = []
    for d, keeps in (("f2", [0, 1, 2, 5, 9, 10]), ("f4", [0, 1, 7, 15, 22, 23]), ("f8", [0, 1, 10, 23, 40, 51, 52])):
        bits = np.dtype(d).itemsize * 8
        patterns = [rng.getrandbits(bits) for _ in range(24)]
        # Random bit patterns (NaN payloads, subnormals) and values that round into the exponent.
        raw = np.array(patterns, dtype=f"u{bits // 8}").view(d)
        special = typed([1.0, -1.0, 1.5, 1.9999999, 0.1, np.finfo(d).max, np.finfo(d).tiny, -np.finfo(d).max] + FLOAT_SPECIALS, d)
        array = np.concatenate([raw, special, -np.array([np.nan], dtype=d)])
        for keepbits in keeps:
            cases.append(case("bitround", {"keepbits": keepbits}, array))
    cases.append(case("bitround", {"keepbits": 3}, np.zeros((0,), dtype="f4")))
    cases.append(case("bitround", {"keepbits": 4}, np.linspace(-3, 3, 12, dtype="f8").reshape(3, 2, 2)))
    return cases


def packbits_cases():
    rng = random.Random(5)
    cases = []
    for n in [0, 1, 7, 8, 9, 15, 16, 17, 100]:
        cases.append(case("packbits", {}, np.array([rng.random() < 0.5 for _ in range(n)], dtype=bool)))
    cases.append(case("packbits", {}, np.array([[True, False, True, True, False]] * 3, dtype=bool)))
    cases.append(case("packbits", {}, np.ones(11, dtype=bool)))
    return cases


def astype_in_range(d, e):
    """numcodecs' AsType casts the elements to `e`, and those back to `d`."""
    return lambda array: casts_in_range(array, e) and casts_in_range(array.astype(e), d)


def astype_cases():
    cases = []
    integers = [0, 1, -1, 100, -100, 127, -128, 255, 256, 1000, -1000, 65535, 65536, 70000, 2**24 + 1,
                2**31 - 1, -2**31, 2**32 - 1, 2**53 + 1, 2**63 - 1, -2**63, 2**64 - 1]
    reals = [0.0, -0.0, 1.5, -1.5, 2.5, 0.1, 100.7, -100.7, 200.5, 65504.0, 65519.0, 70000.5, 1e10, -1e10,
             3.4e38, 1e300, 1e-8, 6e-8, 2.0**63, 1.0 + 2.0**-30] + [np.nan, np.inf, -np.inf]
    for d in NUMBERS:
        for e in NUMBERS:
            config = {"encode_dtype": little(e), "decode_dtype": little(d)}
            candidates = integers if np.dtype(d).kind in "iu" else reals
            cases.append(elementwise("astype", config, d, candidates, astype_in_range(d, e)))
    return cases


def main():
    entries = delta_cases() + fixedscaleoffset_cases() + quantize_cases() + bitround_cases() + packbits_cases() + astype_cases()
    assert all(entries)
    with open(OUT, "w") as f:
        f.write("[\n" + ",\n".join(json.dumps(e) for e in entries) + "\n]\n")
    counts = {}
    for e in entries:
        counts[e["codec"]["name"]] = counts.get(e["codec"]["name"], 0) + 1
    print(f"wrote {len(entries)} cases {counts} to {os.path.normpath(OUT)} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
