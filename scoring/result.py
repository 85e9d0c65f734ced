"""The result of scoring one person, and the versioned document it is exported as (schema version 2).

Everything here is data: frozen pydantic models, no I/O. Numbers are language-independent and finite
(NaN and infinity are refused on reading, so a file can never make a renderer fail); every text a person
reads is a :class:`~questions.schema.Text` carrying both languages, so switching language never
re-scores. Version-1 documents are read by :mod:`scoring.result_v1` and :mod:`scoring.document`.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, FiniteFloat

from questions.schema import Citation, Identifier, Lang, RoleId, Text, Version
from scoring.answers import AnswerValue as AnswerValue  # re-exported: change.py and older callers import it here

Band = Literal["clear", "leaning", "close_call", "undifferentiated", "low_interest"]
"""How sure the order is, by the top role's probability (kept from version 1; cuts in :mod:`scoring.thresholds`)."""

StrengthLevel = Literal["slight", "moderate", "strong"]
"""How much more the top role's work is liked than the next role's (cuts in :mod:`scoring.thresholds`)."""

Shape = Literal["single", "hybrid", "all_round", "undifferentiated", "low_interest", "insufficient"]
"""The profile's shape: how the three roles stand to each other (rules in :mod:`scoring.profile`)."""

FlagKind = Literal["straight_lining", "too_fast", "many_skipped"]

Number = FiniteFloat
"""A float that is neither NaN nor infinite."""

Probability = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]

EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(2200, 1, 1, tzinfo=timezone.utc)


def _sane(moment: datetime) -> datetime:
    """A result date between 1970 and 2200 (so converting it to local time can never overflow)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
    if not EARLIEST <= aware < LATEST:
        raise ValueError("a result date must lie between 1970 and 2200")
    return moment


SaneDate = Annotated[datetime, AfterValidator(_sane)]


class Model(BaseModel):
    """Base for result models: frozen, unknown keys refused (so old/new files are detected)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Point(Model):
    """One sentence of an explanation and, where it draws on the articles, its citation(s)."""

    text: Text
    source: Citation | None = None
    also: tuple[Citation, ...] = ()
    """Further citations, e.g. one per article where no article compares the two roles directly."""


class DimensionResult(Model):
    """How one dimension came out for this person."""

    id: str
    name: Text
    scores: dict[RoleId, Number]
    """Per role, 0–100 on the same scale as the overall scores, from this dimension's items only."""
    favoured: RoleId | None
    """The role this dimension's answers favoured; None when two or more roles tie at the top."""
    margin: Number
    """Points (0–100) between the favoured role and the next one."""
    answered: int
    """How many of this dimension's items were answered."""
    answered_roles: tuple[RoleId, ...] = ()
    """Roles that some answer in this dimension bears on (a rating of the role, or any triad)."""


class Explanations(Model):
    """Why the result came out as it did, from this person's own answers."""

    headline: Text
    """The result in one line: the shape, the strength of preference and how reliable the ranking is."""
    profile: Text
    """What the profile's shape means for this person."""
    strength: Text | None
    """How much more the top role is liked than the next, in the answers' own units."""
    certainty: Text | None
    """How reliable the ranking is, as a percentage with its meaning in one sentence."""
    evidence: tuple[Point, ...]
    """What in the answers led to the ranking (triad tallies, strongest rating items)."""
    contrasts: tuple[Point, ...]
    """How the top role differs from the next on the dimensions where the answers diverged."""
    role_summary: Text
    role_strengths: tuple[Text, ...]
    growth_tips: tuple[Text, ...]
    disclaimer: Text


class AnswerChange(Model):
    """One answer the result rests on, and the answer that would move it."""

    item_id: str
    was: AnswerValue | None
    """The answer given (None when the item was skipped)."""
    to: AnswerValue
    text: Text
    """The answer as given, e.g. '“Plan a rollout schedule” (you rated it 5)'."""


class WhatWouldChange(Model):
    """The fewest answer changes found that would put ``role`` first on its own."""

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
    loading: Number
    prior_correlation: Number
    bias_sd: Number
    cuts: tuple[Number, ...]
    triad_scale: Number


class Strength(Model):
    """How much more the top role's work is liked than the next role's, in the answers' own units."""

    level: StrengthLevel
    roles: tuple[RoleId, RoleId]
    """The top role and the next one."""
    steps: Number
    """The gap in rating steps: the fit-score gap over 25 (a step is one point of the 1–5 scale)."""
    rating_gap: Number | None
    """Mean rating of the top role's activities minus the next one's (None when either has no rating)."""
    pick_gap: int
    """Triad picks of the top role minus the next one's."""
    triads: int
    """Triads answered."""


class Profile(Model):
    """The shape of the profile and how reliable that reading is."""

    shape: Shape
    roles: tuple[RoleId, ...] = ()
    """single: the role; hybrid: the pair, first role first; all_round: all three; otherwise none."""
    certainty: Probability | None = None
    """single: P(the role is the top role); hybrid: P(the pair are the top two); otherwise None."""
    more_needed: int | None = None
    """insufficient: how many more answers would give a result."""


class Form(Model):
    """Which form of the quiz produced the answers."""

    mode: Literal["full", "adaptive"] = "full"
    asked: int
    """Questions asked (the full form: the questions answered)."""


class Result(Model):
    """Scores, probabilities, strength, profile and explanations for one set of answers."""

    ranking: tuple[RoleId, RoleId, RoleId]
    """Roles by probability of being the top role; roles in one ``tied`` group are equally placed."""
    tied: tuple[tuple[RoleId, ...], ...] = ()
    """Groups of roles whose evidence is equal (never separated by list order)."""
    scores: dict[RoleId, Number]
    """Interest 0–100 per role: points earned over points possible on the answered items (a rating gives
    0..4 points of 4; a triad ``4w`` of ``4w``, ``w`` = :data:`scoring.thresholds.TRIAD_WEIGHT`)."""
    probabilities: dict[RoleId, Probability]
    """Probability that each role is the person's top role, under :attr:`model`; sums to 1."""
    band: Band
    close_call: tuple[RoleId, RoleId] | None = None
    """The two roles of a ``close_call`` band."""
    answered: int
    total: int
    strength: Strength | None
    """None when the answers are too few for a result."""
    profile: Profile
    form: Form
    dimensions: tuple[DimensionResult, ...]
    explanations: Explanations
    what_would_change: tuple[WhatWouldChange, ...]
    """For the role that would come first instead, when a few answers would do it (see :mod:`scoring.change`)."""
    quality_flags: tuple[QualityFlag, ...]
    model: ModelInfo

    @property
    def top(self) -> RoleId:
        """The first role of the ranking."""
        return self.ranking[0]


SCHEMA_VERSION: Literal[2] = 2
"""Version of :class:`ResultDocument`; bump it and add a migration when the shape changes."""

READABLE_VERSIONS = (1, 2)
"""Result file versions this program reads (1 through :mod:`scoring.result_v1`)."""


class BankRef(Model):
    """Which bank a result was scored with (an id and a version as a bank spells them, nothing else)."""

    id: Identifier
    version: Version


class ResultDocument(Model):
    """A result as exported to JSON; re-scorable because it carries the answers."""

    schema_version: Literal[2] = SCHEMA_VERSION
    created: SaneDate
    bank: BankRef
    lang: Lang
    answers: dict[str, AnswerValue]
    timings: dict[str, Annotated[float, Field(ge=0.0, allow_inf_nan=False)]] = Field(default_factory=dict)
    result: Result
