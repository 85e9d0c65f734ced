"""``career-fit`` with no sub-command: run the Textual quiz.

The shipped bank is loaded by the app itself, on a worker thread after the first frame (see
:mod:`quiz.loading`). A bank given with ``--bank`` is loaded and validated here, before the app starts, so
that a bad file is one line on stderr and exit code 2 like every other bad input.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from questions.schema import Bank
    from quiz.app import CareerFitApp


def run_app(args: argparse.Namespace) -> int:
    """Run the quiz. A bad bank raises :class:`~questions.loader.LoadError` (cli prints one line).

    Two environment variables exist for benchmarks and tests: ``CAREER_FIT_SKIP_WELCOME=1`` opens on
    the first question; ``CAREER_FIT_STARTUP_LOG=<file>`` appends the time to the first screen as a
    JSON line (``since_import_s``, ``since_process_start_s``).
    """
    bank = given_bank(args)  # a bad --bank is reported first, terminal or not
    from quiz.terminal import require_terminal, run_in_terminal

    require_terminal(args.lang)  # no terminal, no quiz: one line pointing to template and score
    from quiz.app import CareerFitApp  # importing the app starts the time-to-first-screen clock

    log = os.environ.get("CAREER_FIT_STARTUP_LOG")
    app = CareerFitApp(
        bank,
        args.lang,
        fresh=bool(getattr(args, "fresh", False)),
        short=bool(getattr(args, "short", False)),
        skip_welcome=os.environ.get("CAREER_FIT_SKIP_WELCOME", "") not in ("", "0"),
        startup_log=Path(log) if log else None,
        freeze_after_load=True,  # the process's one app (see OpeningApp.freeze_after_load)
    )
    code = run_in_terminal(app)  # ends the app if its terminal goes away
    raise_load_error(app)
    return code


def given_bank(args: argparse.Namespace) -> Bank | None:
    """The bank named by ``--bank``, validated now (on the main thread, before the app); None for the shipped one."""
    path = getattr(args, "bank", None)
    if path is None:
        return None
    from questions.loader import load_bank

    return load_bank(path)


def raise_load_error(app: CareerFitApp) -> None:
    """Re-raise what stopped the app's data worker (a shipped bank that cannot be read, say) for the CLI to report."""
    if app.load_error is not None:
        raise app.load_error
