"""Exit codes and the usage error, shared by the command line and every sub-command.

A module of its own so that ``quiz.cli`` (which dispatches) and ``quiz.commands.*`` (which raise) both
import it and never each other.
"""

from __future__ import annotations

EXIT_OK = 0
"""Success."""
EXIT_FAILURE = 1
"""An unexpected failure (reported in one line, never a traceback)."""
EXIT_USAGE = 2
"""Bad input or usage."""
EXIT_INTERRUPTED = 130
"""Stopped with Ctrl+C."""


class UsageError(Exception):
    """Bad input or usage: reported as one line on stderr with exit code 2."""


__all__ = ["EXIT_FAILURE", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "UsageError"]
