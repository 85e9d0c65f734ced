"""Text from a file, a command line or the disk, made safe to print: the one module that owns this.

Anything a terminal would act on instead of showing is escaped: C0 and C1 control characters (ESC, BEL,
CR, LF, TAB…), DEL, the bidirectional-text marks, embeddings, overrides and isolates, line and paragraph
separators and the byte-order mark. Escapes read like Python's (``\\r``, ``\\x1b``, ``\\u202e``).

- :func:`shown`: the one terminal-line function: unsafe characters escaped, cut to about :data:`LIMIT`
  characters; for values quoted in errors and notices (a file name, an item id, a value that does not
  fit), and with ``fold=True`` for prose that may wrap (runs of white space, line breaks included, become
  one space).
- :func:`quoted`: a value as ``repr`` shows it, cut the same way; for "got …" in messages.
- :func:`terminal_lines`: many lines for standard output: each line made safe, line breaks kept.
- :func:`json_text`: JSON text with the same characters written as ``\\uXXXX`` (still valid, same meaning).

:data:`REFUSED` is what files must not contain at all (the same set, tab and newline excepted): the loaders
refuse it, so a bank, an answers file, a result or a save never carries it into the program.
"""

from __future__ import annotations

import re

_UNSAFE_CHARS = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"

UNSAFE = re.compile(f"[{_UNSAFE_CHARS}]")
"""Characters that move the cursor, change colours, reorder text or break the line when printed."""

REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
""":data:`UNSAFE` without tab, newline and the byte-order mark: never meaningful in a bank, an answers file, a
result or a save. (A byte-order mark inside text is an invisible zero-width space, harmless on a terminal.)"""

_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
"""What ``json.dumps(..., ensure_ascii=False)`` leaves raw of :data:`UNSAFE` (it escapes C0 controls itself)."""

LIMIT = 100
"""Characters shown of a value quoted in a message."""

_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _cut(text: str, limit: int | None) -> str:
    if limit is not None and len(text) > limit:
        return text[:limit] + "…"
    return text


def shown(text: str, limit: int | None = LIMIT, *, fold: bool = False) -> str:
    """``text`` made safe for one terminal line: the one function every message, notice and output line
    uses for text it did not write itself.

    Unsafe characters are escaped (``\\x1b``, ``\\r``, ``\\u202e``); with ``fold``, runs of white space
    (line breaks and tabs too) first become one space, for prose that may wrap. Cut to ``limit`` characters
    plus "…" (None: not cut).
    """
    if limit is not None and len(text) > 8 * limit:
        text = text[: 8 * limit]  # more than enough to fill the limit; never scan megabytes
    if fold:
        text = " ".join(text.split())
    return _cut(UNSAFE.sub(_escape, text), limit)


def quoted(value: object, limit: int = LIMIT) -> str:
    """``repr(value)`` made safe and cut: how a message quotes a value it refuses."""
    if isinstance(value, str) and len(value) > 4 * limit:
        value = value[: 4 * limit]
    elif isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 4 * limit:
        return f"a number with about {int(value.bit_length() * 0.30103) + 1} digits"
    return shown(repr(value), limit)


def refused_in(text: str) -> str | None:
    """Why ``text`` read from a file is refused for a character of :data:`REFUSED` (naming it and quoting
    where it is, escaped and cut), or None when it has none."""
    found = REFUSED.search(text)
    if found is None:
        return None
    start = max(found.start() - 20, 0)
    return f"contains the control character U+{ord(found.group()):04X} in {quoted(text[start:start + 60], 60)}"


def terminal_lines(text: str) -> str:
    """Text for standard output: unsafe characters escaped on every line; line breaks and tabs kept."""
    return REFUSED.sub(_escape, text)


def json_text(text: str) -> str:
    """Text made by ``json.dumps(..., ensure_ascii=False)`` with the unsafe characters it leaves raw (only ever
    inside strings) written as ``\\uXXXX`` escapes: still valid JSON, with the same meaning."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


__all__ = ["LIMIT", "REFUSED", "UNSAFE", "json_text", "quoted", "refused_in", "shown", "terminal_lines"]
