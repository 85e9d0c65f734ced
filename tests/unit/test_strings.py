"""The translation table: every key the code names exists, in both languages, with the same placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from questions.strings import strings

ROOT = Path(__file__).resolve().parents[2]
# A literal key passed to t(...), text(...), fill(...), get(...) or used as a binding description.
AREAS = "app|welcome|question|results|help|review|cli|export|explain|band|flag|change|template|dialog|role|session"
KEY = re.compile(rf"""["']((?:{AREAS}|history|compare)\.[a-z0-9_.]+)["']""")


def _code_keys() -> set[str]:
    keys: set[str] = set()
    for folder in ("quiz", "scoring", "questions"):
        for path in (ROOT / folder).rglob("*.py"):
            keys.update(m.group(1) for m in KEY.finditer(path.read_text(encoding="utf-8")))
    # Not keys: Textual action names ("app.quit") and file names.
    return {k for k in keys if not k.endswith((".", ".json", ".tcss", ".yaml")) and k != "app.quit"}


def _fields(text: str) -> set[str]:
    # {Role} is the capitalised form of {role} (sentence starts in English), so compare case-blind.
    return {name.lower() for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_literal_key_in_the_code_exists() -> None:
    table = strings().root
    missing = sorted(k for k in _code_keys() if k not in table and not any(t.startswith(k + ".") for t in table))
    assert missing == []


@pytest.mark.parametrize("key", sorted(strings().root))
def test_both_languages_have_the_same_placeholders(key: str) -> None:
    text = strings().root[key]
    assert _fields(text.zh) == _fields(text.en), key
