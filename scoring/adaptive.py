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
3. **Stopping.** ``certain``: the top role's probability has reached ``ADAPTIVE_STOP_CERTAINTY`` and the
   predictive probability that answering the whole rest of the bank would put another role first is at
   most ``ADAPTIVE_CHANGE_RISK`` (stochastic curtailment, :func:`scoring.lookahead.change_risk`); before
   stopping, the top two roles must share ``ADAPTIVE_SHARED_DIMENSIONS`` answered dimensions while items
   that add one remain (otherwise the next item is one that adds one). ``maximum``: as many items have been
   asked (answered or skipped) as :func:`hard_maximum` allows. ``exhausted``: nothing is left to ask.

A skipped item is never asked again. :func:`replay` runs the form against a full answers file.

Use from the app (after every answer, skip, back or resume; the session's answers and skipped items)::

    step = next_step(bank, session.answers, session.skipped)
    if step.item is None:  # step.stop: "certain" | "maximum" | "exhausted"
        form = {"mode": "adaptive", "asked": step.asked}
    else:
        ...show bank.item(step.item)...

and from ``score ANSWERS --adaptive`` or the batch::

    run = replay(bank, answers)  # answers: scoring.Answers, checked against the bank
    kept = Answers(lang=answers.lang, answers=run.answers,
                   timings={k: v for k, v in answers.timings.items() if k in run.answers})
    result, form = score(bank, kept), {"mode": "adaptive", "asked": len(run.asked)}

:func:`expected_items` and :func:`hard_maximum` give the usual and the longest length for the welcome screen.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from questions.schema import ROLE_IDS, Bank, RoleId
from scoring import thresholds as th
from scoring.answers import Answers
from scoring.engine import BankIndex, ItemInfo, Numbers, index, numbers_from_tally, tally
from scoring.lookahead import TRIAD, change_risk, expected_entropy

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


@dataclass(frozen=True)
class _State:
    idx: BankIndex
    numbers: Numbers
    free: tuple[tuple[ItemInfo, ...], ...]
    """Per kind (rating of role 0..2, triad), the items neither answered nor skipped, in bank order."""
    touch: dict[str, list[int]]
    """Per dimension, answers bearing on each role (a triad bears on all three) and, last, all answers."""
    asked: int


def hard_maximum(bank: Bank) -> int:
    """The most items the adaptive form asks: ``ADAPTIVE_MAX_SHARE`` of the bank, rounded up."""
    return math.ceil(th.ADAPTIVE_MAX_SHARE * len(bank.items))


def expected_items(bank: Bank) -> int:
    """How many items the short form usually asks (``ADAPTIVE_MEAN_SHARE`` of the bank): for the welcome screen.

    The share is the simulation's mean at the stated model (``tests/simulation/test_adaptive.py`` checks it).
    """
    return round(th.ADAPTIVE_MEAN_SHARE * len(bank.items))


def _state(bank: Bank, answers: Mapping[str, int | str], skipped: Iterable[str]) -> _State:
    idx = index(bank)
    gone = set(skipped) | set(answers)
    free: list[list[ItemInfo]] = [[], [], [], []]
    touch = {item.dimension: [0, 0, 0, 0] for item in idx.items}
    for item in idx.items:
        kind = TRIAD if item.kind == "choice" else item.role
        if item.id not in gone:
            free[kind].append(item)
        elif item.id in answers:
            row = touch[item.dimension]
            for r in range(3):
                row[r] += 1 if kind in (r, TRIAD) else 0
            row[3] += 1
    asked = sum(1 for item in idx.items if item.id in gone)
    numbers = numbers_from_tally(tally(idx, dict(answers)), len(idx.items))
    return _State(idx, numbers, tuple(tuple(f) for f in free), touch, asked)


def _start_item(st: _State) -> ItemInfo | None:
    """The next item of the balanced start, or None when the start is complete.

    Each role gets ratings until ⌈dimensions / 3⌉ of them are answered (a skipped one is replaced, up to as
    many replacements as that), the role with the fewest answered first, each in a dimension nothing has
    touched yet where possible (dimensions without a triad first, so triads can fill the rest); then every
    dimension still without an answer gets one of its items, a triad if it has one.
    """
    per_role = math.ceil(len(st.touch) / 3)
    rated = [sum(st.numbers.tally.counts[r]) for r in range(3)]
    asked = [sum(1 for i in st.idx.items if i.role == r) - len(st.free[r]) for r in range(3)]
    short = [r for r in range(3) if rated[r] < per_role and asked[r] < 2 * per_role and st.free[r]]
    triad_dims = {i.dimension for i in st.free[TRIAD]}
    if short:
        role = min(short, key=lambda r: (rated[r], r))
        return min(st.free[role], key=lambda i: (st.touch[i.dimension][3] > 0, i.dimension in triad_dims))
    for dim, row in st.touch.items():
        if row[3]:
            continue
        options = [i for kind in (TRIAD, 0, 1, 2) for i in st.free[kind] if i.dimension == dim]
        if options:
            return min(options, key=lambda i: (i.kind != "choice", rated[i.role] if i.role >= 0 else 0))
    return None


def _leaders(st: _State) -> tuple[int, int]:
    return ROLE_IDS.index(st.numbers.ranking[0]), ROLE_IDS.index(st.numbers.ranking[1])


def _shared(st: _State) -> int:
    a, b = _leaders(st)
    return sum(1 for row in st.touch.values() if row[a] and row[b])


def _adds_shared(st: _State, item: ItemInfo) -> bool:
    a, b = _leaders(st)
    row = st.touch[item.dimension]
    return not (row[a] and row[b]) and (item.kind == "choice" or (item.role == a and row[b] > 0)
                                         or (item.role == b and row[a] > 0))


def _pick(st: _State, kind: int, allowed: tuple[ItemInfo, ...]) -> ItemInfo:
    """The item of ``kind`` that best spreads its role's answers over the dimensions."""
    a, b = _leaders(st)
    partner = b if kind == a else a

    def key(item: ItemInfo) -> tuple[int, int, int]:
        row = st.touch[item.dimension]
        own = row[3] if kind == TRIAD else row[kind]
        return own, 0 if kind != TRIAD and row[partner] else 1, row[3]

    return min(allowed, key=key)  # min keeps the first (bank order) among equal keys


def _select(st: _State, only: list[ItemInfo] | None = None) -> ItemInfo:
    """The most informative item (lowest expected top-role entropy), among ``only`` when given."""
    stats = st.numbers.tally.stats
    ids = None if only is None else {i.id for i in only}
    pools = [tuple(i for i in st.free[k] if ids is None or i.id in ids) for k in range(4)]
    kinds = [k for k in range(4) if pools[k]]
    best = min(kinds, key=lambda k: (expected_entropy(stats, k), k))
    return _pick(st, best, pools[best])


def next_step(bank: Bank, answers: Answers | Mapping[str, int | str], skipped: Iterable[str] = ()) -> Step:
    """The next item to ask, or the decision to stop, after ``answers`` with ``skipped`` items skipped.

    ``answers`` must fit the bank (:func:`scoring.answers.check_answers`); ids in ``skipped`` that are
    answered count as answered, unknown ids are ignored. The same inputs always give the same step.
    """
    raw = answers.answers if isinstance(answers, Answers) else answers
    st = _state(bank, raw, skipped)
    n = st.numbers
    top = ROLE_IDS.index(n.ranking[0])
    certainty = n.probabilities[n.ranking[0]]
    risk: float | None = None

    def step(item: ItemInfo | None, phase: Phase | None, stop: StopReason | None) -> Step:
        return Step(item.id if item else None, stop, phase, st.asked, n.ranking[0], certainty, risk)

    if not any(st.free):
        return step(None, None, "exhausted")
    if st.asked >= hard_maximum(bank):
        return step(None, None, "maximum")
    first = _start_item(st)
    if first is not None:
        return step(first, "start", None)
    if certainty >= th.ADAPTIVE_STOP_CERTAINTY:
        left = (len(st.free[0]), len(st.free[1]), len(st.free[2]))
        risk = round(change_risk(n.posterior, top, left, len(st.free[TRIAD])), 9)
    if risk is not None and risk <= th.ADAPTIVE_CHANGE_RISK:
        if _shared(st) >= th.ADAPTIVE_SHARED_DIMENSIONS:
            return step(None, None, "certain")
        helpful = [i for pool in st.free for i in pool if _adds_shared(st, i)]
        if not helpful:
            return step(None, None, "certain")
        return step(_select(st, helpful), "coverage", None)
    return step(_select(st), "select", None)


def replay(bank: Bank, answers: Answers | Mapping[str, int | str]) -> Replay:
    """Run the adaptive form against full answers: the selector asks, the file answers, blanks are skips.

    Items the form never asks are ignored. ``answers`` must fit the bank (check them first with
    :func:`scoring.answers.check_answers`). This is what ``score --adaptive`` and the batch use.
    """
    given = answers.answers if isinstance(answers, Answers) else answers
    used: dict[str, int | str] = {}
    asked: list[str] = []
    skipped: list[str] = []
    while True:
        s = next_step(bank, used, skipped)
        if s.item is None:
            assert s.stop is not None
            return Replay(tuple(asked), used, tuple(skipped), s.stop, s)
        asked.append(s.item)
        if s.item in given:
            used[s.item] = given[s.item]
        else:
            skipped.append(s.item)
