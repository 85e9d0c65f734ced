"""scoring.score on the shipped bank: scale, bands, ties, explanations, what-would-change, flags, languages."""

from __future__ import annotations

import subprocess
import sys

import pytest

import scoring
from questions.loader import load_bank
from questions.schema import ROLE_IDS, Bank, ChoiceItem, RatingItem
from questions.strings import strings
from scoring import AnswerError, Answers, score, score_numbers
from scoring.change import is_first
from scoring.engine import numbers_from_tally

IM, PM, OP = ROLE_IDS


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def answers_for(bank: Bank, ratings: dict[str, int], pick: str | None, skip: set[str] = frozenset()) -> dict:
    """Every rating item rated ratings[role]; every triad answered with ``pick``'s option (None: skipped)."""
    out: dict[str, int | str] = {}
    for item in bank.items:
        if item.id in skip:
            continue
        if isinstance(item, RatingItem):
            out[item.id] = ratings[item.role]
        elif pick is not None:
            out[item.id] = next(o.id for o in item.options if o.role == pick)
    return out


def test_scores_are_points_over_possible_on_answered_items(bank: Bank) -> None:
    ratings = [i for i in bank.rating_items]
    triads = bank.choice_items
    a: dict[str, int | str] = {ratings[0].id: 5, ratings[1].id: 2}
    a[triads[0].id] = next(o.id for o in triads[0].options if o.role == ratings[0].role)
    r = score(bank, Answers(answers=a))
    first, second = ratings[0].role, ratings[1].role
    # role of item 0: 4 (rating) + 4 (triad) of 4 + 4; role of item 1: 1 of 4 + 4; third role: 0 of 4.
    assert r.scores[first] == pytest.approx(100.0)
    assert r.scores[second] == pytest.approx(12.5)
    third = next(x for x in ROLE_IDS if x not in (first, second))
    assert r.scores[third] == 0.0
    assert r.answered == 3 and r.total == len(bank.items)


def test_a_clear_profile_is_a_clear_call_for_that_role(bank: Bank) -> None:
    r = score(bank, Answers(answers=answers_for(bank, {IM: 2, PM: 5, OP: 3}, PM)))
    assert r.band == "clear" and r.ranking[0] == PM
    assert r.probabilities[PM] >= 0.8
    assert sum(r.probabilities.values()) == pytest.approx(1.0, abs=1e-8)
    assert r.explanations.headline.en == "Project manager, clear fit"
    assert r.explanations.headline.zh == "项目经理，匹配明确"
    assert r.tied == ()


def test_all_same_answers_are_undifferentiated_and_flagged(bank: Bank) -> None:
    for value in (3, 4, 5):  # all 1s or 2s are below neutral: low_interest comes first
        a = {i.id: value for i in bank.rating_items}
        r = score(bank, Answers(answers=a))
        assert r.band == "undifferentiated"
        assert [f.kind for f in r.quality_flags][:1] == ["straight_lining"]
        assert len(r.tied) == 1 and set(r.tied[0]) == set(ROLE_IDS)
        assert r.probabilities[IM] == r.probabilities[PM] == r.probabilities[OP]


def test_straight_lined_ratings_are_never_clear_even_with_decisive_triads(bank: Bank) -> None:
    r = score(bank, Answers(answers=answers_for(bank, {IM: 4, PM: 4, OP: 4}, OP)))
    assert r.ranking[0] == OP
    assert r.band == "undifferentiated"
    assert "straight_lining" in [f.kind for f in r.quality_flags]


def test_all_dislike_is_low_interest(bank: Bank) -> None:
    r = score(bank, Answers(answers={i.id: 1 for i in bank.rating_items}))
    assert r.band == "low_interest"
    r2 = score(bank, Answers(answers=answers_for(bank, {IM: 1, PM: 2, OP: 2}, PM)))
    assert r2.band == "low_interest"
    assert r2.explanations.headline.en == "Low interest in all three roles"


def test_too_few_answers_say_nothing(bank: Bank) -> None:
    a = {i.id: 5 for i in bank.rating_items if i.role == PM}
    few = dict(list(a.items())[:3])
    r = score(bank, Answers(answers=few))
    assert r.band == "undifferentiated"
    assert "3" in r.explanations.band_meaning.en


def test_nothing_answered_is_a_three_way_tie(bank: Bank) -> None:
    r = score(bank, Answers())
    assert r.tied and set(r.tied[0]) == set(ROLE_IDS)
    assert r.band == "undifferentiated"
    assert "many_skipped" in [f.kind for f in r.quality_flags]


def test_equal_evidence_is_a_tie_recorded_and_said(bank: Bank) -> None:
    a = answers_for(bank, {IM: 5, PM: 5, OP: 1}, None)
    triads = bank.choice_items
    for k, item in enumerate(triads[:8]):
        a[item.id] = next(o.id for o in item.options if o.role == (IM if k % 2 == 0 else PM))
    r = score(bank, Answers(answers=a))
    assert r.probabilities[IM] == r.probabilities[PM]
    assert (IM, PM) in r.tied or (PM, IM) in r.tied
    assert r.band == "close_call"
    assert set(r.close_call or ()) == {IM, PM}
    assert "tied" in r.explanations.headline.en and "并列" in r.explanations.headline.zh
    assert any("tied" in p.text.en for p in r.explanations.evidence)


