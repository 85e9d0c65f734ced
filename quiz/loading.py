"""What the quiz loads after its first frame: the bank, its models and the saved session (no Textual here).

The app draws the welcome screen from the UI strings alone and calls :func:`load_data` on a worker thread
right after that first frame; the person's first key press waits for it only if it is not done yet. The
imports below are the data layer (pydantic, PyYAML, the bank's models, the flow), so they are deferred to
the functions: importing this module costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from questions.schema import Bank
    from quiz.session import LoadOutcome
    from quiz.store import SessionStore


@dataclass(frozen=True)
class Loaded:
    """The bank and what was found of the saved session for it."""

    bank: Bank
    outcome: LoadOutcome


def read_saved(bank: Bank, store: SessionStore, fresh: bool) -> Loaded:
    """``bank`` with its save taken for this window and fitted to it (with ``fresh``: copied aside first, and
    the quiz starts empty). When another window has the save, the outcome says so (``in_use``)."""
    return Loaded(bank, store.start(bank, fresh=fresh))


def load_data(store: Callable[[], SessionStore], fresh: bool) -> Loaded:
    """Load the shipped bank and the saved session; raises :class:`~questions.loader.LoadError` for a bad bank.

    ``store`` gives the session store (creating it imports the session models, so it is asked for here, on
    the worker). The modules the first question needs are imported too, so that the key press that starts
    the quiz finds them loaded.
    """
    from questions.loader import load_bank
    from quiz import flow  # noqa: F401 - loaded now, not at the first key press

    return read_saved(load_bank(), store(), fresh)


__all__ = ["Loaded", "load_data", "read_saved"]
