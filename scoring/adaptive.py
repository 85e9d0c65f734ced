"""The adaptive short form: which question to ask next, and when to stop (pure, deterministic, no I/O).

:func:`next_step` takes the bank, the answers so far and the items skipped so far, and returns either the
next item to ask or a stop decision with its reason. It depends only on those two sets (not on the order they
came in), so the app can call it after every answer, after back/skip, or after resuming a saved session.

1. **Balanced start.** Until every dimension has an answer and every role has ⌈dimensions / 3⌉ answered
   ratings, ask ratings round-robin over the roles (the role with the fewest answered ratings first), each
   in a dimension nothing has touched yet; a dimension still untouched after that gets one of its triads
   (or a rating). A skipped start item is replaced by another of the same role or dimension (a role's
   replacements are bounded, so someone who skips a role's items is not asked only those).
2. **Selection.** Otherwise each candidate kind — a rating of each role (rating items of one role are
   exchangeable under the model) and a triad — is scored by the expected entropy of the top-role
   distribution after its answer, with answer probabilities from the posterior predictive
   (:func:`scoring.lookahead.expected_entropy`); the kind with the lowest wins (ties: role order, triads
   last). The item of that kind is the one whose dimension has the fewest answers bearing on its role,
   preferring dimensions where the other leading role is answered (so top and runner-up can be contrasted),
   then the dimension with the fewest answers, then bank order. That keeps each role's answers spread
   across dimensions, which the per-dimension picture and the contrasts of the explanations need.
3. **Stopping.** ``certain``: the top role's probability has reached ``ADAPTIVE_STOP_CERTAINTY``, the
   predictive probability that answering the whole rest of the bank would put another role first is at
   most ``ADAPTIVE_CHANGE_RISK`` (stochastic curtailment, :func:`scoring.curtailment.change_risk`) and the
   answers are enough for a result (``MIN_ANSWERS``, ``MIN_PER_ROLE``: :func:`scoring.profile.more_needed`,
   so a clear preference is never stopped at "too few answers"); before
   stopping, the top two roles must share ``ADAPTIVE_SHARED_DIMENSIONS`` answered dimensions while items
   that add one remain (otherwise the next item is one that adds one). ``maximum``: as many items have been
   asked (answered or skipped) as :func:`hard_maximum` allows. ``exhausted``: nothing is left to ask.

A skipped item is never asked again. :func:`replay` runs the form against a full answers file.

The app (:class:`quiz.forms.ShortOrder`) calls :func:`next_step` with the session's answers and skipped items
after every answer, skip, back or resume; a result's ``form.asked`` is :func:`asked_count` (what
:attr:`Step.asked` counts). ``score ANSWERS --adaptive`` scores the answers :func:`replay` used, and
``score --batch --adaptive`` and the simulation step many people together with :func:`replay_many`
(:func:`next_steps`), each exactly as alone: their posteriors, change risks and look-aheads are computed as
arrays, one row per person. :func:`expected_items` and :func:`hard_maximum` give the usual and the longest
length for the welcome screen; importing this module loads neither the model nor numpy.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from questions.schema import ROLE_IDS, Bank, RoleId
from scoring import thresholds as th
from scoring.adaptive_state import State, adds_shared, select, shared, start_item, states
from scoring.kinds import TRIAD

if TYPE_CHECKING:  # the engine and the look-ahead load on the first step, not with this module (welcome screen)
    from scoring.answers import Answers
    from scoring.engine import ItemInfo

StopReason = Literal["certain", "maximum", "exhausted"]
"""Why the adaptive form stopped: the top role is settled, the hard maximum, or nothing left to ask."""

Phase = Literal["start", "select", "coverage"]
"""Why an item was chosen: the balanced start, the most informative kind, or dimension coverage."""


@dataclass(frozen=True)
class Step:
    """The selector's decision after the answers so far: ask ``item`` (``stop`` is None) or stop."""

    item: str | None
    """The id of the next item to ask; None when the form stops."""
    stop: StopReason | None
    """Why the form stops; None while it goes on."""
    phase: Phase | None
    """Why ``item`` was chosen; None when stopping."""
    asked: int
    """Items asked so far (answered or skipped)."""
    top: RoleId
    """The most probable role so far."""
    certainty: float
    """The reported probability of ``top`` so far."""
    risk: float | None
    """Predictive probability that the rest of the bank would put another role first: computed only after the
    balanced start, once ``certainty`` has reached ``ADAPTIVE_STOP_CERTAINTY`` (None otherwise)."""


@dataclass(frozen=True)
class Replay:
    """What the adaptive form would have asked, given a full answers file."""

    asked: tuple[str, ...]
    """Item ids in the order asked (answered and skipped)."""
    answers: dict[str, int | str]
    """The answers the form used (the file's answers to the items asked)."""
    skipped: tuple[str, ...]
    """Items asked that the file leaves blank, in the order asked."""
    stop: StopReason
    final: Step
    """The stopping step (its numbers are those of ``answers``)."""


def hard_maximum(bank: Bank) -> int:
    """The most items the adaptive form asks: ``ADAPTIVE_MAX_SHARE`` of the bank, rounded up."""
    return math.ceil(th.ADAPTIVE_MAX_SHARE * len(bank.items))


def expected_items(bank: Bank) -> int:
    """How many items the short form usually asks (``ADAPTIVE_MEAN_SHARE`` of the bank): for the welcome screen.

    The share is the simulation's mean at the stated model (``tests/simulation/test_adaptive.py`` checks it).
    """
    return round(th.ADAPTIVE_MEAN_SHARE * len(bank.items))


