"""Plain-text helpers shared by every layer (the lowest layer holds them so that all can import them)."""

from __future__ import annotations


def one_line(text: str, limit: int | None = None) -> str:
    """``text`` as one short line: control characters and line breaks become single spaces.

    With ``limit``, a longer result is cut to ``limit`` characters, the last one an ellipsis.
    """
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    if limit is None or len(flat) <= limit:
        return flat
    return flat[: limit - 1] + "…"


__all__ = ["one_line"]
