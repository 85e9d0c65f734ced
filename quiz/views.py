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
    from quiz.session import FormMode, Notice, Session
    from scoring.answers import AnswerValue


@dataclass(frozen=True)
class QuestionView:
    """One question on screen, with where it stands in the quiz."""

    index: int
    """Position in bank order (0-based)."""
    number: int
    """Place in the form being taken (1-based): the bank position in the full form, the order asked in the short."""
    total: int
    answered: int
    form: FormMode
    """The full form (``number`` of ``total``) or the short form (usually about ``expected`` questions)."""
    expected: int
    """How many questions the short form usually asks (see :func:`scoring.adaptive.expected_items`)."""
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
    """1-based place in the form being taken."""
    dimension: Text
    text: Text


@dataclass(frozen=True)
class ReviewView:
    """The questions still unanswered, before the results."""

    total: int
    """Questions in the form: the bank's, or those the short form asked."""
    entries: tuple[ReviewEntry, ...]
    short: bool = False
    """The short form's list: ``total`` counts the questions it has asked so far, not the bank's."""


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
    short_items: int
    """How many questions the short form usually asks."""
    notice: Notice | None
    """Something odd found with the saved progress (kept aside, from another bank version…)."""
    resume_answered: int | None
    """Answers in the saved session offered for resume; None when there is none."""
    resume_form: FormMode = "full"
    """The form the saved session is taking."""
    short_first: bool = False
    """The short form is the default choice (``career-fit --short``)."""


@dataclass(frozen=True)
class HelpView:
    """Where the help screen says the data is kept."""

    session_file: Path
    data_folder: Path


def _expected(bank: Bank) -> int:
    from scoring.adaptive import expected_items  # light: constants only, no model

    return expected_items(bank)


def question_view(flow: Flow) -> QuestionView:
    """The question at the flow's position."""
    from quiz.forms import number

    bank, session = flow.bank, flow.session
    item = bank.items[flow.position]
    return QuestionView(
        index=flow.position,
        number=number(flow.order, session, flow.position, len(bank.items)),
        total=len(bank.items),
        answered=len(session.answers),
        form=session.mode,
        expected=_expected(bank),
        item=item,
        chosen=session.answers.get(item.id),
        skipped=item.id in session.skipped,
        reviewing=flow.reviewing,
    )


def review_view(flow: Flow) -> ReviewView:
    """The flow's unanswered questions, numbered by their place in the form."""
    from quiz.forms import number

    bank, session = flow.bank, flow.session
    index = {item.id: n for n, item in enumerate(bank.items)}
    entries = []
    for item_id in flow.missing():
        item = bank.items[index[item_id]]
        place = number(flow.order, session, index[item_id], len(bank.items))
        entries.append(ReviewEntry(item_id, place, bank.dimension(item.dimension).name, item.text))
    total = len(bank.items) if session.mode == "full" else len(set(session.answers) | set(session.skipped))
    return ReviewView(total=total, entries=tuple(entries), short=session.mode != "full")


def welcome_view(bank: Bank, saved: Session | None, notice: Notice | None, *, short_first: bool = False
                 ) -> WelcomeView:
    """The welcome screen for ``bank``, offering ``saved`` for resume when there is one."""
    return WelcomeView(
        title=bank.title,
        roles=tuple(RoleLine(r.id, r.name, r.summary) for r in bank.roles),
        items=len(bank.items),
        minutes=bank.minutes,
        short_items=_expected(bank),
        notice=notice,
        resume_answered=None if saved is None else len(saved.answers),
        resume_form="full" if saved is None else saved.mode,
        short_first=short_first,
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
