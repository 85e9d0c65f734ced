"""What one more answer, or the rest of the bank, is expected to do to the posterior (for the adaptive form).

Everything follows the model stated in :mod:`scoring.model` (ordinal probit ratings, triad logit, Laplace
posterior N(mode, H⁻¹) over (θ1, θ2, θ3, b)) and reads its constants from :mod:`scoring.thresholds`; the
posterior itself always comes from :func:`scoring.model.posterior`.

- :func:`answer_probabilities`: the posterior predictive distribution of the answer to one more item. For a
  rating of role r, η = λθ_r + b is normal under the posterior, so P(level k) = Φ((c_{k+1} − μ)/√(1 + s²))
  − Φ((c_k − μ)/√(1 + s²)) exactly; for a triad, E[softmax(κθ)] is integrated over the two role contrasts
  by a 7 × 7 Gauss–Hermite product rule.
- :func:`expected_entropy`: E over that predictive of the entropy of the top-role distribution after the
  answer, each hypothetical posterior refitted by :func:`scoring.model.posterior` (rating items of one role
  are exchangeable under the model, so one candidate per role and one for triads covers the whole bank).
- :func:`change_risk`: the predictive probability that answering every remaining item would put another role
  first (stochastic curtailment). After more answers the posterior mean is itself uncertain: by the law of
  total variance it varies as N(mode, Σ − Σ_rest), with Σ_rest = (H + I_rest)⁻¹ and I_rest the Fisher
  information of the remaining items at the mode. The chance that the final top role differs is then one
  minus the current top role's :func:`~scoring.model.top_probabilities` under N(mode, Σ − Σ_rest).
"""

from __future__ import annotations

import math
from functools import lru_cache

from scoring.model import Posterior, Stats, posterior, top_probabilities
from scoring.thresholds import CUTS, LOADING, TRIAD_SCALE

TRIAD = 3
"""Candidate kind of a triad; kinds 0..2 are a rating item of that role (index in ``ROLE_IDS``)."""

_SQRT2 = math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_LEVELS = len(CUTS) + 1


def _cdf(x: float) -> float:
    return 0.5 * math.erfc(-x / _SQRT2)


def _pdf(x: float) -> float:
    return _INV_SQRT_2PI * math.exp(-0.5 * x * x)


