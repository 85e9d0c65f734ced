"""The adaptive form's look-ahead (scoring.lookahead: predictive answers, one-answer updates) and change risk
(scoring.curtailment)."""

from __future__ import annotations

import math
import random

import pytest

from scoring.curtailment import change_risk, rating_information
from scoring.kinds import TRIAD
from scoring.lookahead import (
    answer_probabilities,
    entropy,
    expected_entropy,
    gauss_hermite,
    rating_probabilities,
    triad_probabilities,
    updated,
    with_answer,
)
from scoring.model import Posterior, Stats, posterior, top_probabilities
from scoring.thresholds import CUTS, LOADING, TRIAD_SCALE

NONE: Stats = (((0, 0, 0, 0, 0), 0), ((0, 0, 0, 0, 0), 0), ((0, 0, 0, 0, 0), 0))


def simulated_stats(seed: int, count: int) -> list[Stats]:
    """Statistics of people answering a few items of each role under the model (varied, seeded)."""
    rng = random.Random(seed)
    out: list[Stats] = []
    for _ in range(count):
        theta = [rng.gauss(0.0, 1.0) for _ in range(3)]
        roles = []
        for r in range(3):
            counts = [0] * 5
            for _ in range(rng.randint(1, 8)):
                counts[sum(LOADING * theta[r] + rng.gauss(0.0, 1.0) > c for c in CUTS)] += 1
            roles.append(((counts[0], counts[1], counts[2], counts[3], counts[4]), rng.randint(0, 3)))
        out.append((roles[0], roles[1], roles[2]))
    return out


def level_probability(eta: float, level: int) -> float:
    bounds = (-math.inf, *CUTS, math.inf)
    hi = 1.0 if bounds[level + 1] == math.inf else 0.5 * math.erfc(-(bounds[level + 1] - eta) / math.sqrt(2))
    lo = 0.0 if bounds[level] == -math.inf else 0.5 * math.erfc(-(bounds[level] - eta) / math.sqrt(2))
    return hi - lo


def test_gauss_hermite_gives_normal_moments_exactly() -> None:
    nodes, weights = gauss_hermite(7)
    assert sum(weights) == pytest.approx(1.0, abs=1e-13)
    for power, moment in ((1, 0.0), (2, 1.0), (4, 3.0), (6, 15.0), (12, 10395.0), (13, 0.0)):
        assert sum(w * x**power for x, w in zip(nodes, weights, strict=True)) == pytest.approx(moment, abs=1e-8)


def test_rating_predictive_is_the_probit_averaged_over_the_posterior() -> None:
    for stats in simulated_stats(1, 5):
        post = posterior(stats)
        for role in range(3):
            probs = rating_probabilities(post, role)
            assert sum(probs) == pytest.approx(1.0, abs=1e-12)
            cov = post.covariance
            mean = LOADING * post.mode[role] + post.mode[3]
            sd = math.sqrt(LOADING**2 * cov[role][role] + 2 * LOADING * cov[role][3] + cov[3][3])
            steps = 4000
            for level in range(5):  # midpoint rule over η ~ N(mean, sd²), ±8 sd
                direct = sum(
                    level_probability(mean + sd * z, level) * math.exp(-0.5 * z * z)
                    for z in (-8 + 16 * (k + 0.5) / steps for k in range(steps))
                ) * 16 / steps / math.sqrt(2 * math.pi)
                assert probs[level] == pytest.approx(direct, abs=1e-6)


def test_triad_predictive_is_the_logit_averaged_over_the_posterior() -> None:
    sharp = Posterior(mode=(0.4, -0.2, 0.1, 0.0), covariance=tuple(tuple(0.0 for _ in range(4)) for _ in range(4)),
                      top=(1 / 3, 1 / 3, 1 / 3))
    logits = [math.exp(TRIAD_SCALE * t) for t in sharp.mode[:3]]
    assert triad_probabilities(sharp) == pytest.approx([x / sum(logits) for x in logits], abs=1e-12)
    rng = random.Random(2)
    for stats in simulated_stats(2, 3):
        post = posterior(stats)
        m, s = post.mode, post.covariance
        chol = [[0.0] * 3 for _ in range(3)]
        for i in range(3):
            for j in range(i + 1):
                v = s[i][j] - sum(chol[i][k] * chol[j][k] for k in range(j))
                chol[i][j] = math.sqrt(v) if i == j else v / chol[j][j]
        draws = 40_000
        total = [0.0, 0.0, 0.0]
        for _ in range(draws):
            z = [rng.gauss(0, 1) for _ in range(3)]
            theta = [m[i] + sum(chol[i][k] * z[k] for k in range(3)) for i in range(3)]
            ex = [math.exp(TRIAD_SCALE * t) for t in theta]
            for i in range(3):
                total[i] += ex[i] / sum(ex)
        assert triad_probabilities(post) == pytest.approx([t / draws for t in total], abs=0.005)
        assert answer_probabilities(post, TRIAD) == triad_probabilities(post)


