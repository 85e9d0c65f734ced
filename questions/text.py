"""Plain-text helpers shared by every layer (the lowest layer holds them so that all can import them)."""

from __future__ import annotations

import unicodedata


def one_line(text: str, limit: int | None = None) -> str:
    """``text`` as one line: line breaks, tabs and control characters become single spaces.

    Format characters (zero-width joiners in emoji, direction marks) stay: they belong to the text. With
    ``limit``, a longer result is cut to ``limit`` characters, the last one an ellipsis.
    """
    kept = "".join(c if c.isprintable() or unicodedata.category(c) == "Cf" else " " for c in text)
    flat = " ".join(kept.split())
    if limit is None or len(flat) <= limit:
        return flat
    return flat[: limit - 1] + "…"


__all__ = ["one_line"]
