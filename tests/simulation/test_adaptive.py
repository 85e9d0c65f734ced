"""The adaptive short form against the full form: the same simulated people answer both.

Every simulated person of :mod:`tests.simulation.simulator` answers the whole bank; their short form is
:func:`scoring.adaptive.replay` of those answers (the selector asks, the person's answers answer, the rest
is ignored), so both forms see exactly the same answers to the items they share. Gates, at the stated model:

- the short form asks at least 30 % fewer items on average than the full form;
- its top role is the full form's top role for at least 97 % of people;
- the probability it reports for its top role is calibrated within 0.05 in each band (the share of people
  whose true top role it names, against the mean reported probability);
- uniformly random answers still give each role 33.3 ± 1.5 % of first places;
- the mean share of the bank it asks stays within 0.03 of ``ADAPTIVE_MEAN_SHARE`` (what the welcome
  screen quotes as the short form's usual length);
- what the explanations need: every short form answers every dimension, and its top two roles both have
  answers in at least ``ADAPTIVE_SHARED_DIMENSIONS`` dimensions (the contrasts compare them there); and a
  short form that stops because the top role is settled always has enough answers for a result.

Both forms are scored many people at a time: the full forms with :func:`scoring.engine.score_numbers_many`
and the short forms with :func:`scoring.adaptive.replay_many`, which steps everyone's short form together
(their posteriors, change risks and look-aheads computed as arrays, each row exactly as alone; a unit test
checks that it equals :func:`~scoring.adaptive.replay` person by person). A replayed short form still costs
about ten times a full one, so both tests sample in two phases instead of replaying everyone. The gate
population answers the full form in full (phase 1); the short form is replayed (phase 2) for everyone whose
full form is a ``close_call`` — the rarest band the calibration gate looks at — and for a seeded fifth of
everyone else; each replayed person counts with weight 1 / (their chance of being replayed), so every figure
is an unbiased (Horvitz–Thompson) estimate for the whole population. Random answers use a difference
estimator: first-place shares of the full form over every answer set, plus the mean change the short form
makes on a seeded subsample.

Like the rest of the suite this proves internal consistency under the model, not real-world validity.
Figures are printed with ``pytest -s`` (and without xdist) and written to the JSON report.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pytest

from questions.loader import load_bank
from questions.schema import ROLE_IDS, Bank, ChoiceItem
from scoring import thresholds as th
from scoring.adaptive import expected_items, replay_many
from scoring.engine import Numbers, score_numbers_many
from scoring.profile import more_needed
from tests.simulation.simulator import Person, Setting, people, random_answers
from tests.simulation.test_simulation import firsts, report

pytestmark = pytest.mark.slow

GATE = Setting(rho=0.3, loading=0.7, bias_sd=0.3, people=15_000, seed=31)
REPLAYED = {"close_call": 1.0}
"""Chance that a person's short form is replayed, by the band of their full form (others: ``REPLAYED_ELSE``)."""
REPLAYED_ELSE = 0.2
RANDOM = 15_000
RANDOM_REPLAYED = 0.15
MIN_SAVING = 0.30
MIN_AGREEMENT = 0.97
CALIBRATION_TOLERANCE = 0.05
SHARE_TOLERANCE = 0.015
MEAN_SHARE_TOLERANCE = 0.03


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


@dataclass(frozen=True)
class Pair:
    """One replayed person: both forms' numbers, the truth, and the person's weight in the population."""

    weight: float
    truth: str
    full: Numbers
    short: Numbers
    asked: int
    stop: str
    dimensions: int
    """Dimensions with at least one answer on the short form."""
    shared: int
    """Dimensions where the short form's top two roles both have answers (what the contrasts compare)."""


def coverage(bank: Bank, answers: dict[str, int | str], a: str, b: str) -> tuple[int, int]:
    """Dimensions answered at all, and dimensions answered for both ``a`` and ``b`` (a triad counts for all)."""
    roles: dict[str, set[str]] = defaultdict(set)
    for item in bank.items:
        if item.id in answers:
            roles[item.dimension].update(ROLE_IDS if isinstance(item, ChoiceItem) else [item.role])
    return len(roles), sum(1 for got in roles.values() if {a, b} <= got)


