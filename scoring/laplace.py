"""The Laplace fit on arrays: the posteriors of many people at once, each exactly as it would be alone.

This is the one implementation of the measurement model's fit (stated in :mod:`scoring.model`). Row i
of every array is person i; every operation is elementwise along the rows (no sums across people, no
BLAS), so a person's numbers do not depend on who else is in the batch, and one person is a batch of one.

- :func:`upper_tail` is Φ(−a) for a ≥ 0 from a table of Taylor expansions (Φ's derivatives are Hermite
  polynomials times φ), to about one unit in the last place; arguments past the table use :func:`math.erfc`.
- :func:`fit` runs damped Newton from 0 on the concave log posterior of (θ1, θ2, θ3, b), people who have
  converged leaving the working set, and returns the modes and H⁻¹.
- :func:`top_probabilities` gives P(θ_r is largest) with the bivariate normal orthant of :func:`bvn`.

numpy is imported only by this module, which :mod:`scoring.model` loads on the first fit, never earlier.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from scoring.normal import GL_NODES, GL_WEIGHTS, HIGH_CORRELATION, bvn_high_correlation
from scoring.thresholds import BIAS_SD, CUTS, LOADING, PRIOR_CORRELATION, TRIAD_SCALE

Array = NDArray[Any]
"""float64 arrays (typed loosely: numpy's stubs widen float64 results to floating[Any])."""

_SQRT2 = math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)

# --- Φ on arrays ---------------------------------------------------------------------------------------

_PER_UNIT = 64
"""Table nodes per unit of the argument; the expansion point is the middle of each 1/64 step."""
_DEGREE = 8
"""Taylor degree: the remainder is below (a/128)^9 / 9! relative, about 1e-16 at a = 9."""
_TABLE_END = 9.0
"""Φ(−9) ≈ 1e-19; past it (rare) the tail comes from :func:`math.erfc` one value at a time."""


