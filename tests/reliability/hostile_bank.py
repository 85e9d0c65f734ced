"""A copy of the shipped bank whose user-facing texts are hostile strings (markup, HTML, RTL, emoji…)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from questions.schema import QUESTION_MAX
from tests.reliability.helpers import CONTROL_NAMES, HOSTILE, base_bank_data, dump_yaml

MAX_TEXT = 2000
"""The schema's longest text; the 10 000-character line is refused in a bank (see the tests)."""

LONG_TEXT = QUESTION_MAX
"""Long hostile strings are cut to the longest question text the schema allows."""

SHOWN = {name: text[:LONG_TEXT].strip() for name, text in HOSTILE.items() if name not in CONTROL_NAMES}
"""Hostile strings a valid bank may carry (control characters are refused by the loader)."""

SHORT = [name for name, text in SHOWN.items() if len(text) < 60 and "\n" not in text]
"""Those short enough to be checked verbatim on one line of an 80-column screen."""


def hostile_bank_data() -> dict[str, Any]:
    """The shipped bank with every item, option, role, dimension and title text replaced by a hostile string.

    Item ``n`` carries ``SHOWN[names[n % len(names)]]`` in both languages (short strings first, so every
    short one appears on a question screen); option texts and names carry short ones too.
    """
    data = base_bank_data()
    names = SHORT + [n for n in SHOWN if n not in SHORT]
    data["title"] = {"zh": SHOWN["rich_markup"], "en": SHOWN["rich_markup"]}
    for n, dim in enumerate(data["dimensions"]):
        text = SHOWN[SHORT[n % len(SHORT)]]
        dim["name"] = {"zh": text, "en": text}
    for n, role in enumerate(data["roles"]):
        text = SHOWN[SHORT[(n + 3) % len(SHORT)]]
        role["name"] = {"zh": text + f" {n}", "en": text + f" {n}"}
        role["summary"] = {"zh": SHOWN["html"], "en": SHOWN["html"]}
        role["strengths"][0] = {"zh": SHOWN["rich_link"], "en": SHOWN["rich_link"]}
    for n, item in enumerate(data["items"]):
        text = SHOWN[names[n % len(names)]]
        item["text"] = {"zh": text, "en": text}
        for k, option in enumerate(item.get("options", [])):
            label = SHOWN[SHORT[(n + k) % len(SHORT)]]
            option["text"] = {"zh": label, "en": label}
    return data


def write_hostile_bank(folder: Path) -> Path:
    """Write :func:`hostile_bank_data` as YAML into ``folder``; returns the path."""
    path = folder / "hostile-bank.yaml"
    path.write_text(dump_yaml(hostile_bank_data()), encoding="utf-8")
    return path
