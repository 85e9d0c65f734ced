"""The normal distribution on arrays: Φ, and the bivariate normal orthant behind the top-role probabilities.

- :func:`upper_tail` is Φ(−a) for a ≥ 0 from a table of Taylor expansions (Φ's derivatives are Hermite
  polynomials times φ), within an ulp or two of :func:`math.erfc`; arguments past the table use it.
- :func:`top_probabilities` gives P(θ_r is largest) for θ ~ N(mean, cov), with :func:`bvn`.

Every operation is elementwise along the first (person) axis, as in :mod:`scoring.laplace`.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from scoring.normal import GL_NODES, GL_WEIGHTS, HIGH_CORRELATION, bvn_high_correlation

Array = NDArray[Any]
"""float64 arrays (typed loosely: numpy's stubs widen float64 results to floating[Any])."""

_SQRT2 = math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)

# --- Φ on arrays ---------------------------------------------------------------------------------------

_PER_UNIT = 512
"""Table nodes per unit of the argument; the expansion point is the middle of each 1/512 step."""
_DEGREE = 5
"""Taylor degree: the remainder is below (a/1024)^6 / 6! relative, under 1e-15 up to a = 9."""
_TABLE_END = 9.0
"""Φ(−9) ≈ 1e-19; past it (rare) the tail comes from :func:`math.erfc` one value at a time."""


def _tail_table() -> tuple[Array, Array]:
    """The expansion points (k + ½)/512 and, row k, the Taylor coefficients of Φ(−a) there.

    dⁿ/daⁿ Φ(−a) = −(−1)ⁿ⁻¹ Heₙ₋₁(a) φ(a), Heₙ the probabilists' Hermite polynomials.
    """
    centres = (np.arange(int(_TABLE_END * _PER_UNIT)) + 0.5) / _PER_UNIT
    table = np.empty((centres.size, _DEGREE + 1))
    table[:, 0] = [0.5 * math.erfc(c / _SQRT2) for c in centres.tolist()]
    phi = _INV_SQRT_2PI * np.exp(-0.5 * centres * centres)
    previous, hermite = np.zeros_like(centres), np.ones_like(centres)  # He₋₁, He₀
    for n in range(1, _DEGREE + 1):
        table[:, n] = (-1.0) ** n * hermite * phi / math.factorial(n)
        previous, hermite = hermite, centres * hermite - (n - 1) * previous
    return centres, table


_CENTRES, _TABLE = _tail_table()
_COEFFS = np.ascontiguousarray(_TABLE.T)
"""Row j: the degree-j coefficient at every expansion point (Horner reads one row per step)."""


def upper_tail(a: Array) -> Array:
    """Φ(−a) = P(Z > a) for a ≥ 0, elementwise."""
    inside = a < _TABLE_END
    whole = bool(np.logical_and.reduce(inside, axis=None))
    safe = a if whole else np.where(inside, a, 0.0)
    k = (safe * _PER_UNIT).astype(np.intp)
    u = safe - _CENTRES.take(k)
    value: Array = _COEFFS[_DEGREE].take(k)
    for j in range(_DEGREE - 1, -1, -1):
        value *= u
        value += _COEFFS[j].take(k)
    if not whole:
        far = ~inside
        value[far] = [0.5 * math.erfc(v / _SQRT2) for v in a[far].tolist()]
    return value


def cdf(x: Array) -> Array:
    """Φ(x), elementwise (the smaller tail from :func:`upper_tail`, the other as 1 minus it)."""
    tail = upper_tail(np.abs(x))
    return np.where(x <= 0.0, tail, 1.0 - tail)


# --- top-role probabilities -------------------------------------------------------------------------------

_NODES = np.array(GL_NODES)
_WEIGHTS = np.array(GL_WEIGHTS)


def bvn(h: Array, k: Array, r: Array) -> Array:
    """P(X < h, Y < k) for standard bivariate normal (X, Y) with correlation r, elementwise, h and k finite.

    For 0 ≤ r < 0.925, Φ₂ = Φ(h)Φ(k) + (1/2π) ∫₀^{asin r} exp(−(h² + k² − 2hk sin t) / (2cos² t)) dt (the
    derivative of Φ₂ in r is the bivariate density; substitute r = sin t), by 20-point Gauss–Legendre;
    r < 0 uses Φ₂(h, k, r) = Φ(h) − Φ₂(h, −k, −r); r ≥ 0.925 (rare) uses
    :func:`scoring.normal.bvn_high_correlation`.
    """
    r = np.minimum(np.maximum(r, -1.0), 1.0)
    negative = r < 0.0
    k = np.where(negative, -k, k)
    r = np.abs(r)
    high = r >= HIGH_CORRELATION
    both = cdf(np.concatenate((h, k), axis=-1))
    cdf_h, cdf_k = both[..., : h.shape[-1]], both[..., h.shape[-1]:]
    half = (0.5 * np.arcsin(np.where(high, 0.0, r)))[..., None]
    t = half + half * _NODES
    c = np.cos(t)
    body = np.exp(-((h * h + k * k)[..., None] - (2.0 * h * k)[..., None] * np.sin(t)) / (2.0 * c * c))
    area = np.add.reduce(body * _WEIGHTS, axis=-1) * half[..., 0]
    value = np.minimum(np.maximum(cdf_h * cdf_k + area / (2.0 * math.pi), 0.0), 1.0)
    if high.any():
        value[high] = [bvn_high_correlation(*v) for v in zip(h[high].tolist(), k[high].tolist(),
                                                             r[high].tolist(), strict=True)]
    out: Array = np.where(negative, np.maximum(cdf_h - value, 0.0), value)
    return out


_ROLE, _FIRST, _SECOND = np.arange(3), np.array([1, 0, 0]), np.array([2, 2, 1])
"""For each role r, its two other roles s < t."""


def top_probabilities(mean: Array, cov: Array) -> Array:
    """P(θ_r > θ_s for both other s) (n, 3) for θ ~ N(mean (n, 3), cov (n, 3, 3)), normalised to sum to 1.

    The contrasts θ_r − θ_s and θ_r − θ_t are bivariate normal; the role is top when both are positive.
    """
    r, s, t = _ROLE, _FIRST, _SECOND
    crr = cov[:, r, r]
    v1 = crr + cov[:, s, s] - 2.0 * cov[:, r, s]
    v2 = crr + cov[:, t, t] - 2.0 * cov[:, r, t]
    c12 = crr - cov[:, r, t] - cov[:, r, s] + cov[:, s, t]
    s1, s2 = np.sqrt(np.maximum(v1, 1e-300)), np.sqrt(np.maximum(v2, 1e-300))
    out = bvn((mean - mean[:, s]) / s1, (mean - mean[:, t]) / s2, c12 / (s1 * s2))
    total = out[:, 0] + out[:, 1] + out[:, 2]
    fine = total > 0.0
    return np.where(fine[:, None], out / np.where(fine, total, 1.0)[:, None], 1.0 / 3.0)
