"""Hostile files: YAML bombs, deep nesting, non-UTF-8 bytes, huge files. Each must be refused fast."""

from __future__ import annotations

import random


def billion_laughs(levels: int = 9, fan: int = 10) -> bytes:
    """Nine levels of ten aliases each: 10⁹ values if expanded."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n in range(1, levels + 1):
        refs = ", ".join([f"*a{n - 1}"] * fan)
        lines.append(f"a{n}: &a{n} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


def quadratic_blowup() -> bytes:
    """One 100 kB anchor referenced 2000 times (a cheap file with a huge expansion)."""
    return ("big: &b " + "x" * 99_000 + "\nrefs: [" + ", ".join(["*b"] * 2000) + "]\n").encode()


BOMBS: dict[str, bytes] = {
    "billion_laughs": billion_laughs(),
    "quadratic_alias": quadratic_blowup(),
    "recursive_alias": b"&a [*a, *a]\n",
    "deep_flow_list_10000": b"[" * 10_000 + b"]" * 10_000,
    "deep_flow_map_10000": b"{a: " * 10_000 + b"1" + b"}" * 10_000,
    "deep_block_1000": "".join("  " * n + "- \n" for n in range(1000)).encode(),
    "deep_block_map_50": "".join("  " * n + "k:\n" for n in range(50)).encode() + b"  " * 50 + b"1\n",
    "python_object_tag": b"!!python/object/apply:os.system ['touch /tmp/career-fit-pwned']\n",
    "python_name_tag": b"lang: !!python/name:os.system\n",
    "huge_integer": b"lang: " + b"9" * 50_000 + b"\n",
    "bad_timestamp": b"lang: 2026-13-45\n",
    "latin1": "lang: en\nanswers: {caf\u00e9: 1}\n".encode("latin-1"),
    "utf16": "lang: en\n".encode("utf-16"),
    "random_bytes": random.Random(6).randbytes(4096),
    "nul_bytes": b"lang: en\x00\x00\nanswers: {}\n",
    "raw_escape": b"lang: \x1b[31men\n",
    "escaped_escape": b'lang: "\\e[2J"\n',
    "bom_only": b"\xef\xbb\xbf",
    "empty": b"",
    "only_comment": b"# nothing here\n",
    "ten_megabytes": b"# padding\n" + b"x" * 10_000_000 + b"\n",
    "many_documents": b"lang: en\n---\nlang: zh\n",
    "duplicate_keys": b"lang: en\nlang: zh\n",
    "scalar_document": b"just a string\n",
    "list_document": b"- 1\n- 2\n",
}
"""Name → file content; each goes through ``validate`` and ``score`` and must be refused within a second."""

FAST = 0.5
"""Seconds within which each hostile file must be refused."""
