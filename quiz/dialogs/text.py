"""A read-only panel of text (e.g. how this result compares with the last one); Escape closes it."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from questions.schema import Lang
from quiz.screens.base import QuizModal
from quiz.widgets.keybar import KeyBar


class TextDialog(QuizModal[None]):
    """Shows the title and body that ``render(lang)`` returns, again on each language change."""

    BINDINGS = [
        Binding("escape", "close", "app.key.close"),
        Binding("q", "close", "app.key.close", show=False),
    ]

    DEFAULT_CSS = """
    TextDialog {
        align: center middle;
    }
    TextDialog > Vertical {
        width: 76;
        max-width: 98%;
        height: 85%;
        border: thick $primary;
        background: $panel;
        padding: 0 1;
    }
    TextDialog #text-title {
        text-style: bold;
        padding-bottom: 1;
    }
    """

    def __init__(self, render: Callable[[Lang], tuple[str, str]]) -> None:
        super().__init__()
        self._make_text = render

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="text-title", markup=False)
            with VerticalScroll():
                yield Static(id="text-body", markup=False)
        yield KeyBar(compact=True)

    def refresh_text(self) -> None:
        """Title and body in the current language."""
        title, body = self._make_text(self.lang)
        self.query_one("#text-title", Static).update(title)
        self.query_one("#text-body", Static).update(body)

    def action_close(self) -> None:
        """Close the panel."""
        self.dismiss(None)