def test_one_answer_update_is_close_to_refitting() -> None:
    for stats in simulated_stats(3, 25):
        post = posterior(stats)
        for kind in (0, 1, 2, TRIAD):
            for answer in range(3 if kind == TRIAD else 5):
                mean, cov = updated(post, kind, answer)
                refit = posterior(with_answer(stats, kind, answer))
                assert mean == pytest.approx(refit.mode, abs=0.02)
                approx = top_probabilities(mean[:3], [row[:3] for row in cov])
                assert approx == pytest.approx(refit.top, abs=0.01), (stats, kind, answer)


def test_with_answer_adds_one_answer_of_the_kind() -> None:
    stats = simulated_stats(4, 1)[0]
    rated = with_answer(stats, 1, 4)
    assert rated[1][0][4] == stats[1][0][4] + 1 and rated[0] == stats[0] and rated[2] == stats[2]
    picked = with_answer(stats, TRIAD, 2)
    assert picked[2][1] == stats[2][1] + 1 and picked[:2] == stats[:2]


def test_an_answer_is_expected_to_settle_the_top_role_a_little_more() -> None:
    for stats in [NONE, *simulated_stats(5, 20)]:
        now = entropy(posterior(stats).top)
        for kind in (0, 1, 2, TRIAD):
            assert expected_entropy(stats, kind) <= now + 1e-3


def test_rating_information_matches_the_variance_of_the_score() -> None:
    for eta in (-2.0, -0.3, 0.0, 0.8, 2.5):
        probs = [level_probability(eta, k) for k in range(5)]
        h = 1e-5
        scores = [(math.log(level_probability(eta + h, k)) - math.log(level_probability(eta - h, k))) / (2 * h)
                  for k in range(5)]
        assert rating_information(eta) == pytest.approx(sum(p * s * s for p, s in zip(probs, scores, strict=True)),
                                                        rel=1e-5)


def test_change_risk_is_zero_with_nothing_left_and_grows_with_what_is_left() -> None:
    for stats in simulated_stats(6, 10):
        post = posterior(stats)
        top = max(range(3), key=lambda r: post.top[r])
        assert change_risk(post, top, (0, 0, 0), 0) == 0.0
        risks = [change_risk(post, top, (n, n, n), n) for n in (1, 3, 10, 40)]
        assert all(a <= b + 1e-9 for a, b in zip(risks, risks[1:], strict=False)), risks
        assert risks[-1] <= 1.0 - post.top[top] + 1e-6


def _simulated_change(stats: Stats, left: tuple[int, int, int], triads: int, draws: int, seed: int) -> float:
    """Monte Carlo: draw (θ, b) from the Laplace posterior, answer the rest under the model, refit."""
    rng = random.Random(seed)
    post = posterior(stats)
    top = max(range(3), key=lambda r: post.top[r])
    m, s = post.mode, post.covariance
    chol = [[0.0] * 4 for _ in range(4)]
    for i in range(4):
        for j in range(i + 1):
            v = s[i][j] - sum(chol[i][k] * chol[j][k] for k in range(j))
            chol[i][j] = math.sqrt(v) if i == j else v / chol[j][j]
    changed = 0
    for _ in range(draws):
        z = [rng.gauss(0, 1) for _ in range(4)]
        x = [m[i] + sum(chol[i][k] * z[k] for k in range(4)) for i in range(4)]
        final = stats
        for r in range(3):
            for _ in range(left[r]):
                level = sum(LOADING * x[r] + x[3] + rng.gauss(0, 1) > c for c in CUTS)
                final = with_answer(final, r, level)
        for _ in range(triads):
            ex = [math.exp(TRIAD_SCALE * t) for t in x[:3]]
            u, pick = rng.random() * sum(ex), 0
            while u > ex[pick] and pick < 2:
                u -= ex[pick]
                pick += 1
            final = with_answer(final, TRIAD, pick)
        after = posterior(final).top
        changed += max(range(3), key=lambda r: after[r]) != top
    return changed / draws


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_change_risk_agrees_with_simulating_the_rest_of_the_bank(seed: int) -> None:
    stats = simulated_stats(seed, 1)[0]
    post = posterior(stats)
    top = max(range(3), key=lambda r: post.top[r])
    left = tuple(12 - sum(stats[r][0]) for r in range(3))
    triads = 9 - sum(stats[r][1] for r in range(3))
    risk = change_risk(post, top, left, triads)  # type: ignore[arg-type]
    simulated = _simulated_change(stats, left, triads, 1500, seed)  # type: ignore[arg-type]
    assert risk == pytest.approx(simulated, abs=0.04), (stats, risk, simulated)
