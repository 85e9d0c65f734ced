"""The adaptive short form's selector (scoring.adaptive): balanced start, selection, skips, stopping, replay."""

from __future__ import annotations

import math
import random
from collections.abc import Callable

import pytest

from questions.loader import load_bank
from questions.schema import ROLE_IDS, Bank, ChoiceItem, RatingItem
from scoring import Answers
from scoring import thresholds as th
from scoring.adaptive import Replay, Step, asked_count, hard_maximum, next_step, next_steps, replay, replay_many
from scoring.engine import index, score_numbers, score_numbers_many
from scoring.kinds import TRIAD
from scoring.lookahead import expected_entropy
from scoring.profile import more_needed
from tests.simulation.simulator import Setting, people
from tests.unit.conftest_scoring import make_bank

IM, PM, OP = ROLE_IDS

Answer = Callable[[str], "int | str | None"]


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


BANKS: dict[str, Callable[[], Bank]] = {
    "shipped": load_bank,
    "synthetic": lambda: make_bank(),
    "small": lambda: make_bank(per_role=8, triads=3),
    "no_triads": lambda: make_bank(per_role=7, triads=0),
}


def preferring(bank: Bank, role: str) -> dict[str, int | str]:
    """Full answers of someone who loves ``role``'s work and dislikes the rest."""
    out: dict[str, int | str] = {}
    for item in bank.items:
        if isinstance(item, RatingItem):
            out[item.id] = 5 if item.role == role else 1
        else:
            out[item.id] = next(o.id for o in item.options if o.role == role)
    return out


def flat(bank: Bank) -> dict[str, int | str]:
    """Full answers that separate nothing: every rating 3, triads spread evenly over the roles."""
    out: dict[str, int | str] = {}
    for k, item in enumerate(bank.choice_items):
        out[item.id] = next(o.id for o in item.options if o.role == ROLE_IDS[k % 3])
    out.update({i.id: 3 for i in bank.rating_items})
    return out


def by_hand(bank: Bank, full: dict[str, int | str], given: dict[str, int | str] | None = None
            ) -> tuple[list[Step], dict[str, int | str], list[str]]:
    """Step the selector one call at a time, answering from ``full`` (a missing answer is a skip).

    ``given``: answers already there before the first step.
    """
    steps: list[Step] = []
    answers: dict[str, int | str] = dict(given or {})
    skipped: list[str] = []
    while True:
        step = next_step(bank, answers, skipped)
        steps.append(step)
        if step.item is None:
            return steps, answers, skipped
        if step.item in full:
            answers[step.item] = full[step.item]
        else:
            skipped.append(step.item)


def with_blanks(bank: Bank, count: int, seed: int, blank: float) -> list[dict[str, int | str]]:
    """Simulated people's full answers with a share of items left blank."""
    rng = random.Random(seed)
    out = []
    for person in people(bank, Setting(people=count, seed=seed)):
        out.append({k: v for k, v in person.answers.items() if rng.random() >= blank})
    return out


@pytest.mark.parametrize("name", sorted(BANKS))
def test_balanced_start_touches_every_dimension_and_every_role_evenly(name: str) -> None:
    b = BANKS[name]()
    steps, answers, _ = by_hand(b, flat(b))
    start = [s for s in steps if s.phase == "start"]
    assert steps[: len(start)] == start, "the start comes first"
    items = [b.item(s.item) for s in start if s.item]
    per_role = math.ceil(len(b.dimensions) / 3)
    assert {i.dimension for i in items if i} == {d.id for d in b.dimensions}
    ratings = [i.role for i in items if isinstance(i, RatingItem)]
    assert all(ratings.count(r) == per_role for r in ROLE_IDS), ratings
    assert ratings[:3] == list(ROLE_IDS), "roles take turns"
    assert len(start) <= len(b.dimensions) + 2


def test_the_start_does_not_depend_on_the_answers(bank: Bank) -> None:
    starts = []
    for role in ROLE_IDS:
        steps, _, _ = by_hand(bank, preferring(bank, role))
        starts.append([s.item for s in steps if s.phase == "start"])
    assert starts[0] == starts[1] == starts[2]


def test_a_skipped_start_item_is_replaced_from_the_same_role(bank: Bank) -> None:
    first = next_step(bank, {})
    assert first.phase == "start" and first.item is not None
    again = next_step(bank, {}, [first.item])
    assert again.item != first.item and again.phase == "start"
    assert again.item is not None
    was, now = bank.item(first.item), bank.item(again.item)
    assert isinstance(was, RatingItem) and isinstance(now, RatingItem) and was.role == now.role
    full = {k: v for k, v in flat(bank).items() if k != first.item}
    steps, answers, skipped = by_hand(bank, full)
    assert skipped[0] == first.item
    start = [bank.item(s.item) for s in steps if s.phase == "start" and s.item and s.item in answers]
    assert {i.dimension for i in start if i} == {d.id for d in bank.dimensions}


