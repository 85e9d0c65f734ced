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
role r is the top role is then P(θ_r − θ_s > 0 for both other s), a bivariate normal orthant probability
computed with :func:`bvn_cdf`.

Everything is pure Python with :mod:`math`; results are memoised on the (role-symmetric, canonical)
sufficient statistics.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from scoring.thresholds import BIAS_SD, CUTS, LOADING, PRIOR_CORRELATION, TRIAD_SCALE

RoleStats = tuple[tuple[int, int, int, int, int], int]
"""One role's sufficient statistics: (ratings at levels 0..4, triad picks)."""

Stats = tuple[RoleStats, RoleStats, RoleStats]

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


_GL_NODES, _GL_WEIGHTS = gauss_legendre(20)
_HIGH_CORRELATION = 0.925


def _integrate(f: object, a: float, b: float) -> float:
    """∫_a^b f by 20-point Gauss–Legendre."""
    half, mid = 0.5 * (b - a), 0.5 * (b + a)
    total = 0.0
    for x, w in zip(_GL_NODES, _GL_WEIGHTS, strict=True):
        total += w * f(mid + half * x)  # type: ignore[operator]
    return total * half


def bvn_cdf(h: float, k: float, r: float) -> float:
    """P(X < h, Y < k) for standard bivariate normal (X, Y) with correlation r.

    For |r| < 0.925, Φ₂ = Φ(h)Φ(k) + (1/2π) ∫₀^{asin r} exp(−(h² + k² − 2hk sin t) / (2cos² t)) dt
    (the derivative of Φ₂ in r is the bivariate density; substitute r = sin t). Closer to ±1 the
    integrand sharpens, so for r ≥ 0.925, Φ₂ = Φ(min(h, k)) − ∫_r^1 φ₂(h, k, t) dt, written with
    s = √(1 − t²) as ∫₀^{√(1−r²)} exp(−(h² − 2thk + k²) / (2s²)) / (2π t) ds, whose integrand is
    bounded but turns sharply near s ≈ |h − k|, so it is integrated on pieces shrinking geometrically
    towards 0; r < 0 uses Φ₂(h, k, r) = Φ(h) − Φ₂(h, −k, −r).
    """
    if h == -math.inf or k == -math.inf:
        return 0.0
    if h == math.inf:
        return norm_cdf(k)
    if k == math.inf:
        return norm_cdf(h)
    r = max(-1.0, min(1.0, r))
    if r < 0.0:  # the quadrature below is most accurate for r ≥ 0
        return max(0.0, norm_cdf(h) - bvn_cdf(h, -k, -r))
    if r >= _HIGH_CORRELATION:
        hk, sq = h * k, h * h + k * k

        def tail(s: float) -> float:
            if s <= 0.0:
                return 0.0
            t = math.sqrt(1.0 - s * s)
            return math.exp(-(sq - 2.0 * t * hk) / (2.0 * s * s)) / (2.0 * math.pi * t)

        # The integrand can turn sharply near s ≈ |h − k| (a boundary layer at 0 when h ≈ k), so this rarely
        # used branch integrates on pieces that shrink geometrically towards 0.
        top = math.sqrt(max(0.0, 1.0 - r * r))
        edges = [top * 0.25**j for j in range(11)] + [0.0]
        area = sum(_integrate(tail, edges[j + 1], edges[j]) for j in range(len(edges) - 1))
        value = norm_cdf(min(h, k)) - area
        return min(1.0, max(0.0, value))
    base = norm_cdf(h) * norm_cdf(k)
    if r == 0.0:
        return base
    hk2, sq = 2.0 * h * k, h * h + k * k

    def body(t: float) -> float:
        c = math.cos(t)
        return math.exp(-(sq - hk2 * math.sin(t)) / (2.0 * c * c))

    value = base + _integrate(body, 0.0, math.asin(r)) / (2.0 * math.pi)
    return min(1.0, max(0.0, value))


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


def _prior_precision(rho: float) -> list[list[float]]:
    # Inverse of the 3x3 equicorrelation matrix (1 - ρ) I + ρ J.
    a = 1.0 / (1.0 - rho)
    off = -a * rho / (1.0 + 2.0 * rho)
    return [[a + off if i == j else off for j in range(3)] for i in range(3)]


