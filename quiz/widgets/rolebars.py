"""The score bar: one drawing of a 0–100 value as a row of cells, for the screen and every text export.

Meaning is carried by characters and numbers (bar length, place, score, chance), never by colour alone,
so the results read the same in any theme and with ``NO_COLOR``. No Textual here: the exports use it too.
"""

from __future__ import annotations

BAR_WIDTH = 20
FULL = "█"
EMPTY = "░"


def filled(value: float, width: int = BAR_WIDTH) -> int:
    """How many of ``width`` cells a 0–100 ``value`` fills (rounded half up, clamped to the bar)."""
    share = max(0.0, min(100.0, value)) / 100.0
    return min(width, int(share * width + 0.5))


def bar(value: float, width: int = BAR_WIDTH) -> str:
    """A bar of ``width`` cells filled in proportion to ``value`` (0–100), e.g. ``███████░░░`` for 72 at 10."""
    n = filled(value, width)
    return FULL * n + EMPTY * (width - n)
