"""The quiz in progress and its moves. No Textual here: every move is a pure function of the state.

A :class:`Flow` is the one place that knows where the person is: the :class:`~quiz.session.Session`
(answers, skips, timings and the position, which is saved with them), whether they are answering
questions picked from the review list, and whether this run has recorded anything yet. Each move
(:meth:`Flow.answer`, :meth:`~Flow.skip`, :meth:`~Flow.back`, :meth:`~Flow.forward`, :meth:`~Flow.pick`,
:meth:`~Flow.leave_review`, :meth:`~Flow.finish`, :meth:`~Flow.with_lang`) returns an :class:`Outcome`:
the new state, whether it must be saved, and the :data:`Step` to show next. The app applies the outcome
(save first, then show); it never decides the order of questions itself.

Which question comes when is the :class:`Order`'s business (:mod:`quiz.forms`): ``BankOrder`` is the full
form (bank order, every item); ``ShortOrder``, the adaptive short form, asks the selector and returns None
to stop early; ``ContinuedOrder`` is the full form taken on from a short one (:meth:`Flow.answer_rest`).
The session says which form is taken, so a resumed quiz gets its order back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import wraps
from typing import TYPE_CHECKING, Concatenate, ParamSpec

from questions.schema import Bank, Lang
from quiz.forms import BankOrder, Order, order_for
from quiz.session import FormMode, Session
from scoring.answers import AnswerValue

if TYPE_CHECKING:
    from scoring.result import ResultDocument

# ----------------------------------------------------------------------------------------------- steps


@dataclass(frozen=True)
class Ask:
    """Show the question at ``index`` (bank order)."""

    index: int


@dataclass(frozen=True)
class Review:
    """Show the list of questions still unanswered."""


@dataclass(frozen=True)
class Finish:
    """Score the answers and show the results."""


@dataclass(frozen=True)
class Stay:
    """Nothing to show; ``refused`` when the key did nothing the person might expect (ring the bell)."""

    refused: bool = False


Step = Ask | Review | Finish | Stay
"""What the app shows after a move."""


# ----------------------------------------------------------------------------------------------- flow

P = ParamSpec("P")


def _move(method: Callable[Concatenate[Flow, P], Outcome]) -> Callable[Concatenate[Flow, P], Outcome]:
    """A move on the quiz: once the results were shown it changes nothing (a key still in flight)."""

    @wraps(method)
    def move(flow: Flow, /, *args: P.args, **kwargs: P.kwargs) -> Outcome:
        return Outcome(flow, Stay()) if flow.result is not None else method(flow, *args, **kwargs)

    return move



@dataclass(frozen=True)
class Outcome:
    """The result of a move: the new state, whether to save it (before anything is shown), what to show."""

    flow: Flow
    step: Step
    save: bool = False


@dataclass(frozen=True)
class Flow:
    """A quiz in progress: the session, review mode, and whether this run has recorded anything."""

    bank: Bank
    session: Session
    order: Order = field(compare=False)
    reviewing: bool = False
    """True while answering questions picked from the review list (each answer returns to the list)."""
    recorded: bool = False
    """Whether this run has recorded anything; until then a session saved earlier is left untouched."""
    result: ResultDocument | None = None
    """The finished quiz's result, once shown; from then on no move changes the quiz (a key in flight is ignored)."""
    result_kept: bool = True
    """False when the results were shown but could not be added to history (the session stays on disk)."""

    # -------------------------------------------------------------------------------- starting

    @classmethod
    def start(cls, bank: Bank, lang: Lang, now: datetime, order: Order | None = None,
              mode: FormMode = "full") -> Outcome:
        """A new quiz of the ``mode`` form at its first question; nothing is saved until the first answer."""
        session = Session.new(bank, lang, now, mode)
        order = order if order is not None else order_for(bank, session)
        flow = cls(bank, session, order)
        return flow._ask(order.first(session))

    @classmethod
    def resume(cls, bank: Bank, saved: Session, lang: Lang, order: Order | None = None) -> Outcome:
        """Continue ``saved`` where it was left, in the current language (and in its form's order)."""
        order = order if order is not None else order_for(bank, saved)
        flow = cls(bank, saved.with_lang(lang), order, recorded=True)
        return flow._ask(saved.position)

    # -------------------------------------------------------------------------------- moves

    @property
    def position(self) -> int:
        """Index of the question on screen (kept in the session, so it is saved with the answers)."""
        return self.session.position

    @_move
    def answer(self, item_id: str, value: AnswerValue, seconds: float, now: datetime) -> Outcome:
        """Record ``value`` for ``item_id`` and move on from that item (not from the position: keys race)."""
        session = self.session.answer(item_id, value, seconds, now)
        return replace(self, session=session, recorded=True)._advance(item_id)

    @_move
    def skip(self, item_id: str, seconds: float, now: datetime) -> Outcome:
        """Leave ``item_id`` for later (an earlier answer to it is removed) and move on."""
        session = self.session.skip(item_id, seconds, now)
        return replace(self, session=session, recorded=True)._advance(item_id)

    @_move
    def back(self) -> Outcome:
        """The previous question; nothing at the first."""
        target = self.order.before(self.session, self.position)
        return Outcome(self, Stay()) if target is None else self._ask(target)

    @_move
    def forward(self) -> Outcome:
        """The next question, only over one answered or skipped; past the last, the review or the results."""
        target = self.order.after(self.session, self.position)
        if target is None:
            return self._finish_or_review()
        current = self.bank.items[self.position].id
        if current not in self.session.answers and current not in self.session.skipped:
            return Outcome(self, Stay(refused=True))
        return self._ask(target)

    @_move
    def pick(self, item_id: str) -> Outcome:
        """Answer ``item_id``, picked from the review list; answering it returns to the list."""
        return replace(self, reviewing=True)._ask(self._index(item_id))

    @_move
    def leave_review(self) -> Outcome:
        """Back from the review list to the last question."""
        return replace(self, reviewing=False)._ask(self.order.last(self.session))

    @_move
    def finish(self) -> Outcome:
        """Show the results now, with whatever is still unanswered left unanswered."""
        return Outcome(self, Finish())

    def with_lang(self, lang: Lang) -> Outcome:
        """Switch the display language: answers and position stay; saved if anything was recorded."""
        flow = replace(self, session=self.session.with_lang(lang))
        return Outcome(flow, Stay(), save=self.recorded and flow.session != self.session)

    def answer_rest(self) -> Outcome:
        """Go on from the results, keeping every answer (and saving at once): a short form becomes the full
        form, at the first question it did not ask; a full form shows its unanswered questions for review.
        Refused when nothing is left to answer."""
        session = self.session.as_full()
        order = order_for(self.bank, session)
        flow = Flow(self.bank, session, order, recorded=True)
        if not order.missing(session):
            return Outcome(self, Stay(refused=True))
        if self.session.mode == "adaptive":
            return replace(flow._ask(order.first(session)), save=True)
        return Outcome(flow, Review(), save=True)

    def finished(self, result: ResultDocument, *, kept: bool) -> Flow:
        """The quiz with its ``result`` shown; ``kept`` when it reached history (then nothing is left to lose)."""
        return replace(self, reviewing=False, recorded=not kept, result=result, result_kept=kept)

    # -------------------------------------------------------------------------------- helpers

    def missing(self) -> tuple[str, ...]:
        """The item ids the review list offers."""
        return self.order.missing(self.session)

    def _index(self, item_id: str) -> int:
        return next(n for n, item in enumerate(self.bank.items) if item.id == item_id)

    def _ask(self, index: int) -> Outcome:
        index = max(0, min(index, len(self.bank.items) - 1))
        flow = replace(self, session=self.session.at(index))
        return Outcome(flow, Ask(index), save=flow.recorded and flow.session != self.session)

    def _advance(self, item_id: str) -> Outcome:
        target = None if self.reviewing else self.order.after(self.session, self._index(item_id))
        outcome = self._finish_or_review() if target is None else self._ask(target)
        return replace(outcome, save=True)

    def _finish_or_review(self) -> Outcome:
        step: Step = Review() if self.missing() else Finish()
        return Outcome(self, step, save=False)


__all__ = ["Ask", "BankOrder", "Finish", "Flow", "Order", "Outcome", "Review", "Stay", "Step"]
