"""JSON files read as JSON: the standard library's parser, bounded like the YAML reader, with line numbers.

A result JSON passed through ``python -m json.tool`` or ``jq -a`` writes an emoji as a surrogate pair
(``\\ud83d\\ude42``); YAML readers refuse that, so JSON is never read as YAML. The same limits hold as for YAML
(:mod:`questions.limits`): nesting, number of values, length of a value or a number; text may not carry the
characters :data:`~questions.safe_text.REFUSED` names; a key may appear once per object; a number must be
finite (``NaN``, ``Infinity`` and ``1e400`` are refused naming where they are). Lines are found only
when an error needs one (most files need none).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from questions.errors import LoadError
from questions.limits import MAX_DEPTH, MAX_NODES, MAX_NUMBER, MAX_SCALAR
from questions.parsed import LineMap, Parsed
from questions.safe_text import quoted, refused_in, shown


class _Refused(ValueError):
    """Raised inside the parser's hooks; ``needle`` is text to look for to find the line."""

    def __init__(self, message: str, needle: str) -> None:
        super().__init__(message)
        self.message = message
        self.needle = needle


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Refused(f"key {quoted(key)} appears twice in the same block", json.dumps(key))
            seen.add(key)
    return out


def _number(text: str) -> str:
    if len(text) > MAX_NUMBER:
        raise _Refused(f"a number with {len(text)} characters is too long", text[:MAX_NUMBER])
    return text


def _constant(name: str) -> float:
    # NaN and Infinity are not JSON, but Python writes them; read them as the floats they mean, so that the
    # check of values below names where they are (as it does for 1e400, which is a valid JSON number).
    return float(name)


def parse_json(text: str, file: str) -> Parsed:
    """Parse JSON ``text`` from ``file``, bounded and checked; every problem is a :class:`LoadError` with
    its line."""
    if not text.strip():
        raise LoadError(file, "the file is empty", 1)
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant,
                          parse_int=lambda s: int(_number(s)), parse_float=lambda s: float(_number(s)))
    except RecursionError:
        raise LoadError(file, f"nesting deeper than {MAX_DEPTH} levels") from None
    except json.JSONDecodeError as exc:
        raise LoadError(file, f"not valid JSON: {exc.msg}", exc.lineno) from None
    except _Refused as exc:
        at = text.find(exc.needle)
        if exc.needle.startswith('"'):  # a repeated key: the second time it appears
            at = text.find(exc.needle, at + 1) if at >= 0 else at
        raise LoadError(file, exc.message, text.count("\n", 0, at) + 1 if at >= 0 else None) from None
    parsed = Parsed(data, lambda: line_map(text), file)
    problem = _problem(data)
    if problem is not None:
        path, message = problem
        raise LoadError(file, message, parsed.line_of(path), parsed.item_of(path))
    return parsed


def _problem(data: Any) -> tuple[tuple[str | int, ...], str] | None:
    """The first value breaking a limit, and what is wrong with it (None when all is well)."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    count = 0
    while stack:
        value, path = stack.pop()
        count += 1
        if count > MAX_NODES:
            return path, f"too many values (over {MAX_NODES})"
        if isinstance(value, str):
            problem = _text_problem(value)
            if problem is not None:
                return path, problem
        elif isinstance(value, float) and not math.isfinite(value):
            where = ".".join(shown(str(p), 40) for p in path) or "the file"
            return path, f"{where}: {value} is not a finite number"
        elif isinstance(value, (dict, list)):
            if len(path) >= MAX_DEPTH and value:
                return path, f"nesting deeper than {MAX_DEPTH} levels"
            if isinstance(value, dict):
                for key, item in value.items():
                    problem = _text_problem(key)
                    if problem is not None:
                        return (*path, key), problem
                    stack.append((item, (*path, key)))
            else:
                stack.extend((item, (*path, n)) for n, item in enumerate(value))
    return None


def _text_problem(text: str) -> str | None:
    if len(text) > MAX_SCALAR:
        return f"a value is longer than {MAX_SCALAR} characters"
    return refused_in(text)


_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[{}\[\]:,]|\n|[^\s{}\[\]:,"]+')


def line_map(text: str) -> LineMap:
    """The line of every value (and of every key, for the value under it) in JSON ``text``."""
    if text.count("\n", 0, len(text.rstrip())) == 0:
        return {(): 1}  # one line (what json.dumps writes): every value is on it
    lines: LineMap = {}
    line = 1
    # Open containers: [path, is_object, current key or index, expecting a key]
    stack: list[list[Any]] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token == "\n":
            line += 1
            continue
        top = stack[-1] if stack else None
        if top is not None and top[1] and top[3]:  # inside an object, where a key belongs
            if token.startswith('"'):
                top[2], top[3] = _key(token), False
                lines[tuple(top[0]) + (top[2],)] = line
            elif token == "}":
                stack.pop()
            continue
        if token == ":":
            continue
        if token == ",":
            if top is not None:
                if top[1]:
                    top[3] = True
                else:
                    top[2] += 1
            continue
        if token in "}]":
            if stack:
                stack.pop()
            continue
        path = () if top is None else (*top[0], top[2])
        lines.setdefault(path, line)
        if token in "{[":
            stack.append([path, token == "{", None if token == "{" else 0, token == "{"])
    return lines


def _key(token: str) -> str:
    if "\\" not in token:
        return token[1:-1]  # nothing escaped: the text between the quotes (most keys)
    try:
        return str(json.loads(token))
    except ValueError:
        return token.strip('"')


__all__ = ["line_map", "parse_json"]