def _tail_table() -> tuple[Array, Array]:
    """The expansion points (k + ½)/64 and, row k, the Taylor coefficients of Φ(−a) there.

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


def upper_tail(a: Array) -> Array:
    """Φ(−a) = P(Z > a) for a ≥ 0, elementwise."""
    inside = a < _TABLE_END
    whole = bool(inside.all())
    safe = a if whole else np.where(inside, a, 0.0)
    k = (safe * _PER_UNIT).astype(np.intp)
    powers = np.empty(a.shape + (_DEGREE + 1,))
    powers[..., 0] = 1.0
    powers[..., 1:] = (safe - _CENTRES[k])[..., None]
    np.multiply.accumulate(powers, axis=-1, out=powers)
    value: Array = np.add.reduce(_TABLE[k] * powers, axis=-1)
    if not whole:
        far = ~inside
        value[far] = [0.5 * math.erfc(v / _SQRT2) for v in a[far].tolist()]
    return value


def cdf(x: Array) -> Array:
    """Φ(x), elementwise (the smaller tail from :func:`upper_tail`, the other as 1 minus it)."""
    tail = upper_tail(np.abs(x))
    return np.where(x <= 0.0, tail, 1.0 - tail)


# --- the log posterior ------------------------------------------------------------------------------------

_CUTS = np.array(CUTS)
_A = 1.0 / (1.0 - PRIOR_CORRELATION)
_P_OFF = -_A * PRIOR_CORRELATION / (1.0 + 2.0 * PRIOR_CORRELATION)
_P_DIAG = _A + _P_OFF
"""R⁻¹ of the equicorrelated prior R = (1 − ρ) I + ρ J: _P_DIAG on the diagonal, _P_OFF off it."""
_BIAS_P = 1.0 / (BIAS_SD * BIAS_SD)
_PRIOR = np.diag([_P_DIAG - _P_OFF] * 3 + [_BIAS_P]) + np.pad(np.full((3, 3), _P_OFF), ((0, 1), (0, 1)))
"""The prior precision of (θ1, θ2, θ3, b)."""
_DESIGN = np.hstack((LOADING * np.eye(3), np.ones((3, 1))))
"""Row r: dη_r/dx for x = (θ1, θ2, θ3, b), η_r = λθ_r + b."""
_OUTER = _DESIGN[:, :, None] * _DESIGN[:, None, :]
_EDGES = np.eye(4, 5, 1) - np.eye(4, 5)
"""Cut j is the lower bound of level j + 1 (+) and the upper bound of level j (−)."""
_DIAG = np.arange(3)
_KAPPA2 = TRIAD_SCALE * TRIAD_SCALE


class Evidence:
    """Sufficient statistics of n people as arrays: ``counts`` (n, 3, 5) ratings per role at levels 0..4,
    ``picks`` (n, 3) triad picks per role, ``total`` (n, 1) triads answered, ``seen`` where counts > 0."""

    def __init__(self, counts: Array, picks: Array) -> None:
        self.counts, self.picks = counts, picks
        self.total = np.add.reduce(picks, axis=1, keepdims=True)
        self.seen = counts > 0.0

    def rows(self, idx: NDArray[np.intp] | NDArray[np.bool_]) -> Evidence:
        """The evidence of some rows only."""
        part = Evidence.__new__(Evidence)
        part.counts, part.picks, part.total, part.seen = (self.counts[idx], self.picks[idx], self.total[idx],
                                                          self.seen[idx])
        return part


def _levels(z: Array, ev: Evidence) -> Array:
    """(n, 3, 3): per role, Σ over levels of count × (log p, d log p/dη, d² log p/dη²) at z = c − η (n, 3, 4).

    Levels nobody answered get p = 1. A level in the upper tail is a difference of upper tails so that
    nothing cancels.
    """
    tail = upper_tail(np.abs(z))
    low = z <= 0.0
    rest = 1.0 - tail
    below, above = np.where(low, tail, rest), np.where(low, rest, tail)
    mid = np.where(low[..., :3], below[..., 1:] - below[..., :3], above[..., :3] - above[..., 1:])
    p = np.where(ev.seen, np.maximum(np.concatenate((below[..., :1], mid, above[..., 3:]), axis=-1), 1e-300), 1.0)
    dens = np.empty(z.shape[:2] + (2, 4))
    dens[:, :, 0] = _INV_SQRT_2PI * np.exp(-0.5 * z * z)
    np.multiply(z, dens[:, :, 0], out=dens[:, :, 1])
    terms = np.empty(z.shape[:2] + (3, 5))
    np.log(p, out=terms[:, :, 0])
    terms[:, :, 1:] = np.add.reduce(dens[..., None] * _EDGES, axis=-2) / p[:, :, None]
    terms[:, :, 2] -= terms[:, :, 1] * terms[:, :, 1]
    sums: Array = np.add.reduce(terms * ev.counts[:, :, None], axis=-1)
    return sums


def evaluate(x: Array, ev: Evidence) -> tuple[Array, Array, Array]:
    """Log posterior (up to a constant) at x (n, 4) = (θ1, θ2, θ3, b), its gradient and its negative Hessian."""
    theta = x[:, :3]
    sums = _levels(_CUTS - (LOADING * theta + x[:, 3:])[:, :, None], ev)
    top = np.maximum.reduce(theta, axis=1, keepdims=True)
    ex = np.exp(TRIAD_SCALE * (theta - top))
    norm = np.add.reduce(ex, axis=1, keepdims=True)
    prob = ex / norm
    prior = np.add.reduce(x[:, None, :] * _PRIOR, axis=-1)
    grad = np.add.reduce(sums[:, :, 1, None] * _DESIGN, axis=1) - prior
    grad[:, :3] += TRIAD_SCALE * (ev.picks - ev.total * prob)
    logp = np.add.reduce(TRIAD_SCALE * ev.picks * theta + sums[:, :, 0], axis=1) - 0.5 * np.add.reduce(
        x * prior, axis=1) - (ev.total * (TRIAD_SCALE * top + np.log(norm)))[:, 0]
    spread = (ev.total * _KAPPA2) * prob
    neg_h = _PRIOR - np.add.reduce(sums[:, :, 2, None, None] * _OUTER, axis=1)
    neg_h[:, :3, :3] -= spread[:, :, None] * prob[:, None, :]
    neg_h[:, _DIAG, _DIAG] += spread
    return logp, grad, neg_h


# --- the fit ----------------------------------------------------------------------------------------------


def _solve(a: Array, b: Array) -> Array:
    """x (n, 4) with a[i] x[i] = b[i]; a row whose system cannot be solved gets NaN (it then stops stepping)."""
    try:
        return np.linalg.solve(a, b[..., None])[..., 0]
    except np.linalg.LinAlgError:
        out = np.full(b.shape, np.nan)
        for i in range(b.shape[0]):
            try:
                out[i] = np.linalg.solve(a[i], b[i])
            except np.linalg.LinAlgError:
                pass
        return out


def fit(counts: Array, picks: Array) -> tuple[Array, Array]:
    """Posterior modes (n, 4) and H⁻¹ (n, 4, 4) for n people by damped Newton from 0.

    Each person steps until a step (times its damping) is below 1e-8, at most 100 times; a step is halved
    until the log posterior does not fall by more than 1e-12 (or the factor is below 1e-6). People who
    have converged leave the working set. The negative Hessian is always at least the prior's precision,
    so every system is well posed.
    """
    n = counts.shape[0]
    ev = Evidence(counts, picks)
    x = np.zeros((n, 4))
    logp, grad, neg_h = evaluate(x, ev)
    mode, hess = np.empty((n, 4)), np.empty((n, 4, 4))
    rows = np.arange(n)
    for _ in range(100):
        step = _solve(neg_h, grad)
        t = np.ones(rows.size)
        trial = x + step
        new_logp, new_grad, new_h = evaluate(trial, ev)
        short = ~(new_logp >= logp - 1e-12)
        while short.any():
            idx = np.flatnonzero(short)
            t[idx] *= 0.5
            trial[idx] = x[idx] + t[idx, None] * step[idx]
            sub = evaluate(trial[idx], ev.rows(idx))
            new_logp[idx], new_grad[idx], new_h[idx] = sub
            short[idx] = ~((sub[0] >= logp[idx] - 1e-12) | (t[idx] < 1e-6))
        x, logp, grad, neg_h = trial, new_logp, new_grad, new_h
        done = ~(np.maximum.reduce(np.abs(step), axis=1) * t >= 1e-8)  # a NaN step stops too
        if done.all():
            mode[rows], hess[rows] = x, neg_h
            return mode, np.linalg.inv(hess)
        if done.any():
            mode[rows[done]], hess[rows[done]] = x[done], neg_h[done]
            keep = ~done
            rows, x, logp, grad, neg_h, ev = rows[keep], x[keep], logp[keep], grad[keep], neg_h[keep], ev.rows(keep)
    mode[rows], hess[rows] = x, neg_h  # anyone still stepping after 100 iterations keeps where it got
    return mode, np.linalg.inv(hess)


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


_CONTRASTS = np.array([[1.0, -1.0, 0.0], [-1.0, 1.0, 0.0], [-1.0, 0.0, 1.0],
                       [1.0, 0.0, -1.0], [0.0, 1.0, -1.0], [0.0, -1.0, 1.0]])
"""θ_r − θ_s (rows 0–2) and θ_r − θ_t (rows 3–5) for r = 0, 1, 2 and its other roles s < t."""
_FIRST, _SECOND = np.arange(3), np.arange(3, 6)


def top_probabilities(mean: Array, cov: Array) -> Array:
    """P(θ_r > θ_s for both other s) (n, 3) for θ ~ N(mean (n, 3), cov (n, 3, 3)), normalised to sum to 1.

    The two contrasts of each role are bivariate normal; the role is top when both are positive.
    """
    diff = np.add.reduce(mean[:, None, :] * _CONTRASTS, axis=-1)
    wc = np.add.reduce(_CONTRASTS[None, :, :, None] * cov[:, None, :, :], axis=2)
    var = np.add.reduce(wc[:, :, None, :] * _CONTRASTS, axis=-1)
    sd = np.sqrt(np.maximum(var[:, np.arange(6), np.arange(6)], 1e-300))
    s1, s2 = sd[:, :3], sd[:, 3:]
    rho = var[:, _FIRST, _SECOND] / (s1 * s2)
    out = bvn(diff[:, :3] / s1, diff[:, 3:] / s2, rho)
    total = out[:, 0] + out[:, 1] + out[:, 2]
    fine = total > 0.0
    return np.where(fine[:, None], out / np.where(fine, total, 1.0)[:, None], 1.0 / 3.0)
