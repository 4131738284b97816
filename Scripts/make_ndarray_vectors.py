#!/usr/bin/env python3
"""Writes Tests/SimpleZarrTests/Fixtures/ndarray-vectors.json: what numpy gives for the
NDArray basics, to compare SimpleZarr's NDArray against.

Run with the interop venv: .venv-interop/bin/python Scripts/make_ndarray_vectors.py
The output is deterministic (seeded) and committed; `swift test` reads it.

Every array is {"dtype", "shape", "data"}: "dtype" is numpy's type string (`dtype.str`,
or for a structured type its `descr` list), or "string" (numpy's StringDType, Zarr's
`string`) or "bytes" (object arrays of bytes, Zarr's `variable_length_bytes`); "data" is
the hex of the little-endian C-order bytes, or for "string" and "bytes" a list of the
elements (text, or hex of each byte string).

- "casts": for every pair of numeric types (bool, int8..uint64, float16..float64,
  complex64, complex128), values of the first and numpy's `astype` of them to the
  second. Left out: float (and complex) -> integer casts of NaN, infinities and values
  whose truncation lies outside the target's range, which numpy leaves to the platform.
- "reprs": arrays and numpy's `repr()` of each (default print options).
- "reductions": arrays and numpy's sum, min, max and mean (as `repr` of the Python
  float, or the exact integer sum as a decimal string), and sums, mins, maxes and
  means along each axis of a few 3-d arrays (as arrays; the float data are small
  integers so that every sum is exact in any order).
- "ranges": numpy's arange and linspace for a few arguments (as float64 or int64 arrays).
"""

import json
import math
import warnings
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "Tests/SimpleZarrTests/Fixtures/ndarray-vectors.json"
RNG = np.random.default_rng(20240614)

