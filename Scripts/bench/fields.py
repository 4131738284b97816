"""The value recipes of the benchmark datasets, computable on any box of (z, y, x) slices,
so make_data.py writes them and peers.py checks what a library read without storing a copy.

regular  (z + y*y//32 + x*x*x) % 65536: the zarr_benchmarks recipe. Very regular; zstd
         compresses it far better than real data, which flatters every compressor.
noisy    a smooth random field (a sum of seeded plane waves with wavelengths of 256 to
         2048 samples) plus per-sample noise from an integer hash of the coordinates,
         quantised to uint16 around 32768. It behaves like measured data: zstd level 3
         compresses 64^3 chunks of it about 2.4-2.7x, blosc-zstd with byte shuffle about
         2.5-2.75x, blosc-lz4 with byte shuffle about 1.3-1.4x (numcodecs 0.17.1). As float32
         it keeps steps of 1/8 of a count, not whole counts (whole counts in float32 leave the
         low mantissa bytes zero, which compresses unlike measured floats).
"""

from __future__ import annotations

import numpy as np

RECIPES = ("regular", "noisy")

_WAVES = 6
_rng = np.random.default_rng(20261201)
_directions = _rng.normal(size=(_WAVES, 3))
_directions /= np.linalg.norm(_directions, axis=1, keepdims=True)
_wavelengths = _rng.uniform(256.0, 2048.0, size=_WAVES)
_phases = _rng.uniform(0.0, 2 * np.pi, size=_WAVES)
_amplitudes = _rng.uniform(0.5, 1.0, size=_WAVES)
_AMPLITUDE = 3000.0 / _amplitudes.sum()  # the smooth part spans about +-3000 around 32768
_NOISE = 3.0  # noise amplitude (half-width of the triangular distribution), in counts
_FLOAT_STEPS = 8  # a float dtype keeps the field in steps of 1/8


def recipe_of(array_path: str) -> str:
    """The recipe of a dataset, by its name: `noisy*` datasets use the noisy field."""
    return "noisy" if array_path.split("/")[-1].startswith("noisy") else "regular"


def _axes(box):
    z = np.arange(box[0].start, box[0].stop, dtype=np.int64)[:, None, None]
    y = np.arange(box[1].start, box[1].stop, dtype=np.int64)[None, :, None]
    x = np.arange(box[2].start, box[2].stop, dtype=np.int64)[None, None, :]
    return z, y, x


def _hash_noise(z, y, x) -> np.ndarray:
    """Triangular noise in [-1, 1) from a 64-bit mix of the coordinates (splitmix64's finaliser)."""
    with np.errstate(over="ignore"):
        h = (z.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
             ^ y.astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F)
             ^ x.astype(np.uint64) * np.uint64(0x165667B19E3779F9))
        h ^= h >> np.uint64(30)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(27)
        h *= np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(31)
    a = (h & np.uint64(0xFFFF)).astype(np.float32)
    b = ((h >> np.uint64(16)) & np.uint64(0xFFFF)).astype(np.float32)
    return (a + b) / 65536.0 - 1.0


def field(box, dtype, recipe: str = "regular") -> np.ndarray:
    """The values of `recipe` on `box`, as `dtype`."""
    z, y, x = _axes(box)
    if recipe == "regular":
        return ((z + (y * y) // 32 + x * x * x) % 65536).astype(dtype)
    if recipe != "noisy":
        raise ValueError(f"unknown recipe {recipe!r}; known: {RECIPES}")
    zf, yf, xf = (a.astype(np.float32) for a in (z, y, x))
    total = np.zeros((z.shape[0], y.shape[1], x.shape[2]), dtype=np.float32)
    for d, lam, phi, amp in zip(_directions, _wavelengths, _phases, _amplitudes):
        k = np.float32(2 * np.pi / lam)
        total += np.float32(amp) * np.cos(k * (np.float32(d[0]) * zf + np.float32(d[1]) * yf
                                               + np.float32(d[2]) * xf) + np.float32(phi))
    values = 32768.0 + _AMPLITUDE * total + _NOISE * _hash_noise(z, y, x)
    if np.dtype(dtype).kind == "f":
        # Measured floats carry more than integer steps: keep 1/8 of a count.
        return (np.rint(values * _FLOAT_STEPS) / _FLOAT_STEPS).astype(dtype)
    return np.clip(np.rint(values), 0, 65535).astype(dtype)