@pytest.mark.parametrize("name", sorted(BANKS))
def test_nothing_is_asked_twice_and_a_skipped_item_never_comes_back(name: str) -> None:
    b = BANKS[name]()
    for full in with_blanks(b, 12, seed=3, blank=0.3):
        r = replay(b, full)
        assert len(set(r.asked)) == len(r.asked)
        assert set(r.skipped) == {i for i in r.asked if i not in full}
        assert set(r.answers) == {i for i in r.asked if i in full}
        assert r.answers == {i: full[i] for i in r.answers}
        for k, item in enumerate(r.skipped):
            assert item not in r.asked[r.asked.index(item) + 1:]
            assert r.skipped.index(item) == k


def test_skipping_everything_asks_each_item_once_then_stops(bank: Bank) -> None:
    r = replay(bank, {})
    assert r.answers == {}
    limit = min(hard_maximum(bank), len(bank.items))
    assert len(r.asked) == limit == len(r.skipped)
    assert r.stop == ("exhausted" if limit == len(bank.items) else "maximum")


def test_answers_given_outside_the_selector_are_never_asked_again(bank: Bank) -> None:
    full = preferring(bank, PM)
    for offset in (0, 1):  # e.g. answered in the full form, then switched to the short one
        given = {i.id: full[i.id] for i in bank.items[offset::2]}
        steps, _, _ = by_hand(bank, full, given)
        assert steps[0].asked == len(given)
        assert not {s.item for s in steps} & set(given)


