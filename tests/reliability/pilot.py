"""Driving the real Textual app with Pilot: answer by keys, read what is on screen."""

from __future__ import annotations

import re
from typing import Any

from questions.schema import Bank, ChoiceItem


def key_for(bank: Bank, index: int, pattern: int = 0) -> str:
    """The number key that answers item ``index`` (varied by ``pattern`` so answers are not all equal)."""
    item = bank.items[index]
    if isinstance(item, ChoiceItem):
        return str((index + pattern) % 3 + 1)
    return str((index * 7 + pattern) % 5 + 1)


def expected_value(bank: Bank, index: int, pattern: int = 0) -> int | str:
    """The answer :func:`key_for` records for item ``index``."""
    item = bank.items[index]
    key = int(key_for(bank, index, pattern))
    if isinstance(item, ChoiceItem):
        return item.options[key - 1].id
    return key


async def answer_all(pilot: Any, bank: Bank, start: int = 0, pattern: int = 0, stop: int | None = None) -> None:
    """Answer the items from ``start`` to ``stop`` (default: the end) by pressing number keys."""
    for index in range(start, len(bank.items) if stop is None else stop):
        await pilot.press(key_for(bank, index, pattern))
        await pilot.pause()


def visible(app: Any) -> str:
    """What the terminal shows right now: the screen's rendered lines, as text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def wait_visible(pilot: Any, needle: str, tries: int = 100) -> str:
    """Let the app repaint until ``needle`` is on screen (or give up); returns the last screen."""
    screen = visible(pilot.app)
    for _ in range(tries):
        if needle in screen:
            break
        await pilot.pause(0.02)
        screen = visible(pilot.app)
    return screen


_LAYOUT = re.compile(r"[\s\u2500-\u259f]+")


def squash(text: str) -> str:
    """``text`` without whitespace and without box/block drawing (borders, scrollbars), so that text
    wrapped over several screen lines can be compared with the original."""
    return _LAYOUT.sub("", text)
