"""Text from a file, made safe to print on one terminal line.

Anything a terminal would act on instead of showing is escaped: C0 and C1 control characters (ESC, BEL,
CR, LF, TAB…), DEL, the bidirectional-text marks and overrides, line and paragraph separators and the
byte-order mark. Escapes read like Python's (``\\r``, ``\\x1b``, ``\\u202e``); long text is cut with "…".
"""

from __future__ import annotations

import re

UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
"""Characters that move the cursor, change colours, reorder text or break the line when printed."""

LIMIT = 100
"""Characters shown of a value quoted in a message."""


_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str, limit: int | None = LIMIT) -> str:
    """``text`` with unsafe characters escaped, cut to ``limit`` characters (None: not cut) plus "…"."""
    if limit is not None and len(text) > 4 * limit:
        text = text[: 4 * limit]  # more than enough to fill the limit; never scan megabytes
    safe = UNSAFE.sub(_escape, text)
    if limit is not None and len(safe) > limit:
        return safe[:limit] + "…"
    return safe