def test_same_inputs_give_the_same_step_whatever_their_order(bank: Bank) -> None:
    for full in with_blanks(bank, 6, seed=4, blank=0.2):
        steps, answers, skipped = by_hand(bank, full)
        for cut in (3, len(answers) // 2, len(answers)):
            part = dict(list(answers.items())[:cut])
            skips = [s for s in skipped if s not in part][:2]
            one = next_step(bank, part, skips)
            assert next_step(bank, part, skips) == one
            assert next_step(bank, dict(reversed(list(part.items()))), list(reversed(skips))) == one
            assert next_step(bank, Answers(answers=part), tuple(skips)) == one


def test_clear_preferences_stop_early_as_certain(bank: Bank) -> None:
    for role in ROLE_IDS:
        r = replay(bank, preferring(bank, role))
        assert r.stop == "certain"
        assert r.final.top == role == score_numbers(bank, r.answers).ranking[0]
        assert len(r.asked) < len(bank.items)
        assert r.final.certainty >= th.ADAPTIVE_STOP_CERTAINTY
        assert r.final.risk is not None and r.final.risk <= th.ADAPTIVE_CHANGE_RISK
        # Settled early, but never before the answers are enough for a result (found trying it in tmux: a
        # strong preference used to stop at 11 answers, one short of MIN_ANSWERS).
        assert more_needed(score_numbers(bank, r.answers)) == 0 and len(r.answers) >= th.MIN_ANSWERS


def test_answers_that_separate_nothing_are_asked_to_the_end(bank: Bank) -> None:
    r = replay(bank, flat(bank))
    assert r.stop in ("exhausted", "maximum")
    assert len(r.asked) == min(len(bank.items), hard_maximum(bank))
    assert r.final.certainty < th.ADAPTIVE_STOP_CERTAINTY or (r.final.risk or 0) > th.ADAPTIVE_CHANGE_RISK


@pytest.mark.parametrize("share", [0.3, 0.5, 0.75])
def test_the_hard_maximum_stops_the_form(bank: Bank, share: float, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(th, "ADAPTIVE_MAX_SHARE", share)
    assert hard_maximum(bank) == math.ceil(share * len(bank.items))
    r = replay(bank, flat(bank))
    assert r.stop == "maximum" and len(r.asked) == hard_maximum(bank)
    skipping = replay(bank, {i: v for i, v in flat(bank).items() if i.startswith("c")})
    assert len(skipping.asked) == hard_maximum(bank), "skipped items count towards the maximum"


def test_every_step_reports_the_numbers_so_far(bank: Bank) -> None:
    full = with_blanks(bank, 1, seed=5, blank=0.1)[0]
    steps, _, _ = by_hand(bank, full)
    answers: dict[str, int | str] = {}
    skipped: list[str] = []
    for step in steps:
        n = score_numbers(bank, answers)
        assert step.asked == len(answers) + len(skipped)
        assert (step.top, step.certainty) == (n.ranking[0], n.probabilities[n.ranking[0]])
        assert (step.item is None) == (step.stop is not None) == (step.phase is None)
        if step.item in full:
            answers[step.item] = full[step.item]
        elif step.item is not None:
            skipped.append(step.item)


def test_selection_takes_the_kind_with_the_lowest_expected_entropy(bank: Bank) -> None:
    idx = index(bank)
    checked = 0
    for full in with_blanks(bank, 5, seed=6, blank=0.0):
        steps, answers, _ = by_hand(bank, full)
        asked: dict[str, int | str] = {}
        for step in steps:
            if step.phase == "select" and step.item is not None:
                stats = score_numbers(bank, asked).tally.stats
                info = idx.by_id[step.item]
                kind = TRIAD if info.kind == "choice" else info.role
                left = {TRIAD if i.kind == "choice" else i.role for i in idx.items if i.id not in asked}
                best = min(expected_entropy(stats, k) for k in left)
                assert expected_entropy(stats, kind) == best
                checked += 1
            if step.item is not None:
                asked[step.item] = full[step.item]
    assert checked > 20


def test_a_certain_stop_leaves_the_top_two_roles_comparable_on_several_dimensions(bank: Bank) -> None:
    stops = 0
    for full in with_blanks(bank, 40, seed=7, blank=0.0):
        r = replay(bank, full)
        if r.stop != "certain":
            continue
        stops += 1
        n = score_numbers(bank, r.answers)
        a, b = n.ranking[0], n.ranking[1]
        shared = set()
        for dim in bank.dimensions:
            roles: set[str] = set()
            for item in bank.items:
                if item.dimension == dim.id and item.id in r.answers:
                    roles.update(ROLE_IDS if isinstance(item, ChoiceItem) else [item.role])
            if {a, b} <= roles:
                shared.add(dim.id)
        assert len(shared) >= th.ADAPTIVE_SHARED_DIMENSIONS, (r.asked, shared)
    assert stops > 20


def test_replay_is_the_selector_stepped_by_hand(bank: Bank) -> None:
    for full in [*with_blanks(bank, 8, seed=8, blank=0.15), preferring(bank, OP), flat(bank), {}]:
        steps, answers, skipped = by_hand(bank, full)
        r = replay(bank, full)
        assert isinstance(r, Replay)
        assert r.asked == tuple(s.item for s in steps if s.item is not None)
        assert (r.answers, list(r.skipped), r.final) == (answers, skipped, steps[-1])
        assert r.stop == steps[-1].stop
        assert r.final.asked == len(r.asked) == len(r.answers) + len(r.skipped)
        assert replay(bank, Answers(answers=full)) == r


def test_the_short_form_ignores_answers_it_never_asks_for(bank: Bank) -> None:
    full = preferring(bank, IM)
    r = replay(bank, full)
    unasked = [i.id for i in bank.items if i.id not in r.asked]
    assert unasked, "a clear preference stops before the end"
    changed = dict(full)
    for item_id in unasked:
        item = bank.item(item_id)
        changed[item_id] = 3 if isinstance(item, RatingItem) else item.options[1].id  # type: ignore[union-attr]
    assert replay(bank, changed) == r


def test_skipping_one_role_does_not_hold_the_start_on_that_role(bank: Bank) -> None:
    full = {k: v for k, v in flat(bank).items() if not (isinstance(bank.item(k), RatingItem)
                                                         and bank.item(k).role == IM)}  # type: ignore[union-attr]
    steps, _, skipped = by_hand(bank, full)
    start = [bank.item(s.item) for s in steps if s.phase == "start" and s.item]
    per_role = math.ceil(len(bank.dimensions) / 3)
    assert len(skipped) >= 1
    assert sum(1 for i in start if isinstance(i, RatingItem) and i.role == IM) == 2 * per_role
    assert len(start) <= 4 * per_role + len(bank.dimensions)


def test_people_stepped_together_get_exactly_the_forms_they_get_alone(bank: Bank) -> None:
    """replay_many and next_steps (the batch and the simulation) equal replay and next_step, bit for bit."""
    sets = [*with_blanks(bank, 24, seed=9, blank=0.1), *with_blanks(bank, 6, seed=10, blank=0.5),
            preferring(bank, OP), flat(bank), {}]
    together = replay_many(bank, sets)
    assert together == [replay(bank, s) for s in sets]
    assert replay_many(bank, []) == []
    middles = [(r.answers, r.skipped) for r in together]
    halves = [(dict(list(a.items())[: len(a) // 2]), s[:1]) for a, s in middles]
    for pairs in (middles, halves):
        assert next_steps(bank, pairs) == [next_step(bank, a, s) for a, s in pairs]


def test_numbers_fitted_together_are_the_numbers_fitted_alone(bank: Bank) -> None:
    sets = [*with_blanks(bank, 20, seed=12, blank=0.2), {}, flat(bank), preferring(bank, IM)]
    assert score_numbers_many(bank, sets) == [score_numbers(bank, s) for s in sets]
    assert score_numbers_many(bank, [Answers(answers=sets[0])]) == [score_numbers(bank, sets[0])]


def test_asked_counts_the_items_answered_or_skipped(bank: Bank) -> None:
    full = with_blanks(bank, 1, seed=13, blank=0.2)[0]
    r = replay(bank, full)
    assert asked_count(bank, r.answers, r.skipped) == r.final.asked == len(r.asked)
    assert asked_count(bank, {}, ["no-such-item"]) == 0