NUMERIC = ["?", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8", "c8", "c16"]


def encode(a):
    """An array as the JSON object described above."""
    a = np.asarray(a)
    if a.dtype.kind == "T":
        return {"dtype": "string", "shape": list(a.shape), "data": [str(x) for x in a.ravel()]}
    if a.dtype.kind == "O":
        return {"dtype": "bytes", "shape": list(a.shape), "data": [bytes(x).hex() for x in a.ravel()]}
    dtype = a.dtype.newbyteorder("<") if a.dtype.byteorder == ">" else a.dtype
    type_text = [list(field) for field in dtype.descr] if dtype.names else dtype.str
    return {"dtype": type_text, "shape": list(a.shape), "data": np.ascontiguousarray(a, dtype=dtype).tobytes().hex()}


# MARK: casts

def source_values(code):
    dt = np.dtype(code)
    if dt.kind == "b":
        return np.array([False, True, True, False], dtype=dt)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        edges = [0, 1, 2, 127, 128, 255, 256, 300, 1000, 32767, 32768, 65504, 65535, 65536, 2**24 + 1,
                 2**31 - 1, 2**31, 2**32 - 1, 2**53 + 1, 2**63 - 1, 2**64 - 1]
        if info.min < 0:
            edges += [-1, -2, -128, -129, -300, -32768, -65505, -(2**31), -(2**53) - 1, -(2**63)]
        values = [v for v in edges if info.min <= v <= info.max]
        values += [int(v) for v in RNG.integers(info.min, info.max, size=6, endpoint=True, dtype=dt)]
        return np.array(values, dtype=dt)
    if dt.kind == "f":
        info = np.finfo(dt)
        edges = [0.0, -0.0, 0.5, -0.5, 1.0, 1.5, -1.7, 2.5, 3.5, 127.9, -128.9, 255.9, 256.0, 300.7, -300.7,
                 65504.0, 65519.0, 70000.0, 1e10, -1e10, 2.0**31, 2.0**63, 1e20, 1e300, 0.1, 1 / 3,
                 float(info.tiny), float(info.smallest_subnormal), float(info.max), -float(info.max),
                 math.nan, math.inf, -math.inf]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            values = np.array(edges, dtype=np.float64).astype(dt)
        return np.concatenate([values, (RNG.standard_normal(6) * 1000).astype(dt)])
    real = source_values("f8" if dt.itemsize == 16 else "f4")
    values = np.empty(real.shape, dtype=dt)
    values.real = real
    values.imag = np.roll(real, 3)
    return values


def platform_dependent(values, to):
    """Which values numpy's float -> integer cast leaves to the platform."""
    if not (np.dtype(to).kind in "iu" and values.dtype.kind in "fc"):
        return np.zeros(values.shape, dtype=bool)
    info = np.iinfo(to)
    # Compared as Python integers: float64(int64 max) rounds up to 2^63, which does not fit.
    return np.array([not math.isfinite(x) or not info.min <= math.trunc(x) <= info.max
                     for x in values.real.astype(np.float64).tolist()], dtype=bool)


def casts():
    result = []
    for source in NUMERIC:
        values = source_values(source)
        for target in NUMERIC:
            if source == target:
                continue
            kept = values[~platform_dependent(values, target)]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                cast = kept.astype(target)
            result.append({"from": encode(kept), "to": encode(cast)})
    return result


# MARK: reprs

def repr_cases():
    f = RNG.standard_normal
    strings_u = np.array(["a", "it's", 'x"y\'z', "tab\there", "é\u0085", ""])
    cases = [
        np.arange(6, dtype=np.uint16).reshape(2, 3),
        np.arange(24).reshape(2, 3, 4),
        np.arange(2000, dtype=np.uint16),
        np.arange(1001),
        np.arange(30.0),
        np.arange(2500.0).reshape(50, 50) / 7,
        np.array([1.5, np.nan, -np.inf, 2.25], dtype=np.float32),
        np.array([np.nan, np.inf]),
        np.array([np.nan, -np.inf]),
        np.array([1e-5, 1.0, 123.0]),
        np.array([0.001953125, 1 / 3]),
        np.array([123456.789, 0.1, -7.25]),
        np.array([-0.0, 0.0]),
        np.array([1e16, 1.0]),
        np.array([5e-324]),
        np.array([1e-5, 1e100]),
        np.array([3.4e38, -1.0], dtype=np.float32),
        np.array([1.0, 2.0], dtype=np.float16),
        np.array([1000.0, 2.0], dtype=np.float16),
        np.array([0.1, 0.2, 65504.0], dtype=np.float16),
        np.array([123456.0, 1.5], dtype=np.float32),
        np.array([1 + 2j, 3.5 - 4j], dtype=np.complex64),
        np.array([complex(np.nan, np.nan), 2 - 1j, complex(0, np.inf)]),
        np.array([1e-7 + 1j, 10 - 1e5j]),
        np.array([True, False]),
        np.array([True, True]),
        np.array(True),
        np.array(1.5),
        np.array(3, dtype=np.uint8),
        np.array(-7, dtype=np.int16),
        np.zeros((0, 3)),
        np.zeros(0, dtype=np.int8),
        np.zeros((2, 0), dtype=np.uint16),
        np.array(["a", "bcd"]),
        strings_u,
        np.array([b"a\x00", b"bc", b"it's"]),
        np.array([b"\x01\x02\xff", b"ab\x00"], dtype="V3"),
        np.array(["a", "bcd", "it's"], dtype=np.dtypes.StringDType()),
        np.array([b"a", b"bc'\x00"], dtype=object),
        np.array(["2020-01-01T00:00:00.000", "NaT", "1969-12-31T23:59:59.750"], dtype="M8[ms]"),
        np.array(["2020-01-01", "NaT", "1969-12-31"], dtype="M8[D]"),
        np.array(["2020-01", "1970-06"], dtype="M8[M]"),
        np.array([30, -10, "NaT"], dtype="m8[10s]"),
        np.array([1, 22, 333], dtype="m8[us]"),
        np.array([(1, 0.5), (-2, 1.25)], dtype=[("a", "<i4"), ("b", "<f8")]),
        np.array([(1,)], dtype=[("a", "<i4")]),
        np.array([(True, 3, 2.5), (False, -40, -1.0)], dtype=[("flag", "?"), ("n", "<i2"), ("x", "<f4")]),
        f((5, 7)).astype(np.float32),
        (f((10, 10, 20)) * 100).astype(np.float32),
        RNG.integers(-128, 127, size=(4, 9), dtype=np.int8),
        np.array([np.iinfo(np.uint64).max, 0], dtype=np.uint64),
        np.array([np.iinfo(np.int64).min, 5]),
        f(40).astype(np.float32),
        np.arange(90, dtype=np.int32).reshape(3, 30) * 1001,
        np.arange(16, dtype=np.uint8).reshape(2, 2, 2, 2),
        (f((3, 400)) * 10).round(2),
        np.arange(1200).reshape(3, 4, 100),
        np.array([f"s{i}" for i in range(1001)]),
        np.arange(2000, dtype=np.float64).reshape(2, 1000) ** 2,
        (f(12) * 1e-3),
        np.array([1e-4, 1e3]),
        np.array([0.0, 1e-4, 1e3]),
        np.array([100000000.0, 1.0]),
        np.array([0.5, 99999999.0]),
    ]
    result = []
    for a in cases:
        entry = encode(a)
        entry["repr"] = repr(a)
        result.append(entry)
    return result


# MARK: reductions

def python_number(value):
    if isinstance(value, (complex, np.complexfloating)):
        return [repr(float(value.real)), repr(float(value.imag))]
    if isinstance(value, (bool, np.bool_)):
        return repr(float(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return repr(float(value))


def reduction_cases():
    arrays = [
        RNG.integers(-30000, 30000, size=101, dtype=np.int16),
        RNG.integers(0, 255, size=(7, 9), dtype=np.uint8, endpoint=True),
        np.array([np.iinfo(np.int64).max, np.iinfo(np.int64).max, 5]),
        np.array([np.iinfo(np.uint64).max, 3], dtype=np.uint64),
        (RNG.standard_normal(1000) * 10).astype(np.float32),
        np.array([1.0, np.nan, -3.0], dtype=np.float32),
        RNG.standard_normal((4, 6)),
        np.array([True, False, True, True]),
        np.array([1 + 2j, -3.5 + 0.25j], dtype=np.complex64),
        np.arange(20, dtype=np.float16),
        np.array([-0.0, 0.0]),
    ]
    result = []
    for a in arrays:
        entry = {"array": encode(a), "sum": python_number(a.sum()), "mean": python_number(a.mean())}
        if a.dtype.kind != "c":
            entry["min"] = python_number(a.min())
            entry["max"] = python_number(a.max())
        result.append(entry)
    axis_arrays = [
        RNG.integers(-1000, 1000, size=(3, 4, 5), dtype=np.int32),
        RNG.integers(0, 60000, size=(3, 4, 5), dtype=np.uint16),
        RNG.integers(-100, 100, size=(3, 4, 5)).astype(np.float32),
        np.array([[[1.0, np.nan], [2.0, 3.0]]]),
        RNG.integers(0, 2, size=(2, 3, 4)).astype(bool),
        (RNG.integers(-9, 9, size=(2, 3)) + 1j * RNG.integers(-9, 9, size=(2, 3))).astype(np.complex64),
    ]
    axes = []
    for a in axis_arrays:
        for axis in range(-1, a.ndim):
            entry = {"array": encode(a), "axis": axis, "sum": encode(a.sum(axis=axis)), "mean": encode(a.mean(axis=axis))}
            if a.dtype.kind != "c":
                entry["min"] = encode(a.min(axis=axis))
                entry["max"] = encode(a.max(axis=axis))
            axes.append(entry)
    return {"whole": result, "axis": axes}


# MARK: ranges

def range_cases():
    result = []
    for args in [(20,), (3, 17, 4), (10, 0, -3), (5, 5), (-7, 8, 5)]:
        result.append({"function": "arange", "args": list(args), "result": encode(np.arange(*args))})
    for args in [(0.0, 1.0, 0.1), (-1.5, 2.2, 0.35), (1.0, -2.0, -0.3), (0.0, 5.0, 1.0)]:
        result.append({"function": "arange", "args": list(args), "result": encode(np.arange(*args))})
    for start, stop, num, endpoint in [(0, 1, 7, True), (2, 3, 5, False), (0, 1, 1, True), (-1, 1, 0, True),
                                       (1e-300, 2e-300, 4, True), (10, -10, 11, True)]:
        result.append({"function": "linspace", "args": [start, stop, num, endpoint],
                       "result": encode(np.linspace(start, stop, num, endpoint=endpoint))})
    return result


def main():
    document = {
        "numpy": np.__version__,
        "casts": casts(),
        "reprs": repr_cases(),
        "reductions": reduction_cases(),
        "ranges": range_cases(),
    }
    OUT.write_text(json.dumps(document, indent=None, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
