"""Which question comes when in each form of the quiz (no Textual): the :class:`Order` protocol and its forms.

- :class:`BankOrder`, the full form: every item, in bank order.
- :class:`ShortOrder`, the adaptive short form: the questions asked so far in the order they were asked,
  then whatever :func:`scoring.adaptive.next_step` picks from the session's answers and skips; it returns
  None when the selector stops, so the form ends early.
- :class:`ContinuedOrder`, the full form taken on from a short one ("answer the rest"): the short form's
  questions in the order it asked them, then every other item in bank order.

:func:`order_for` picks the order a session is taken in. The session keeps the short form's order
(:attr:`~quiz.session.Session.asked`), so back, resume and the review follow it after a crash too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from questions.schema import Bank
from quiz.session import Session


class Order(Protocol):
    """Which question comes when. The full form is :class:`BankOrder`; the adaptive short form is another."""

    def first(self, session: Session) -> int:
        """The question to open a new quiz with."""
        ...

    def after(self, session: Session, index: int) -> int | None:
        """The question after ``index`` (answered, skipped or stepped over); None when the form is done."""
        ...

    def before(self, session: Session, index: int) -> int | None:
        """The question before ``index`` (going back); None at the first."""
        ...

    def last(self, session: Session) -> int:
        """Where going back from the review list lands."""
        ...

    def missing(self, session: Session) -> tuple[str, ...]:
        """The item ids the review list offers (asked in this form, not yet answered), in order."""
        ...


def _positions(bank: Bank) -> dict[str, int]:
    return {item.id: n for n, item in enumerate(bank.items)}


@dataclass(frozen=True)
class BankOrder:
    """The full form: every item of the bank, in bank order."""

    bank: Bank

    def first(self, session: Session) -> int:
        """The first item."""
        return 0

    def after(self, session: Session, index: int) -> int | None:
        """The next item in the bank, or None after the last."""
        return index + 1 if index + 1 < len(self.bank.items) else None

    def before(self, session: Session, index: int) -> int | None:
        """The previous item in the bank, or None before the first."""
        return index - 1 if index > 0 else None

    def last(self, session: Session) -> int:
        """The last item."""
        return len(self.bank.items) - 1

    def missing(self, session: Session) -> tuple[str, ...]:
        """Every unanswered item, in bank order."""
        return tuple(session.unanswered(self.bank))


@dataclass(frozen=True)
class _Sequence:
    """An order that walks a sequence of items, which each subclass builds from the session."""

    bank: Bank
    where: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "where", _positions(self.bank))

    def sequence(self, session: Session) -> list[int]:
        """The items this form walks, in order (indexes in the bank)."""
        raise NotImplementedError

    def _neighbour(self, session: Session, index: int, step: int) -> int | None:
        seq = self.sequence(session)
        if index not in seq:
            return None
        at = seq.index(index) + step
        return seq[at] if 0 <= at < len(seq) else None

    def before(self, session: Session, index: int) -> int | None:
        """The item before ``index`` in the sequence; None at the first."""
        return self._neighbour(session, index, -1)

    def missing(self, session: Session) -> tuple[str, ...]:
        """The items of the sequence still unanswered, in its order."""
        ids = [self.bank.items[n].id for n in self.sequence(session)]
        return tuple(i for i in ids if i not in session.answers)


@dataclass(frozen=True)
class ShortOrder(_Sequence):
    """The adaptive short form: the questions asked so far, in the order asked, then the selector's next pick."""

    def sequence(self, session: Session) -> list[int]:
        """The questions asked so far (answered or skipped) in the order asked; any answered outside the
        short form (a hand-edited save) follow in bank order."""
        done = set(session.answers) | set(session.skipped)
        ids = [i for i in dict.fromkeys(session.asked) if i in done and i in self.where]
        seen = set(ids)
        ids += [item.id for item in self.bank.items if item.id in done and item.id not in seen]
        return [self.where[i] for i in ids]

    def upcoming(self, session: Session) -> int | None:
        """The question the selector asks next, or None when the short form stops."""
        from scoring.adaptive import next_step  # the selector loads with the first short form, not at start-up

        step = next_step(self.bank, session.answers, session.skipped)
        return None if step.item is None else self.where[step.item]

    def first(self, session: Session) -> int:
        """The selector's first question (or, if it has stopped, the last one asked)."""
        upcoming = self.upcoming(session)
        return upcoming if upcoming is not None else self.last(session)

    def after(self, session: Session, index: int) -> int | None:
        """The next question asked after ``index``; after the last one asked, the selector's pick (None: stop)."""
        seq = self.sequence(session)
        if index in seq and seq.index(index) + 1 < len(seq):
            return seq[seq.index(index) + 1]
        return self.upcoming(session)

    def before(self, session: Session, index: int) -> int | None:
        """The question asked before ``index``; from the question not yet answered, the last one asked."""
        seq = self.sequence(session)
        if index not in seq:
            return seq[-1] if seq else None
        return self._neighbour(session, index, -1)

    def last(self, session: Session) -> int:
        """The last question asked (where going back from the review list lands)."""
        seq = self.sequence(session)
        return seq[-1] if seq else 0


@dataclass(frozen=True)
class ContinuedOrder(_Sequence):
    """The full form after a short one: the short form's questions in its order, then the rest in bank order."""

    def sequence(self, session: Session) -> list[int]:
        """Every item: those the short form asked, in its order, then the others in bank order."""
        ids = [i for i in dict.fromkeys(session.asked) if i in self.where]
        seen = set(ids)
        return [self.where[i] for i in ids] + [n for n, item in enumerate(self.bank.items) if item.id not in seen]

    def first(self, session: Session) -> int:
        """The first question the short form did not ask that is still unanswered (else the first unanswered)."""
        missing = self.missing(session)
        asked = set(session.asked)
        target = next((i for i in missing if i not in asked), missing[0] if missing else None)
        return self.where[target] if target is not None else self.last(session)

    def after(self, session: Session, index: int) -> int | None:
        """The next item of the sequence; None after the last."""
        return self._neighbour(session, index, 1)

    def last(self, session: Session) -> int:
        """The last item of the sequence."""
        return self.sequence(session)[-1]


def order_for(bank: Bank, session: Session) -> BankOrder | ShortOrder | ContinuedOrder:
    """The order ``session`` is taken in: its mode, and for the full form whether a short form came first."""
    if session.mode == "adaptive":
        return ShortOrder(bank)
    return ContinuedOrder(bank) if session.asked else BankOrder(bank)


def number(order: Order, session: Session, index: int, total: int) -> int:
    """The 1-based place of question ``index`` in the form of ``total`` items (the question the short form asks
    next comes after those it asked)."""
    if isinstance(order, BankOrder):
        return index + 1
    if isinstance(order, _Sequence):
        seq = order.sequence(session)
        return seq.index(index) + 1 if index in seq else len(seq) + 1
    place, at = 1, order.before(session, index)  # any other order: count the questions before it
    while at is not None and place <= total:
        place, at = place + 1, order.before(session, at)
    return place


__all__ = ["BankOrder", "ContinuedOrder", "Order", "ShortOrder", "number", "order_for"]
