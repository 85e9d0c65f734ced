"""Running an answers file through ``career-fit score`` in-process."""

from __future__ import annotations

from pathlib import Path

from tests.reliability.helpers import CliRun, run_cli


def score_file(path: Path, fmt: str = "json", lang: str = "en") -> CliRun:
    """``career-fit score PATH --format FMT --lang LANG``, captured."""
    return run_cli(["score", str(path), "--format", fmt, "--lang", lang])
