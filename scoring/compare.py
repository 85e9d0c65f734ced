"""How two results differ: a pure comparison of two result documents (either schema version).

The earlier result (by ``created``) is "before" whatever the argument order. Scores, chances of being
first and places are compared for every role; the profile's shape and the strength of preference are
compared when both results carry them (version 2).
"""

from __future__ import annotations

from datetime import datetime, timezone

from pydantic import BaseModel, ConfigDict

from questions.schema import RoleId
from scoring.document import AnyDocument
from scoring.result import BankRef, Number, Probability, ResultDocument, Shape, StrengthLevel


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def places(ranking: tuple[RoleId, ...], tied: tuple[tuple[RoleId, ...], ...]) -> dict[RoleId, int]:
    """Each role's place (1-based); roles in one tied group share the better place."""
    out: dict[RoleId, int] = {}
    for n, role in enumerate(ranking, start=1):
        group = next((g for g in tied if role in g), (role,))
        out[role] = min((out[r] for r in group if r in out), default=n)
    return out


def moment(created: datetime) -> float:
    """``created`` as a POSIX time (a naive date is taken as UTC)."""
    aware = created if created.tzinfo is not None else created.replace(tzinfo=timezone.utc)
    return aware.timestamp()


class RoleChange(_Model):
    """How one role moved between two results."""

    role: RoleId
    score_before: Number
    score_after: Number
    probability_before: Probability
    probability_after: Probability
    place_before: int
    place_after: int

    @property
    def score_delta(self) -> float:
        """Change in interest score (points on 0–100)."""
        return self.score_after - self.score_before

    @property
    def probability_delta(self) -> float:
        """Change in the chance of being first (0–1)."""
        return self.probability_after - self.probability_before

    @property
    def places_up(self) -> int:
        """Places gained in the ranking (negative when the role dropped)."""
        return self.place_before - self.place_after


class Comparison(_Model):
    """How the scores, the ranking and the reading moved from an earlier result to a later one."""

    before_created: datetime
    after_created: datetime
    before_bank: BankRef
    after_bank: BankRef
    roles: tuple[RoleChange, ...]
    """In the later result's ranking order."""
    top_before: RoleId
    top_after: RoleId
    shape_before: Shape | None
    """None for a version-1 result that could not be re-scored."""
    shape_after: Shape | None
    strength_before: StrengthLevel | None
    strength_after: StrengthLevel | None
    named_before: tuple[RoleId, ...]
    """The roles the earlier result named (its profile's roles; a version-1 result: its top role)."""
    named_after: tuple[RoleId, ...]
    answered_both: int
    """Items answered in both results."""
    answers_changed: int
    """Of those, how many were answered differently."""
    swapped: bool = False
    """True when the files were given newest first and were put in date order."""

    @property
    def same_bank(self) -> bool:
        """Whether both results used the same bank id and version."""
        return self.before_bank == self.after_bank


def _reading(document: AnyDocument) -> tuple[Shape | None, StrengthLevel | None, tuple[RoleId, ...]]:
    if isinstance(document, ResultDocument):
        strength = document.result.strength
        profile = document.result.profile
        return profile.shape, strength.level if strength is not None else None, profile.roles
    return None, None, (document.result.top,)


def compare(a: AnyDocument, b: AnyDocument) -> Comparison:
    """Compare two results; the earlier one (by ``created``) is "before" whatever the argument order."""
    swapped = moment(b.created) < moment(a.created)
    before, after = (b, a) if swapped else (a, b)
    rb, ra = before.result, after.result
    where_before, where_after = places(rb.ranking, rb.tied), places(ra.ranking, ra.tied)
    roles = tuple(
        RoleChange(
            role=role,
            score_before=rb.scores.get(role, 0.0),
            score_after=ra.scores.get(role, 0.0),
            probability_before=rb.probabilities.get(role, 0.0),
            probability_after=ra.probabilities.get(role, 0.0),
            place_before=where_before.get(role, 3),
            place_after=where_after.get(role, 3),
        )
        for role in ra.ranking
    )
    both = [k for k in after.answers if k in before.answers]
    (shape_b, strength_b, named_b), (shape_a, strength_a, named_a) = _reading(before), _reading(after)
    return Comparison(
        before_created=before.created,
        after_created=after.created,
        before_bank=before.bank,
        after_bank=after.bank,
        roles=roles,
        top_before=rb.top,
        top_after=ra.top,
        shape_before=shape_b,
        shape_after=shape_a,
        strength_before=strength_b,
        strength_after=strength_a,
        named_before=named_b,
        named_after=named_a,
        answered_both=len(both),
        answers_changed=sum(1 for k in both if before.answers[k] != after.answers[k]),
        swapped=swapped,
    )
