"""The result of scoring one person, and the versioned document it is exported as.

Everything here is data: frozen pydantic models, no I/O. Numbers are language-independent; every text a
person reads is a :class:`~questions.schema.Text` carrying both languages, so switching language never
re-scores.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from questions.schema import Citation, Lang, RoleId, Text
from scoring.answers import AnswerValue as AnswerValue  # re-exported: change.py and older callers import it here

Band = Literal["clear", "leaning", "close_call", "undifferentiated", "low_interest"]
"""How decisive the result is; thresholds live in :mod:`scoring.thresholds`."""

FlagKind = Literal["straight_lining", "too_fast", "many_skipped"]


class Model(BaseModel):
    """Base for result models: frozen, unknown keys refused (so old/new files are detected)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Point(Model):
    """One sentence of an explanation and, where it draws on the articles, its citation."""

    text: Text
    source: Citation | None = None


class DimensionResult(Model):
    """How one dimension came out for this person."""

    id: str
    name: Text
    scores: dict[RoleId, float]
    """Per role, 0–100 on the same scale as the overall scores, from this dimension's items only."""
    favoured: RoleId | None
    """The role this dimension's answers favoured; None when two or more roles tie at the top."""
    margin: float
    """Points (0–100) between the favoured role and the next one."""
    answered: int
    """How many of this dimension's items were answered."""


class Explanations(Model):
    """Why the result came out as it did, from this person's own answers."""

    headline: Text
    band_meaning: Text
    evidence: tuple[Point, ...]
    """What in the answers led to the ranking (triad tallies, strongest rating items)."""
    contrasts: tuple[Point, ...]
    """How the top role differs from the runner-up on the dimensions where the answers diverged."""
    role_summary: Text
    role_strengths: tuple[Text, ...]
    growth_tips: tuple[Text, ...]
    disclaimer: Text


class AnswerChange(Model):
    """One answer that would have to be different."""

    item_id: str
    was: AnswerValue | None
    """The answer given (None when the item was skipped)."""
    to: AnswerValue
    text: Text
    """A readable description, e.g. 'rate "Plan a rollout schedule" 5 instead of 3'."""


class WhatWouldChange(Model):
    """The fewest answer changes found that would put ``role`` first."""

    role: RoleId
    changes: tuple[AnswerChange, ...]
    summary: Text


class QualityFlag(Model):
    """A reason to read the result with care. Flagged results are shown, never refused."""

    kind: FlagKind
    text: Text


class ModelInfo(Model):
    """The stated measurement model behind ``probabilities`` (so a reader can check the assumptions)."""

    name: str
    loading: float
    prior_correlation: float
    bias_sd: float
    cuts: tuple[float, ...]
    triad_scale: float


class Result(Model):
    """Scores, probabilities, band and explanations for one set of answers."""

    ranking: tuple[RoleId, RoleId, RoleId]
    """Roles by probability of being the top role; roles in one ``tied`` group are equally placed."""
    tied: tuple[tuple[RoleId, ...], ...] = ()
    """Groups of roles whose evidence is equal (never separated by list order)."""
    scores: dict[RoleId, float]
    """Fit 0–100 per role: points earned over points possible on the answered items (a rating gives 0..4
    points of 4; a triad ``4w`` of ``4w``, ``w`` = :data:`scoring.thresholds.TRIAD_WEIGHT`)."""
    probabilities: dict[RoleId, float]
    """Probability that each role is the person's top role, under :attr:`model`; sums to 1."""
    band: Band
    close_call: tuple[RoleId, RoleId] | None = None
    """The two roles of a ``close_call`` band."""
    answered: int
    total: int
    dimensions: tuple[DimensionResult, ...]
    explanations: Explanations
    what_would_change: tuple[WhatWouldChange, ...]
    quality_flags: tuple[QualityFlag, ...]
    model: ModelInfo

    @property
    def top(self) -> RoleId:
        """The first role of the ranking."""
        return self.ranking[0]


SCHEMA_VERSION: Literal[1] = 1
"""Version of :class:`ResultDocument`; bump it and add a migration when the shape changes."""


class BankRef(Model):
    """Which bank a result was scored with."""

    id: str
    version: str


class ResultDocument(Model):
    """A result as exported to JSON; re-scorable because it carries the answers."""

    schema_version: Literal[1] = SCHEMA_VERSION
    created: datetime
    bank: BankRef
    lang: Lang
    answers: dict[str, AnswerValue]
    timings: dict[str, float] = Field(default_factory=dict)
    result: Result