_PRIOR_P = _prior_precision(PRIOR_CORRELATION)
_BIAS_P = 1.0 / (BIAS_SD * BIAS_SD)


def _cholesky(a: list[list[float]]) -> list[list[float]]:
    n = len(a)
    low = [[0.0] * n for _ in range(n)]
    for i in range(n):
        row = low[i]
        for j in range(i + 1):
            other = low[j]
            s = a[i][j]
            for m in range(j):
                s -= row[m] * other[m]
            if i == j:
                row[i] = math.sqrt(s if s > 1e-300 else 1e-300)
            else:
                row[j] = s / other[j]
    return low


def _solve(low: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    y = [0.0] * n
    for i in range(n):
        s = b[i]
        row = low[i]
        for m in range(i):
            s -= row[m] * y[m]
        y[i] = s / row[i]
    x = [0.0] * n
    for i in range(n - 1, -1, -1):
        s = y[i]
        for m in range(i + 1, n):
            s -= low[m][i] * x[m]
        x[i] = s / low[i][i]
    return x


def inverse_spd(a: list[list[float]]) -> list[list[float]]:
    """Inverse of a symmetric positive definite matrix (Cholesky)."""
    low = _cholesky(a)
    n = len(a)
    cols = [_solve(low, [1.0 if i == j else 0.0 for i in range(n)]) for j in range(n)]
    return [[cols[j][i] for j in range(n)] for i in range(n)]


_NCUTS = len(CUTS)


def _rating_terms(counts: tuple[int, ...], eta: float) -> tuple[float, float, float]:
    """Σ over one role's ratings of log p, d log p/dη and d² log p/dη² (see :func:`category_terms`).

    Each cut's Φ and φ is computed once and shared by the two levels it bounds; probabilities of a level
    in the upper tail are differences of upper tails so that nothing cancels.
    """
    cdf = [0.0] * _NCUTS
    sf = [0.0] * _NCUTS
    pdf = [0.0] * _NCUTS
    zs = [0.0] * _NCUTS
    for j in range(_NCUTS):
        z = CUTS[j] - eta
        zs[j] = z
        if z <= 0.0:
            c = 0.5 * math.erfc(-z / _SQRT2)
            cdf[j], sf[j] = c, 1.0 - c
        else:
            q = 0.5 * math.erfc(z / _SQRT2)
            cdf[j], sf[j] = 1.0 - q, q
        pdf[j] = _INV_SQRT_2PI * math.exp(-0.5 * z * z)
    logp = grad = hess = 0.0
    for level in range(_NCUTS + 1):
        n = counts[level]
        if not n:
            continue
        if level == 0:
            p, f_lo, lf_lo = cdf[0], 0.0, 0.0
            f_hi, lf_hi = pdf[0], zs[0] * pdf[0]
        elif level == _NCUTS:
            p, f_hi, lf_hi = sf[-1], 0.0, 0.0
            f_lo, lf_lo = pdf[-1], zs[-1] * pdf[-1]
        else:
            lo, hi = level - 1, level
            p = sf[lo] - sf[hi] if zs[lo] > 0.0 else cdf[hi] - cdf[lo]
            f_lo, lf_lo = pdf[lo], zs[lo] * pdf[lo]
            f_hi, lf_hi = pdf[hi], zs[hi] * pdf[hi]
        if p < 1e-300:
            p = 1e-300
        g = (f_lo - f_hi) / p
        logp += n * math.log(p)
        grad += n * g
        hess += n * ((lf_lo - lf_hi) / p - g * g)
    return logp, grad, hess


def level_slopes(eta: float) -> tuple[float, ...]:
    """d log p / dη of each rating level 0..4 at η (the ``g`` of :func:`category_terms`, all levels at once)."""
    pdf = [_INV_SQRT_2PI * math.exp(-0.5 * (c - eta) ** 2) for c in CUTS]
    cdf = [0.5 * math.erfc(-(c - eta) / _SQRT2) for c in CUTS]
    sf = [0.5 * math.erfc((c - eta) / _SQRT2) for c in CUTS]
    out = [-pdf[0] / max(cdf[0], 1e-300)]
    for level in range(1, _NCUTS):
        lo, hi = level - 1, level
        p = sf[lo] - sf[hi] if CUTS[lo] - eta > 0.0 else cdf[hi] - cdf[lo]
        out.append((pdf[lo] - pdf[hi]) / max(p, 1e-300))
    out.append(pdf[-1] / max(sf[-1], 1e-300))
    return tuple(out)


_P_DIAG = _PRIOR_P[0][0]
_P_OFF = _PRIOR_P[0][1]


def _evaluate(x: list[float], stats: Stats) -> tuple[float, list[float], list[list[float]]]:
    """Log posterior (up to a constant) at x = (θ1, θ2, θ3, b), its gradient and its negative Hessian."""
    lam, kap = LOADING, TRIAD_SCALE
    t0, t1, t2, bias = x
    theta = (t0, t1, t2)
    total_theta = t0 + t1 + t2
    step = _P_DIAG - _P_OFF
    prior = [step * t + _P_OFF * total_theta for t in theta]  # R⁻¹ θ for the equicorrelated prior
    logp = -0.5 * (t0 * prior[0] + t1 * prior[1] + t2 * prior[2]) - 0.5 * _BIAS_P * bias * bias
    grad = [-prior[0], -prior[1], -prior[2], -_BIAS_P * bias]
    neg_h = [
        [_P_DIAG, _P_OFF, _P_OFF, 0.0],
        [_P_OFF, _P_DIAG, _P_OFF, 0.0],
        [_P_OFF, _P_OFF, _P_DIAG, 0.0],
        [0.0, 0.0, 0.0, _BIAS_P],
    ]
    for r in range(3):
        counts = stats[r][0]
        if not any(counts):
            continue
        lp, g_eta, h_eta = _rating_terms(counts, lam * theta[r] + bias)
        logp += lp
        grad[r] += lam * g_eta
        grad[3] += g_eta
        neg_h[r][r] -= lam * lam * h_eta
        neg_h[r][3] -= lam * h_eta
        neg_h[3][r] -= lam * h_eta
        neg_h[3][3] -= h_eta
    picks = (stats[0][1], stats[1][1], stats[2][1])
    total = picks[0] + picks[1] + picks[2]
    if total:
        top = max(theta)
        ex = [math.exp(kap * (t - top)) for t in theta]
        z = ex[0] + ex[1] + ex[2]
        prob = [e / z for e in ex]
        logp += kap * (picks[0] * t0 + picks[1] * t1 + picks[2] * t2) - total * (kap * top + math.log(z))
        scale = total * kap * kap
        for r in range(3):
            grad[r] += kap * (picks[r] - total * prob[r])
            row = neg_h[r]
            for s in range(3):
                row[s] += scale * ((prob[r] if r == s else 0.0) - prob[r] * prob[s])
    return logp, grad, neg_h


@dataclass(frozen=True)
class Posterior:
    """The Laplace posterior of (θ1, θ2, θ3, b) for one set of statistics, in the statistics' role order."""

    mode: tuple[float, float, float, float]
    covariance: tuple[tuple[float, ...], ...]
    """H⁻¹, 4x4 (the last row/column is the bias)."""
    top: tuple[float, float, float]
    """P(role r has the largest θ), normalised to sum to 1."""


def _fit(stats: Stats) -> tuple[list[float], list[list[float]]]:
    x = [0.0, 0.0, 0.0, 0.0]
    logp, grad, neg_h = _evaluate(x, stats)
    for _ in range(100):
        step = _solve(_cholesky(neg_h), grad)
        t = 1.0
        while True:
            trial = [x[i] + t * step[i] for i in range(4)]
            new_logp, new_grad, new_h = _evaluate(trial, stats)
            if new_logp >= logp - 1e-12 or t < 1e-6:
                break
            t *= 0.5
        x, logp, grad, neg_h = trial, new_logp, new_grad, new_h
        if max(abs(s) for s in step) * t < 1e-8:  # quadratic convergence: the error left is ~1e-16
            break
    return x, inverse_spd(neg_h)


Vector = list[float] | tuple[float, ...]
Matrix = list[list[float]] | tuple[tuple[float, ...], ...]


def top_probabilities(mean: Vector, cov: Matrix) -> list[float]:
    """P(θ_r > θ_s for both other s) for θ ~ N(mean, cov) (3 roles), normalised to sum to 1."""
    out = []
    for r in range(3):
        s, t = (q for q in range(3) if q != r)
        m1, m2 = mean[r] - mean[s], mean[r] - mean[t]
        v1 = cov[r][r] + cov[s][s] - 2.0 * cov[r][s]
        v2 = cov[r][r] + cov[t][t] - 2.0 * cov[r][t]
        c12 = cov[r][r] - cov[r][t] - cov[r][s] + cov[s][t]
        s1, s2 = math.sqrt(max(v1, 1e-300)), math.sqrt(max(v2, 1e-300))
        out.append(bvn_cdf(m1 / s1, m2 / s2, c12 / (s1 * s2)))
    total = sum(out)
    return [p / total for p in out] if total > 0 else [1.0 / 3.0] * 3


@lru_cache(maxsize=8192)
def _canonical_fit(stats: Stats) -> tuple[tuple[float, ...], tuple[tuple[float, ...], ...]]:
    """Mode and H⁻¹ for statistics already sorted by role (so permuted roles share one cache entry)."""
    x, cov = _fit(stats)
    return tuple(x), tuple(tuple(row) for row in cov)


@lru_cache(maxsize=8192)
def _canonical_posterior(stats: Stats) -> Posterior:
    """Posterior for statistics already sorted by role."""
    mode, cov = _canonical_fit(stats)
    x = list(mode)
    top = top_probabilities(x[:3], [list(row[:3]) for row in cov])
    # Roles with identical statistics get identical numbers, whatever rounding did in the solver.
    for a in range(3):
        group = [b for b in range(3) if stats[b] == stats[a]]
        if len(group) > 1:
            mean_top = sum(top[b] for b in group) / len(group)
            mean_x = sum(x[b] for b in group) / len(group)
            for b in group:
                top[b] = mean_top
                x[b] = mean_x
    return Posterior(mode=(x[0], x[1], x[2], x[3]), covariance=cov, top=(top[0], top[1], top[2]))


def _canonical_order(stats: Stats) -> tuple[Stats, list[int]]:
    """The statistics sorted by role, and for each caller role its position in that order."""
    order = sorted(range(3), key=lambda r: stats[r])
    back = [0, 0, 0]
    for pos, r in enumerate(order):
        back[r] = pos
    return (stats[order[0]], stats[order[1]], stats[order[2]]), back


def _reorder(back: list[int], mode: tuple[float, ...], cov: tuple[tuple[float, ...], ...]) -> tuple[
        tuple[float, float, float, float], tuple[tuple[float, ...], ...]]:
    idx = [back[0], back[1], back[2], 3]
    return ((mode[back[0]], mode[back[1]], mode[back[2]], mode[3]),
            tuple(tuple(cov[idx[i]][idx[j]] for j in range(4)) for i in range(4)))


def posterior(stats: Stats) -> Posterior:
    """The posterior for ``stats`` (roles in the caller's order); memoised, symmetric under role permutation.

    The statistics are sorted into a canonical role order before fitting, so permuting the roles of the
    evidence permutes the result exactly and equal evidence gives bit-identical probabilities.
    """
    canonical, back = _canonical_order(stats)
    canon = _canonical_posterior(canonical)
    mode, cov = _reorder(back, canon.mode, canon.covariance)
    return Posterior(mode=mode, covariance=cov, top=(canon.top[back[0]], canon.top[back[1]], canon.top[back[2]]))


def fit(stats: Stats) -> tuple[tuple[float, float, float, float], tuple[tuple[float, ...], ...]]:
    """Only the posterior mode and H⁻¹ (roles in the caller's order), without the top-role probabilities."""
    canonical, back = _canonical_order(stats)
    mode, cov = _canonical_fit(canonical)
    return _reorder(back, mode, cov)


def cache_clear() -> None:
    """Forget memoised fits and posteriors (for benchmarks and tests)."""
    _canonical_fit.cache_clear()
    _canonical_posterior.cache_clear()
