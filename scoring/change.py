"""What would change: the fewest answer changes found that would put another role first.

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

from questions.schema import ROLE_IDS, Bank, ChoiceItem
from scoring import thresholds as th
from scoring.catalog import Catalog
from scoring.engine import BankIndex, Numbers, Tally, numbers_from_tally, with_change
from scoring.explain import fill, role_name, sentence
from scoring.model import fit, level_slopes
from scoring.result import AnswerChange, AnswerValue, WhatWouldChange

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
    item_id, was, to = change
    item = bank.item(item_id)
    assert item is not None
    if isinstance(item, ChoiceItem):
        new = item.option(str(to))
        assert new is not None
        if was is None:
            text = fill(s, "change.pick_new", item=item.text, to=new.text)
        else:
            old = item.option(str(was))
            assert old is not None
            text = fill(s, "change.pick", item=item.text, to=new.text, was=old.text)
    elif was is None:
        text = fill(s, "change.rate_new", item=item.text, to=to)
    else:
        text = fill(s, "change.rate", item=item.text, to=to, was=was)
    return AnswerChange(item_id=item_id, was=was, to=to, text=sentence(text))


def what_would_change(
    s: Catalog, bank: Bank, idx: BankIndex, answers: dict[str, int | str], n: Numbers
) -> tuple[WhatWouldChange, ...]:
    """For each role that is not first, the fewest answer changes found that would put it first."""
    out = []
    for role in n.ranking:
        if is_first(n, role):
            continue
        found = search(idx, answers, n, role)
        name = role_name(bank, role)
        if found is None:
            out.append(WhatWouldChange(role=role, changes=(),
                                       summary=fill(s, "change.impossible", n=th.MAX_CHANGES, role=name)))
            continue
        key = "change.summary_one" if len(found) == 1 else "change.summary"
        out.append(WhatWouldChange(role=role, changes=tuple(_describe(s, bank, c) for c in found),
                                   summary=fill(s, key, n=len(found), role=name)))
    return tuple(out)
