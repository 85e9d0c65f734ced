"""The quiz and its terminal: refuse to start without one, end when it goes away.

- :func:`require_terminal`: the quiz draws a full screen and reads keys, so standard input and output must
  both be a terminal that can draw one. Otherwise (``career-fit < /dev/null``, ``career-fit > out.txt``,
  ``TERM=dumb``) it says so in one line that points to ``template`` and ``score``, with exit code 2,
  instead of sending escape sequences nowhere and waiting for keys that never come.
- :func:`run_in_terminal`: runs the app and watches the terminal. When it goes away (the window closed
  while SIGHUP is ignored, or its pty closed without a hangup) Textual's key reader would spin on end of
  file for ever; here the app is asked to exit, and the process ends outright if it has not within a few
  seconds. Answers are saved after every move, so nothing is lost either way.

In a browser (``career-fit serve``, where Textual's web driver is named in ``TEXTUAL_DRIVER``) there is no
terminal to check: both do nothing special there.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import TYPE_CHECKING

from quiz.errors import EXIT_USAGE, UsageError
from quiz.i18n import t

if TYPE_CHECKING:
    from questions.schema import Lang
    from quiz.app import CareerFitApp

EXIT_HANGUP = 129
"""Exit status when the terminal went away (128 + SIGHUP, as a shell reports a hangup)."""

POLL_SECONDS = 0.5
"""How often the terminal is checked (one ``tcgetattr`` call)."""

GRACE_SECONDS = 3.0
"""How long the app gets to exit by itself once its terminal is gone."""


def _web() -> bool:
    return bool(os.environ.get("TEXTUAL_DRIVER"))


def require_terminal(lang: Lang) -> None:
    """Raise :class:`UsageError` (one line, exit 2) when the quiz cannot run in this terminal."""
    if _web():
        return
    if not (_isatty(sys.stdin) and _isatty(sys.stdout)):
        raise UsageError(t("cli.run.no_terminal", lang))
    if os.environ.get("TERM", "").strip().lower() == "dumb":
        raise UsageError(t("cli.run.dumb_terminal", lang))


def _isatty(stream: object) -> bool:
    try:
        return bool(stream is not None and stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


def run_in_terminal(app: CareerFitApp) -> int:
    """Run ``app`` while watching its terminal; returns the exit code (after printing why it refused to run,
    when it did: its save is open in another window)."""
    stop = threading.Event()
    if not _web():
        watcher = threading.Thread(target=_watch, args=(app, stop), name="terminal-watch", daemon=True)
        watcher.start()
    try:
        app.run()
    finally:
        stop.set()
    if app.refusal is not None:
        from questions.safe_text import shown

        sys.stderr.write(f"career-fit: {shown(app.refusal, None, fold=True)}\n")
        return app.return_code or EXIT_USAGE
    return app.return_code or 0


def _watch(app: CareerFitApp, stop: threading.Event) -> None:
    fds = [stream.fileno() for stream in (sys.__stdin__, sys.__stdout__) if stream is not None]
    while not stop.wait(POLL_SECONDS):
        if all(_alive(fd) for fd in fds):
            continue
        # Asked from a thread of its own: call_from_thread waits for the app, which a dead terminal may keep
        # busy for good, and this watcher must still be free to end the process after the grace period.
        threading.Thread(target=_ask_to_exit, args=(app,), name="terminal-exit", daemon=True).start()
        if not stop.wait(GRACE_SECONDS):
            os._exit(EXIT_HANGUP)  # the app could not close on a dead terminal: end here (saves are atomic)
        return


def _ask_to_exit(app: CareerFitApp) -> None:
    try:
        app.call_from_thread(app.exit, None, EXIT_HANGUP)
    except RuntimeError:  # the app is not running (any more)
        pass


def _alive(fd: int) -> bool:
    """Whether ``fd`` is still a working terminal (a hung-up one fails every terminal request with EIO)."""
    try:
        import termios
    except ImportError:
        return True
    try:
        termios.tcgetattr(fd)
    except termios.error:
        return False
    except OSError:
        return False
    return True


__all__ = ["EXIT_HANGUP", "require_terminal", "run_in_terminal"]
