"""The measurement model: a posterior over the three role affinities from a person's answer counts.

Model (constants in :mod:`scoring.thresholds`):

- latent affinities θ = (θ_1, θ_2, θ_3) ~ N(0, R), R with 1 on the diagonal and ρ off it;
- a personal agreement bias b ~ N(0, σ_b²) shared by all ratings;
- a rating of an item of role r, scored k = rating − 1 in 0..4, is ordinal probit:
  P(k ≥ j) = Φ(λθ_r + b − c_j) for the cuts c_1..c_4;
- a triad pick is a multinomial logit: P(pick r) = exp(κθ_r) / Σ_s exp(κθ_s).

The sufficient statistics are, per role, the number of ratings at each level 0..4 and the number of triad
picks. The log posterior is concave in (θ, b); its mode is found by damped Newton steps with gradient and
Hessian in closed form, and the posterior is approximated by N(mode, H⁻¹) (Laplace). The probability that
role r is the top role is then P(θ_r − θ_s > 0 for both other s), a bivariate normal orthant probability.

The fit runs on arrays in :mod:`scoring.laplace` and :mod:`scoring.orthant` (numpy, loaded on the first
fit): :func:`top_of_arrays` fits many people at once (``score --batch``), and :func:`posterior` is the
same code for a batch of one, memoised on the (role-symmetric, canonical) sufficient statistics. Scalar helpers live in
:mod:`scoring.normal` and are re-exported here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING

from scoring.normal import category_terms, gauss_legendre, level_slopes, norm_cdf, norm_pdf

if TYPE_CHECKING:
    from scoring.orthant import Array

RoleStats = tuple[tuple[int, int, int, int, int], int]
"""One role's sufficient statistics: (ratings at levels 0..4, triad picks)."""

Stats = tuple[RoleStats, RoleStats, RoleStats]


@dataclass(frozen=True)
class Posterior:
    """The Laplace posterior of (θ1, θ2, θ3, b) for one set of statistics, in the statistics' role order."""

    mode: tuple[float, float, float, float]
    covariance: tuple[tuple[float, ...], ...]
    """H⁻¹, 4x4 (the last row/column is the bias)."""
    top: tuple[float, float, float]
    """P(role r has the largest θ), normalised to sum to 1."""


def _arrays(stats: Sequence[Stats]) -> tuple[Array, Array]:
    """Counts (n, 3, 5) and picks (n, 3) as float arrays."""
    import numpy as np

    n = len(stats)
    counts = np.array([c for s in stats for role in s for c in role[0]], dtype=np.float64).reshape(n, 3, 5)
    picks = np.array([role[1] for s in stats for role in s], dtype=np.float64).reshape(n, 3)
    return counts, picks


def _fit_arrays(stats: Sequence[Stats]) -> tuple[Array, Array]:
    from scoring import laplace

    return laplace.fit(*_arrays(stats))


_BACK = {order: [order.index(r) for r in range(3)] for order in
         ((0, 1, 2), (0, 2, 1), (2, 0, 1), (1, 0, 2), (1, 2, 0), (2, 1, 0))}


def _canonical_order(stats: Stats) -> tuple[Stats, list[int]]:
    """The statistics sorted by role (stably), and for each caller role its position in that order."""
    a, b, c = stats
    if a <= b:
        order = (0, 1, 2) if b <= c else (0, 2, 1) if a <= c else (2, 0, 1)
    else:
        order = (1, 0, 2) if a <= c else (1, 2, 0) if b <= c else (2, 1, 0)
    return (stats[order[0]], stats[order[1]], stats[order[2]]), _BACK[order]


def _groups(s: Stats) -> tuple[tuple[int, ...], ...]:
    """Positions of canonical statistics that are equal (they are adjacent once sorted)."""
    if s[0] == s[1]:
        return ((0, 1, 2),) if s[1] == s[2] else ((0, 1),)
    return ((1, 2),) if s[1] == s[2] else ()


def _even(values: list[float], groups: tuple[tuple[int, ...], ...]) -> None:
    """Give every member of each group the group's mean (whatever rounding did in the solver)."""
    for group in groups:
        mean = sum(values[b] for b in group) / len(group)
        for b in group:
            values[b] = mean


