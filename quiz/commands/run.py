"""``career-fit`` with no sub-command: load the bank and run the Textual quiz."""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def run_app(args: argparse.Namespace) -> int:
    """Run the quiz. A bad ``--bank`` raises :class:`~questions.loader.LoadError` (cli prints one line).

    Two environment variables exist for benchmarks and tests: ``CAREER_FIT_SKIP_WELCOME=1`` opens on
    the first question; ``CAREER_FIT_STARTUP_LOG=<file>`` appends the time to the first screen as a
    JSON line (``since_import_s``, ``since_process_start_s``).
    """
    from questions.loader import load_bank  # the bank is read before the app's start-up clock begins
    from quiz.terminal import require_terminal, run_in_terminal

    bank = load_bank(getattr(args, "bank", None))  # a bad --bank is reported first, terminal or not
    require_terminal(args.lang)  # no terminal, no quiz: one line pointing to template and score
    from quiz.app import CareerFitApp  # importing the app starts the time-to-first-screen clock

    log = os.environ.get("CAREER_FIT_STARTUP_LOG")
    app = CareerFitApp(
        bank,
        args.lang,
        fresh=bool(getattr(args, "fresh", False)),
        skip_welcome=os.environ.get("CAREER_FIT_SKIP_WELCOME", "") not in ("", "0"),
        startup_log=Path(log) if log else None,
    )
    return run_in_terminal(app)  # ends the app if its terminal goes away