def gauss_hermite(n: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Nodes and weights with Σ w f(x) ≈ E[f(Z)], Z ~ N(0, 1) (Newton on the normalised Hermite recursion)."""
    roots = [0.0] * n  # of the physicists' H_n, largest first
    weights = [0.0] * n
    z = 0.0
    for i in range((n + 1) // 2):
        # Starting guesses for the largest roots first (the usual asymptotic ones), then from the previous roots.
        if i == 0:
            z = math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** (-1 / 6)
        elif i == 1:
            z -= 1.14 * n**0.426 / z
        elif i == 2:
            z = 1.86 * z - 0.86 * roots[0]
        elif i == 3:
            z = 1.91 * z - 0.91 * roots[1]
        else:
            z = 2.0 * z - roots[i - 2]
        deriv = 1.0
        for _ in range(100):
            p1, p2 = math.pi**-0.25, 0.0
            for j in range(1, n + 1):
                p1, p2 = z * math.sqrt(2.0 / j) * p1 - math.sqrt((j - 1) / j) * p2, p1
            deriv = math.sqrt(2.0 * n) * p2
            step = p1 / deriv
            z -= step
            if abs(step) < 1e-14:
                break
        w = 2.0 / (deriv * deriv) / math.sqrt(math.pi)
        roots[i], roots[n - 1 - i] = z, -z
        weights[i] = weights[n - 1 - i] = w
    return tuple(r * _SQRT2 for r in roots), tuple(weights)


_GH_NODES, _GH_WEIGHTS = gauss_hermite(7)


def _eta(post: Posterior, role: int) -> tuple[float, float]:
    """Posterior mean and variance of η = λθ_role + b."""
    lam, cov = LOADING, post.covariance
    mean = lam * post.mode[role] + post.mode[3]
    var = lam * lam * cov[role][role] + 2.0 * lam * cov[role][3] + cov[3][3]
    return mean, max(var, 0.0)


def rating_probabilities(post: Posterior, role: int) -> tuple[float, ...]:
    """Posterior predictive probability of each rating level 0..4 (rating 1..5) of one more item of ``role``."""
    mean, var = _eta(post, role)
    scale = math.sqrt(1.0 + var)
    upper = [_cdf((c - mean) / scale) for c in CUTS] + [1.0]
    return tuple(max(0.0, upper[k] - (upper[k - 1] if k else 0.0)) for k in range(_LEVELS))


def triad_probabilities(post: Posterior) -> tuple[float, float, float]:
    """Posterior predictive probability that one more triad is answered with each role's option."""
    m, s = post.mode, post.covariance
    # d = (θ1 − θ3, θ2 − θ3) carries everything the softmax sees.
    d1, d2 = m[0] - m[2], m[1] - m[2]
    v11 = s[0][0] + s[2][2] - 2.0 * s[0][2]
    v22 = s[1][1] + s[2][2] - 2.0 * s[1][2]
    v12 = s[0][1] - s[0][2] - s[1][2] + s[2][2]
    a = math.sqrt(max(v11, 0.0))
    b = v12 / a if a > 0.0 else 0.0
    c = math.sqrt(max(v22 - b * b, 0.0))
    kap = TRIAD_SCALE
    out = [0.0, 0.0, 0.0]
    for x, wx in zip(_GH_NODES, _GH_WEIGHTS, strict=True):
        e1 = kap * (d1 + a * x)
        for y, wy in zip(_GH_NODES, _GH_WEIGHTS, strict=True):
            e2 = kap * (d2 + b * x + c * y)
            top = max(e1, e2, 0.0)
            ex = (math.exp(e1 - top), math.exp(e2 - top), math.exp(-top))
            w = wx * wy / (ex[0] + ex[1] + ex[2])
            out[0] += w * ex[0]
            out[1] += w * ex[1]
            out[2] += w * ex[2]
    total = out[0] + out[1] + out[2]
    return out[0] / total, out[1] / total, out[2] / total


def answer_probabilities(post: Posterior, kind: int) -> tuple[float, ...]:
    """The predictive distribution of the answer to one more item of ``kind`` (levels 0..4, or picked role)."""
    return triad_probabilities(post) if kind == TRIAD else rating_probabilities(post, kind)


def entropy(probs: tuple[float, ...] | list[float]) -> float:
    """Shannon entropy (nats) of a discrete distribution."""
    return -sum(p * math.log(p) for p in probs if p > 0.0)


def with_answer(stats: Stats, kind: int, answer: int) -> Stats:
    """``stats`` after one more answer: rating level ``answer`` of role ``kind``, or a triad picking ``answer``."""
    roles = list(stats)
    if kind == TRIAD:
        counts, picks = roles[answer]
        roles[answer] = (counts, picks + 1)
    else:
        counts, picks = roles[kind]
        bumped = list(counts)
        bumped[answer] += 1
        roles[kind] = ((bumped[0], bumped[1], bumped[2], bumped[3], bumped[4]), picks)
    return roles[0], roles[1], roles[2]


def _rating_terms(eta: float, level: int) -> tuple[float, float]:
    """d log p / dη and −d² log p / dη² of rating level ``level`` at η (ordinal probit)."""
    bounds = (-math.inf, *CUTS, math.inf)
    lo, hi = bounds[level] - eta, bounds[level + 1] - eta
    p = (_cdf(hi) if hi != math.inf else 1.0) - (_cdf(lo) if lo != -math.inf else 0.0)
    if lo > 0.0:  # the level is in the upper tail: a difference of upper tails does not cancel
        p = 0.5 * math.erfc(lo / _SQRT2) - (0.5 * math.erfc(hi / _SQRT2) if hi != math.inf else 0.0)
    p = max(p, 1e-300)
    f_lo, f_hi = (_pdf(lo) if lo != -math.inf else 0.0), (_pdf(hi) if hi != math.inf else 0.0)
    lf_lo, lf_hi = (lo * f_lo if lo != -math.inf else 0.0), (hi * f_hi if hi != math.inf else 0.0)
    g = (f_lo - f_hi) / p
    return g, g * g - (lf_lo - lf_hi) / p


def _rank_one(cov: list[list[float]], v: list[float], weight: float) -> None:
    """``cov`` ← (cov⁻¹ + weight · v vᵀ)⁻¹ in place (Sherman–Morrison)."""
    sv = [sum(cov[i][j] * v[j] for j in range(4)) for i in range(4)]
    denom = 1.0 + weight * sum(v[i] * sv[i] for i in range(4))
    f = weight / denom
    for i in range(4):
        for j in range(4):
            cov[i][j] -= f * sv[i] * sv[j]


def updated(post: Posterior, kind: int, answer: int) -> tuple[list[float], list[list[float]]]:
    """The Laplace posterior after one more answer, by one Newton step from the current mode.

    The new precision is H plus the answer's observed information at the mode, and the new mean is the mode
    moved by the new covariance times the answer's score (the log posterior's gradient is zero at the mode).
    The log posterior is concave and nearly quadratic near its mode, so one step is close to a refit.
    """
    mode = list(post.mode)
    cov = [list(row) for row in post.covariance]
    grad = [0.0, 0.0, 0.0, 0.0]
    if kind == TRIAD:
        kap = TRIAD_SCALE
        top = max(mode[:3])
        ex = [math.exp(kap * (t - top)) for t in mode[:3]]
        p = [e / (ex[0] + ex[1] + ex[2]) for e in ex]
        for i in range(3):  # κ²(diag p − p pᵀ) = Σ_i κ² p_i (e_i − p)(e_i − p)ᵀ
            _rank_one(cov, [(1.0 if j == i else 0.0) - p[j] for j in range(3)] + [0.0], kap * kap * p[i])
            grad[i] = kap * ((1.0 if i == answer else 0.0) - p[i])
    else:
        u = [LOADING if j == kind else 0.0 for j in range(3)] + [1.0]
        g, h = _rating_terms(LOADING * mode[kind] + mode[3], answer)
        _rank_one(cov, u, h)
        grad = [g * x for x in u]
    mean = [mode[i] + sum(cov[i][j] * grad[j] for j in range(4)) for i in range(4)]
    return mean, cov


@lru_cache(maxsize=16384)
def expected_entropy(stats: Stats, kind: int) -> float:
    """E[entropy of the top-role probabilities after one more answer of ``kind``] under the predictive."""
    post = posterior(stats)
    total = 0.0
    for answer, p in enumerate(answer_probabilities(post, kind)):
        if p > 1e-12:
            mean, cov = updated(post, kind, answer)
            total += p * entropy(top_probabilities(mean[:3], [row[:3] for row in cov]))
    return total


def rating_information(eta: float) -> float:
    """Fisher information about η of one ordinal probit rating at linear predictor η."""
    bounds = (-math.inf, *CUTS, math.inf)
    info = 0.0
    for k in range(_LEVELS):
        lo, hi = bounds[k] - eta, bounds[k + 1] - eta
        p = (_cdf(hi) if hi != math.inf else 1.0) - (_cdf(lo) if lo != -math.inf else 0.0)
        slope = (_pdf(lo) if lo != -math.inf else 0.0) - (_pdf(hi) if hi != math.inf else 0.0)
        if p > 1e-300:
            info += slope * slope / p
    return info


def _inverse(a: list[list[float]]) -> list[list[float]]:
    """Inverse of a small symmetric positive definite matrix (Gauss–Jordan with partial pivoting)."""
    n = len(a)
    m = [list(row) + [1.0 if i == j else 0.0 for j in range(n)] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        lead = m[col][col]
        m[col] = [v / lead for v in m[col]]
        for r in range(n):
            if r != col and m[r][col] != 0.0:
                f = m[r][col]
                m[r] = [v - f * w for v, w in zip(m[r], m[col], strict=True)]
    return [row[n:] for row in m]


def change_risk(post: Posterior, top: int, ratings_left: tuple[int, int, int], triads_left: int) -> float:
    """Predictive probability that answering the remaining items would make a role other than ``top`` first.

    ``ratings_left`` counts the rating items of each role still to be asked, ``triads_left`` the triads.
    """
    if not any(ratings_left) and not triads_left:
        return 0.0
    lam, kap, mode = LOADING, TRIAD_SCALE, post.mode
    cov = [list(row) for row in post.covariance]
    precision = _inverse(cov)
    for r in range(3):
        if ratings_left[r]:
            info = ratings_left[r] * rating_information(lam * mode[r] + mode[3])
            grad = [lam if i == r else 0.0 for i in range(3)] + [1.0]
            for i in range(4):
                for j in range(4):
                    precision[i][j] += info * grad[i] * grad[j]
    if triads_left:
        top_theta = max(mode[:3])
        ex = [math.exp(kap * (t - top_theta)) for t in mode[:3]]
        p = [e / sum(ex) for e in ex]
        for i in range(3):
            for j in range(3):
                precision[i][j] += triads_left * kap * kap * ((p[i] if i == j else 0.0) - p[i] * p[j])
    rest = _inverse(precision)
    spread = [[cov[i][j] - rest[i][j] for j in range(3)] for i in range(3)]
    return max(0.0, 1.0 - top_probabilities(mode[:3], spread)[top])
