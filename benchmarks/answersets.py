"""Seeded, realistic answer sets for the scoring and batch benchmarks.

Each simulated person has a latent affinity per role (standard normal, correlated ρ = 0.3 through a shared
factor) and a personal agreement bias (sd 0.3). A rating item of role r is answered
``1 + #(λ·θ_r + bias + N(0,1) > c)`` over cuts −1.5, −0.5, 0.5, 1.5 with λ = 0.7; a triad is answered with
the option whose ``λ·θ_r + N(0,1)`` is largest. For variety a few people straight-line (same rating
throughout) and some skip items, and the language alternates, so scoring sees the cases it meets in a
real cohort rather than one repeated answer set.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CUTS = (-1.5, -0.5, 0.5, 1.5)
LOADING = 0.7
RHO = 0.3
BIAS_SD = 0.3
STRAIGHT_LINERS = 0.03
"""Share of people who give the same rating to every rating item."""
SKIPPERS = 0.15
"""Share of people who leave some items out."""
SKIP_RATE = 0.2
"""Share of items a skipper leaves out."""


def people(bank: Any, n: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """``n`` answers objects ``{lang, answers}`` for ``bank`` (a :class:`questions.schema.Bank`)."""
    rng = random.Random(seed)
    roles = [r.id for r in bank.roles]
    items = list(bank.items)
    shared_w, own_w = math.sqrt(RHO), math.sqrt(1 - RHO)
    for k in range(n):
        shared = rng.gauss(0, 1)
        theta = {r: shared_w * shared + own_w * rng.gauss(0, 1) for r in roles}
        bias = rng.gauss(0, BIAS_SD)
        straight = rng.random() < STRAIGHT_LINERS
        skip = SKIP_RATE if rng.random() < SKIPPERS else 0.0
        same = rng.randint(1, 5)
        answers: dict[str, int | str] = {}
        for item in items:
            if skip and rng.random() < skip:
                continue
            if item.kind == "rating":
                if straight:
                    answers[item.id] = same
                else:
                    latent = LOADING * theta[item.role] + bias + rng.gauss(0, 1)
                    answers[item.id] = 1 + sum(latent > c for c in CUTS)
            else:
                best = max(item.options, key=lambda o: LOADING * theta[o.role] + rng.gauss(0, 1))
                answers[item.id] = best.id
        yield {"lang": "zh" if k % 2 else "en", "answers": answers}


def write_jsonl(bank: Any, path: Path, n: int, seed: int = 7) -> int:
    """Write ``n`` answers objects to ``path``, one JSON object per line; returns the file size in bytes."""
    with path.open("w", encoding="utf-8") as fh:
        for person in people(bank, n, seed):
            fh.write(json.dumps(person, ensure_ascii=False, separators=(",", ":")))
            fh.write("\n")
    return path.stat().st_size
