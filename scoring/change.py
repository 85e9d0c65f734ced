"""How firm a result is: the fewest answer changes found that would put another role first.

The result says which answers it rests on ("if you feel differently about them, X would come first"),
and only when a few answers would do it; it never words them as instructions to change an answer.

A greedy search, one change at a time. Candidate changes are: rate an item of the wanted role 5, rate an
item of another role 1, or pick the wanted role's option in a triad (an item is changed at most once).
Each candidate's effect is estimated from the current Laplace posterior (a one-step Newton update:
Δmode ≈ H⁻¹ Δgradient) as the wanted role's lead over the nearer of the two other roles after the change;
the candidate with the largest lead is applied and the answers are re-scored exactly. The search stops
when the wanted role is first (alone, not tied), or says so when no set of up to ``MAX_CHANGES`` changes
was found. Changes that the others turn out not to need are then dropped, so every change named is
necessary.
"""

from __future__ import annotations

import math

from questions.schema import ROLE_IDS, Bank, ChoiceItem, RoleId
from scoring import thresholds as th
from scoring.catalog import Catalog
from scoring.engine import BankIndex, Numbers, Tally, numbers_from_tally, with_change
from scoring.model import fit, level_slopes
from scoring.result import AnswerChange, AnswerValue, Profile, WhatWouldChange
from scoring.wording import fill, role_name

Change = tuple[str, AnswerValue | None, AnswerValue]


def is_first(n: Numbers, role: str) -> bool:
    """True when ``role`` is first on its own (not tied with another role)."""
    return n.ranking[0] == role and not any(role in g for g in n.tied)


def _best_change(idx: BankIndex, answers: dict[str, int | str], mode: tuple[float, ...],
                 cov: tuple[tuple[float, ...], ...], target: int, used: set[str]) -> Change | None:
    others = [r for r in range(3) if r != target]
    eta = [th.LOADING * mode[r] + mode[3] for r in range(3)]
    slope = [level_slopes(eta[r]) for r in range(3)]
    top = max(mode[:3])
    ex = [math.exp(th.TRIAD_SCALE * (mode[r] - top)) for r in range(3)]
    soft = [e / sum(ex) for e in ex]
    best: Change | None = None
    best_lead = min(mode[target] - mode[r] for r in others)
    for item in idx.items:
        if item.id in used:
            continue
        was = answers.get(item.id)
        grad = [0.0, 0.0, 0.0, 0.0]
        if item.kind == "rating":
            to: AnswerValue = 5 if item.role == target else 1
            if was == to:
                continue
            d_eta = slope[item.role][int(to) - 1] - (slope[item.role][int(was) - 1] if was is not None else 0.0)
            grad[item.role] = th.LOADING * d_eta
            grad[3] = d_eta
        else:
            to = next(o for o, r in item.options.items() if r == target)
            if was == to:
                continue
            grad[target] += th.TRIAD_SCALE
            if was is not None:
                grad[item.options[str(was)]] -= th.TRIAD_SCALE
            else:
                for r in range(3):
                    grad[r] -= th.TRIAD_SCALE * soft[r]
        shift = [sum(cov[i][j] * grad[j] for j in range(4)) for i in range(3)]
        lead = min(mode[target] + shift[target] - mode[r] - shift[r] for r in others)
        if lead > best_lead + 1e-12:
            best, best_lead = (item.id, was, to), lead
    return best


def search(idx: BankIndex, answers: dict[str, int | str], n: Numbers, role: str) -> tuple[Change, ...] | None:
    """The changes found that put ``role`` first, or None if none within ``MAX_CHANGES``."""
    target = ROLE_IDS.index(role)
    current = dict(answers)
    counted = n.tally
    used: set[str] = set()
    changes: list[Change] = []
    mode, cov = n.posterior.mode, n.posterior.covariance
    while True:
        # The exact test (top-role probabilities) is only worth computing once the role leads on the mode.
        if changes and _leads(counted, target, n.total, role):
            break
        if len(changes) >= th.MAX_CHANGES:
            return None
        change = _best_change(idx, current, mode, cov, target, used)
        if change is None:
            return None
        item_id, was, to = change
        used.add(item_id)
        current[item_id] = to
        changes.append(change)
        counted = with_change(counted, idx.by_id[item_id], was, to)
        mode, cov = fit(counted.stats)
    return _prune(idx, n.tally, changes, role, n.total)


def _leads(t: Tally, target: int, total: int, role: str) -> bool:
    """Whether ``role`` is first on its own for tally ``t`` (the cheap mode test first, then the exact one)."""
    mode, _ = fit(t.stats)
    if mode[target] <= max(mode[r] for r in range(3) if r != target):
        return False
    return is_first(numbers_from_tally(t, total), role)


def _prune(idx: BankIndex, base: Tally, changes: list[Change], role: str, total: int) -> tuple[Change, ...]:
    """Drop every change the others do not need, so that each change left is necessary."""
    target = ROLE_IDS.index(role)
    kept = list(changes)
    for change in changes:
        if len(kept) == 1:
            break
        trial = [c for c in kept if c is not change]
        t = base
        for item_id, was, to in trial:
            t = with_change(t, idx.by_id[item_id], was, to)
        if _leads(t, target, total, role):
            kept = trial
    return tuple(kept)


def _describe(s: Catalog, bank: Bank, change: Change) -> AnswerChange:
    """The answer the result rests on, as the person gave it (never as an instruction to change it)."""
    item_id, was, to = change
    item = bank.item(item_id)
    assert item is not None
    if was is None:
        text = fill(s, "change.skipped", item=item.text)
    elif isinstance(item, ChoiceItem):
        old = item.option(str(was))
        assert old is not None
        text = fill(s, "change.gave_pick", item=item.text, was=old.text)
    else:
        text = fill(s, "change.gave_rating", item=item.text, was=was)
    return AnswerChange(item_id=item_id, was=was, to=to, text=text)


def contenders(n: Numbers, shape: Profile) -> tuple[RoleId, ...]:
    """The roles worth asking about: for a single-role reading, the role that would come first instead.

    With a tie for first, every tied role (each would then come first on its own); otherwise the next role.
    A hybrid reading already says that the order of its two roles is not settled, so nothing is searched.
    """
    if shape.shape != "single":
        return ()
    for group in n.tied:
        if n.ranking[0] in group:
            return group
    return (n.ranking[1],)


def what_would_change(
    s: Catalog, bank: Bank, idx: BankIndex, answers: dict[str, int | str], n: Numbers, shape: Profile
) -> tuple[WhatWouldChange, ...]:
    """How firm the result is: the few answers it rests on, for each contender (empty when it is firm).

    Only shown where it helps: when at most ``FIRM_CHANGES`` answers would put the contender first.
    """
    out = []
    for role in contenders(n, shape):
        found = search(idx, answers, n, role)
        if found is None or len(found) > th.FIRM_CHANGES:
            continue
        alone = "_alone" if any(role in g for g in n.tied) else ""
        key = ("change.summary_one" if len(found) == 1 else "change.summary") + alone
        out.append(WhatWouldChange(role=role, changes=tuple(_describe(s, bank, c) for c in found),
                                   summary=fill(s, key, n=len(found), role=role_name(bank, role))))
    return tuple(out)
