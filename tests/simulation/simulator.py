"""The respondent simulator behind the simulation suite.

Model of a simulated person (exactly as stated in issue 3):

- latent affinities θ = (θ_im, θ_pm, θ_op) ~ N(0, R_ρ), unit variances and correlation ρ between roles;
- a personal agreement bias b ~ N(0, bias_sd²);
- a rating item of role r is answered ``1 + #(λ·θ_r + b + ε > c)`` over the cuts c = −1.5, −0.5, 0.5, 1.5,
  with a fresh ε ~ N(0, 1) per item;
- a triad is answered with the option whose ``λ·θ_r + ε_r`` is largest (fresh ε_r ~ N(0, 1) per option);
- the person's true top role is the role with the largest θ;
- optionally, each item is left unanswered with a fixed chance (missing completely at random).

The simulator knows nothing of the scorer: it only sees the bank's structure (which role each rating item
and each triad option belongs to). It is seeded (``random.Random``) and pure Python.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass

from questions.schema import ROLE_IDS, Bank, ChoiceItem, RatingItem

CUTS = (-1.5, -0.5, 0.5, 1.5)


@dataclass(frozen=True)
class Setting:
    """One simulated population."""

    rho: float = 0.3
    loading: float = 0.7
    bias_sd: float = 0.3
    people: int = 20_000
    seed: int = 1
    preference: bool = True
    """False: everyone has θ = 0 (no real preference), e.g. for the agreement-bias check."""
    skip: float = 0.0
    """Chance that a person leaves an item unanswered (independently per item, at random)."""


@dataclass(frozen=True)
class Person:
    """One simulated respondent: the truth and the answers."""

    theta: tuple[float, float, float]
    bias: float
    answers: dict[str, int | str]

    @property
    def true_top(self) -> str:
        """The role with the largest θ."""
        return ROLE_IDS[max(range(3), key=lambda r: self.theta[r])]


def _structure(bank: Bank) -> list[tuple[str, int, dict[int, str]]]:
    out: list[tuple[str, int, dict[int, str]]] = []
    for item in bank.items:
        if isinstance(item, RatingItem):
            out.append((item.id, ROLE_IDS.index(item.role), {}))
        elif isinstance(item, ChoiceItem):
            out.append((item.id, -1, {ROLE_IDS.index(o.role): o.id for o in item.options}))
    return out


def _cholesky_equicorrelation(rho: float) -> list[list[float]]:
    a = [[1.0 if i == j else rho for j in range(3)] for i in range(3)]
    low = [[0.0] * 3 for _ in range(3)]
    for i in range(3):
        for j in range(i + 1):
            s = a[i][j] - sum(low[i][k] * low[j][k] for k in range(j))
            low[i][j] = math.sqrt(s) if i == j else s / low[j][j]
    return low


def people(bank: Bank, setting: Setting) -> Iterator[Person]:
    """``setting.people`` simulated respondents, reproducibly from ``setting.seed``."""
    rng = random.Random(setting.seed)
    gauss = rng.gauss
    low = _cholesky_equicorrelation(setting.rho)
    items = _structure(bank)
    lam = setting.loading
    for _ in range(setting.people):
        if setting.preference:
            z = [gauss(0.0, 1.0) for _ in range(3)]
            theta = tuple(sum(low[i][k] * z[k] for k in range(3)) for i in range(3))
        else:
            theta = (0.0, 0.0, 0.0)
        bias = gauss(0.0, setting.bias_sd) if setting.bias_sd > 0 else 0.0
        answers: dict[str, int | str] = {}
        for item_id, role, options in items:
            if setting.skip and rng.random() < setting.skip:
                continue
            if role >= 0:
                latent = lam * theta[role] + bias + gauss(0.0, 1.0)
                answers[item_id] = 1 + sum(1 for c in CUTS if latent > c)
            else:
                best = max(range(3), key=lambda r: lam * theta[r] + gauss(0.0, 1.0))
                answers[item_id] = options[best]
        yield Person(theta=(theta[0], theta[1], theta[2]), bias=bias, answers=answers)


def random_answers(bank: Bank, count: int, seed: int) -> Iterator[dict[str, int | str]]:
    """Uniformly random answers: every rating 1..5 and every triad option equally likely."""
    rng = random.Random(seed)
    items = _structure(bank)
    for _ in range(count):
        yield {
            item_id: (rng.randint(1, 5) if role >= 0 else options[rng.randrange(3)])
            for item_id, role, options in items
        }