def test_close_call_names_the_two_roles(bank: Bank) -> None:
    # Search a small deterministic family of profiles for a close call between two named roles.
    found = None
    for im in (3, 4, 5):
        for pm in (3, 4, 5):
            for k in range(10):
                a = answers_for(bank, {IM: im, PM: pm, OP: 1}, None)
                for j, item in enumerate(bank.choice_items):
                    a[item.id] = next(o.id for o in item.options if o.role == (IM if j < k else PM))
                r = score(bank, Answers(answers=a))
                if r.band == "close_call" and not r.tied:
                    found = r
                    break
    assert found is not None
    a_role, b_role = found.close_call or ("", "")
    assert {a_role, b_role} == set(found.ranking[:2])
    assert found.probabilities[a_role] + found.probabilities[b_role] >= 0.9
    assert found.explanations.headline.en.startswith("Close call between ")
    assert "难分高下" in found.explanations.headline.zh


def test_explanations_quote_this_persons_answers(bank: Bank) -> None:
    a = answers_for(bank, {IM: 2, PM: 4, OP: 3}, None)
    triads = bank.choice_items
    for k, item in enumerate(triads):
        a[item.id] = next(o.id for o in item.options if o.role == (OP if k < 5 else PM))
    favourite = next(i for i in bank.rating_items if i.role == PM)
    a[favourite.id] = 5
    r = score(bank, Answers(answers=a))
    ex = r.explanations
    texts = [p.text.en for p in ex.evidence]
    assert f"You chose the operations manager option in 5 of {len(triads)} comparisons." in texts
    assert any(p.text.zh == f"{len(triads)} 道三选一中，你有 5 次选择了运营经理方向的选项。" for p in ex.evidence)
    liked = [p for p in ex.evidence if favourite.text.en in p.text.en]
    assert liked and liked[0].source == favourite.source and "5 out of 5" in liked[0].text.en
    assert any("Your mean rating" in t for t in texts)
    assert ex.contrasts and all(p.source is not None for p in ex.contrasts)
    role = bank.role(r.ranking[0])
    assert ex.role_summary == role.summary and ex.growth_tips == role.growth_tips
    assert ex.role_strengths == role.strengths
    assert ex.disclaimer == strings().text("disclaimer")


def test_dimensions_report_the_favoured_role_and_margin(bank: Bank) -> None:
    r = score(bank, Answers(answers=answers_for(bank, {IM: 1, PM: 5, OP: 3}, PM)))
    assert [d.id for d in r.dimensions] == [d.id for d in bank.dimensions]
    for d in r.dimensions:
        assert d.favoured == PM
        ordered = sorted(d.scores.values(), reverse=True)
        assert d.margin == pytest.approx(ordered[0] - ordered[1], abs=1e-3)
    flat = score(bank, Answers(answers={i.id: 3 for i in bank.rating_items}))
    assert all(d.favoured is None and d.margin == 0 for d in flat.dimensions)


def test_what_would_change_really_puts_each_other_role_first(bank: Bank) -> None:
    base = answers_for(bank, {IM: 2, PM: 4, OP: 3}, None)
    for k, item in enumerate(bank.choice_items):
        base[item.id] = next(o.id for o in item.options if o.role == (PM if k % 3 else OP))
    r = score(bank, Answers(answers=base))
    others = [x for x in ROLE_IDS if x != r.ranking[0]]
    assert sorted(w.role for w in r.what_would_change) == sorted(others)
    for w in r.what_would_change:
        assert 0 < len(w.changes) <= 10
        changed = dict(base)
        for c in w.changes:
            assert c.was == base.get(c.item_id)
            changed[c.item_id] = c.to
            assert c.text.en and c.text.zh
        assert is_first(score_numbers(bank, changed), w.role)
        assert str(len(w.changes)) in w.summary.en
        # Every change named is necessary: without any one of them the role is not first.
        for left_out in w.changes:
            partial = dict(base)
            partial.update({c.item_id: c.to for c in w.changes if c is not left_out})
            assert not is_first(score_numbers(bank, partial), w.role)


def test_what_would_change_says_so_when_impossible(bank: Bank) -> None:
    few = {i.id: 5 for i in bank.rating_items if i.role == PM}
    r = score(bank, Answers(answers=few))
    assert all(len(w.changes) <= 10 for w in r.what_would_change)
    strong = answers_for(bank, {IM: 1, PM: 5, OP: 1}, PM)
    r2 = score(bank, Answers(answers=strong))
    impossible = [w for w in r2.what_would_change if not w.changes]
    assert impossible and "No set of up to 10 changed answers" in impossible[0].summary.en


