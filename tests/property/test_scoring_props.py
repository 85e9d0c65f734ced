"""Properties of scoring that hold for any answers (hypothesis), on the shipped and a synthetic bank."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questions.loader import load_bank
from questions.schema import ROLE_IDS, Bank, ChoiceItem, RatingItem
from scoring import Answers, score, score_numbers
from tests.unit.conftest_scoring import make_bank

BANK = load_bank()
SYNTHETIC = make_bank()
FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def answers_strategy(bank: Bank) -> st.SearchStrategy[dict[str, Any]]:
    """Any answers to ``bank``: each item skipped, rated 1..5, or answered with one of its options."""
    parts = []
    for item in bank.items:
        if isinstance(item, RatingItem):
            parts.append(st.one_of(st.none(), st.integers(1, 5)))
        else:
            parts.append(st.one_of(st.none(), st.sampled_from([o.id for o in item.options])))
    ids = [i.id for i in bank.items]
    return st.tuples(*parts).map(lambda values: {k: v for k, v in zip(ids, values, strict=True) if v is not None})


@FAST
@given(answers_strategy(BANK))
def test_scores_and_probabilities_are_in_range(answers: dict[str, Any]) -> None:
    n = score_numbers(BANK, answers)
    assert all(0.0 <= s <= 100.0 for s in n.scores.values())
    assert all(0.0 <= p <= 1.0 for p in n.probabilities.values())
    assert abs(sum(n.probabilities.values()) - 1.0) < 1e-8
    assert sorted(n.ranking) == sorted(ROLE_IDS)
    assert [n.probabilities[r] for r in n.ranking] == sorted(n.probabilities.values(), reverse=True)
    for group in n.tied:
        assert len({n.probabilities[r] for r in group}) == 1


@SLOW
@given(answers_strategy(BANK), st.randoms(use_true_random=False))
def test_the_order_of_answers_changes_nothing(answers: dict[str, Any], rnd: random.Random) -> None:
    items = list(answers.items())
    rnd.shuffle(items)
    assert score(BANK, Answers(answers=answers)) == score(BANK, Answers(answers=dict(items)))


@FAST
@given(answers_strategy(BANK), st.data())
def test_a_new_like_never_lowers_that_roles_score(answers: dict[str, Any], data: st.DataObject) -> None:
    open_items = [i for i in BANK.rating_items if i.id not in answers]
    if not open_items:
        return
    item = data.draw(st.sampled_from(open_items))
    before = score_numbers(BANK, answers).scores[item.role]
    after = score_numbers(BANK, {**answers, item.id: 5}).scores[item.role]
    assert after >= before


@FAST
@given(answers_strategy(BANK), st.data())
def test_picking_a_roles_option_never_lowers_that_roles_score(answers: dict[str, Any], data: st.DataObject) -> None:
    item = data.draw(st.sampled_from(BANK.choice_items))
    option = data.draw(st.sampled_from(item.options))
    rest = {k: v for k, v in answers.items() if k != item.id}
    before = score_numbers(BANK, rest).scores[option.role]
    after = score_numbers(BANK, {**rest, item.id: option.id}).scores[option.role]
    assert after >= before
    # Moving a pick to this role from another option never lowers it either.
    if item.id in answers and answers[item.id] != option.id:
        assert after >= score_numbers(BANK, answers).scores[option.role]


@FAST
@given(answers_strategy(BANK))
def test_the_highest_fit_score_agrees_with_the_probability_or_the_explanation_says_so(
        answers: dict[str, Any]) -> None:
    result = score(BANK, Answers(answers=answers))
    best = max(result.scores.values())
    high = {r for r in ROLE_IDS if result.scores[r] == best}
    firsts = next((set(g) for g in result.tied if result.ranking[0] in g), {result.ranking[0]})
    said = [p for p in result.explanations.evidence if "interest score" in p.text.en]
    # Only a single-role reading names one role first; the others name no order to explain.
    assert bool(said) == (result.profile.shape == "single" and high != firsts)


@FAST
@given(answers_strategy(SYNTHETIC), st.permutations(list(ROLE_IDS)))
def test_permuting_roles_permutes_the_results(answers: dict[str, Any], order: list[str]) -> None:
    relabel: dict[str, str] = dict(zip(ROLE_IDS, order, strict=True))
    swapped = make_bank(roles=relabel)
    a = score_numbers(SYNTHETIC, answers)
    b = score_numbers(swapped, answers)
    for role in ROLE_IDS:
        assert b.probabilities[relabel[role]] == a.probabilities[role]  # type: ignore[index]
        assert b.scores[relabel[role]] == a.scores[role]  # type: ignore[index]
    assert b.band == a.band
    assert {frozenset(g) for g in b.tied} == {frozenset(relabel[r] for r in g) for g in a.tied}


@SLOW
@given(answers_strategy(BANK))
def test_the_same_answers_in_either_language_give_the_same_result(answers: dict[str, Any]) -> None:
    assert score(BANK, Answers(lang="zh", answers=answers)) == score(BANK, Answers(lang="en", answers=answers))


@SLOW
@given(answers_strategy(BANK))
def test_what_would_change_is_verified(answers: dict[str, Any]) -> None:
    result = score(BANK, Answers(answers=answers))
    for w in result.what_would_change:
        assert len(w.changes) <= 10
        if not w.changes:
            continue
        changed = dict(answers)
        for c in w.changes:
            item = BANK.item(c.item_id)
            assert item is not None
            if isinstance(item, ChoiceItem):
                assert item.option(str(c.to)) is not None
            changed[c.item_id] = c.to
        n = score_numbers(BANK, changed)
        assert n.ranking[0] == w.role and not any(w.role in g for g in n.tied)


@FAST
@given(answers_strategy(BANK), st.data())
def test_an_incremental_tally_equals_a_fresh_one(answers: dict[str, Any], data: st.DataObject) -> None:
    from scoring.engine import index, tally, with_change

    idx = index(BANK)
    item = data.draw(st.sampled_from(BANK.items))
    if isinstance(item, RatingItem):
        to: Any = data.draw(st.integers(1, 5))
    else:
        to = data.draw(st.sampled_from([o.id for o in item.options]))
    changed = with_change(tally(idx, answers), idx.by_id[item.id], answers.get(item.id), to)
    fresh = tally(idx, {**answers, item.id: to})
    assert (changed.counts, changed.picks, changed.points, changed.possible, changed.answered) == (
        fresh.counts, fresh.picks, fresh.points, fresh.possible, fresh.answered)
    assert sorted(changed.ratings) == sorted(fresh.ratings)
