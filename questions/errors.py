"""The one error for a file that cannot be used (a bank, an answers file, a result, a save, a batch input).

A module of its own so that the bounded reader (:mod:`questions.files`), the JSON and YAML parsers and the
loader all raise the same error without importing each other.
"""

from __future__ import annotations

from questions.safe_text import LIMIT, shown

MESSAGE_MAX = 300
"""Longest message kept: values quoted in it are cut where they are quoted; this bounds anything else."""


class LoadError(Exception):
    """A file that cannot be used. ``str()`` is one safe line: ``file:line: [item ID: ]what is wrong``.

    The file name is escaped (never cut: it is what the person typed or where the file lives), the item id
    is escaped and cut to about 100 characters, and the message is made one line and bounded.
    """

    def __init__(self, file: str, message: str, line: int | None = None, item: str | None = None) -> None:
        self.file = file
        self.line = line
        self.item = item
        self.message = message
        where = shown(file, None) if line is None else f"{shown(file, None)}:{line}"
        what = shown(message, MESSAGE_MAX, fold=True)
        if item is not None:
            what = f"item {shown(item, LIMIT)}: {what}"
        super().__init__(f"{where}: {what}")


class UnreadableFile(LoadError):
    """A file the system would not let us read (permissions, I/O error); ``reason`` is the system's word."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(file, f"cannot read: {reason}")
        self.reason = reason


__all__ = ["LoadError", "UnreadableFile"]
