"""The simulation behind strength, profile shapes and "too few answers" (issue 11), on the shipped bank.

Simulated people answer as the stated model says (see :mod:`tests.simulation.simulator`); the scoring never
sees their true affinities θ. Reported (``pytest -s -p no:xdist tests/simulation/test_profiles.py``):

- the share of people in each shape; how often a ``single`` role is the true top role (gate ≥ 95 %); how
  often a ``hybrid`` pair is the true top two (gate ≥ 90 %); and the calibration of the certainty shown
  with each reading, per certainty band (gate: within 0.05 where a band holds at least 200 people);
- the strength cuts against each person's noise-free gap (the gap their answers would show without
  answering noise): how rarely a truly slight preference is called strong, and how often "strong" means a
  true gap of at least half a step;
- why a result needs ``MIN_ANSWERS`` answers: with k random answers per person, how many people could get
  any reading at all (single or hybrid) and how calibrated it is, under the stated model and a
  misspecified one.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from statistics import NormalDist
from typing import Any

import pytest

from questions.loader import load_bank
from questions.schema import ROLE_IDS, Bank
from scoring import thresholds as th
from scoring.engine import index, numbers_from_tally, score_numbers, tally
from scoring.profile import level, profile
from tests.simulation.simulator import Person, Setting, people
from tests.simulation.test_simulation import report

pytestmark = pytest.mark.slow

GATE = Setting(rho=0.3, loading=0.7, bias_sd=0.3, people=20_000, seed=101)
BANDS = ((0.80, 0.90), (0.90, 0.95), (0.95, 0.99), (0.99, 1.01))
"""Certainty bands for the calibration check."""


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def _top_two(theta: tuple[float, float, float]) -> set[str]:
    order = sorted(range(3), key=lambda r: -theta[r])
    return {ROLE_IDS[order[0]], ROLE_IDS[order[1]]}


def shape_figures(bank: Bank, population: list[Person], total: int | None = None) -> dict[str, Any]:
    """Shares, accuracy and per-band calibration of the readings of ``population``."""
    counts: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    sure: dict[str, float] = defaultdict(float)
    bands: dict[str, list[list[float]]] = defaultdict(lambda: [[0, 0, 0.0] for _ in BANDS])
    idx = index(bank)
    for person in population:
        t = tally(idx, person.answers)
        n = numbers_from_tally(t, total if total is not None else len(idx.items))
        p = profile(n)
        counts[p.shape] += 1
        if p.shape not in ("single", "hybrid") or p.certainty is None:
            continue
        right = (p.roles[0] == person.true_top) if p.shape == "single" else (set(p.roles) == _top_two(person.theta))
        hits[p.shape] += right
        sure[p.shape] += p.certainty
        for k, (lo, hi) in enumerate(BANDS):
            if lo <= p.certainty < hi:
                cell = bands[p.shape][k]
                cell[0] += 1
                cell[1] += right
                cell[2] += p.certainty
    size = len(population)
    out: dict[str, Any] = {"people": size, "share": {s: round(c / size, 4) for s, c in sorted(counts.items())}}
    for shape in ("single", "hybrid"):
        if counts[shape]:
            out[f"{shape}_right"] = round(hits[shape] / counts[shape], 4)
            out[f"{shape}_certainty"] = round(sure[shape] / counts[shape], 4)
            out[f"{shape}_calibration"] = {
                f"{lo:.2f}-{min(hi, 1.0):.2f}": {"n": int(c[0]), "right": round(c[1] / c[0], 4),
                                                  "certainty": round(c[2] / c[0], 4)}
                for (lo, hi), c in zip(BANDS, bands[shape], strict=True) if c[0]
            }
    return out


def test_shapes_on_the_shipped_bank(bank: Bank, request: pytest.FixtureRequest,
                                    tmp_path_factory: pytest.TempPathFactory) -> None:
    figures = shape_figures(bank, list(people(bank, GATE)))
    report(request, tmp_path_factory, "profiles", figures)
    assert figures["single_right"] >= 0.95, figures
    assert figures["hybrid_right"] >= 0.90, figures
    for shape in ("single", "hybrid"):
        for band, cell in figures[f"{shape}_calibration"].items():
            if cell["n"] >= 200:
                assert abs(cell["right"] - cell["certainty"]) <= 0.05, (shape, band, cell)
    shares = figures["share"]
    assert shares.get("insufficient", 0) == 0  # everyone answered everything
    assert 0.25 <= shares["single"] <= 0.6 and 0.15 <= shares["hybrid"] <= 0.45, shares


def test_other_populations_are_reported(bank: Bank, request: pytest.FixtureRequest,
                                        tmp_path_factory: pytest.TempPathFactory) -> None:
    settings = {
        "rho=0.5": Setting(rho=0.5, people=5_000, seed=102),
        "loading=0.5": Setting(loading=0.5, people=5_000, seed=103),
        "loading=0.9": Setting(loading=0.9, people=5_000, seed=104),
        "skip=20%": Setting(skip=0.2, people=5_000, seed=105),
    }
    figures = {name: shape_figures(bank, list(people(bank, s))) for name, s in settings.items()}
    report(request, tmp_path_factory, "profiles_other", figures)
    # Skipping a fifth of the questions costs readings, not accuracy.
    assert figures["skip=20%"]["single_right"] >= 0.93, figures["skip=20%"]


_N = NormalDist()
_GRID = [i / 10 for i in range(-60, 61)]


def _picks(mu: list[float]) -> list[float]:
    """P(each role's option is picked) when a triad goes to the largest of μ_r + ε_r."""
    out = []
    for r in range(3):
        total = 0.0
        for x in _GRID:
            p = _N.pdf(x) * 0.1
            for q in range(3):
                if q != r:
                    p *= _N.cdf(mu[r] + x - mu[q])
            total += p
        out.append(total)
    return out


def noise_free_gap(person: Person, ratings: int, triads: int) -> float:
    """The top-two gap in rating steps that this person's answers would show without answering noise."""
    lam = GATE.loading
    mu = [lam * t for t in person.theta]
    picks = _picks(mu)
    weight = 4 * th.TRIAD_WEIGHT
    scores = []
    for r in range(3):
        level_mean = sum(_N.cdf(mu[r] + person.bias - c) for c in th.CUTS)
        scores.append(100 * (ratings * level_mean + weight * triads * picks[r]) / (4 * ratings + weight * triads))
    first, second = sorted(range(3), key=lambda r: -person.theta[r])[:2]
    return (scores[first] - scores[second]) / th.STEP_POINTS


def test_strength_cuts_against_the_noise_free_gap(bank: Bank, request: pytest.FixtureRequest,
                                                  tmp_path_factory: pytest.TempPathFactory) -> None:
    population = list(people(bank, Setting(people=4_000, seed=106)))
    per_role = len(bank.rating_items) // 3
    confusion = [[0, 0, 0] for _ in range(3)]
    names = ("slight", "moderate", "strong")
    for person in population:
        s = profile_strength(bank, person)
        truth = names.index(level(noise_free_gap(person, per_role, len(bank.choice_items))))
        confusion[truth][names.index(s)] += 1
    called_strong = sum(confusion[t][2] for t in range(3))
    figures: dict[str, Any] = {
        "people": len(population),
        "cuts_steps": [th.SLIGHT_BELOW, th.STRONG_FROM],
        "confusion_true_by_shown": {names[t]: dict(zip(names, confusion[t], strict=True)) for t in range(3)},
        "shown_share": {names[k]: round(sum(confusion[t][k] for t in range(3)) / len(population), 4)
                        for k in range(3)},
        "strong_when_truly_slight": round(confusion[0][2] / max(1, sum(confusion[0])), 4),
        "strong_with_true_gap_at_least_slight_cut": round(
            (confusion[1][2] + confusion[2][2]) / max(1, called_strong), 4),
        "slight_when_truly_strong": round(confusion[2][0] / max(1, sum(confusion[2])), 4),
    }
    report(request, tmp_path_factory, "strength", figures)
    assert figures["strong_when_truly_slight"] <= 0.01, figures
    assert figures["strong_with_true_gap_at_least_slight_cut"] >= 0.95, figures
    assert figures["slight_when_truly_strong"] <= 0.02, figures


def profile_strength(bank: Bank, person: Person) -> str:
    """The strength level the result shows for ``person``."""
    from scoring.profile import strength

    return strength(score_numbers(bank, person.answers)).level


def test_why_a_result_needs_enough_answers(bank: Bank, request: pytest.FixtureRequest,
                                           tmp_path_factory: pytest.TempPathFactory) -> None:
    ids = [i.id for i in bank.items]
    figures: dict[str, Any] = {"min_answers": th.MIN_ANSWERS}
    for name, setting in (("stated", Setting(people=2_500, seed=107)),
                          ("loading=0.5", Setting(loading=0.5, people=2_500, seed=108))):
        population = list(people(bank, setting))
        rng = random.Random(109)
        rows = {}
        for k in (6, 8, 10, 12, 15, 20):
            subset = [Person(p.theta, p.bias, {i: p.answers[i] for i in rng.sample(ids, k)}) for p in population]
            f = shape_figures(bank, subset, total=k)  # as if the bank had k items: no "too few" by count
            readable = f["share"].get("single", 0) + f["share"].get("hybrid", 0)
            rows[str(k)] = {"readable": round(readable, 4), "share": f["share"],
                            **{key: f.get(key) for key in ("single_right", "single_certainty", "hybrid_right",
                                                           "hybrid_certainty")}}
        figures[name] = rows
    report(request, tmp_path_factory, "min_answers", figures)
    stated = figures["stated"]
    assert stated["6"]["readable"] < 0.2  # six answers: hardly anyone could get a reading
    at_min = stated[str(th.MIN_ANSWERS)]
    assert at_min["readable"] >= 0.25
    for shape in ("single", "hybrid"):  # what is shown from MIN_ANSWERS on is calibrated
        assert abs(at_min[f"{shape}_right"] - at_min[f"{shape}_certainty"]) <= 0.05, at_min
