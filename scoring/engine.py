"""Numbers from answers: scores, probabilities, ranking, ties and band (no texts; see :mod:`scoring.explain`).

Scores (0–100 per role) are points earned over points possible on the ANSWERED items only, so skipped
items never bias a role. The scale weighs each answer by the evidence the model gives it: a rating of 1..5
gives 0..4 points to its item's role (4 possible for that role); a triad gives ``4w`` points to the role
of the picked option and counts ``4w`` possible for every role, with ``w = TRIAD_WEIGHT`` ≈ 0.24 (one
triad pick carries about as much evidence as one rating point; see :mod:`scoring.thresholds`).
Probabilities come from :mod:`scoring.model`; the ranking is by probability.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import mul
from statistics import median

from questions.schema import ROLE_IDS, Bank, ChoiceItem, RatingItem, RoleId
from scoring import thresholds as th
from scoring.answers import Answers
from scoring.model import Posterior, Stats, posterior, posteriors
from scoring.result import Band


@dataclass(frozen=True)
class ItemInfo:
    """What scoring needs to know of one item."""

    id: str
    kind: str
    """``rating`` or ``choice``."""
    role: int
    """Role index (rating items); -1 for choice items."""
    dimension: str
    options: dict[str, int]
    """Option id -> role index (choice items)."""


@dataclass(frozen=True)
class BankIndex:
    """A bank reduced to what scoring loops over."""

    items: tuple[ItemInfo, ...]
    by_id: dict[str, ItemInfo]


_INDEX: dict[int, tuple[Bank, BankIndex]] = {}


def index(bank: Bank) -> BankIndex:
    """The (memoised) scoring index of ``bank``."""
    hit = _INDEX.get(id(bank))
    if hit is not None and hit[0] is bank:
        return hit[1]
    items = []
    for item in bank.items:
        if isinstance(item, RatingItem):
            items.append(ItemInfo(item.id, "rating", ROLE_IDS.index(item.role), item.dimension, {}))
        elif isinstance(item, ChoiceItem):
            opts = {o.id: ROLE_IDS.index(o.role) for o in item.options}
            items.append(ItemInfo(item.id, "choice", -1, item.dimension, opts))
    built = BankIndex(tuple(items), {i.id: i for i in items})
    if len(_INDEX) > 16:
        _INDEX.clear()
    _INDEX[id(bank)] = (bank, built)
    return built


@dataclass(frozen=True)
class Tally:
    """Per-role sufficient statistics and points of one set of answers."""

    counts: tuple[tuple[int, int, int, int, int], ...]
    """Per role, how many ratings at each level 0..4 (rating 1..5)."""
    picks: tuple[int, int, int]
    """Per role, how many triads were answered with its option."""
    points: tuple[int, int, int]
    """Per role, rating points (0..4 per rating) earned."""
    possible: tuple[int, int, int]
    """Per role, rating points possible (4 per answered rating)."""
    answered: int
    ratings: tuple[int, ...]
    """Every answered rating (1..5), in bank order."""

    @property
    def stats(self) -> Stats:
        """The model's sufficient statistics."""
        return (
            (self.counts[0], self.picks[0]),
            (self.counts[1], self.picks[1]),
            (self.counts[2], self.picks[2]),
        )


def tally(idx: BankIndex, answers: dict[str, int | str]) -> Tally:
    """Count the answers per role (answers are assumed checked with :func:`scoring.answers.check_answers`)."""
    counts = [[0] * 5 for _ in range(3)]
    picks = [0, 0, 0]
    points = [0, 0, 0]
    possible = [0, 0, 0]
    ratings: list[int] = []
    answered = 0
    for item in idx.items:
        value = answers.get(item.id)
        if value is None:
            continue
        answered += 1
        if item.kind == "rating":
            level = int(value) - 1
            counts[item.role][level] += 1
            points[item.role] += level
            possible[item.role] += 4
            ratings.append(int(value))
        else:
            picks[item.options[str(value)]] += 1
    return _freeze(counts, picks, points, possible, answered, ratings)


