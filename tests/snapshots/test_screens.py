"""What each screen looks like at 80×24, in Chinese and English (review the SVGs before accepting them).

The clock and the date are fixed, so timings and stamps never change a snapshot.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from questions.schema import ChoiceItem
from tests.functional.helpers import make_app, persona_keys, shipped_bank

LANGS = ["zh", "en"]
SIZE = (80, 24)


def first_triad_keys() -> list[str]:
    """Keys from the welcome screen to the first triad (rating every earlier item 4)."""
    index = next(n for n, item in enumerate(shipped_bank().items) if isinstance(item, ChoiceItem))
    return ["enter", *["4"] * index]


@pytest.mark.parametrize("lang", LANGS)
def test_welcome(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    assert snap_compare(make_app(tmp_path, lang), terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_rating_question(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    # Answer the first question, go back to it: the given answer is marked and highlighted.
    assert snap_compare(make_app(tmp_path, lang), terminal_size=SIZE, press=["enter", "4", "left"])


@pytest.mark.parametrize("lang", LANGS)
def test_triad(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    assert snap_compare(make_app(tmp_path, lang), terminal_size=SIZE, press=first_triad_keys())


@pytest.mark.parametrize("lang", LANGS)
def test_results(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    keys = ["enter", *persona_keys(shipped_bank(), "project_manager", liked="5", other="3")]
    assert snap_compare(make_app(tmp_path, lang), terminal_size=SIZE, press=keys)