def asked_count(bank: Bank, answers: Mapping[str, object], skipped: Iterable[str]) -> int:
    """Items asked so far: the bank's items answered or skipped (what :attr:`Step.asked` and a short form's
    ``form.asked`` count)."""
    gone = set(skipped) | set(answers)
    return sum(1 for item in bank.items if item.id in gone)


def _raw(answers: Answers | Mapping[str, int | str]) -> Mapping[str, int | str]:
    from scoring.answers import Answers

    return answers.answers if isinstance(answers, Answers) else answers


def next_step(bank: Bank, answers: Answers | Mapping[str, int | str], skipped: Iterable[str] = ()) -> Step:
    """The next item to ask, or the decision to stop, after ``answers`` with ``skipped`` items skipped.

    ``answers`` must fit the bank (:func:`scoring.answers.check_answers`); ids in ``skipped`` that are
    answered count as answered, unknown ids are ignored. The same inputs always give the same step.
    """
    return next_steps(bank, [(answers, skipped)])[0]


def next_steps(bank: Bank, many: Sequence[tuple[Answers | Mapping[str, int | str], Iterable[str]]]) -> list[Step]:
    """:func:`next_step` of many people at once (answers and skipped items each): their posteriors, change
    risks and look-aheads are computed together, row by row, so each step is exactly the one alone."""
    from scoring.profile import more_needed

    people = states(bank, [(_raw(a), s) for a, s in many])
    steps: list[Step | None] = [None] * len(people)
    risky: list[int] = []
    for k, st in enumerate(people):
        if not any(st.free):
            steps[k] = _step(st, None, None, "exhausted")
        elif st.asked >= hard_maximum(bank):
            steps[k] = _step(st, None, None, "maximum")
        elif (first := start_item(st)) is not None:
            steps[k] = _step(st, first, "start", None)
        elif _certainty(st) >= th.ADAPTIVE_STOP_CERTAINTY:
            risky.append(k)
    risks = dict(zip(risky, _risks([people[k] for k in risky]), strict=True))
    helpful: dict[int, list[ItemInfo]] = {}
    choose: list[int] = []
    for k, st in enumerate(people):
        if steps[k] is not None:
            continue
        risk = risks.get(k)
        if risk is not None and risk <= th.ADAPTIVE_CHANGE_RISK and not more_needed(st.numbers):
            helpful[k] = [] if shared(st) >= th.ADAPTIVE_SHARED_DIMENSIONS else [
                i for pool in st.free for i in pool if adds_shared(st, i)]
            if not helpful[k]:
                steps[k] = _step(st, None, None, "certain", risk)
                continue
        choose.append(k)
    for k, entropies in zip(choose, _entropies([people[k] for k in choose]), strict=True):
        only = helpful.get(k)
        steps[k] = _step(people[k], select(people[k], entropies, only), "coverage" if only else "select", None,
                         risks.get(k))
    return [s for s in steps if s is not None]


def _certainty(st: State) -> float:
    return st.numbers.probabilities[st.numbers.ranking[0]]


def _step(st: State, item: ItemInfo | None, phase: Phase | None, stop: StopReason | None,
          risk: float | None = None) -> Step:
    return Step(item.id if item else None, stop, phase, st.asked, st.numbers.ranking[0], _certainty(st), risk)


def _risks(people: list[State]) -> list[float]:
    """The change risk of each state (rounded so that equal evidence compares equal)."""
    if not people:
        return []
    import numpy as np

    from scoring.curtailment import change_risks
    from scoring.lookahead import stack

    mode, cov = stack([st.numbers.posterior for st in people])
    top = np.array([ROLE_IDS.index(st.numbers.ranking[0]) for st in people])
    left = np.array([[len(st.free[r]) for r in range(3)] for st in people], dtype=np.float64)
    triads = np.array([len(st.free[TRIAD]) for st in people], dtype=np.float64)
    return [round(r, 9) for r in change_risks(mode, cov, top, left, triads).tolist()]


def _entropies(people: list[State]) -> list[list[float]]:
    """The expected top-role entropy after one more answer of each kind, per state."""
    if not people:
        return []
    from scoring.lookahead import expected_entropies, stack

    found: list[list[float]] = expected_entropies(*stack([st.numbers.posterior for st in people])).tolist()
    return found


def replay(bank: Bank, answers: Answers | Mapping[str, int | str]) -> Replay:
    """Run the adaptive form against full answers: the selector asks, the file answers, blanks are skips.

    Items the form never asks are ignored. ``answers`` must fit the bank (check them first with
    :func:`scoring.answers.check_answers`). This is what ``score --adaptive`` uses.
    """
    return replay_many(bank, [answers])[0]


def replay_many(bank: Bank, many: Sequence[Answers | Mapping[str, int | str]]) -> list[Replay]:
    """:func:`replay` of many answer sets, stepped together (each exactly as alone): the batch and the simulation."""
    given = [_raw(a) for a in many]
    used: list[dict[str, int | str]] = [{} for _ in given]
    asked: list[list[str]] = [[] for _ in given]
    skipped: list[list[str]] = [[] for _ in given]
    done: list[Replay | None] = [None] * len(given)
    active = list(range(len(given)))
    while active:
        going = []
        for k, s in zip(active, next_steps(bank, [(used[k], skipped[k]) for k in active]), strict=True):
            if s.item is None:
                assert s.stop is not None
                done[k] = Replay(tuple(asked[k]), used[k], tuple(skipped[k]), s.stop, s)
                continue
            going.append(k)
            asked[k].append(s.item)
            if s.item in given[k]:
                used[k][s.item] = given[k][s.item]
            else:
                skipped[k].append(s.item)
        active = going
    return [r for r in done if r is not None]
