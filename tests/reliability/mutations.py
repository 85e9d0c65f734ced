"""Hypothesis strategies that damage files: byte-level edits of YAML text and edits of the parsed structure."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

BYTE_PAYLOADS: tuple[bytes, ...] = (
    b"\n", b" ", b"  ", b"\t", b":", b": ", b"- ", b"[", b"]", b"{", b"}", b",", b"&a ", b"*a", b"*zz",
    b"!!python/object/apply:os.system ['true']", b"!!binary", b"!!set", b"!!timestamp 2026-13-45", b"---\n",
    b"...\n", b"#", b"'", b'"', b"\\", b"|", b">", b"? ", b"<<: *a", b"null", b"~", b"true", b"1e999", b".nan",
    b"0x1F", b"9" * 5000, b"\x00", b"\x1b[31m", b"\xff\xfe", b"\xc3", b"\xe5\xae", "项目".encode(),
    "🚀".encode(), "\u202e".encode(), b"%YAML 1.1\n", b"!custom ", b"%TAG ! tag:x,2000:\n", b"\r\n", b"\r",
    b"[bold red]x[/]", b"\xef\xbb\xbf",
)
"""Fragments that tend to break YAML parsers, encoders and validators."""


@st.composite
def byte_mutations(draw: st.DrawFn, text: str) -> bytes:
    """``text`` encoded as UTF-8 and then damaged by one to four edits."""
    data = bytearray(text.encode("utf-8"))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(("insert", "delete", "replace", "truncate", "drop_line", "dup_line", "swap")))
        n = len(data)
        pos = draw(st.integers(0, max(n, 1) * 4)) % (n + 1)
        if op == "insert":
            data[pos:pos] = draw(st.sampled_from(BYTE_PAYLOADS) | st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 200))]
        elif op == "replace":
            payload = draw(st.sampled_from(BYTE_PAYLOADS))
            data[pos : pos + len(payload)] = payload
        elif op == "truncate":
            del data[pos:]
        else:
            lines = bytes(data).split(b"\n")
            i = pos % len(lines)
            if op == "drop_line":
                del lines[i]
            elif op == "dup_line":
                lines.insert(i, lines[i])
            else:
                j = draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into ``data`` (dict keys and list indices), the root included."""
    found = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            found.extend(paths(v, (*prefix, k)))
    elif isinstance(data, list):
        for n, v in enumerate(data):
            found.extend(paths(v, (*prefix, n)))
    return found


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        data = data[p]
    return data


ROLE_LIKE = ("implementation_manager", "project_manager", "operations", "ceo", "Operations", "", "项目经理")

RETYPED: tuple[Any, ...] = (
    None, 0, -1, 6, 3.5, float("inf"), True, False, "", " ", "x", [], {}, [1, 2], {"zh": "只有中文"},
    {"en": "English only"}, {"zh": "中", "en": "en", "fr": "fr"}, {"ZH": "中", "EN": "en"}, "x" * 20_000,
    10**30, "[bold red]x[/]", "\u202eevil", ["implementation_manager"], "2026-13-45",
)
"""Values that replace a field to give it the wrong type, range or shape."""


@st.composite
def structure_mutations(draw: st.DrawFn, base: dict[str, Any]) -> Any:
    """``base`` (a parsed bank or answers file) with one to three structural edits."""
    data: Any = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        all_paths = paths(data)
        path = all_paths[draw(st.integers(0, len(all_paths) - 1))]
        op = draw(
            st.sampled_from(("drop", "duplicate", "retype", "rename", "swap_role", "unknown_section", "huge", "root"))
        )
        if op == "root":
            data = copy.deepcopy(draw(st.sampled_from(RETYPED + ([data],))))
            continue
        if not path:
            op = "unknown_section"
        if op == "unknown_section":
            if isinstance(data, dict):
                data[draw(st.sampled_from(("extras", "Items", "items2", "zh", "1", "schema_version")))] = {"a": 1}
            continue
        parent, key = _get(data, path[:-1]), path[-1]
        if op == "drop":
            del parent[key]
        elif op == "duplicate":
            if isinstance(parent, list):
                parent.insert(key, copy.deepcopy(parent[key]))
            else:
                parent[f"{key}_copy" if isinstance(key, str) else key + 1] = copy.deepcopy(parent[key])
        elif op == "retype":
            parent[key] = copy.deepcopy(draw(st.sampled_from(RETYPED)))
        elif op == "rename" and isinstance(parent, dict):
            new = draw(st.sampled_from(("fr", "ZH", "zh-CN", "en_US", "Id", "text2", "", "role ", 7)))
            parent[new] = parent.pop(key)
        elif op == "swap_role":
            parent[key] = draw(st.sampled_from(ROLE_LIKE))
        elif op == "huge":
            parent[key] = draw(st.sampled_from(("x" * 50_000, "长" * 3_000, "🚀" * 2_000, "a\n" * 5_000)))
    return data


