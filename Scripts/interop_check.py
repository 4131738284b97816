#!/usr/bin/env python3
"""Check with zarr-python a Zarr v3 hierarchy written by SimpleZarr.

Usage:
    interop_check.py MANIFEST OUTDIR [--skip-needs zstd,gzip]

MANIFEST is Tests/SimpleZarrTests/Fixtures/manifest.json (written by
Scripts/make_fixtures.py); OUTDIR is a hierarchy that re-creates every group
and array of the manifest.  For every array (unless its "needs" lists a codec
given in --skip-needs) this opens it with zarr-python from OUTDIR and checks:

  * the values, bit for bit (NaN payloads included), against expected/<name>.bin
  * data_type, shape, chunk shape, fill value (NaN-aware; bit-exact otherwise),
    codecs, chunk key encoding, dimension names, attributes
  * that no chunk the manifest lists as missing (all fill value) is stored

and for every group its attributes; finally that OUTDIR holds no stray file or
directory whose name starts with ".".  Prints `ok <what>` or
`FAIL <what>: <reason>` per array and group, then the closing line
`N passed, M failed`, and exits 1 if anything failed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import warnings
from pathlib import Path

import numpy as np
import zarr
from zarr.storage import LocalStore

warnings.simplefilter("ignore")

UINT_OF = {2: np.uint16, 4: np.uint32, 8: np.uint64}


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


class Mismatch(Exception):
    pass


def to_le_bytes(a) -> bytes:
    """Raw little-endian C-order bytes (bool as 0/1 bytes), via byte swaps only."""
    a = np.ascontiguousarray(np.asarray(a))
    if a.dtype.kind == "b":
        return a.view(np.uint8).tobytes()
    bo = a.dtype.byteorder
    if a.dtype.itemsize > 1 and (bo == ">" or (bo == "=" and sys.byteorder == "big")):
        a = a.byteswap()
    return a.tobytes()


def chunk_key(idx, cke: dict) -> str:
    name = cke["name"]
    sep = (cke.get("configuration") or {}).get("separator", "/" if name == "default" else ".")
    if name == "default":
        return sep.join(["c"] + [str(i) for i in idx])
    if name == "v2":
        return sep.join(str(i) for i in idx) if idx else "0"
    raise Mismatch(f"unknown chunk key encoding {cke!r}")


def norm_cke(cke) -> tuple:
    if not isinstance(cke, dict) or "name" not in cke:
        return ("<invalid>", repr(cke))
    name = cke["name"]
    sep = (cke.get("configuration") or {}).get("separator", "/" if name == "default" else ".")
    return (name, sep)


def norm_codecs(codecs, itemsize: int) -> list:
    """Codec list with optional/default parts made explicit, for comparison."""
    out = []
    for c in codecs:
        if isinstance(c, str):
            c = {"name": c}
        name = c.get("name")
        conf = dict(c.get("configuration") or {})
        if name == "bytes":
            if itemsize == 1:
                conf.pop("endian", None)  # irrelevant (and optional) for 1-byte types
        elif name == "zstd":
            conf.setdefault("checksum", False)
        elif name == "transpose":
            conf["order"] = list(conf.get("order", []))
        # numcodecs' codecs: the defaults numcodecs applies to a member that is absent
        elif name in ("numcodecs.zlib", "zlib"):
            conf.setdefault("level", 1)
        elif name in ("numcodecs.crc32", "crc32", "numcodecs.adler32", "adler32"):
            if conf.get("location") is None:
                conf["location"] = "start"
        elif name in ("numcodecs.jenkins_lookup3", "jenkins_lookup3"):
            conf.setdefault("initval", 0)
            if conf.get("prefix", None) is None:
                conf.pop("prefix", None)
        elif name in ("numcodecs.lz4", "lz4"):
            conf.setdefault("acceleration", 1)
        out.append({"name": name, "configuration": conf})
    return out


def strict_equal(a, b) -> bool:
    """JSON equality that distinguishes bool/int/float and the sign of zero."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int) and isinstance(b, int):
        return a == b
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) and math.isnan(b):
            return True
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    if isinstance(a, (int, float)) or isinstance(b, (int, float)):
        return False  # int vs float
    if isinstance(a, str) or isinstance(b, str) or a is None or b is None:
        return type(a) is type(b) and a == b
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(strict_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(strict_equal(a[k], b[k]) for k in a)
    return False


def attrs_diff(want: dict, got: dict) -> str | None:
    if strict_equal(want, got):
        return None
    keys = sorted(set(want) | set(got))
    bad = [k for k in keys if k not in want or k not in got or not strict_equal(want[k], got[k])]
    parts = []
    for k in bad[:3]:
        parts.append(f"{k!r}: expected {json.dumps(want.get(k, '<absent>'), ensure_ascii=False)}"
                     f" got {json.dumps(got.get(k, '<absent>'), ensure_ascii=False)}")
    return "attributes differ: " + "; ".join(parts)


def float_component(j, fdt: np.dtype):
    """(bits as little-endian bytes, nan_any_payload) of one JSON float fill component."""
    if isinstance(j, str):
        if j == "NaN":
            return to_le_bytes(np.array([np.nan], dtype=fdt)), True
        if j == "Infinity":
            return to_le_bytes(np.array([np.inf], dtype=fdt)), False
        if j == "-Infinity":
            return to_le_bytes(np.array([-np.inf], dtype=fdt)), False
        if j.startswith("0x"):
            return to_le_bytes(np.array([int(j, 16)], dtype=UINT_OF[fdt.itemsize])), False
        raise Mismatch(f"unparseable float fill {j!r}")
    return to_le_bytes(np.array([j], dtype=fdt)), False


def check_fill(manifest_fill, actual, dt: np.dtype):
    act = np.asarray(actual, dtype=dt).reshape(())
    if dt.kind == "b":
        if not isinstance(manifest_fill, bool) or bool(act) != manifest_fill:
            raise Mismatch(f"fill_value: expected {manifest_fill!r} got {act!r}")
        return
    if dt.kind in "iu":
        if int(act) != manifest_fill:
            raise Mismatch(f"fill_value: expected {manifest_fill!r} got {int(act)!r}")
        return
    if dt.kind in "fc":
        if dt.kind == "c":
            fdt = np.dtype(f"<f{dt.itemsize // 2}")
            comps = manifest_fill if isinstance(manifest_fill, list) else [manifest_fill, 0.0]
            act_parts = np.ascontiguousarray(act.astype(dt.newbyteorder("<"))).reshape(1).view(fdt)
        else:
            fdt = np.dtype(f"<f{dt.itemsize}")
            comps = [manifest_fill]
            act_parts = np.ascontiguousarray(act).reshape(1)
        for comp, a in zip(comps, act_parts):
            want_bits, any_nan = float_component(comp, fdt)
            a = np.asarray(a)
            if any_nan and np.isnan(a):
                continue
            if to_le_bytes(np.asarray(a, dtype=a.dtype)) != want_bits:
                raise Mismatch(f"fill_value: expected {json.dumps(manifest_fill)} got "
                               f"{act!r} (bits {to_le_bytes(np.asarray(a)).hex()} vs {want_bits.hex()})")
        return
    # raw types etc.: compare the JSON representation loosely
    return


def first_difference(got: bytes, want: bytes, dt: np.dtype, shape) -> str:
    size = 1 if dt.kind == "b" else dt.itemsize
    if len(got) != len(want):
        return f"{len(got)} bytes of values, expected {len(want)}"
    n = len(want) // size
    for i in range(n):
        if got[i * size:(i + 1) * size] != want[i * size:(i + 1) * size]:
            idx = tuple(int(x) for x in np.unravel_index(i, shape)) if shape else ()
            nbad = sum(got[j * size:(j + 1) * size] != want[j * size:(j + 1) * size] for j in range(n))
            return (f"values differ at {list(idx)} (LE bytes {got[i * size:(i + 1) * size].hex()}, "
                    f"expected {want[i * size:(i + 1) * size].hex()}); {nbad} of {n} elements differ")
    return "values differ"


# ---------------------------------------------------------------------------
# checks
# ---------------------------------------------------------------------------


def check_array(spec: dict, outdir: Path, store: LocalStore, manifest_dir: Path):
    path = spec["path"]
    meta_file = outdir / path / "zarr.json"
    if not meta_file.is_file():
        raise Mismatch("no zarr.json")
    try:
        raw = json.loads(meta_file.read_text(encoding="utf-8"))
    except Exception as e:  # noqa: BLE001
        raise Mismatch(f"zarr.json is not valid JSON: {e}")
    if raw.get("zarr_format") != 3 or raw.get("node_type") != "array":
        raise Mismatch(f"zarr.json: zarr_format={raw.get('zarr_format')!r} node_type={raw.get('node_type')!r}")
    if raw.get("data_type") != spec["data_type"]:
        raise Mismatch(f"data_type: expected {spec['data_type']!r} got {raw.get('data_type')!r}")

    try:
        arr = zarr.open_array(store, path=path, mode="r")
    except Exception as e:  # noqa: BLE001
        raise Mismatch(f"zarr-python cannot open it: {type(e).__name__}: {e}")

    dt = np.dtype(spec["data_type"]) if isinstance(spec["data_type"], str) else arr.dtype
    if arr.dtype.kind != dt.kind or arr.dtype.itemsize != dt.itemsize:
        raise Mismatch(f"dtype: expected {dt} got {arr.dtype}")
    if list(arr.shape) != list(spec["shape"]):
        raise Mismatch(f"shape: expected {spec['shape']} got {list(arr.shape)}")
    if list(arr.chunks) != list(spec["chunk_shape"]):
        raise Mismatch(f"chunk shape: expected {spec['chunk_shape']} got {list(arr.chunks)}")

    check_fill(spec["fill_value"], arr.metadata.fill_value, dt)

    want_codecs = norm_codecs(spec["codecs"], dt.itemsize)
    got_codecs = norm_codecs(raw.get("codecs", []), dt.itemsize)
    if want_codecs != got_codecs:
        raise Mismatch(f"codecs: expected {json.dumps(spec['codecs'])} got {json.dumps(raw.get('codecs'))}")

    if norm_cke(raw.get("chunk_key_encoding")) != norm_cke(spec["chunk_key_encoding"]):
        raise Mismatch(f"chunk_key_encoding: expected {json.dumps(spec['chunk_key_encoding'])} "
                       f"got {json.dumps(raw.get('chunk_key_encoding'))}")

    got_dims = arr.metadata.dimension_names
    got_dims = list(got_dims) if got_dims is not None else None
    if got_dims != spec["dimension_names"]:
        raise Mismatch(f"dimension_names: expected {spec['dimension_names']} got {got_dims}")

    d = attrs_diff(spec["attributes"], arr.attrs.asdict())
    if d:
        raise Mismatch(d)

    try:
        values = np.asarray(arr[...])
    except Exception as e:  # noqa: BLE001
        raise Mismatch(f"zarr-python cannot read the values: {type(e).__name__}: {e}")
    want = (manifest_dir / spec["expected"]).read_bytes()
    got = to_le_bytes(values)
    if got != want:
        raise Mismatch(first_difference(got, want, dt, tuple(spec["shape"])))

    stored = [m for m in spec["missing_chunks"]
              if (outdir / path / chunk_key(m, spec["chunk_key_encoding"])).exists()]
    if stored:
        raise Mismatch(f"{len(stored)} all-fill chunk(s) stored although they should be absent: "
                       + ", ".join(chunk_key(m, spec["chunk_key_encoding"]) for m in stored[:5]))


def check_group(spec: dict, outdir: Path, store: LocalStore):
    path = spec["path"]
    meta_file = outdir / path / "zarr.json"
    if not meta_file.is_file():
        raise Mismatch("no zarr.json")
    raw = json.loads(meta_file.read_text(encoding="utf-8"))
    if raw.get("zarr_format") != 3 or raw.get("node_type") != "group":
        raise Mismatch(f"zarr.json: zarr_format={raw.get('zarr_format')!r} node_type={raw.get('node_type')!r}")
    try:
        grp = zarr.open_group(store, path=path, mode="r")
    except Exception as e:  # noqa: BLE001
        raise Mismatch(f"zarr-python cannot open it: {type(e).__name__}: {e}")
    d = attrs_diff(spec["attributes"], grp.attrs.asdict())
    if d:
        raise Mismatch(d)


def stray_files(outdir: Path) -> list[str]:
    bad = []
    for dirpath, dirnames, filenames in os.walk(outdir):
        for n in dirnames + filenames:
            if n.startswith("."):
                bad.append(os.path.relpath(os.path.join(dirpath, n), outdir))
    return sorted(bad)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("manifest", type=Path)
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--skip-needs", default="",
                    help="comma-separated codecs (e.g. zstd,gzip): skip arrays that need any of them")
    args = ap.parse_args(argv)

    manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
    manifest_dir = args.manifest.resolve().parent
    outdir = args.outdir.resolve()
    skip = {s.strip() for s in args.skip_needs.split(",") if s.strip()}
    passed = failed = skipped = 0

    print(f"zarr-python {zarr.__version__} (fixtures by zarr-python {manifest.get('zarr_python_version')}) "
          f"checking {outdir}")
    if not outdir.is_dir():
        print(f"FAIL {outdir}: not a directory")
        print("0 passed, 1 failed")
        return 1
    store = LocalStore(str(outdir), read_only=True)

    for g in manifest["groups"]:
        label = f"group {g['path'] or '/'}"
        try:
            check_group(g, outdir, store)
            print(f"ok {label}")
            passed += 1
        except Exception as e:  # noqa: BLE001
            print(f"FAIL {label}: {e}")
            failed += 1

    for a in manifest["arrays"]:
        needed = sorted(set(a.get("needs", [])) & skip)
        if needed:
            print(f"skip {a['path']} (needs {', '.join(needed)})")
            skipped += 1
            continue
        try:
            check_array(a, outdir, store, manifest_dir)
            print(f"ok {a['path']}")
            passed += 1
        except Exception as e:  # noqa: BLE001
            msg = str(e) if isinstance(e, Mismatch) else f"{type(e).__name__}: {e}"
            print(f"FAIL {a['path']}: {msg}")
            failed += 1

    bad = stray_files(outdir)
    if bad:
        print(f"FAIL stray files: {len(bad)} name(s) starting with '.': {', '.join(bad[:10])}")
        failed += 1
    else:
        print("ok no stray dot-files")
        passed += 1

    if skipped:
        print(f"({skipped} array(s) skipped for --skip-needs {','.join(sorted(skip))})")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
