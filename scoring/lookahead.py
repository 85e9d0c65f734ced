"""What one more answer is expected to do to the posterior (for the adaptive form's choice of item).

Everything follows the model stated in :mod:`scoring.model` (ordinal probit ratings, triad logit, Laplace
posterior N(mode, H⁻¹) over (θ1, θ2, θ3, b)) and reads its constants from :mod:`scoring.thresholds`; the
posterior itself always comes from :mod:`scoring.model`.

The work runs on arrays (numpy, loaded with this module, which :mod:`scoring.adaptive` imports on its first
look-ahead), one row per posterior, every operation elementwise along the rows with small fixed sums written
out term by term (as in :mod:`scoring.laplace`), so a row's numbers do not depend on the other rows: the
selector looks ahead for one person (the app) or for thousands at once (the simulation, ``score --batch
--adaptive``) with the same code and the same bits. The scalar functions at the end are that code for a
batch of one.

- :func:`predictive`: the posterior predictive distribution of the answer to one more item of each kind.
  For a rating of role r, η = λθ_r + b is normal under the posterior, so P(level k) = Φ((c_{k+1} − μ)/√(1 + s²))
  − Φ((c_k − μ)/√(1 + s²)) exactly; for a triad, E[softmax(κθ)] is integrated over the two role contrasts by
  a 7 × 7 Gauss–Hermite product rule.
- :func:`expected_entropies`: E over that predictive of the entropy of the top-role distribution after the
  answer, for each kind (a rating of each role, a triad: rating items of one role are exchangeable under the
  model). Each hypothetical posterior is one Newton step from the current mode (:func:`one_more`): the new
  precision is H plus the answer's observed information at the mode, the new mean the mode moved by the new
  covariance times the answer's score. All 18 hypothetical posteriors of a row go through one call of
  :func:`scoring.orthant.top_probabilities`.

What the whole rest of the bank could do (stochastic curtailment) is :mod:`scoring.curtailment`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from scoring.kinds import CANDIDATES, KINDS, LEVELS, TRIAD
from scoring.model import Posterior, Stats, posterior
from scoring.orthant import Array, cdf, upper_tail
from scoring.orthant import top_probabilities as _tops
from scoring.thresholds import CUTS, LOADING, TRIAD_SCALE


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
    return tuple(r * math.sqrt(2.0) for r in roots), tuple(weights)



_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_CUTS = np.array(CUTS)
_GH_NODES, _GH_WEIGHTS = (np.array(v) for v in gauss_hermite(7))
"""The 7-point rule of the triad predictive."""
_GH_PAIRS = (_GH_WEIGHTS[:, None] * _GH_WEIGHTS[None, :]).reshape(49)


def stack(posts: Sequence[Posterior]) -> tuple[Array, Array]:
    """Modes (n, 4) and covariances (n, 4, 4) of ``posts`` as arrays."""
    mode = np.array([p.mode for p in posts], dtype=np.float64).reshape(-1, 4)
    cov = np.array([p.covariance for p in posts], dtype=np.float64).reshape(-1, 4, 4)
    return mode, cov


# --- one more answer ------------------------------------------------------------------------------------


def _eta(mode: Array, cov: Array) -> tuple[Array, Array, Array]:
    """Per role: mean (n, 3) and variance (n, 3) of η = λθ_r + b, and Σu (n, 3, 4) with u = λe_r + e_b."""
    lam = LOADING
    mean = lam * mode[:, :3] + mode[:, 3:]
    su = lam * cov[:, :, :3].transpose(0, 2, 1) + cov[:, None, :, 3]  # row r: Σ(λe_r + e_b)
    var = lam * su[:, :, :3].diagonal(axis1=1, axis2=2) + su[:, :, 3]
    return mean, np.maximum(var, 0.0), su


def softmax(theta: Array) -> Array:
    scaled = TRIAD_SCALE * theta
    ex = np.exp(scaled - np.maximum.reduce(scaled, axis=1, keepdims=True))
    total: Array = ex[:, 0] + ex[:, 1] + ex[:, 2]
    return ex / total[:, None]


def _triad_predictive(mode: Array, cov: Array) -> Array:
    """P(pick each role's option) (n, 3) of one more triad: E[softmax(κθ)] over the two role contrasts."""
    d1, d2 = mode[:, 0] - mode[:, 2], mode[:, 1] - mode[:, 2]
    v11 = cov[:, 0, 0] + cov[:, 2, 2] - 2.0 * cov[:, 0, 2]
    v22 = cov[:, 1, 1] + cov[:, 2, 2] - 2.0 * cov[:, 1, 2]
    v12 = cov[:, 0, 1] - cov[:, 0, 2] - cov[:, 1, 2] + cov[:, 2, 2]
    a = np.sqrt(np.maximum(v11, 0.0))
    b = np.where(a > 0.0, v12 / np.where(a > 0.0, a, 1.0), 0.0)
    c = np.sqrt(np.maximum(v22 - b * b, 0.0))
    x, y = _GH_NODES[None, :, None], _GH_NODES[None, None, :]
    e1 = np.broadcast_to(TRIAD_SCALE * (d1[:, None, None] + a[:, None, None] * x), (len(a), 7, 7))
    e2 = TRIAD_SCALE * (d2[:, None, None] + b[:, None, None] * x + c[:, None, None] * y)
    top = np.maximum(np.maximum(e1, e2), 0.0)
    ex = np.stack((np.exp(e1 - top), np.exp(e2 - top), np.exp(-top)), axis=1).reshape(len(a), 3, 49)
    weight = _GH_PAIRS / (ex[:, 0] + ex[:, 1] + ex[:, 2])
    total: Array = np.add.reduce(ex * weight[:, None, :], axis=2)
    out: Array = total / (total[:, 0] + total[:, 1] + total[:, 2])[:, None]
    return out


def predictive(mode: Array, cov: Array) -> Array:
    """(n, 18): the predictive probability of each candidate answer (see :data:`CANDIDATES`)."""
    mean, var, _ = _eta(mode, cov)
    scale = np.sqrt(1.0 + var)
    upper = cdf((_CUTS[None, None, :] - mean[:, :, None]) / scale[:, :, None])  # (n, 3, 4)
    levels = np.empty((len(mode), 3, LEVELS))
    levels[:, :, 0] = upper[:, :, 0]
    levels[:, :, 1:4] = upper[:, :, 1:] - upper[:, :, :3]
    levels[:, :, 4] = 1.0 - upper[:, :, 3]
    return np.concatenate((np.maximum(levels, 0.0).reshape(-1, 3 * LEVELS), _triad_predictive(mode, cov)), axis=1)


def level_table(eta: Array) -> tuple[Array, Array, Array]:
    """For every rating level at η (...): its probability p, and φ and zφ at its lower minus its upper bound
    (each (..., 5); z = c − η, φ taken as 0 beyond the end cuts) under the ordinal probit.

    A level in the upper tail is a difference of upper tails, so that nothing cancels.
    """
    z = _CUTS - eta[..., None]  # (..., 4)
    tail = upper_tail(np.abs(z))
    low = z <= 0.0
    rest = 1.0 - tail
    below, above = np.where(low, tail, rest), np.where(low, rest, tail)  # Φ(z) and 1 − Φ(z)
    p = np.empty(eta.shape + (LEVELS,))
    p[..., 0], p[..., 4] = below[..., 0], above[..., 3]
    p[..., 1:4] = np.where(low[..., :3], below[..., 1:] - below[..., :3], above[..., :3] - above[..., 1:])
    dens = np.zeros(eta.shape + (6,))
    dens[..., 1:5] = _INV_SQRT_2PI * np.exp(-0.5 * z * z)
    zdens = np.zeros(eta.shape + (6,))
    zdens[..., 1:5] = z * dens[..., 1:5]
    return p, dens[..., :5] - dens[..., 1:], zdens[..., :5] - zdens[..., 1:]


def _level_terms(eta: Array) -> tuple[Array, Array]:
    """d log p/dη and −d² log p/dη² (each (..., 5)) of every rating level at η (...)."""
    p, slope, bend = level_table(eta)
    p = np.maximum(p, 1e-300)
    g = slope / p
    return g, g * g - bend / p


def _rank_one(cov: Array, v: Array, weight: Array) -> Array:
    """(cov⁻¹ + weight · v vᵀ)⁻¹ (Sherman–Morrison), rows of (m, 4, 4), v (m, 4), weight (m,)."""
    sv = cov[:, :, 0] * v[:, None, 0] + cov[:, :, 1] * v[:, None, 1] + cov[:, :, 2] * v[:, None, 2] \
        + cov[:, :, 3] * v[:, None, 3]
    denom = 1.0 + weight * (v[:, 0] * sv[:, 0] + v[:, 1] * sv[:, 1] + v[:, 2] * sv[:, 2] + v[:, 3] * sv[:, 3])
    out: Array = cov - (weight / denom)[:, None, None] * sv[:, :, None] * sv[:, None, :]
    return out


def one_more(mode: Array, cov: Array) -> tuple[Array, Array]:
    """The posterior after each candidate answer, by one Newton step: means (n, 18, 4), covariances (n, 18, 4, 4).

    A rating adds the observed information h of its level at the mode along u = λe_r + e_b, and moves the mode
    by the new covariance times the level's score g u; a triad adds κ²(diag p − p pᵀ) (three rank-one terms
    κ² p_i (e_i − p)(e_i − p)ᵀ) and moves the mode by the new covariance times κ(e_pick − p).
    """
    n = len(mode)
    means = np.empty((n, CANDIDATES, 4))
    covs = np.empty((n, CANDIDATES, 4, 4))
    eta, var, su = _eta(mode, cov)
    g, h = _level_terms(eta)  # (n, 3, 5)
    denom = 1.0 + h * var[:, :, None]
    shift = (g / denom)[:, :, :, None] * su[:, :, None, :]  # mode moves by g Σu / (1 + h uᵀΣu)
    means[:, :15] = (mode[:, None, None, :] + shift).reshape(n, 15, 4)
    f = (h / denom)[:, :, :, None, None]
    covs[:, :15] = (cov[:, None, None] - f * (su[:, :, None, :, None] * su[:, :, None, None, :])).reshape(n, 15, 4, 4)
    p = softmax(mode[:, :3])
    after = cov
    kap2 = TRIAD_SCALE * TRIAD_SCALE
    for i in range(3):
        v = np.zeros((n, 4))
        v[:, :3] = -p
        v[:, i] += 1.0
        after = _rank_one(after, v, kap2 * p[:, i])
    for pick in range(3):
        grad = -TRIAD_SCALE * p
        grad[:, pick] += TRIAD_SCALE
        moved = (after[:, :, 0] * grad[:, None, 0] + after[:, :, 1] * grad[:, None, 1]
                 + after[:, :, 2] * grad[:, None, 2])
        means[:, 15 + pick] = mode + moved
        covs[:, 15 + pick] = after
    return means, covs


def _entropy(probs: Array) -> Array:
    """Shannon entropy (nats) of each row of (..., 3)."""
    safe = np.where(probs > 0.0, probs, 1.0)
    terms = np.where(probs > 0.0, probs * np.log(safe), 0.0)
    out: Array = -(terms[..., 0] + terms[..., 1] + terms[..., 2])
    return out


def expected_entropies(mode: Array, cov: Array) -> Array:
    """(n, 4): E[entropy of the top-role probabilities after one more answer] of each kind, under the predictive."""
    n = len(mode)
    weights = predictive(mode, cov)
    means, covs = one_more(mode, cov)
    tops = _tops(means[:, :, :3].reshape(-1, 3), covs[:, :, :3, :3].reshape(-1, 3, 3))
    terms = np.where(weights > 1e-12, weights * _entropy(tops).reshape(n, CANDIDATES), 0.0)
    out = np.empty((n, KINDS))
    for kind in range(3):
        part = terms[:, LEVELS * kind:LEVELS * (kind + 1)]
        out[:, kind] = part[:, 0] + part[:, 1] + part[:, 2] + part[:, 3] + part[:, 4]
    out[:, TRIAD] = terms[:, 15] + terms[:, 16] + terms[:, 17]
    return out


# --- one posterior at a time (a batch of one) ---------------------------------------------------------------


def _one(post: Posterior) -> tuple[Array, Array]:

    return stack([post])


def rating_probabilities(post: Posterior, role: int) -> tuple[float, ...]:
    """Posterior predictive probability of each rating level 0..4 (rating 1..5) of one more item of ``role``."""

    row: list[float] = predictive(*_one(post))[0, LEVELS * role:LEVELS * (role + 1)].tolist()
    return tuple(row)


def triad_probabilities(post: Posterior) -> tuple[float, float, float]:
    """Posterior predictive probability that one more triad is answered with each role's option."""

    a, b, c = predictive(*_one(post))[0, 3 * LEVELS:].tolist()
    return a, b, c


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


def updated(post: Posterior, kind: int, answer: int) -> tuple[list[float], list[list[float]]]:
    """The Laplace posterior (mean, covariance) after one more answer, by one Newton step from the mode."""

    means, covs = one_more(*_one(post))
    at = 3 * LEVELS + answer if kind == TRIAD else LEVELS * kind + answer
    return means[0, at].tolist(), covs[0, at].tolist()


@lru_cache(maxsize=16384)
def expected_entropy(stats: Stats, kind: int) -> float:
    """E[entropy of the top-role probabilities after one more answer of ``kind``] under the predictive."""
    return float(expected_entropies(*_one(posterior(stats)))[0, kind])
