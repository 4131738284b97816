#!/usr/bin/env python3
"""Writes Tests/SimpleZarrTests/Fixtures/temporal-vectors.json: what numpy prints
for datetime64 and timedelta64 elements, and how it rounds casts between units.

Run with the interop venv: .venv-interop/bin/python Scripts/make_temporal_vectors.py
The output is deterministic (seeded) and committed; `swift test` reads it.

- "strings": for each kind (M8, m8), unit and scale factor (1, 10, 7), counts and
  `str(np.datetime64(count, "<scale><unit>"))` (or timedelta64). Counts spread over
  every magnitude up to Int64's ends, plus edges and NaT. Left out: counts where
  numpy's own 64-bit arithmetic wraps (count x scale factor, weeks x 7, 1970 + years,
  and days within 10957 of Int64.min, which its calendar code shifts), because there
  numpy prints a wrapped value and SimpleZarr prints the true one.
- "casts": for pairs of units, counts and numpy's `astype` result (datetimes and
  timedeltas both round toward negative infinity; timedeltas of years and months take
  the mean Gregorian lengths). Counts stay where numpy's cast cannot overflow (it
  refuses some unit pairs outright, such as months to picoseconds: those are left out);
  each result is checked against exact rational arithmetic here before it is written.
"""

import json
import random
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "Tests/SimpleZarrTests/Fixtures/temporal-vectors.json"

UNITS = ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as"]
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
NAT = INT64_MIN
SECOND = {"W": 604800, "D": 86400, "h": 3600, "m": 60, "s": 1,
          "ms": Fraction(1, 10**3), "us": Fraction(1, 10**6), "ns": Fraction(1, 10**9),
          "ps": Fraction(1, 10**12), "fs": Fraction(1, 10**15), "as": Fraction(1, 10**18),
          # numpy's mean lengths, used for timedelta casts only
          "Y": Fraction(146097 * 86400, 400), "M": Fraction(146097 * 86400, 4800)}


def fits(value):
    return INT64_MIN <= value <= INT64_MAX


def numpy_wraps(kind, unit, scale, count):
    """Whether numpy's conversion of this element overflows 64 bits."""
    product = count * scale
    if not fits(product):
        return True
    if kind == "M8":
        if unit == "W" and not fits(product * 7):
            return True
        if unit == "Y" and not fits(1970 + product):
            return True
        days = product * 7 if unit == "W" else product if unit == "D" else None
        if days is not None and days - 10957 < INT64_MIN:
            return True
    return False


def spread_counts(rng, n):
    """Counts of every magnitude, edges first."""
    counts = [0, 1, -1, 2, -2, 59, 60, 61, -61, 86399, 86400, -86401, 10**6, -10**6,
              INT64_MAX, INT64_MIN + 1, INT64_MAX - 1, INT64_MIN + 2, 2**62, -(2**62),
              2**31, -(2**31), 2**53 + 1, -(2**53) - 1, NAT]
    while len(counts) < n:
        bits = rng.randrange(0, 64)
        value = rng.randrange(0, 2**bits) if bits else 0
        counts.append(value if rng.random() < 0.5 else -value)
    return counts


