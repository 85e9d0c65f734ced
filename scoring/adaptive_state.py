"""The adaptive form's view of one person's answers, and its rules for which item of a kind comes next.

Private to :mod:`scoring.adaptive` (which states the rules); split out to keep each module small.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from questions.schema import ROLE_IDS, Bank
from scoring.kinds import TRIAD

if TYPE_CHECKING:
    from scoring.engine import BankIndex, ItemInfo, Numbers


@dataclass(frozen=True)
class State:
    """One person's answers as the selector sees them: their numbers and what is left to ask."""

    idx: BankIndex
    numbers: Numbers
    free: tuple[tuple[ItemInfo, ...], ...]
    """Per kind (rating of role 0..2, triad), the items neither answered nor skipped, in bank order."""
    touch: dict[str, list[int]]
    """Per dimension, answers bearing on each role (a triad bears on all three) and, last, all answers."""
    asked: int
    sizes: tuple[int, int, int, int]
    """Per kind, the bank's items."""



def states(bank: Bank, many: Sequence[tuple[Mapping[str, int | str], Iterable[str]]]) -> list[State]:
    """Each person's state, their posteriors fitted together (each exactly as alone)."""
    from scoring.engine import index, numbers_from_tally, tally
    from scoring.model import posterior, posteriors

    idx = index(bank)
    kinds = [TRIAD if item.kind == "choice" else item.role for item in idx.items]
    sizes = (kinds.count(0), kinds.count(1), kinds.count(2), kinds.count(TRIAD))
    parts = []
    for answers, skipped in many:
        gone = set(skipped) | set(answers)
        free: list[list[ItemInfo]] = [[], [], [], []]
        touch = {item.dimension: [0, 0, 0, 0] for item in idx.items}
        for item, kind in zip(idx.items, kinds, strict=True):
            if item.id not in gone:
                free[kind].append(item)
            elif item.id in answers:
                row = touch[item.dimension]
                for r in range(3):
                    row[r] += 1 if kind in (r, TRIAD) else 0
                row[3] += 1
        asked = len(idx.items) - len(free[0]) - len(free[1]) - len(free[2]) - len(free[3])
        parts.append((tally(idx, dict(answers)), tuple(tuple(f) for f in free), touch, asked))
    stats = [t.stats for t, _, _, _ in parts]
    posts = [posterior(stats[0])] if len(stats) == 1 else posteriors(stats)  # one person: the memoised fit
    return [State(idx, numbers_from_tally(t, len(idx.items), post), free, touch, asked, sizes)
            for (t, free, touch, asked), post in zip(parts, posts, strict=True)]


def start_item(st: State) -> ItemInfo | None:
    """The next item of the balanced start, or None when the start is complete.

    Each role gets ratings until ⌈dimensions / 3⌉ of them are answered (a skipped one is replaced, up to as
    many replacements as that), the role with the fewest answered first, each in a dimension nothing has
    touched yet where possible (dimensions without a triad first, so triads can fill the rest); then every
    dimension still without an answer gets one of its items, a triad if it has one.
    """
    per_role = math.ceil(len(st.touch) / 3)
    rated = [sum(st.numbers.tally.counts[r]) for r in range(3)]
    asked = [st.sizes[r] - len(st.free[r]) for r in range(3)]
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


def leaders(st: State) -> tuple[int, int]:
    return ROLE_IDS.index(st.numbers.ranking[0]), ROLE_IDS.index(st.numbers.ranking[1])


def shared(st: State) -> int:
    a, b = leaders(st)
    return sum(1 for row in st.touch.values() if row[a] and row[b])


def adds_shared(st: State, item: ItemInfo) -> bool:
    a, b = leaders(st)
    row = st.touch[item.dimension]
    return not (row[a] and row[b]) and (item.kind == "choice" or (item.role == a and row[b] > 0)
                                         or (item.role == b and row[a] > 0))


def _pick(st: State, kind: int, allowed: tuple[ItemInfo, ...]) -> ItemInfo:
    """The item of ``kind`` that best spreads its role's answers over the dimensions."""
    a, b = leaders(st)
    partner = b if kind == a else a

    def key(item: ItemInfo) -> tuple[int, int, int]:
        row = st.touch[item.dimension]
        own = row[3] if kind == TRIAD else row[kind]
        return own, 0 if kind != TRIAD and row[partner] else 1, row[3]

    return min(allowed, key=key)  # min keeps the first (bank order) among equal keys


def select(st: State, entropies: Sequence[float], only: list[ItemInfo] | None = None) -> ItemInfo:
    """The most informative item (lowest expected top-role entropy of its kind), among ``only`` when given."""
    ids = None if only is None else {i.id for i in only}
    pools = [tuple(i for i in st.free[k] if ids is None or i.id in ids) for k in range(4)]
    kinds = [k for k in range(4) if pools[k]]
    best = min(kinds, key=lambda k: (entropies[k], k))
    return _pick(st, best, pools[best])
