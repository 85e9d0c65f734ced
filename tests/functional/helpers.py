"""Helpers shared by the Pilot tests and the snapshot tests: a fake clock, a fixed date, personas."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from textual.app import App

from questions.loader import load_bank
from questions.schema import Bank, RatingItem
from quiz.app import CareerFitApp
from quiz.store import SessionStore

FIXED_NOW = datetime(2026, 3, 14, 9, 30, tzinfo=timezone.utc)


class FakeClock:
    """A monotonic clock that moves ``step`` seconds each time it is read."""

    def __init__(self, step: float = 4.0) -> None:
        self.step = step
        self.value = 1000.0

    def __call__(self) -> float:
        self.value += self.step
        return self.value


_BANK: Bank | None = None


def shipped_bank() -> Bank:
    """The shipped bank, loaded once per test process."""
    global _BANK
    if _BANK is None:
        _BANK = load_bank()
    return _BANK


def make_app(data: Path, lang: str = "en", **kwargs: object) -> CareerFitApp:
    """A quiz on the shipped bank with its session file in ``data``, a fake clock and a fixed date."""
    kwargs.setdefault("clock", FakeClock())
    kwargs.setdefault("now", lambda: FIXED_NOW)
    return CareerFitApp(shipped_bank(), lang, store=SessionStore(data / "session.json"), **kwargs)  # type: ignore[arg-type]


def record_notices(app: App[Any]) -> list[str]:
    """Every message ``app`` shows with :meth:`App.notify` from now on (the notifications stay shown too)."""
    shown: list[str] = []
    real_notify = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        shown.append(str(message))
        real_notify(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return shown


def persona_keys(bank: Bank, role: str, liked: str = "5", other: str = "2") -> list[str]:
    """Keys that rate ``role``'s activities ``liked``, the rest ``other``, and pick ``role`` in every triad."""
    keys = []
    for item in bank.items:
        if isinstance(item, RatingItem):
            keys.append(liked if item.role == role else other)
        else:
            roles: list[str] = [o.role for o in item.options]
            keys.append(str(1 + roles.index(role)))
    return keys
