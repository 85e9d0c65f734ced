"""What each screen shows, as frozen values built from the flow and the bank (no Textual here).

Screens receive one of these and render it in the current language; they never read the app's state.
Texts stay bilingual (:class:`~questions.schema.Text`) so that a language switch re-renders the same
view without asking the app again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the welcome and help screens import this before pydantic is loaded
    from questions.schema import Bank, ChoiceItem, RatingItem, Text
    from quiz.flow import Flow
    from quiz.session import Notice, Session
    from scoring.answers import AnswerValue


@dataclass(frozen=True)
class QuestionView:
    """One question on screen, with where it stands in the quiz."""

    index: int
    """Position in bank order (0-based)."""
    total: int
    answered: int
    item: RatingItem | ChoiceItem
    chosen: AnswerValue | None
    """The answer given earlier, marked and highlighted."""
    skipped: bool
    reviewing: bool
    """Answering a question picked from the review list."""


@dataclass(frozen=True)
class ReviewEntry:
    """One unanswered question in the review list."""

    item_id: str
    number: int
    """1-based position in the quiz."""
    dimension: Text
    text: Text


@dataclass(frozen=True)
class ReviewView:
    """The questions still unanswered, before the results."""

    total: int
    entries: tuple[ReviewEntry, ...]


@dataclass(frozen=True)
class RoleLine:
    """A role on the welcome screen: its name and one-line summary."""

    id: str
    name: Text
    summary: Text


@dataclass(frozen=True)
class WelcomeView:
    """The first screen: what the quiz is, how long it takes, and whether there is progress to resume."""

    title: Text
    roles: tuple[RoleLine, ...]
    items: int
    minutes: tuple[int, int]
    notice: Notice | None
    """Something odd found with the saved progress (kept aside, from another bank version…)."""
    resume_answered: int | None
    """Answers in the saved session offered for resume; None when there is none."""


@dataclass(frozen=True)
class HelpView:
    """Where the help screen says the data is kept."""

    session_file: Path
    data_folder: Path


def question_view(flow: Flow) -> QuestionView:
    """The question at the flow's position."""
    bank, session = flow.bank, flow.session
    item = bank.items[flow.position]
    return QuestionView(
        index=flow.position,
        total=len(bank.items),
        answered=len(session.answers),
        item=item,
        chosen=session.answers.get(item.id),
        skipped=item.id in session.skipped,
        reviewing=flow.reviewing,
    )


def review_view(flow: Flow) -> ReviewView:
    """The flow's unanswered questions."""
    bank = flow.bank
    index = {item.id: n for n, item in enumerate(bank.items)}
    entries = []
    for item_id in flow.missing():
        item = bank.items[index[item_id]]
        entries.append(ReviewEntry(item_id, index[item_id] + 1, bank.dimension(item.dimension).name, item.text))
    return ReviewView(total=len(bank.items), entries=tuple(entries))


def welcome_view(bank: Bank, saved: Session | None, notice: Notice | None) -> WelcomeView:
    """The welcome screen for ``bank``, offering ``saved`` for resume when there is one."""
    return WelcomeView(
        title=bank.title,
        roles=tuple(RoleLine(r.id, r.name, r.summary) for r in bank.roles),
        items=len(bank.items),
        minutes=bank.minutes,
        notice=notice,
        resume_answered=None if saved is None else len(saved.answers),
    )


__all__ = [
    "HelpView",
    "QuestionView",
    "ReviewEntry",
    "ReviewView",
    "RoleLine",
    "WelcomeView",
    "question_view",
    "review_view",
    "welcome_view",
]