def realistic_counts(rng, unit, scale, n):
    """Counts of instants between the years 1600 and 2400 (or the unit's whole range)."""
    seconds_span = 430 * 365.2425 * 86400
    length = float(SECOND[unit]) * scale if unit not in "YM" else None
    if unit == "Y":
        limit = 430 // scale + 1
    elif unit == "M":
        limit = 430 * 12 // scale + 1
    else:
        limit = min(int(seconds_span / length), INT64_MAX // 2)
    return [rng.randrange(-limit, limit + 1) for _ in range(n)]


def strings(rng):
    groups = []
    for kind in ["M8", "m8"]:
        for unit in UNITS:
            for scale in [1, 10, 7]:
                if kind == "M8":
                    n_spread, n_real = (120, 80) if scale == 1 else (30, 20)
                else:
                    n_spread, n_real = (25, 5) if scale == 1 else (10, 0)
                counts = spread_counts(rng, n_spread) + realistic_counts(rng, unit, scale, n_real)
                counts = [c for c in dict.fromkeys(counts) if c == NAT or not numpy_wraps(kind, unit, scale, c)]
                code = f"{scale}{unit}" if scale != 1 else unit
                make = np.datetime64 if kind == "M8" else np.timedelta64
                texts = [str(make("NaT", code)) if c == NAT else str(make(c, code)) for c in counts]
                groups.append({"kind": kind, "unit": unit, "scale": scale, "counts": counts, "text": texts})
    return groups


# Instant spans (in seconds, either side of 1970) where a unit's counts stay far from Int64's ends.
SAFE_SPAN = {"Y": 10**4 * 31556952, "M": 10**4 * 31556952, "W": 10**4 * 31556952, "D": 10**4 * 31556952,
             "h": 10**4 * 31556952, "m": 10**4 * 31556952, "s": 10**4 * 31556952, "ms": 10**4 * 31556952,
             "us": 10**4 * 31556952, "ns": 200 * 31556952, "ps": 90 * 86400, "fs": 2 * 3600, "as": 9}


def exact_datetime_cast(count, src, src_scale, dst, dst_scale):
    """The floor cast of a datetime, computed with Python integers and the calendar."""
    import datetime as dt
    periods = count * src_scale
    if src in ("Y", "M"):
        year, month = (1970 + periods, 1) if src == "Y" else (1970 + periods // 12, periods % 12 + 1)
        seconds = Fraction((dt.date(year, month, 1) - dt.date(1970, 1, 1)).days * 86400)
    else:
        seconds = periods * Fraction(SECOND[src])
    if dst in ("Y", "M"):
        day = dt.date(1970, 1, 1) + dt.timedelta(days=int(seconds // 86400))
        units = day.year - 1970 if dst == "Y" else (day.year - 1970) * 12 + day.month - 1
    else:
        units = seconds // Fraction(SECOND[dst])
    return units // dst_scale


def exact_timedelta_cast(count, src, src_scale, dst, dst_scale):
    return (count * src_scale * Fraction(SECOND[src])) // (Fraction(SECOND[dst]) * dst_scale)


def casts(rng):
    groups = []
    pairs = [(s, d) for s in ["M", "D", "h", "s", "ms", "us", "ns", "ps"] for d in UNITS if d != s]
    for kind in ["M8", "m8"]:
        for src, dst in pairs:
            for src_scale, dst_scale in [(1, 1), (3, 7)]:
                span = min(SAFE_SPAN[src], SAFE_SPAN[dst], 1900 * 31556952)  # Python dates: years 1...9999
                length = Fraction(SECOND[src]) * src_scale if src not in "YM" or kind == "m8" else None
                if length is None:
                    limit = int(span / (Fraction(SECOND[src]) * src_scale))
                else:
                    limit = int(Fraction(span) / length)
                counts = [rng.randrange(-limit, limit + 1) for _ in range(8)] + [0, -1, 1]
                src_code = f"{src_scale}{src}" if src_scale != 1 else src
                dst_code = f"{dst_scale}{dst}" if dst_scale != 1 else dst
                values = np.array(counts, dtype=np.int64).view(f"{kind}[{src_code}]")
                try:
                    results = values.astype(f"{kind}[{dst_code}]").view(np.int64).tolist()
                except OverflowError:  # numpy refuses pairs whose conversion factor overflows
                    continue
                exact = exact_datetime_cast if kind == "M8" else exact_timedelta_cast
                for c, r in zip(counts, results):
                    want = exact(c, src, src_scale, dst, dst_scale)
                    if want != r:
                        sys.exit(f"numpy cast {kind}[{src_code}] {c} -> [{dst_code}] gave {r}, exact {want}")
                groups.append({"kind": kind, "from": [src, src_scale], "to": [dst, dst_scale],
                               "counts": counts, "results": results})
    return groups


def main():
    rng = random.Random(20261201)
    document = {"numpy": np.__version__, "strings": strings(rng), "casts": casts(rng)}
    OUT.write_text(json.dumps(document, separators=(",", ":")) + "\n")
    total = sum(len(g["counts"]) for g in document["strings"])
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {total} strings, {len(document['casts'])} cast groups)")


if __name__ == "__main__":
    main()
