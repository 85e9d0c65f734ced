"""A yes/no question in a small modal; y answers yes, n or Escape answers no."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from quiz.screens.base import QuizModal


class ConfirmDialog(QuizModal[bool]):
    """Asks the question ``key`` (a translation key, formatted with ``values``); dismisses with the answer."""

    BINDINGS = [
        Binding("y", "answer(True)", "app.key.yes"),
        Binding("n", "answer(False)", "app.key.no"),
        Binding("escape", "answer(False)", "app.key.no", show=False),
    ]

    DEFAULT_CSS = """
    ConfirmDialog {
        align: center middle;
    }
    ConfirmDialog > Vertical {
        width: 60;
        max-width: 95%;
        height: auto;
        padding: 1 2;
        border: thick $primary;
        background: $panel;
    }
    ConfirmDialog #confirm-message {
        width: 100%;
        margin-bottom: 1;
    }
    ConfirmDialog Horizontal {
        height: auto;
        align: center middle;
    }
    ConfirmDialog Button {
        margin: 0 1;
    }
    """

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__()
        self.key = key
        self.values = values

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="confirm-message", markup=False)
            with Horizontal():
                yield Button(id="yes", variant="primary")
                yield Button(id="no")

    AUTO_FOCUS = "#no"

    def refresh_text(self) -> None:
        """The question and the two buttons, in the current language."""
        self.query_one("#confirm-message", Static).update(self.t(self.key, **self.values))
        self.query_one("#yes", Button).label = self.t("confirm.yes")
        self.query_one("#no", Button).label = self.t("confirm.no")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        """Close the dialog with ``yes``."""
        self.dismiss(yes)
