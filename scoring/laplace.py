"""The Laplace fit on arrays: the posteriors of many people at once, each exactly as it would be alone.

This is the one implementation of the measurement model's fit (stated in :mod:`scoring.model`). Row i
of every array is person i; every operation is elementwise along the rows (no sums across people, no
BLAS), so a person's numbers do not depend on who else is in the batch, and one person is a batch of one.
:func:`fit` runs damped Newton from 0 on the concave log posterior of (θ1, θ2, θ3, b), people who have
converged leaving the working set, and returns the modes and H⁻¹; the top-role probabilities are in
:mod:`scoring.orthant`.

numpy is imported by these two modules only, which :mod:`scoring.model` loads on the first fit.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from scoring.orthant import Array, upper_tail
from scoring.thresholds import BIAS_SD, CUTS, LOADING, PRIOR_CORRELATION, TRIAD_SCALE

_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


# --- the log posterior ------------------------------------------------------------------------------------

_CUTS = np.array(CUTS)[:, None, None]
_A = 1.0 / (1.0 - PRIOR_CORRELATION)
_P_OFF = -_A * PRIOR_CORRELATION / (1.0 + 2.0 * PRIOR_CORRELATION)
_P_DIAG = _A + _P_OFF
"""R⁻¹ of the equicorrelated prior R = (1 − ρ) I + ρ J: _P_DIAG on the diagonal, _P_OFF off it."""
_BIAS_P = 1.0 / (BIAS_SD * BIAS_SD)
_PRIOR_SCALE = np.array([_P_DIAG - _P_OFF] * 3 + [_BIAS_P])
_PRIOR_BLOCK = np.full((3, 3), _P_OFF) + np.eye(3) * (_P_DIAG - _P_OFF)
_DIAG = np.arange(3)
_KAPPA2 = TRIAD_SCALE * TRIAD_SCALE
_LAMBDA2 = LOADING * LOADING
_LOG3 = float(np.log(np.array([3.0]))[0])


class Evidence:
    """Sufficient statistics of n people as arrays, levels first so that sums over levels add whole slabs.

    ``counts`` (5, n, 3): ratings at each level 0..4 per person and role; ``seen`` where counts > 0;
    ``picks`` (n, 3): triad picks per role; ``total`` (n, 1): triads answered.
    """

    def __init__(self, counts: Array, picks: Array) -> None:
        """From ``counts`` (n, 3, 5) and ``picks`` (n, 3)."""
        self.counts = np.ascontiguousarray(counts.transpose(2, 0, 1))
        self.seen = self.counts > 0.0
        self.picks = picks
        self.total = np.add.reduce(picks, axis=1, keepdims=True)
        self.kpicks, self.ktotal = TRIAD_SCALE * picks, TRIAD_SCALE * self.total
        self.k2total = _KAPPA2 * self.total
        self.kpicks4 = np.concatenate((self.kpicks, np.zeros_like(self.total)), axis=1)

    def rows(self, idx: NDArray[np.intp] | NDArray[np.bool_]) -> Evidence:
        """The evidence of some people only."""
        part = Evidence.__new__(Evidence)
        part.counts, part.seen = self.counts[:, idx], self.seen[:, idx]
        part.picks, part.total = self.picks[idx], self.total[idx]
        part.kpicks, part.ktotal, part.k2total = self.kpicks[idx], self.ktotal[idx], self.k2total[idx]
        part.kpicks4 = self.kpicks4[idx]
        return part


def _levels(z: Array, ev: Evidence, bend_only: bool = False) -> Array:
    """(3, n, 3): Σ over levels of count × (log p, d log p/dη, d² log p/dη²), z = c − η (4, n, 3) per cut
    (``bend_only``: (2, n, 3) without the log p).

    Levels nobody answered get p = 1. A level in the upper tail is a difference of upper tails so that
    nothing cancels.
    """
    tail = upper_tail(np.abs(z))
    low = z <= 0.0
    rest = 1.0 - tail
    below, above = np.where(low, tail, rest), np.where(low, rest, tail)
    p = np.empty((5,) + z.shape[1:])
    p[0], p[4] = below[0], above[3]
    p[1:4] = np.where(low[:3], below[1:] - below[:3], above[:3] - above[1:])
    p = np.where(ev.seen, np.maximum(p, 1e-300), 1.0)
    dens = np.zeros((2, 6) + z.shape[1:])  # φ and zφ at each cut, 0 beyond the end cuts
    pdf = dens[0, 1:5]
    np.multiply(z, z, out=pdf)
    pdf *= -0.5
    np.exp(pdf, out=pdf)
    pdf *= _INV_SQRT_2PI
    np.multiply(z, pdf, out=dens[1, 1:5])
    terms = np.empty((2 if bend_only else 3,) + p.shape)
    if not bend_only:
        np.log(p, out=terms[0])
    np.divide(dens[:, :5] - dens[:, 1:], p, out=terms[-2:])  # density at the lower bound minus the upper
    terms[-1] -= terms[-2] * terms[-2]
    terms *= ev.counts
    sums: Array = np.add.reduce(terms, axis=1)
    return sums


def evaluate(x: Array, ev: Evidence) -> tuple[Array, Array, Array]:
    """Log posterior (up to a constant) at x (n, 4) = (θ1, θ2, θ3, b), its gradient and its negative Hessian."""
    return _assemble(x, _levels(_CUTS - (LOADING * x[:, :3] + x[:, 3:]), ev), ev)


def _at_zero(ev: Evidence) -> tuple[Array, Array, Array]:
    """:func:`evaluate` at x = 0, where every rating level has the same terms for everyone and each triad
    option has probability 1/3 (the same numbers as the general path, with less work)."""
    rating, slope, bend = np.add.reduce(_ZERO_TERMS * ev.counts, axis=1)
    prob = np.full(slope.shape, 1.0 / 3.0)
    logp: Array = np.add.reduce(rating, axis=1) - (ev.total * _LOG3)[:, 0]
    grad = np.zeros((slope.shape[0], 4))  # the prior's part is 0 at 0
    _gradient(grad, slope, prob, ev)
    return logp, grad, _hessian(ev.k2total * prob, prob, bend)


def _assemble(x: Array, sums: Array, ev: Evidence) -> tuple[Array, Array, Array]:
    """The log posterior, gradient and negative Hessian from the rating sums (3, n, 3) and the triads."""
    theta = x[:, :3]
    rating, slope, bend = sums
    top, norm, prob = _softmax(theta)
    grad = x * _PRIOR_SCALE  # R⁻¹θ for the equicorrelated prior and the bias's own precision, negated below
    grad[:, :3] += _P_OFF * np.add.reduce(theta, axis=1, keepdims=True)
    logp: Array = (np.add.reduce(x * (ev.kpicks4 - 0.5 * grad), axis=1) + np.add.reduce(rating, axis=1)
                   - (ev.total * (top + np.log(norm)))[:, 0])
    np.negative(grad, out=grad)
    _gradient(grad, slope, prob, ev)
    return logp, grad, _hessian(ev.k2total * prob, prob, bend)


def _curvature(x: Array, ev: Evidence) -> Array:
    """Only the negative Hessian of :func:`evaluate` at x (the same arithmetic, without log p and gradient)."""
    prob = _softmax(x[:, :3])[2]
    bend = _levels(_CUTS - (LOADING * x[:, :3] + x[:, 3:]), ev, bend_only=True)[1]
    return _hessian(ev.k2total * prob, prob, bend)


def _softmax(theta: Array) -> tuple[Array, Array, Array]:
    """κ × the largest θ, Σ exp(κθ − that) and the triad pick probabilities, per person."""
    scaled = TRIAD_SCALE * theta
    top = np.maximum.reduce(scaled, axis=1, keepdims=True)
    ex = np.exp(scaled - top)
    norm = np.add.reduce(ex, axis=1, keepdims=True)
    return top, norm, ex / norm


def _gradient(grad: Array, slope: Array, prob: Array, ev: Evidence) -> None:
    """Add the ratings' and the triads' parts to ``grad`` (n, 4), which holds the prior's."""
    part = grad[:, :3]
    part += LOADING * slope
    part += ev.kpicks
    part -= ev.ktotal * prob
    grad[:, 3] += np.add.reduce(slope, axis=1)