def two_phase(bank: Bank, setting: Setting, chance: Callable[[Numbers], float], seed: int,
              everyone: list[tuple[Numbers, str]]) -> list[Pair]:
    """Phase 1: everyone's full form (kept in ``everyone``); phase 2: the replayed short forms, weighted."""
    rng = random.Random(seed)
    crowd = list(people(bank, setting))
    chosen: list[tuple[Person, Numbers, float]] = []
    for person, full in zip(crowd, score_numbers_many(bank, [p.answers for p in crowd]), strict=True):
        everyone.append((full, person.true_top))
        p = chance(full)
        if rng.random() < p:
            chosen.append((person, full, p))
    runs = replay_many(bank, [person.answers for person, _, _ in chosen])
    pairs = []
    for (person, full, p), run, short in zip(chosen, runs, score_numbers_many(bank, [r.answers for r in runs]),
                                             strict=True):
        dims, shared = coverage(bank, run.answers, short.ranking[0], short.ranking[1])
        pairs.append(Pair(1.0 / p, person.true_top, full, short, len(run.asked), run.stop, dims, shared))
    return pairs


def _stopped_by(reason: str) -> Callable[[Pair], float]:
    """1 for a pair whose short form stopped for ``reason``, else 0."""
    return lambda p: float(p.stop == reason)


def mean(pairs: list[Pair], value: Callable[[Pair], float]) -> float:
    """The weighted mean of ``value`` over ``pairs``."""
    return sum(p.weight * value(p) for p in pairs) / sum(p.weight for p in pairs)


def quantile(pairs: list[Pair], q: float) -> int:
    """The smallest number of items asked with at least a share ``q`` of the weight at or below it."""
    total = sum(p.weight for p in pairs)
    seen = 0.0
    for p in sorted(pairs, key=lambda p: p.asked):
        seen += p.weight
        if seen >= q * total - 1e-9:
            return p.asked
    return max(p.asked for p in pairs)


def calibration(rows: Iterable[tuple[float, Numbers, str]]) -> dict[str, dict[str, Any]]:
    """Per band: weighted share, n, hit rate (top is the true top), mean reported top probability, gap, SE.

    The SE of the gap is the linearised standard error of a weighted mean (hit − probability) per band.
    """
    by_band: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for w, n, truth in rows:
        by_band[n.band].append((w, float(n.ranking[0] == truth), n.probabilities[n.ranking[0]]))
    total = sum(w for rows_ in by_band.values() for w, _, _ in rows_)
    out = {}
    for band, got in sorted(by_band.items()):
        weight = sum(w for w, _, _ in got)
        hit = sum(w * h for w, h, _ in got) / weight
        prob = sum(w * p for w, _, p in got) / weight
        gap = hit - prob
        se = math.sqrt(sum(w * w * (h - p - gap) ** 2 for w, h, p in got)) / weight
        out[band] = {"share": round(weight / total, 4), "n": len(got), "hit_rate": round(hit, 4),
                     "mean_top_probability": round(prob, 4), "gap": round(gap, 4), "se": round(se, 4)}
    return out


