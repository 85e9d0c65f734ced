"""Golden files: every export format and the compare report, in both languages, byte for byte.

The sample results are scored for real on the sample bank with a fixed ``created`` clock, and the time zone
is pinned to UTC, so the output is stable. Beside the full sample (a single-role result with quality
flags) in every format, the other shapes (hybrid, too few answers, low interest) are kept as text. After
an intended change, regenerate with ``pytest tests/golden --update-goldens`` and read the diff before
committing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from quiz.export import EXTENSIONS, render
from quiz.export.compare import compare_text
from scoring.compare import compare
from tests.golden import switch
from tests.golden.sample import later, sample_bank, sample_document

HERE = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Pin local time to UTC (exports print dates in local time)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def check(name: str, actual: str) -> None:
    path = HERE / name
    if switch.UPDATE:
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"missing golden file {name}; run with --update-goldens and review it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file; if intended, regenerate with --update-goldens"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["md", "json", "html", "text"])
def test_export_matches_golden(fmt: str, lang: str) -> None:
    document = sample_document(flags=True, lang=lang)
    check(f"result.{lang}.{EXTENSIONS[fmt]}", render(document, fmt, lang, sample_bank()))  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("shape", ["hybrid", "insufficient", "low"])
def test_other_shapes_match_golden(shape: str, lang: str) -> None:
    document = sample_document(answers=shape, lang=lang)
    check(f"{shape}.{lang}.txt", render(document, "text", lang, sample_bank()))  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["text", "md"])
def test_compare_matches_golden(fmt: str, lang: str) -> None:
    before = sample_document(answers="earlier")
    after = sample_document(created=later(7))
    ext = "txt" if fmt == "text" else "md"
    check(f"compare.{lang}.{ext}", compare_text(compare(before, after), sample_bank(), lang, fmt))  # type: ignore[arg-type]
