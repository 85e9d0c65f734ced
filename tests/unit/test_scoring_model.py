"""The measurement model's numerics: quadrature, bivariate normal CDF, ordinal terms, Newton/Laplace fit."""

from __future__ import annotations

import math
import random

import pytest

from scoring import model
from scoring.model import (
    bvn_cdf,
    category_terms,
    gauss_legendre,
    level_slopes,
    norm_cdf,
    posterior,
    top_probabilities,
)
from scoring.thresholds import CUTS


def _bvn_reference(h: float, k: float, r: float, steps: int = 20_000) -> float:
    """P(X < h, Y < k) = ∫_{-∞}^{h} φ(x) Φ((k − r x)/√(1 − r²)) dx by the midpoint rule."""
    lo = -10.0
    top = min(h, 10.0)
    if top <= lo:
        return 0.0
    dx = (top - lo) / steps
    s = math.sqrt(1.0 - r * r)
    total = 0.0
    for i in range(steps):
        x = lo + (i + 0.5) * dx
        total += math.exp(-0.5 * x * x) * norm_cdf((k - r * x) / s)
    return total * dx / math.sqrt(2.0 * math.pi)


def test_gauss_legendre_is_exact_for_polynomials_up_to_degree_2n_minus_1() -> None:
    nodes, weights = gauss_legendre(20)
    assert sum(weights) == pytest.approx(2.0, abs=1e-13)
    for degree in (2, 10, 38):
        exact = 2.0 / (degree + 1)
        assert sum(w * x**degree for x, w in zip(nodes, weights, strict=True)) == pytest.approx(exact, abs=1e-12)
    assert sum(w * x**39 for x, w in zip(nodes, weights, strict=True)) == pytest.approx(0.0, abs=1e-13)


@pytest.mark.parametrize(
    "h,k,r",
    [(0.0, 0.0, 0.5), (1.2, -0.3, 0.3), (-2.0, 1.5, -0.6), (0.4, 0.4, 0.9), (2.5, -1.0, 0.93),
     (0.3, 0.2, 0.999), (-0.5, 1.0, -0.95), (3.0, 3.0, 0.99), (-1.0, -1.0, 0.97), (0.7, -2.2, -0.3),
     (0.508, 0.506, 0.939), (0.932, 0.915, 0.986), (0.3, -0.4, -0.925), (1.44, 1.40, 0.934)],
)
def test_bvn_cdf_matches_a_direct_integral(h: float, k: float, r: float) -> None:
    assert bvn_cdf(h, k, r) == pytest.approx(_bvn_reference(h, k, r, 40_000), abs=2e-8)


def test_bvn_cdf_special_cases() -> None:
    assert bvn_cdf(0.0, 0.0, 0.5) == pytest.approx(1.0 / 3.0, abs=1e-12)  # 1/4 + asin(r)/(2π)
    assert bvn_cdf(0.3, -0.8, 0.0) == pytest.approx(norm_cdf(0.3) * norm_cdf(-0.8), abs=1e-15)
    assert bvn_cdf(-math.inf, 1.0, 0.5) == 0.0
    assert bvn_cdf(math.inf, 0.4, 0.5) == pytest.approx(norm_cdf(0.4))
    assert bvn_cdf(1.3, -0.2, 0.4) == pytest.approx(bvn_cdf(-0.2, 1.3, 0.4), abs=1e-14)


def test_category_terms_are_probabilities_with_correct_derivatives() -> None:
    for eta in (-3.0, -0.7, 0.0, 0.4, 2.5):
        total = sum(math.exp(category_terms(eta, level)[0]) for level in range(5))
        assert total == pytest.approx(1.0, abs=1e-12)
        for level in range(5):
            _, g, h = category_terms(eta, level)
            eps = 1e-5
            lp_plus, g_plus, _ = category_terms(eta + eps, level)
            lp_minus, g_minus, _ = category_terms(eta - eps, level)
            assert g == pytest.approx((lp_plus - lp_minus) / (2 * eps), abs=1e-6)
            assert h == pytest.approx((g_plus - g_minus) / (2 * eps), abs=1e-5)
            assert h < 0  # log-concave


def test_category_probabilities_follow_the_stated_ordinal_probit() -> None:
    eta = 0.37
    p_at_least = [1.0] + [norm_cdf(eta - c) for c in CUTS] + [0.0]
    for level in range(5):
        assert math.exp(category_terms(eta, level)[0]) == pytest.approx(p_at_least[level] - p_at_least[level + 1])


STATS: model.Stats = (((0, 1, 3, 5, 3), 5), ((1, 3, 4, 3, 1), 3), ((3, 4, 3, 1, 1), 1))


