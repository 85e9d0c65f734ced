"""How much of a file the parsers accept: real files need a small fraction of each, hostile ones are refused fast."""

from __future__ import annotations

MAX_DEPTH = 40
"""Deepest nesting accepted; real files need fewer than 10 levels."""
MAX_NODES = 200_000
"""Most values in a document (after YAML alias expansion: guards against "billion laughs" files)."""
MAX_SCALAR = 100_000
"""Longest single value (characters); also keeps huge numbers away from ``int()``."""
MAX_NUMBER = 100
"""Longest number accepted (characters); real files hold 1..5 and a few timings."""
MAX_EXPANDED = 4_000_000
"""Most characters of text after YAML alias expansion (one long value aliased many times)."""

__all__ = ["MAX_DEPTH", "MAX_EXPANDED", "MAX_NODES", "MAX_NUMBER", "MAX_SCALAR"]