def _tops(stats: Sequence[Stats], mode: Array, cov: Array) -> list[list[float]]:
    """Top-role probabilities of canonical statistics from their fitted modes and H⁻¹; equal roles equal."""
    from scoring import orthant

    tops: list[list[float]] = orthant.top_probabilities(mode[:, :3], cov[:, :3, :3]).tolist()
    for s, p in zip(stats, tops, strict=True):
        _even(p, _groups(s))
    return tops


def _finish(stats: Sequence[Stats], mode: Array, cov: Array) -> list[Posterior]:
    """Posteriors from fitted modes and H⁻¹ of canonical statistics; equal roles get identical numbers."""
    out = []
    for s, x, p, c in zip(stats, mode.tolist(), _tops(stats, mode, cov), cov.tolist(), strict=True):
        _even(x, _groups(s))
        out.append(Posterior(mode=(x[0], x[1], x[2], x[3]), covariance=tuple(map(tuple, c)), top=(p[0], p[1], p[2])))
    return out


@lru_cache(maxsize=8192)
def _canonical_fit(stats: Stats) -> tuple[tuple[float, ...], tuple[tuple[float, ...], ...]]:
    """Mode and H⁻¹ for statistics already sorted by role (so permuted roles share one cache entry)."""
    mode, cov = _fit_arrays([stats])
    return tuple(mode[0].tolist()), tuple(map(tuple, cov[0].tolist()))


@lru_cache(maxsize=8192)
def _canonical_posterior(stats: Stats) -> Posterior:
    """Posterior for statistics already sorted by role: a batch of one."""
    import numpy as np

    mode, cov = _canonical_fit(stats)
    return _finish([stats], np.array([mode]), np.array([cov]))[0]


def _permute(back: Sequence[int], mode: tuple[float, ...], cov: tuple[tuple[float, ...], ...]) -> tuple[
        tuple[float, float, float, float], tuple[tuple[float, ...], ...]]:
    """Mode and H⁻¹ of canonical statistics in the caller's role order."""
    if back[0] == 0 and back[1] == 1:
        return (mode[0], mode[1], mode[2], mode[3]), cov
    pick = itemgetter(back[0], back[1], back[2], 3)
    return pick(mode), tuple(pick(row) for row in pick(cov))


def _reorder(back: Sequence[int], post: Posterior) -> Posterior:
    mode, cov = _permute(back, post.mode, post.covariance)
    return Posterior(mode=mode, covariance=cov, top=(post.top[back[0]], post.top[back[1]], post.top[back[2]]))


def posterior(stats: Stats) -> Posterior:
    """The posterior for ``stats`` (roles in the caller's order); memoised, symmetric under role permutation.

    The statistics are sorted into a canonical role order before fitting, so permuting the roles of the
    evidence permutes the result exactly and equal evidence gives bit-identical probabilities.
    """
    canonical, back = _canonical_order(stats)
    return _reorder(back, _canonical_posterior(canonical))


def posteriors(many: Sequence[Stats]) -> list[Posterior]:
    """:func:`posterior` of each of ``many``, fitted together (each exactly as it would be alone)."""
    order = [_canonical_order(s) for s in many]
    unique = list(dict.fromkeys(c for c, _ in order))
    if not unique:
        return []
    mode, cov = _fit_arrays(unique)
    fitted = dict(zip(unique, _finish(unique, mode, cov), strict=True))
    return [_reorder(back, fitted[c]) for c, back in order]


def top_many(many: Sequence[Stats]) -> list[tuple[float, float, float]]:
    """``posterior(s).top`` for each of ``many``, fitted together (see :func:`top_of_arrays`)."""
    if not many:
        return []
    counts, picks = _arrays(many)
    return [(a, b, c) for a, b, c in top_of_arrays(counts, picks).tolist()]