def _hessian(spread: Array, prob: Array, bend: Array) -> Array:
    """The negative Hessian (n, 4, 4): prior precision, triads (κ² × answered × the softmax's covariance),
    ratings (λ² and λ times the second derivative in η, on θ_r and b)."""
    n = prob.shape[0]
    neg_h = np.empty((n, 4, 4))
    flat = neg_h.reshape(n, 16)
    block = neg_h[:, :3, :3]
    np.multiply(spread[:, :, None], prob[:, None, :], out=block)
    np.subtract(_PRIOR_BLOCK, block, out=block)
    diagonal = flat[:, 0:11:5]
    diagonal += spread
    diagonal -= _LAMBDA2 * bend
    np.multiply(bend, -LOADING, out=flat[:, 3:12:4])
    flat[:, 12:15] = flat[:, 3:12:4]
    flat[:, 15] = _BIAS_P - np.add.reduce(bend, axis=1)
    return neg_h


def _zero_terms() -> Array:
    """(3, 5, 1, 1): log p, d log p/dη and d² log p/dη² of each level at η = 0, from :func:`_levels` itself."""
    ev = Evidence(np.eye(5)[:, None, :].repeat(3, axis=1), np.zeros((5, 3)))
    return _levels(np.broadcast_to(_CUTS, (4, 5, 3)), ev)[:, :, :1, None]


