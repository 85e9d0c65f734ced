"""A yes/no question in a small modal; y answers yes, n or Escape answers no."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from quiz.i18n import t


class ConfirmDialog(ModalScreen[bool]):
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

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._render_text, init=True)
        self.query_one("#no", Button).focus()

    def _render_text(self, lang: Any) -> None:
        self.query_one("#confirm-message", Static).update(t(self.key, lang, **self.values))
        self.query_one("#yes", Button).label = t("confirm.yes", lang)
        self.query_one("#no", Button).label = t("confirm.no", lang)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        """Close the dialog with ``yes``."""
        self.dismiss(yes)
