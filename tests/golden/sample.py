"""Sample results for export, report and history tests, scored for real on a small bank of their own.

``sample_bank.yaml`` beside this file (12 items, three dimensions, the three pairs) keeps the golden files
independent of the shipped bank. :func:`sample_document` scores one of the named answer sets below; the
keyword arguments make variants (another date, bank version, language, quality flags, hostile texts).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from questions.loader import load_bank, validate_bank_data
from questions.schema import Bank
from scoring.answers import Answers
from scoring.document import build_document
from scoring.result import ResultDocument

HERE = Path(__file__).resolve().parent
BANK_FILE = HERE / "sample_bank.yaml"
CREATED = datetime(2026, 11, 23, 14, 30, 5, tzinfo=timezone.utc)
"""The fixed clock of every golden file."""

EVIL = ' <script>alert("x")</script> | **bold** <img src=http://evil.example/x.png> [link](javascript:alert(1))'
"""Markup put into the bank's texts by ``hostile=True``, to test escaping in every format."""

ANSWERS: dict[str, dict[str, int | str]] = {
    # Likes project work clearly more than the rest; picks it in two of three triads.
    "single": {"wf_impl": 3, "wf_pm": 5, "wf_ops": 2, "th_impl": 4, "th_pm": 5, "th_ops": 1, "co_impl": 3,
               "co_pm": 5, "co_ops": 2, "wf_triad": "wf_triad_pm", "th_triad": "th_triad_a", "co_triad": "co_triad_b"},
    # Implementation and project work alike, operations far behind.
    "hybrid": {"wf_impl": 5, "wf_pm": 5, "wf_ops": 1, "th_impl": 5, "th_pm": 4, "th_ops": 1, "co_impl": 4,
               "co_pm": 5, "co_ops": 1, "wf_triad": "wf_triad_impl", "th_triad": "th_triad_a",
               "co_triad": "co_triad_b"},
    # An earlier result of the "single" person: implementation and project close, operations behind.
    "earlier": {"wf_impl": 5, "wf_pm": 4, "wf_ops": 2, "th_impl": 4, "th_pm": 4, "th_ops": 1, "co_impl": 4,
                "co_pm": 4, "co_ops": 2, "wf_triad": "wf_triad_impl", "th_triad": "th_triad_c",
                "co_triad": "co_triad_c"},
    # Too few answers for a result.
    "insufficient": {"wf_impl": 4, "wf_pm": 5, "th_ops": 2, "wf_triad": "wf_triad_pm"},
    # Everything disliked.
    "low": {"wf_impl": 2, "wf_pm": 1, "wf_ops": 2, "th_impl": 1, "th_pm": 1, "th_ops": 2, "co_impl": 2,
            "co_pm": 1, "co_ops": 2, "wf_triad": "wf_triad_ops", "th_triad": "th_triad_b", "co_triad": "co_triad_a"},
}


def sample_bank(hostile: bool = False, version: str | None = None) -> Bank:
    """The small bank the samples are scored with (``hostile``: markup in its names, texts and URLs)."""
    if not hostile and version is None:
        return _plain_bank()
    data = _bank_data()
    if version is not None:
        data["version"] = version
    if hostile:
        data["roles"][1]["name"]["en"] += EVIL
        data["roles"][1]["name"]["zh"] += EVIL
        data["dimensions"][0]["name"]["en"] += EVIL
        for item in data["items"]:
            item["text"]["en"] += EVIL
            item["text"]["zh"] += EVIL
        data["sources"][0]["url"] = "https://x.example/a)b](javascript:alert(1))<script>alert(2)</script>"
        data["pairs"][0]["titles"]["en"] += EVIL
    return validate_bank_data(data, str(BANK_FILE))


@lru_cache(maxsize=1)
def _plain_bank() -> Bank:
    return load_bank(BANK_FILE)


def _bank_data() -> Any:
    return yaml.safe_load(BANK_FILE.read_text(encoding="utf-8"))


def sample_document(
    *,
    answers: str | dict[str, int | str] = "single",
    created: datetime = CREATED,
    flags: bool = False,
    hostile: bool = False,
    bank_version: str | None = None,
    lang: str = "zh",
) -> ResultDocument:
    """A :class:`ResultDocument` of a named answer set (or the given answers), scored with the sample bank.

    ``flags=True`` adds timings fast enough for the "too fast" flag.
    """
    chosen = ANSWERS[answers] if isinstance(answers, str) else answers
    timings = {k: 1.2 for k in chosen} if flags else {k: 6.5 for k in list(chosen)[:2]}
    bank = sample_bank(hostile, bank_version)
    return build_document(bank, Answers(lang=lang, answers=chosen, timings=timings),
                          created=created, lang=lang)  # type: ignore[arg-type]


def later(days: int) -> datetime:
    """``CREATED`` plus ``days`` days."""
    return CREATED + timedelta(days=days)


def as_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """A result document (as JSON data) rewritten the way schema version 1 wrote it: no strength, profile,
    form or answered roles, and the profile's text under ``band_meaning``."""
    data["schema_version"] = 1
    result = data["result"]
    for key in ("strength", "profile", "form"):
        del result[key]
    ex = result["explanations"]
    ex["band_meaning"] = ex.pop("profile")
    del ex["strength"], ex["certainty"]
    for d in result["dimensions"]:
        del d["answered_roles"]
    return data