def test_the_mode_is_a_stationary_point_and_the_covariance_is_positive_definite() -> None:
    post = posterior(STATS)
    _, grad, neg_h = model._evaluate(list(post.mode), STATS)
    assert max(abs(g) for g in grad) < 1e-8
    cov = post.covariance
    for i in range(4):
        assert cov[i][i] > 0
        for j in range(4):
            assert cov[i][j] == pytest.approx(cov[j][i], abs=1e-12)
    # H⁻¹ really is the inverse of the negative Hessian at the mode.
    for i in range(4):
        for j in range(4):
            value = sum(neg_h[i][m] * cov[m][j] for m in range(4))
            assert value == pytest.approx(1.0 if i == j else 0.0, abs=1e-9)
    assert post.mode[0] > post.mode[1] > post.mode[2]
    assert sum(post.top) == pytest.approx(1.0, abs=1e-12)
    assert post.top[0] > post.top[1] > post.top[2]


def test_permuting_roles_permutes_the_posterior_exactly() -> None:
    base = posterior(STATS)
    for perm in ((1, 0, 2), (2, 1, 0), (1, 2, 0), (2, 0, 1), (0, 2, 1)):
        permuted = posterior((STATS[perm[0]], STATS[perm[1]], STATS[perm[2]]))
        for pos, r in enumerate(perm):
            assert permuted.top[pos] == base.top[r]
            assert permuted.mode[pos] == base.mode[r]


def test_identical_evidence_gives_bit_identical_probabilities() -> None:
    same = ((1, 2, 3, 4, 2), 4)
    post = posterior((same, ((2, 3, 4, 2, 1), 1), same))
    assert post.top[0] == post.top[2]
    assert post.top[0] > post.top[1]
    model.cache_clear()
    again = posterior((same, same, ((2, 3, 4, 2, 1), 1)))
    assert again.top[0] == again.top[1] == post.top[0]


def test_no_evidence_gives_equal_thirds() -> None:
    nothing = ((0, 0, 0, 0, 0), 0)
    post = posterior((nothing, nothing, nothing))
    assert all(p == pytest.approx(1 / 3, abs=1e-12) for p in post.top)
    assert post.top[0] == post.top[1] == post.top[2]


def test_top_probabilities_match_monte_carlo() -> None:
    mean = [0.4, 0.1, -0.2]
    cov = [[0.30, 0.08, 0.05], [0.08, 0.25, 0.06], [0.05, 0.06, 0.40]]
    probs = top_probabilities(mean, cov)
    rng = random.Random(4)
    low = [[0.0] * 3 for _ in range(3)]
    for i in range(3):
        for j in range(i + 1):
            s = cov[i][j] - sum(low[i][m] * low[j][m] for m in range(j))
            low[i][j] = math.sqrt(s) if i == j else s / low[j][j]
    wins = [0, 0, 0]
    n = 200_000
    for _ in range(n):
        z = [rng.gauss(0.0, 1.0) for _ in range(3)]
        x = [mean[i] + sum(low[i][m] * z[m] for m in range(3)) for i in range(3)]
        wins[max(range(3), key=lambda i: x[i])] += 1
    for i in range(3):
        assert probs[i] == pytest.approx(wins[i] / n, abs=0.004)


@pytest.mark.parametrize(
    "stats",
    [
        (((0, 0, 0, 0, 12), 9), ((12, 0, 0, 0, 0), 0), ((12, 0, 0, 0, 0), 0)),
        (((0, 0, 0, 0, 200), 0), ((0, 0, 0, 0, 200), 0), ((200, 0, 0, 0, 0), 0)),
        (((0, 0, 0, 0, 0), 50), ((0, 0, 0, 0, 0), 0), ((0, 0, 0, 0, 0), 0)),
        (((0, 0, 0, 0, 1), 0), ((0, 0, 0, 0, 0), 0), ((0, 0, 0, 0, 0), 0)),
    ],
)
def test_extreme_evidence_stays_finite_and_ordered(stats: model.Stats) -> None:
    post = posterior(stats)
    assert all(math.isfinite(v) for v in post.mode)
    assert all(0.0 <= p <= 1.0 for p in post.top) and sum(post.top) == pytest.approx(1.0)
    strongest = max(range(3), key=lambda r: (stats[r][0][4] - stats[r][0][0], stats[r][1]))
    assert post.top[strongest] == max(post.top)


def test_bvn_cdf_is_continuous_where_the_method_changes() -> None:
    for h, k in ((0.3, -0.4), (1.5, 1.2), (-2.0, 0.5)):
        for r in (0.925, -0.925):
            below = bvn_cdf(h, k, r - 1e-9 if r > 0 else r + 1e-9)
            above = bvn_cdf(h, k, r + 1e-9 if r > 0 else r - 1e-9)
            assert below == pytest.approx(above, abs=1e-8)


def test_level_slopes_match_category_terms() -> None:
    for eta in (-4.0, -1.2, 0.0, 0.3, 1.9, 4.5):
        slopes = level_slopes(eta)
        for level in range(5):
            assert slopes[level] == pytest.approx(category_terms(eta, level)[1], rel=1e-9, abs=1e-12)
