"""The standard normal distribution, scalar: Φ, φ, Gauss–Legendre rules, the bivariate normal CDF and the
ordinal probit's per-level terms.

These are the pure-:mod:`math` building blocks of :mod:`scoring.model`: the reference values its tests
check against, the rarely used high-correlation branch of the bivariate CDF, and the per-level slopes
that the "what would change" search uses. The fit itself runs on arrays in :mod:`scoring.laplace`.
"""

from __future__ import annotations

import math

from scoring.thresholds import CUTS

_SQRT2 = math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_BOUNDS = (-math.inf, *CUTS, math.inf)


def norm_cdf(x: float) -> float:
    """Φ(x), the standard normal distribution function."""
    return 0.5 * math.erfc(-x / _SQRT2)


def norm_pdf(x: float) -> float:
    """φ(x), the standard normal density."""
    return _INV_SQRT_2PI * math.exp(-0.5 * x * x)


def gauss_legendre(n: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Nodes and weights of the n-point Gauss–Legendre rule on [-1, 1] (Newton on P_n's roots)."""
    nodes: list[float] = []
    weights: list[float] = []
    for i in range(1, n + 1):
        x = math.cos(math.pi * (i - 0.25) / (n + 0.5))
        for _ in range(100):
            p0, p1 = 1.0, x
            for k in range(2, n + 1):
                p0, p1 = p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k
            dp = n * (x * p1 - p0) / (x * x - 1.0)
            step = p1 / dp
            x -= step
            if abs(step) < 1e-15:
                break
        p0, p1 = 1.0, x
        for k in range(2, n + 1):
            p0, p1 = p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k
        dp = n * (x * p1 - p0) / (x * x - 1.0)
        nodes.append(x)
        weights.append(2.0 / ((1.0 - x * x) * dp * dp))
    return tuple(nodes), tuple(weights)


GL_NODES, GL_WEIGHTS = gauss_legendre(20)
"""The 20-point rule used by every quadrature of the model."""
HIGH_CORRELATION = 0.925
"""From this correlation on, :func:`bvn_high_correlation` is used."""


def _integrate(f: object, a: float, b: float) -> float:
    """∫_a^b f by 20-point Gauss–Legendre."""
    half, mid = 0.5 * (b - a), 0.5 * (b + a)
    total = 0.0
    for x, w in zip(GL_NODES, GL_WEIGHTS, strict=True):
        total += w * f(mid + half * x)  # type: ignore[operator]
    return total * half


def bvn_high_correlation(h: float, k: float, r: float) -> float:
    """P(X < h, Y < k) for finite h, k and 0.925 ≤ r ≤ 1, where the integral over the angle sharpens.

    Φ₂ = Φ(min(h, k)) − ∫_r^1 φ₂(h, k, t) dt, written with s = √(1 − t²) as
    ∫₀^{√(1−r²)} exp(−(h² − 2thk + k²) / (2s²)) / (2π t) ds. The integrand is bounded but turns sharply near
    s ≈ |h − k| (a boundary layer at 0 when h ≈ k), so it is integrated on pieces that shrink geometrically
    towards 0. The usual branch, |r| < 0.925, runs on arrays in :func:`scoring.orthant.bvn`.
    """
    hk, sq = h * k, h * h + k * k

    def tail(s: float) -> float:
        if s <= 0.0:
            return 0.0
        t = math.sqrt(1.0 - s * s)
        return math.exp(-(sq - 2.0 * t * hk) / (2.0 * s * s)) / (2.0 * math.pi * t)

    top = math.sqrt(max(0.0, 1.0 - r * r))
    edges = [top * 0.25**j for j in range(11)] + [0.0]
    area = sum(_integrate(tail, edges[j + 1], edges[j]) for j in range(len(edges) - 1))
    return min(1.0, max(0.0, norm_cdf(min(h, k)) - area))


def category_terms(eta: float, level: int) -> tuple[float, float, float]:
    """log p, d log p/dη and d² log p/dη² of rating level ``level`` (0..4) at linear predictor η."""
    lo, hi = _BOUNDS[level] - eta, _BOUNDS[level + 1] - eta
    if lo > 0.0:  # both bounds in the upper tail: subtract upper tails to avoid cancellation
        p = 0.5 * math.erfc(lo / _SQRT2) - (0.5 * math.erfc(hi / _SQRT2) if hi != math.inf else 0.0)
    else:
        p = (norm_cdf(hi) if hi != math.inf else 1.0) - (norm_cdf(lo) if lo != -math.inf else 0.0)
    p = max(p, 1e-300)
    f_lo = norm_pdf(lo) if lo != -math.inf else 0.0
    f_hi = norm_pdf(hi) if hi != math.inf else 0.0
    g = (f_lo - f_hi) / p
    lf_lo = lo * f_lo if lo != -math.inf else 0.0
    lf_hi = hi * f_hi if hi != math.inf else 0.0
    return math.log(p), g, (lf_lo - lf_hi) / p - g * g


def level_slopes(eta: float) -> tuple[float, ...]:
    """d log p / dη of each rating level 0..4 at η (the ``g`` of :func:`category_terms`, all levels at once)."""
    pdf = [_INV_SQRT_2PI * math.exp(-0.5 * (c - eta) ** 2) for c in CUTS]
    cdf = [0.5 * math.erfc(-(c - eta) / _SQRT2) for c in CUTS]
    sf = [0.5 * math.erfc((c - eta) / _SQRT2) for c in CUTS]
    out = [-pdf[0] / max(cdf[0], 1e-300)]
    for level in range(1, len(CUTS)):
        lo, hi = level - 1, level
        p = sf[lo] - sf[hi] if CUTS[lo] - eta > 0.0 else cdf[hi] - cdf[lo]
        out.append((pdf[lo] - pdf[hi]) / max(p, 1e-300))
    out.append(pdf[-1] / max(sf[-1], 1e-300))
    return tuple(out)


