"""What the command line writes on standard output: made safe for a terminal, and its failures in one line.

Every command's text goes through :func:`write_stdout`: anything a terminal would act on (ESC, CR, bidi
controls…) is escaped on each line, and JSON keeps its meaning (those characters become ``\\uXXXX``). When
standard output cannot be written (``> /dev/full``, a closed file) the command stops with one line naming
standard output, exit code 2; a closed pipe (``| head``) ends it quietly, as before.
"""

from __future__ import annotations

import os
import sys

from questions.safe_text import json_text, terminal_lines
from quiz.errors import UsageError


def write_stdout(text: str, *, as_json: bool = False) -> None:
    """Write ``text`` to standard output, made safe (see above), and flush it."""
    safe = json_text(text) if as_json else terminal_lines(text)
    try:
        sys.stdout.write(safe)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise stdout_failed(exc) from None


def flush_stdout() -> None:
    """Flush standard output at the end of a command; a failure is :func:`stdout_failed`'s one line."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise stdout_failed(exc) from None


def stdout_failed(exc: OSError) -> UsageError:
    """The one-line error for a failed write to standard output; what is left in its buffers is dropped,
    so the interpreter does not fail a second time when it flushes them at exit."""
    drop_stdout()
    return UsageError(f"standard output: cannot write: {exc.strerror or exc}")


def drop_stdout() -> None:
    """Send whatever is left in standard output's buffers nowhere (nothing more can reach it anyway)."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):
        pass  # standard output is not a real file (tests): nothing will be flushed at exit


__all__ = ["drop_stdout", "flush_stdout", "stdout_failed", "write_stdout"]