STRUCTURE_OPS = ("drop", "retype", "duplicate", "rename", "swap_role", "huge")
"""The single structural edits :func:`structure_cases` applies: every location gets ``drop`` and ``retype``
and one of the others, in rotation."""

RENAMED = ("fr", "ZH", "zh-CN", "en_US", "Id", "text2", "", "role ", 7)
HUGE = ("x" * 50_000, "长" * 3_000, "🚀" * 2_000, "a\n" * 5_000)
UNKNOWN_SECTIONS = ("extras", "Items", "items2", "zh", "1", "schema_version")


def shapes(data: Any) -> list[tuple[Any, ...]]:
    """One path per location *kind* in ``data``: the first path of each shape (list indices as ``*``),
    e.g. one of ``items.*.text.zh`` rather than every item's."""
    first: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for path in paths(data):
        first.setdefault(tuple("*" if isinstance(p, int) else p for p in path), path)
    return list(first.values())


def _copied_along(data: Any, path: tuple[Any, ...]) -> tuple[Any, Any]:
    """A copy of ``data`` sharing everything but the containers on ``path`` (cheap: the depth of ``path``),
    and the copy of the container ``path`` ends in."""
    root = copy.copy(data)
    node = root
    for p in path:
        child = copy.copy(node[p])
        node[p] = child
        node = child
    return root, node


def _edit(data: Any, path: tuple[Any, ...], op: str, n: int) -> Any:
    """``data`` with the single edit ``op`` at ``path`` (``n`` picks the value among the op's choices)."""
    root, parent = _copied_along(data, path[:-1])
    key = path[-1]
    if op == "drop":
        del parent[key]
    elif op == "retype":
        parent[key] = copy.deepcopy(RETYPED[n % len(RETYPED)])
    elif op == "duplicate":
        if isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        else:
            parent[f"{key}_copy" if isinstance(key, str) else key + 1] = copy.deepcopy(parent[key])
    elif op == "rename" and isinstance(parent, dict):
        parent[RENAMED[n % len(RENAMED)]] = parent.pop(key)
    elif op == "rename":  # a list entry has no name: move it to the end instead
        parent.append(parent.pop(key))
    elif op == "swap_role":
        parent[key] = ROLE_LIKE[n % len(ROLE_LIKE)]
    else:
        parent[key] = HUGE[n % len(HUGE)]
    return root


def structure_cases(base: dict[str, Any]) -> list[tuple[str, Any]]:
    """Single structural edits of ``base`` chosen to cover it, not sampled: for every location kind (see
    :func:`shapes`) ``drop``, ``retype`` and one more op in rotation; every :data:`RETYPED` value as the
    whole document; every unknown top-level section. Each case is ``(label, data)``."""
    cases: list[tuple[str, Any]] = []
    others = STRUCTURE_OPS[2:]
    for n, path in enumerate(p for p in shapes(base) if p):
        for op in ("drop", "retype", others[n % len(others)]):
            cases.append((f"{op} {'.'.join(map(str, path))}", _edit(base, path, op, n)))
    for n, value in enumerate(RETYPED):
        cases.append((f"root {n}", copy.deepcopy(value)))
    for name in UNKNOWN_SECTIONS:
        cases.append((f"section {name}", {**base, name: {"a": 1}}))
    return cases
