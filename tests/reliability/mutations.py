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
