"""Golden files: every export format and the compare report, in both languages, byte for byte.

The sample result has a fixed ``created`` clock and the time zone is pinned to UTC, so the output is
stable. After an intended change, regenerate with ``pytest tests/golden --update-goldens`` and review
the diff before committing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from quiz.export import EXTENSIONS, render
from quiz.history import compare_text
from scoring.result import ResultDocument
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


def _earlier_close_call() -> ResultDocument:
    return sample_document(
        scores={"implementation_manager": 66.0, "project_manager": 61.2, "operations": 35.0},
        probabilities={"implementation_manager": 0.52, "project_manager": 0.44, "operations": 0.04},
        ranking=("implementation_manager", "project_manager", "operations"),
        band="close_call",
        answers={"wf_impl": 5, "wf_pm": 4, "wf_ops": 2, "th_impl": 4, "th_pm": 4, "th_ops": 1,
                 "wf_triad": "wf_triad_impl"},
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["text", "md"])
def test_compare_matches_golden(fmt: str, lang: str) -> None:
    before = _earlier_close_call()
    after = sample_document(created=later(7))
    ext = "txt" if fmt == "text" else "md"
    check(f"compare.{lang}.{ext}", compare_text(before, after, lang, fmt))  # type: ignore[arg-type]