def test_quality_flags_rules(bank: Bank) -> None:
    a = answers_for(bank, {IM: 2, PM: 4, OP: 3}, PM)
    fast = {k: 1.0 for k in a}
    slow = {k: 6.0 for k in a}
    assert "too_fast" in [f.kind for f in score(bank, Answers(answers=a, timings=fast)).quality_flags]
    assert score(bank, Answers(answers=a, timings=slow)).quality_flags == ()
    assert score(bank, Answers(answers=a, timings={k: 0.5 for k in list(a)[:4]})).quality_flags == ()
    skipped = set(list(a)[: len(a) // 3])
    r = score(bank, Answers(answers={k: v for k, v in a.items() if k not in skipped}))
    flag = [f for f in r.quality_flags if f.kind == "many_skipped"]
    assert flag and str(len(skipped)) in flag[0].text.en
    quarter = set(list(a)[:11])  # 11 of 45 is under 25 %
    assert not [f for f in score(bank, Answers(answers={k: v for k, v in a.items() if k not in quarter})).quality_flags]


def test_every_item_gives_identical_numbers_in_both_languages(bank: Bank) -> None:
    base = answers_for(bank, {IM: 3, PM: 3, OP: 3}, None)
    base[bank.rating_items[0].id] = 4
    for item in bank.items:
        values = range(1, 6) if isinstance(item, RatingItem) else [o.id for o in item.options]
        for value in values:
            a = dict(base)
            a[item.id] = value
            zh = score(bank, Answers(lang="zh", answers=a))
            en = score(bank, Answers(lang="en", answers=a))
            assert zh == en, item.id


def test_score_checks_the_answers(bank: Bank) -> None:
    with pytest.raises(AnswerError, match="no such item"):
        score(bank, Answers(answers={"zz99": 3}))
    with pytest.raises(AnswerError, match="1 to 5"):
        score(bank, Answers(answers={bank.rating_items[0].id: 6}))
    triad: ChoiceItem = bank.choice_items[0]
    with pytest.raises(AnswerError, match="not one of"):
        score(bank, Answers(answers={triad.id: "nope"}))


def test_results_are_deterministic_and_answer_order_does_not_matter(bank: Bank) -> None:
    a = answers_for(bank, {IM: 4, PM: 3, OP: 2}, OP)
    first = score(bank, Answers(answers=a))
    scoring.model.cache_clear()
    again = score(bank, Answers(answers=dict(reversed(list(a.items())))))
    assert first == again
    assert first.model.loading == 0.7 and first.model.cuts == (-1.5, -0.5, 0.5, 1.5)


def test_numbers_and_full_result_agree(bank: Bank) -> None:
    a = answers_for(bank, {IM: 4, PM: 3, OP: 2}, OP)
    n = score_numbers(bank, a)
    r = score(bank, Answers(answers=a))
    assert (n.ranking, n.scores, n.probabilities, n.band) == (r.ranking, r.scores, r.probabilities, r.band)
    assert numbers_from_tally(n.tally, n.total) == n


def test_importing_scoring_stays_light() -> None:
    code = (
        "import sys, scoring\n"
        "from questions.loader import load_bank\n"
        "scoring.score(load_bank(), scoring.Answers(answers={'r01': 4}))\n"
        "print(sorted(m for m in ('numpy', 'textual', 'quiz') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_tie_below_the_top_is_recorded_and_said(bank: Bank) -> None:
    r = score(bank, Answers(answers=answers_for(bank, {IM: 5, PM: 3, OP: 3}, IM)))
    assert r.ranking[0] == IM
    assert [set(g) for g in r.tied] == [{PM, OP}]
    assert r.probabilities[PM] == r.probabilities[OP]
    said = [p for p in r.explanations.evidence if "tied" in p.text.en]
    assert said and "project manager" in said[0].text.en and "operations manager" in said[0].text.en
    assert "并列" in said[0].text.zh


def test_a_score_order_different_from_the_ranking_is_explained(bank: Bank) -> None:
    import random

    rng = random.Random(12)
    seen = {True: 0, False: 0}
    for _ in range(60):
        a = {i.id: rng.randint(2, 5) if isinstance(i, RatingItem) else rng.choice(i.options).id for i in bank.items}
        r = score(bank, Answers(answers=a))
        best = max(r.scores.values())
        high = [x for x in ROLE_IDS if r.scores[x] == best]
        together = any(r.ranking[0] in g and high[0] in g for g in r.tied)
        differs = len(high) == 1 and high[0] != r.ranking[0] and not together
        said = [p for p in r.explanations.evidence if "higher fit score" in p.text.en]
        assert bool(said) == differs
        seen[differs] += 1
    assert seen[True] and seen[False]


def test_when_one_change_is_enough_one_change_is_named(bank: Bank) -> None:
    from tests.simulation.simulator import Setting, people

    options = {i.id: (list(range(1, 6)) if isinstance(i, RatingItem) else [o.id for o in i.options])
               for i in bank.items}
    checked = 0
    for person in people(bank, Setting(people=25, seed=31)):
        r = score(bank, Answers(answers=person.answers))
        for w in r.what_would_change:
            if len(w.changes) == 1:
                continue
            for item_id, values in options.items():
                for value in values:
                    if person.answers.get(item_id) == value:
                        continue
                    one = {**person.answers, item_id: value}
                    assert not is_first(score_numbers(bank, one), w.role), (w.role, item_id, value)
            checked += 1
    assert checked