def _freeze(
    counts: list[list[int]], picks: list[int], points: list[int], possible: list[int], answered: int,
    ratings: list[int],
) -> Tally:
    return Tally(
        counts=tuple(tuple(c) for c in counts),  # type: ignore[misc]
        picks=(picks[0], picks[1], picks[2]),
        points=(points[0], points[1], points[2]),
        possible=(possible[0], possible[1], possible[2]),
        answered=answered,
        ratings=tuple(ratings),
    )


def with_change(t: Tally, item: ItemInfo, was: int | str | None, to: int | str) -> Tally:
    """``t`` after one answer to ``item`` changes from ``was`` (None: unanswered) to ``to``.

    Equivalent to re-tallying the changed answers, without the loop over the bank. The ``ratings`` of the
    result keep their multiset but not their bank order.
    """
    counts = [list(c) for c in t.counts]
    picks, points, possible = list(t.picks), list(t.points), list(t.possible)
    ratings = list(t.ratings)
    answered = t.answered + (1 if was is None else 0)
    if item.kind == "rating":
        r = item.role
        if was is not None:
            counts[r][int(was) - 1] -= 1
            points[r] -= int(was) - 1
            possible[r] -= 4
            ratings.remove(int(was))
        counts[r][int(to) - 1] += 1
        points[r] += int(to) - 1
        possible[r] += 4
        ratings.append(int(to))
    else:
        if was is not None:
            picks[item.options[str(was)]] -= 1
        picks[item.options[str(to)]] += 1
    return _freeze(counts, picks, points, possible, answered, ratings)


def role_score(points: int, possible: int, picks: int = 0, triads: int = 0) -> float:
    """0–100 on the common scale: (rating points + 4w·picks) over (rating possible + 4w·triads answered).

    ``points``/``possible`` are the role's rating points (0..4 each) and 4 per answered rating; ``picks`` is
    how many of the ``triads`` answered went to the role; w is :data:`scoring.thresholds.TRIAD_WEIGHT`.
    0 when nothing that bears on the role was answered.
    """
    weight = 4.0 * th.TRIAD_WEIGHT
    total = possible + weight * triads
    return round(100.0 * (points + weight * picks) / total, 4) if total else 0.0


def mean_rating(counts: Sequence[int]) -> float | None:
    """Mean rating on the 1–5 scale, or None without ratings."""
    n = sum(counts)
    return sum(map(mul, counts, range(1, len(counts) + 1))) / n if n else None


def straight_lined(t: Tally) -> bool:
    """All rating answers identical, with at least ``STRAIGHT_LINE_MIN`` of them."""
    return len(t.ratings) >= th.STRAIGHT_LINE_MIN and len(set(t.ratings)) == 1


@dataclass(frozen=True)
class Numbers:
    """The numeric part of a result (what ``score --batch`` writes); dicts are keyed by role id."""

    ranking: tuple[RoleId, RoleId, RoleId]
    tied: tuple[tuple[RoleId, ...], ...]
    scores: dict[RoleId, float]
    probabilities: dict[RoleId, float]
    band: Band
    close_call: tuple[RoleId, RoleId] | None
    answered: int
    total: int
    tally: Tally
    posterior: Posterior

    @property
    def top(self) -> RoleId:
        """The first role of the ranking."""
        return self.ranking[0]


def band_of(
    t: Tally, probs: dict[RoleId, float], ranking: tuple[RoleId, ...]
) -> tuple[Band, tuple[RoleId, RoleId] | None]:
    """The band and, for ``close_call``, its two roles (rules in order; cuts in :mod:`scoring.thresholds`)."""
    return band_from(t.counts, straight_lined(t), t.answered, probs, ranking)


