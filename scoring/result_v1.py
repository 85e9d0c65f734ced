"""Result files of schema version 1, for reading only (``compare``, ``history`` and ``score`` accept them).

Version 1 had no strength, profile or form, and its explanations carried a ``band_meaning``. The shared
parts (dimensions, flags, model, bank) are read with today's models, which also refuse NaN, infinity and
dates outside 1970–2200 in old files. :func:`scoring.document.read_document` re-scores a version-1 file
when its bank is the one in use, and otherwise refuses it in one line naming the version.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from questions.schema import Lang, RoleId, Text
from scoring.result import (
    AnswerValue,
    Band,
    BankRef,
    DimensionResult,
    Model,
    ModelInfo,
    Number,
    Point,
    Probability,
    QualityFlag,
    SaneDate,
    WhatWouldChange,
)


class ExplanationsV1(Model):
    """Version-1 explanations."""

    headline: Text
    band_meaning: Text
    evidence: tuple[Point, ...]
    contrasts: tuple[Point, ...]
    role_summary: Text
    role_strengths: tuple[Text, ...]
    growth_tips: tuple[Text, ...]
    disclaimer: Text


class ResultV1(Model):
    """A version-1 result."""

    ranking: tuple[RoleId, RoleId, RoleId]
    tied: tuple[tuple[RoleId, ...], ...] = ()
    scores: dict[RoleId, Number]
    probabilities: dict[RoleId, Probability]
    band: Band
    close_call: tuple[RoleId, RoleId] | None = None
    answered: int
    total: int
    dimensions: tuple[DimensionResult, ...]
    explanations: ExplanationsV1
    what_would_change: tuple[WhatWouldChange, ...]
    quality_flags: tuple[QualityFlag, ...]
    model: ModelInfo

    @property
    def top(self) -> RoleId:
        """The first role of the ranking."""
        return self.ranking[0]


class ResultDocumentV1(Model):
    """A result file of schema version 1."""

    schema_version: Literal[1] = 1
    created: SaneDate
    bank: BankRef
    lang: Lang
    answers: dict[str, AnswerValue]
    timings: dict[str, Annotated[float, Field(ge=0.0, allow_inf_nan=False)]] = Field(default_factory=dict)
    result: ResultV1