_ZERO_TERMS = _zero_terms()


# --- the fit ----------------------------------------------------------------------------------------------


try:  # the gufuncs behind numpy.linalg.solve/inv, without its per-call checks (several µs for one person)
    from numpy.linalg import _umath_linalg

    def _solve(a: Array, b: Array) -> Array:
        """x (n, 4) with a[i] x[i] = b[i] (every a[i] is at least the prior precision: never singular)."""
        out: Array = _umath_linalg.solve(a, b[..., None], signature="dd->d")[..., 0]
        return out

    def _inverse(a: Array) -> Array:
        out: Array = _umath_linalg.inv(a, signature="d->d")
        return out
except (ImportError, AttributeError):  # pragma: no cover - another numpy layout

    def _solve(a: Array, b: Array) -> Array:
        """x (n, 4) with a[i] x[i] = b[i] (every a[i] is at least the prior precision: never singular)."""
        out: Array = np.linalg.solve(a, b[..., None])[..., 0]
        return out

    def _inverse(a: Array) -> Array:
        out: Array = np.linalg.inv(a)
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
    logp, grad, neg_h = _at_zero(ev)
    mode, hess, rows = x, neg_h, np.arange(0)
    whole = True  # everyone is still stepping (mode, hess and rows are set up when someone stops)
    for _ in range(100):
        step = _solve(neg_h, grad)
        size = np.maximum.reduce(np.abs(step), axis=1)
        if not np.logical_or.reduce(size >= 1e-8):  # every step is the last: it is taken whole, and only
            x = x + step                            # the curvature is needed where it lands
            neg_h = _curvature(x, ev)
            if whole:
                return x, _inverse(neg_h)
            mode[rows], hess[rows] = x, neg_h
            return mode, _inverse(hess)
        trial = x + step
        new_logp, new_grad, new_h = evaluate(trial, ev)
        ok = new_logp >= logp - 1e-12
        if not np.logical_and.reduce(ok):
            _damp(x, step, size, trial, logp, (new_logp, new_grad, new_h), ok, ev)
        x, logp, grad, neg_h = trial, new_logp, new_grad, new_h
        done = ~(size >= 1e-8)  # a NaN step stops too
        if np.logical_and.reduce(done):
            if whole:
                return x, _inverse(neg_h)
            mode[rows], hess[rows] = x, neg_h
            return mode, _inverse(hess)
        if np.logical_or.reduce(done):
            if whole:
                mode, hess, rows = np.empty((n, 4)), np.empty((n, 4, 4)), np.arange(n)
            mode[rows[done]], hess[rows[done]] = x[done], neg_h[done]
            keep = ~done
            rows, x, logp, grad, neg_h, ev = rows[keep], x[keep], logp[keep], grad[keep], neg_h[keep], ev.rows(keep)
            whole = False
    if whole:  # after 100 iterations everyone keeps where they got
        return x, _inverse(neg_h)
    mode[rows], hess[rows] = x, neg_h
    return mode, _inverse(hess)


def _damp(x: Array, step: Array, size: Array, trial: Array, logp: Array, new: tuple[Array, Array, Array],
          ok: Array, ev: Evidence) -> None:
    """Halve the steps of the rows not ``ok`` until the log posterior does not fall by more than 1e-12 (or
    the factor is below 1e-6); updates ``trial``, ``new`` and ``size`` (step × factor) in place."""
    t = np.ones(x.shape[0])
    short = ~ok
    while np.logical_or.reduce(short):
        idx = np.flatnonzero(short)
        t[idx] *= 0.5
        trial[idx] = x[idx] + t[idx, None] * step[idx]
        sub = evaluate(trial[idx], ev.rows(idx))
        new[0][idx], new[1][idx], new[2][idx] = sub
        short[idx] = ~((sub[0] >= logp[idx] - 1e-12) | (t[idx] < 1e-6))
    size *= t