def test_the_short_form_against_the_full_form(bank: Bank, request: pytest.FixtureRequest,
                                              tmp_path_factory: pytest.TempPathFactory) -> None:
    everyone: list[tuple[Numbers, str]] = []
    pairs = two_phase(bank, GATE, lambda n: REPLAYED.get(n.band, REPLAYED_ELSE), GATE.seed + 1, everyone)
    items = len(bank.items)
    spread = {"mean": round(mean(pairs, lambda p: p.asked), 2), "median": quantile(pairs, 0.5),
              "p90": quantile(pairs, 0.9), "max": max(p.asked for p in pairs), "min": min(p.asked for p in pairs)}
    saving = round(1 - spread["mean"] / items, 4)
    agreement = round(mean(pairs, lambda p: p.short.ranking[0] == p.full.ranking[0]), 4)
    bands = calibration((p.weight, p.short, p.truth) for p in pairs)
    stops = {s: round(mean(pairs, _stopped_by(s)), 4) for s in sorted({p.stop for p in pairs})}
    figures = {
        "setting": GATE.__dict__, "people": len(everyone), "replayed": len(pairs), "bank_items": items,
        "items_asked": spread, "saving": saving, "top_role_agreement": agreement,
        "band_agreement": round(mean(pairs, lambda p: p.short.band == p.full.band), 4), "stops": stops,
        "coverage": {"every_dimension_answered": round(mean(pairs, lambda p: p.dimensions == len(bank.dimensions)), 4),
                     "top_two_shared_dimensions_mean": round(mean(pairs, lambda p: p.shared), 2),
                     "top_two_shared_dimensions_min": min(p.shared for p in pairs)},
        "short_form_bands": bands, "full_form_bands": calibration((1.0, n, t) for n, t in everyone),
        "constants": {"stop_certainty": th.ADAPTIVE_STOP_CERTAINTY, "change_risk": th.ADAPTIVE_CHANGE_RISK,
                      "max_share": th.ADAPTIVE_MAX_SHARE, "shared_dimensions": th.ADAPTIVE_SHARED_DIMENSIONS},
    }
    report(request, tmp_path_factory, "adaptive", figures)
    assert saving >= MIN_SAVING, spread
    assert agreement >= MIN_AGREEMENT, agreement
    for band in ("clear", "leaning", "close_call"):
        assert abs(bands[band]["gap"]) <= CALIBRATION_TOLERANCE, (band, bands[band])
    assert abs(spread["mean"] / items - th.ADAPTIVE_MEAN_SHARE) <= MEAN_SHARE_TOLERANCE, spread
    assert expected_items(bank) == round(th.ADAPTIVE_MEAN_SHARE * items)
    assert spread["max"] <= math.ceil(th.ADAPTIVE_MAX_SHARE * items)
    # What the explanations need: every dimension answered; top and runner-up comparable on several.
    assert all(p.dimensions == len(bank.dimensions) for p in pairs)
    assert all(p.shared >= th.ADAPTIVE_SHARED_DIMENSIONS for p in pairs)
    # A settled short form always has enough answers for a result.
    assert all(more_needed(p.short) == 0 for p in pairs if p.stop == "certain")


def test_random_answers_favour_no_role_on_the_short_form(bank: Bank, request: pytest.FixtureRequest,
                                                         tmp_path_factory: pytest.TempPathFactory) -> None:
    rng = random.Random(33)
    full_share: dict[str, float] = defaultdict(float)
    change: dict[str, float] = defaultdict(float)
    change_sq: dict[str, float] = defaultdict(float)
    moved = 0
    sets = list(random_answers(bank, RANDOM, seed=32))
    fulls = score_numbers_many(bank, sets)
    chosen = []
    for answers, full in zip(sets, fulls, strict=True):
        for role in firsts(full):
            full_share[role] += 1 / len(firsts(full))
        if rng.random() < RANDOM_REPLAYED:
            chosen.append((answers, full))
    runs = replay_many(bank, [answers for answers, _ in chosen])
    shorts = score_numbers_many(bank, [run.answers for run in runs])
    asked = [len(run.asked) for run in runs]
    replayed = len(runs)
    for (_, full), short in zip(chosen, shorts, strict=True):
        moved += firsts(short) != firsts(full)
        for role in ROLE_IDS:
            delta = (role in firsts(short)) / len(firsts(short)) - (role in firsts(full)) / len(firsts(full))
            change[role] += delta
            change_sq[role] += delta * delta
    shares = {r: round(full_share[r] / RANDOM + change[r] / replayed, 4) for r in ROLE_IDS}
    # Standard error of full-form share + mean change (the two parts treated as independent).
    se = {r: round(math.sqrt(full_share[r] / RANDOM * (1 - full_share[r] / RANDOM) / RANDOM
                             + (change_sq[r] / replayed - (change[r] / replayed) ** 2) / replayed), 4)
          for r in ROLE_IDS}
    report(request, tmp_path_factory, "adaptive_random_answers", {
        "answer_sets": RANDOM, "replayed": replayed, "first_share": shares, "se": se,
        "full_form_first_share": {r: round(full_share[r] / RANDOM, 4) for r in ROLE_IDS},
        "first_place_changed_by_short_form": round(moved / replayed, 4),
        "items_asked_mean": round(sum(asked) / len(asked), 2),
    })
    for role, share in shares.items():
        assert abs(share - 1 / 3) <= SHARE_TOLERANCE, (role, share)