def top_of_arrays(counts: Array, picks: Array) -> Array:
    """``posterior(s).top`` (n, 3) for counts (n, 3, 5) and picks (n, 3): the batch path, bit for bit.

    The same steps as :func:`posterior` on whole arrays: roles sorted stably by their statistics (as
    integers in base B, which orders them like the tuples), the fit and the top-role probabilities of
    :mod:`scoring.laplace`, equal roles given their mean, and the roles put back in the caller's order.
    """
    import numpy as np

    from scoring import laplace, orthant

    base = int(max(counts.max(initial=0), picks.max(initial=0))) + 1
    if base ** 6 >= 2 ** 62:  # counts too large for the integer keys: one statistic at a time
        rows = zip(counts.astype(int).tolist(), picks.astype(int).tolist(), strict=True)
        tops = [posterior(((tuple(c[0]), p[0]), (tuple(c[1]), p[1]), (tuple(c[2]), p[2]))).top
                for c, p in rows]
        return np.array(tops).reshape(-1, 3)
    key = counts[:, :, 0].astype(np.int64)
    for level in range(1, 5):
        key = key * base + counts[:, :, level].astype(np.int64)
    key = key * base + picks.astype(np.int64)
    order = np.argsort(key, axis=1, kind="stable")
    key = np.take_along_axis(key, order, axis=1)
    mode, cov = laplace.fit(np.take_along_axis(counts, order[:, :, None], axis=1),
                            np.take_along_axis(picks, order, axis=1))
    top = orthant.top_probabilities(mode[:, :3], cov[:, :3, :3])
    first, second = key[:, 0] == key[:, 1], key[:, 1] == key[:, 2]
    triple = first & second
    top[triple] = (((top[triple, 0] + top[triple, 1]) + top[triple, 2]) / 3.0)[:, None]
    for pair, lo in ((first & ~second, 0), (second & ~first, 1)):
        top[pair, lo:lo + 2] = ((top[pair, lo] + top[pair, lo + 1]) / 2.0)[:, None]
    out: Array = np.empty_like(top)
    np.put_along_axis(out, order, top, axis=1)
    return out


def fit(stats: Stats) -> tuple[tuple[float, float, float, float], tuple[tuple[float, ...], ...]]:
    """Only the posterior mode and H⁻¹ (roles in the caller's order), without the top-role probabilities."""
    canonical, back = _canonical_order(stats)
    return _permute(back, *_canonical_fit(canonical))


Vector = list[float] | tuple[float, ...]
Matrix = list[list[float]] | tuple[tuple[float, ...], ...]


def top_probabilities(mean: Vector, cov: Matrix) -> list[float]:
    """P(θ_r > θ_s for both other s) for θ ~ N(mean, cov) (3 roles), normalised to sum to 1."""
    import numpy as np

    from scoring import orthant

    rows = [list(row[:3]) for row in cov[:3]]
    return [float(p) for p in orthant.top_probabilities(np.array([mean[:3]]), np.array([rows]))[0]]


def bvn_cdf(h: float, k: float, r: float) -> float:
    """P(X < h, Y < k) for standard bivariate normal (X, Y) with correlation r (see :func:`scoring.orthant.bvn`)."""
    import numpy as np

    from scoring import orthant

    if h == -math.inf or k == -math.inf:
        return 0.0
    if h == math.inf:
        return norm_cdf(k)
    if k == math.inf:
        return norm_cdf(h)
    return float(orthant.bvn(np.array([h]), np.array([k]), np.array([r]))[0])


def _evaluate(x: Sequence[float], stats: Stats) -> tuple[float, list[float], list[list[float]]]:
    """Log posterior (up to a constant) at x = (θ1, θ2, θ3, b), its gradient and its negative Hessian."""
    import numpy as np

    from scoring import laplace

    logp, grad, neg_h = laplace.evaluate(np.array([list(x)], dtype=np.float64), laplace.Evidence(*_arrays([stats])))
    return float(logp[0]), grad[0].tolist(), neg_h[0].tolist()


def cache_clear() -> None:
    """Forget memoised fits and posteriors (for benchmarks and tests)."""
    _canonical_fit.cache_clear()
    _canonical_posterior.cache_clear()


__all__ = ["Posterior", "RoleStats", "Stats", "bvn_cdf", "cache_clear", "category_terms", "fit", "gauss_legendre",
           "level_slopes", "norm_cdf", "norm_pdf", "posterior", "posteriors", "top_many", "top_of_arrays",
           "top_probabilities"]