def band_from(
    counts: Sequence[Sequence[int]], straight: bool, answered: int, probs: dict[RoleId, float],
    ranking: tuple[RoleId, ...],
) -> tuple[Band, tuple[RoleId, RoleId] | None]:
    """:func:`band_of` from per-role rating counts, the straight-lining flag and the number answered."""
    rated = False
    for role in counts:
        mean = mean_rating(role)
        if mean is not None:
            if mean >= th.NEUTRAL:
                break
            rated = True
    else:
        if rated:  # every role that has ratings is rated below neutral on average
            return "low_interest", None
    if straight or answered < th.MIN_ANSWERED:
        return "undifferentiated", None
    p1, p2 = probs[ranking[0]], probs[ranking[1]]
    if p1 >= th.CLEAR:
        return "clear", None
    if p1 >= th.LEANING:
        return "leaning", None
    if p1 + p2 >= th.CLOSE_CALL_PAIR:
        return "close_call", (ranking[0], ranking[1])
    return "undifferentiated", None


Ranked = tuple[dict[RoleId, float], dict[RoleId, float], tuple[RoleId, RoleId, RoleId], tuple[tuple[RoleId, ...], ...]]
"""Probabilities, scores, ranking and tied groups."""


def ranked(top: Sequence[float], points: Sequence[int], possible: Sequence[int], picks: Sequence[int]) -> Ranked:
    """Rounded probabilities, scores, the ranking (by probability, then score, then role order) and ties."""
    digits = th.PROBABILITY_DIGITS
    p = (round(top[0], digits), round(top[1], digits), round(top[2], digits))
    triads = picks[0] + picks[1] + picks[2]
    s = [role_score(points[i], possible[i], picks[i], triads) for i in range(3)]
    probs: dict[RoleId, float] = dict(zip(ROLE_IDS, p, strict=True))
    scores: dict[RoleId, float] = dict(zip(ROLE_IDS, s, strict=True))
    order = sorted(((-p[0], -s[0], 0), (-p[1], -s[1], 1), (-p[2], -s[2], 2)))
    ranking = (ROLE_IDS[order[0][2]], ROLE_IDS[order[1][2]], ROLE_IDS[order[2][2]])
    if p[0] != p[1] and p[1] != p[2] and p[0] != p[2]:
        return probs, scores, ranking, ()
    groups: list[tuple[RoleId, ...]] = []
    for r in ranking:
        if any(r in g for g in groups):
            continue
        same = tuple(q for q in ranking if probs[q] == probs[r])
        if len(same) > 1:
            groups.append(same)
    return probs, scores, ranking, tuple(groups)


def numbers_from_tally(t: Tally, total: int, post: Posterior | None = None) -> Numbers:
    """Scores, probabilities, ranking, ties and band for one tally (``post``: its posterior, if already fitted)."""
    post = posterior(t.stats) if post is None else post
    probs, scores, ranking, groups = ranked(post.top, t.points, t.possible, t.picks)
    band, pair = band_of(t, probs, ranking)
    return Numbers(ranking, groups, scores, probs, band, pair, t.answered, total, t, post)


def score_numbers(bank: Bank, answers: Answers | dict[str, int | str]) -> Numbers:
    """The numbers of a result without explanations: the fast path for batches and simulations.

    ``answers`` must already fit the bank (see :func:`scoring.answers.check_answers`).
    """
    idx = index(bank)
    raw = answers.answers if isinstance(answers, Answers) else answers
    return numbers_from_tally(tally(idx, raw), len(idx.items))


def score_numbers_many(bank: Bank, many: Sequence[Answers | dict[str, int | str]]) -> list[Numbers]:
    """:func:`score_numbers` of many answer sets, their posteriors fitted together (each exactly as alone)."""
    idx = index(bank)
    tallies = [tally(idx, a.answers if isinstance(a, Answers) else a) for a in many]
    posts = posteriors([t.stats for t in tallies])
    return [numbers_from_tally(t, len(idx.items), p) for t, p in zip(tallies, posts, strict=True)]


def median_seconds(timings: dict[str, float]) -> float | None:
    """Median seconds per timed item, or None when too few items were timed to judge."""
    if len(timings) < th.TOO_FAST_MIN_TIMED:
        return None
    return float(median(timings.values()))
