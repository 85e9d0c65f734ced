"""The quiz in progress: answers, position and timings, saved after every answer and offered for resume.

:class:`Session` is a frozen model; each change returns a new one. :func:`reconcile` fits a save from another
version of the bank: it keeps every answer that still fits and says what changed. The save file itself
(one per bank, one writer, kept aside when unusable) is :class:`~quiz.store.SessionStore`'s, in
:mod:`quiz.store`. Nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from questions.safe_text import shown
from questions.schema import Bank, Lang, Migration
from quiz.clock import utcnow
from scoring.answers import AnswerValue, valid_answer

SESSION_SCHEMA: Literal[2] = 2
"""Version of the session file; a file with a version not in :data:`READABLE_SESSION_SCHEMAS` is kept aside,
not guessed at.

- 1: one ``session.json`` shared by every bank (a custom bank's progress displaced the main quiz's).
- 2: one save per bank id (``session.json`` for the shipped bank, ``session.<bank id>.json`` for another),
  one window writing it at a time; and the form being taken (``mode``, and ``asked``: the short form's order).
  A version 1 file is read as a full-form version 2 session and written back as one, after
  :class:`~quiz.store.SessionStore` has moved another bank's save to its own file.
"""

READABLE_SESSION_SCHEMAS = (1, 2)

FormMode = Literal["full", "adaptive"]
"""Which form is being taken: the full quiz (every question) or the adaptive short form."""

MAX_SESSION_BYTES = 1_000_000
"""A session file is a few kilobytes; anything this big is not one of ours."""

class BankStamp(BaseModel):
    """Which bank the answers belong to, and its item ids (to tell what changed in a newer bank)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    version: str
    items: tuple[str, ...] = ()
    """The bank's item ids when the session was saved."""

    @classmethod
    def of(cls, bank: Bank) -> BankStamp:
        """The stamp of ``bank``."""
        return cls(id=bank.id, version=bank.version, items=tuple(i.id for i in bank.items))


class Session(BaseModel):
    """One person's quiz in progress.

    Version 2 adds ``mode`` and ``asked``; a version-1 file (every save before the short form) is read as a
    full-form session with nothing in ``asked`` (:meth:`_from_version_1`), and saved as version 2.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[2] = SESSION_SCHEMA
    """Always :data:`SESSION_SCHEMA` once read: a version 1 file is migrated as it is read."""
    bank: BankStamp
    lang: Lang
    mode: FormMode = "full"
    """The form being taken; the short form becomes the full one when the person answers the rest."""
    asked: tuple[str, ...] = ()
    """The short form's questions in the order it asked them (answered or skipped). Kept when the person goes
    on to the full form, whose other questions then follow in bank order; empty for a quiz begun in full."""
    answers: dict[str, AnswerValue] = Field(default_factory=dict)
    skipped: tuple[str, ...] = ()
    """Items passed over with the skip key and still unanswered, in the order they were skipped."""
    position: int = Field(default=0, ge=0)
    """Index (in bank order) of the question on screen."""
    timings: dict[str, float] = Field(default_factory=dict)
    """Seconds spent on each item, summed over visits."""
    started: datetime
    updated: datetime

    @model_validator(mode="before")
    @classmethod
    def _from_version_1(cls, data: Any) -> Any:
        """A version-1 session (no ``schema_version`` counts as 1) is a full-form session of version 2."""
        if isinstance(data, dict) and data.get("schema_version", 1) == 1 and "mode" not in data:
            return {**data, "schema_version": SESSION_SCHEMA, "mode": "full"}
        return data

    @classmethod
    def new(cls, bank: Bank, lang: Lang, now: datetime | None = None, mode: FormMode = "full") -> Session:
        """An empty session for ``bank``, taking the ``mode`` form."""
        when = now or utcnow()
        return cls(bank=BankStamp.of(bank), lang=lang, mode=mode, started=when, updated=when)

    def _asked_with(self, item_id: str) -> tuple[str, ...]:
        """``asked`` after ``item_id`` was answered or skipped (recorded only while taking the short form)."""
        if self.mode != "adaptive" or item_id in self.asked:
            return self.asked
        return (*self.asked, item_id)

    def answer(self, item_id: str, value: AnswerValue, seconds: float, now: datetime | None = None) -> Session:
        """This session with ``item_id`` answered ``value`` (replacing an earlier answer)."""
        answers = {**self.answers, item_id: value}
        timings = {**self.timings, item_id: round(self.timings.get(item_id, 0.0) + max(seconds, 0.0), 3)}
        skipped = tuple(s for s in self.skipped if s != item_id)
        return self.model_copy(update={"answers": answers, "timings": timings, "skipped": skipped,
                                       "asked": self._asked_with(item_id), "updated": now or utcnow()})

    def skip(self, item_id: str, seconds: float = 0.0, now: datetime | None = None) -> Session:
        """This session with ``item_id`` marked skipped (an earlier answer to it is removed)."""
        answers = {k: v for k, v in self.answers.items() if k != item_id}
        skipped = (*tuple(s for s in self.skipped if s != item_id), item_id)
        timings = dict(self.timings)
        if seconds > 0:
            timings[item_id] = round(timings.get(item_id, 0.0) + seconds, 3)
        return self.model_copy(update={"answers": answers, "skipped": skipped, "timings": timings,
                                       "asked": self._asked_with(item_id), "updated": now or utcnow()})

    def as_full(self) -> Session:
        """This session going on as the full form (answers, skips and the short form's order kept)."""
        return self.model_copy(update={"mode": "full"})

    def at(self, position: int) -> Session:
        """This session showing question ``position``."""
        return self.model_copy(update={"position": max(position, 0)})

    def with_lang(self, lang: Lang) -> Session:
        """This session with the display language ``lang`` (answers untouched)."""
        return self.model_copy(update={"lang": lang})

    def unanswered(self, bank: Bank) -> list[str]:
        """Ids of the bank's items without an answer, in bank order."""
        return [i.id for i in bank.items if i.id not in self.answers]


@dataclass(frozen=True)
class Notice:
    """A one-line message for the person, as a translation key and its values."""

    key: str
    values: dict[str, str | int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Values can come from a damaged file (another bank's id, an OS error): keep the notice one short line.
        clean = {k: shown(v, NOTICE_VALUE_MAX, fold=True) if isinstance(v, str) else v for k, v in self.values.items()}
        object.__setattr__(self, "values", clean)


NOTICE_VALUE_MAX = 120
"""Longest value quoted in a notice; a longer one is cut with an ellipsis."""


@dataclass(frozen=True)
class LoadOutcome:
    """What the store found (:mod:`quiz.store`): a usable session (or None) and, if something was odd, a notice."""

    session: Session | None
    notice: Notice | None = None
    in_use: bool = False
    """The save is held by another window (:meth:`~quiz.store.SessionStore.start`): this one must not run the quiz."""


def reconcile(session: Session, bank: Bank) -> tuple[Session, Notice | None]:
    """Fit a saved session to ``bank``: keep the answers that still fit, say what changed.

    A session from the same bank id and version is returned unchanged (answers are still checked, so a
    hand-edited file cannot carry an invalid value into scoring). A session from a version the bank lists
    under ``migrations`` keeps exactly the answers of the items whose meaning was kept, under their new ids
    and option ids; every other item is asked afresh. From any other version, answers to ids that still
    exist and still fit are kept.
    """
    items = {i.id: i for i in bank.items}
    migration = _migration_for(session, bank)
    if migration is not None:
        old_answers, old_timings, old_skipped = _translate(session, migration)
        old_items = set(session.bank.items) or set(session.answers)
        added = len([i for i in items if i not in set(migration.items.values())])
        removed = len([i for i in old_items if i not in migration.items])
    else:
        old_answers, old_timings, old_skipped = session.answers, session.timings, session.skipped
        old_items = set(session.bank.items) or set(session.answers)
        added = len([i for i in items if i not in old_items])
        removed = len([i for i in old_items if i not in items])
    answers = {k: v for k, v in old_answers.items() if k in items and valid_answer(items[k], v)}
    timings = {k: v for k, v in old_timings.items() if k in items and v >= 0}
    skipped = tuple(s for s in old_skipped if s in items and s not in answers)
    old_asked = session.asked if migration is None else tuple(migration.items.get(k, "") for k in session.asked)
    asked = tuple(k for k in dict.fromkeys(old_asked) if k in answers or k in skipped)  # the short form's order
    if migration is not None:  # the old position indexes the old order: go to the first question left
        position = next((n for n, i in enumerate(bank.items) if i.id not in answers), len(bank.items) - 1)
    else:
        position = min(session.position, len(bank.items) - 1)
    same = session.bank.id == bank.id and session.bank.version == bank.version
    dropped = len(session.answers) - len(answers)
    fitted = session.model_copy(
        update={"answers": answers, "timings": timings, "skipped": skipped, "asked": asked, "position": position,
                "bank": BankStamp.of(bank)}
    )
    if same and dropped == 0:
        return fitted, None
    values: dict[str, str | int] = {"old": session.bank.version, "new": bank.version, "added": added,
                                    "removed": removed, "kept": len(answers), "dropped": dropped}
    return fitted, Notice("session.bank_changed", values)


def _migration_for(session: Session, bank: Bank) -> Migration | None:
    """The bank's migration from the session's bank version, if the session is of this bank and one exists."""
    if session.bank.id != bank.id or session.bank.version == bank.version:
        return None
    return next((m for m in bank.migrations if m.from_version == session.bank.version), None)


def _translate(
    session: Session, migration: Migration
) -> tuple[dict[str, AnswerValue], dict[str, float], tuple[str, ...]]:
    """The session's answers, timings and skips under the new ids; anything not kept is left out."""
    answers: dict[str, AnswerValue] = {}
    for old, value in session.answers.items():
        new = migration.items.get(old)
        if new is None:
            continue
        if isinstance(value, str):
            option = migration.options.get(old, {}).get(value)
            if option is not None:
                answers[new] = option
        else:
            answers[new] = value
    timings = {migration.items[k]: v for k, v in session.timings.items() if k in migration.items}
    skipped = tuple(migration.items[k] for k in session.skipped if k in migration.items)
    return answers, timings, skipped


__all__ = ["BankStamp", "LoadOutcome", "Notice", "READABLE_SESSION_SCHEMAS", "SESSION_SCHEMA", "Session", "reconcile"]
