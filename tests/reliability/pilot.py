"""Driving the real Textual app with Pilot: answer by keys, read what is on screen."""

from __future__ import annotations

import html
import re
from typing import Any

from rich.cells import cell_len

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


_SVG_TEXT = re.compile(
    r'<text class="[^"]*" x="([0-9.]+)" y="[0-9.]+" textLength="([0-9.]+)" clip-path="url\(#[^)]*-line-(\d+)\)">'
    r"([^<]*)</text>"
)


def visible(app: Any) -> str:
    """What the terminal shows right now, as lines of text.

    Read from :meth:`App.export_screenshot` (public API): each text run of the SVG carries its line and its
    column (``x`` divided by the width of one cell), so the screen is laid out again cell by cell.
    """
    width, height = app.size
    rows = [[" "] * width for _ in range(height)]
    for x, length, line, raw in _SVG_TEXT.findall(app.export_screenshot(simplify=True)):
        text = html.unescape(raw).replace("\u00a0", " ")
        cell = float(length) / len(text)  # rich sets textLength to one cell's width per character
        row, column = rows[int(line)], round(float(x) / cell)
        for char in text:
            cells = cell_len(char)
            if cells == 0:  # combining marks, zero-width joiners: part of the character before
                row[max(column - 1, 0)] += char
                continue
            if column >= width:
                break
            row[column] = char
            for extra in range(1, cells):  # a wide character covers the next cell too
                if column + extra < width:
                    row[column + extra] = ""
            column += cells
    return "\n".join("".join(row) for row in rows)


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
