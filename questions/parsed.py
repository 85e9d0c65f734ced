"""A parsed YAML or JSON document and where each of its values was in the file."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

LineMap = dict[tuple[str | int, ...], int]
"""The 1-based line of each value, by its path of keys and indexes."""


class Parsed:
    """A parsed document, its file name and the line of every value.

    ``lines`` may be given as a function: it is then worked out only when a line is first asked for (JSON
    files are parsed by the standard library, which keeps no positions; most files need none).
    """

    def __init__(self, data: Any, lines: LineMap | Callable[[], LineMap], file: str) -> None:
        self.data = data
        self.file = file
        self._lines = lines

    @property
    def lines(self) -> LineMap:
        """The line of each value (1-based), by path."""
        if callable(self._lines):
            self._lines = self._lines()
        return self._lines

    def with_data(self, data: Any) -> Parsed:
        """The same file and lines holding ``data`` (a part of this document, reshaped)."""
        return Parsed(data, lambda: self.lines, self.file)

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The line of the deepest known prefix of ``path``."""
        lines = self.lines
        p = tuple(path)
        while p:
            if p in lines:
                return lines[p]
            p = p[:-1]
        return lines.get((), None)

    def item_of(self, path: Sequence[str | int], key: str = "items") -> str | None:
        """The id of the list entry ``path`` points into, e.g. the item of ``("items", 3, "text")``."""
        for n in range(len(path) - 1):
            index = path[n + 1]
            if path[n] == key and isinstance(index, int):
                try:
                    entry = self.data[key][index]
                except (KeyError, IndexError, TypeError):
                    return None
                if isinstance(entry, Mapping) and isinstance(entry.get("id"), str):
                    return str(entry["id"])
                return f"#{index + 1}"
        return None


__all__ = ["LineMap", "Parsed"]
