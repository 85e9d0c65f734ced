"""Textual's command palette with its prompt in the quiz's language, closed at most once."""

from __future__ import annotations

from textual.await_complete import AwaitComplete
from textual.command import CommandPalette


class QuizPalette(CommandPalette):
    """The command palette; a second close (a click on its background that arrives after it closed) is ignored.

    Textual's palette closes itself on a click on its background; a fast click after Ctrl+P can reach it
    once it has already been dismissed, and closing again would pop the screens underneath it.
    """

    def dismiss(self, result: None = None) -> AwaitComplete:
        """Close the palette unless it has already left the top of the stack."""
        if not self.is_active:
            return AwaitComplete()
        return super().dismiss(result)


__all__ = ["QuizPalette"]
