"""Running an answers file through ``career-fit score`` (or, before it exists, the same checks directly)."""

from __future__ import annotations

import importlib.util
import io
import time
from pathlib import Path

from tests.reliability.helpers import CliRun, run_cli


def score_command_exists() -> bool:
    """Whether ``quiz/commands/score.py`` has landed."""
    return importlib.util.find_spec("quiz.commands.score") is not None


def score_file(path: Path, fmt: str = "json", lang: str = "en") -> CliRun:
    """``career-fit score PATH --format FMT`` in-process; before the command exists, the checks it would run.

    The fallback reads the file with the loader, validates it as :class:`scoring.answers.Answers` and
    checks it against the shipped bank, reporting errors the way the CLI does (one line, exit 2).
    """
    if score_command_exists():
        return run_cli(["score", str(path), "--format", fmt, "--lang", lang])
    from questions.loader import LoadError, load_bank, parse_yaml, read_text, validate
    from scoring.answers import AnswerError, Answers, check_answers

    start = time.perf_counter()
    err = io.StringIO()
    code = 0
    try:
        answers = validate(Answers, parse_yaml(read_text(path), str(path)), list_key="answers")
        check_answers(load_bank(), answers)
    except LoadError as exc:
        err.write(f"career-fit: {exc}\n")
        code = 2
    except AnswerError as exc:
        err.write(f"career-fit: {path}: {exc}\n")
        code = 2
    return CliRun(code, "", err.getvalue(), time.perf_counter() - start)
