"""Finishing a quiz: the result document and its place in history (no Textual here).

:func:`result_document` is the seam for the one function that turns a finished quiz into the result
document (shared with ``career-fit score`` and batch); until that lands it builds the document here, once.
Both import scoring and history lazily: they are needed only when the results are due, never at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from questions.schema import Bank, Lang
from quiz.session import Session

if TYPE_CHECKING:
    from scoring.result import ResultDocument


def result_document(bank: Bank, session: Session, lang: Lang, now: Callable[[], datetime]) -> ResultDocument:
    """Score ``session``'s answers once and wrap the result with its stamp, bank, answers and form.

    A short form's result says so, with the questions it asked (answered or skipped: what the selector counts);
    a short form taken on to the end of the full form gives a full-form result.
    """
    from scoring.adaptive import asked_count  # scoring loads when the results are due, not at start-up
    from scoring.answers import Answers
    from scoring.document import build_document
    from scoring.result import Form

    answers = Answers(lang=lang, answers=dict(session.answers), timings=dict(session.timings))
    form = None
    if session.mode == "adaptive":
        form = Form(mode="adaptive", asked=asked_count(bank, session.answers, session.skipped))
    return build_document(bank, answers, created=now(), lang=lang, form=form)


def add_to_history(document: ResultDocument) -> str | None:
    """Keep ``document`` in history; None when it was written, else why it could not be."""
    from quiz.history import save_result  # history and its JSON renderer load only when there is a result

    try:
        save_result(document)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


__all__ = ["add_to_history", "result_document"]
