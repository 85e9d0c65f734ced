"""Help: every key, what the quiz is, and where its data is saved."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from quiz.screens.base import QuizModal
from quiz.serve.visitors import KEEP_DAYS
from quiz.views import HelpView
from quiz.widgets.keybar import KeyBar

# (keys as shown, translation key of what they do), grouped by screen.
KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "help.keys_question",
        (
            ("1–5", "help.key.rate"),
            ("1–3", "help.key.pick"),
            ("↑ ↓ Enter", "help.key.arrows"),
            ("← Backspace", "help.key.back"),
            ("→", "help.key.forward"),
            ("s", "help.key.skip"),
            ("r", "help.key.results_now"),
        ),
    ),
    (
        "help.keys_results",
        (
            ("e", "help.key.export"),
            ("c", "help.key.compare"),
            ("r", "help.key.retake"),
            ("↑ ↓ PgUp PgDn", "help.key.scroll"),
        ),
    ),
    (
        "help.keys_everywhere",
        (
            ("F2 / Ctrl+L", "help.key.lang"),
            ("? / F1", "help.key.help"),
            ("Ctrl+P", "help.key.palette"),
            ("q / Ctrl+Q", "help.key.quit"),
            ("y / n / Esc", "help.key.confirm"),
        ),
    ),
)


class HelpScreen(QuizModal[None]):
    """A modal help panel; Escape, q, ? or F1 closes it."""

    BINDINGS = [
        Binding("escape", "close", "app.key.close"),
        Binding("q", "close", "app.key.close", show=False),
        Binding("question_mark", "close", "app.key.close", show=False),
        Binding("f1", "close", "app.key.close", show=False),
    ]

    AUTO_FOCUS = "#help-scroll"

    def __init__(self, view: HelpView) -> None:
        super().__init__()
        self.view = view
        """Where the data is kept."""

    def compose(self) -> ComposeResult:
        with Vertical(id="help-panel"):
            yield Static(id="help-title", markup=False)
            with VerticalScroll(id="help-scroll"):
                yield Static(id="help-about", markup=False)
                yield Static(id="help-keys")
                yield Static(id="help-data", markup=False)
        yield KeyBar(compact=True)

    def refresh_text(self) -> None:
        """About, keys and data folder in the current language."""
        self.query_one("#help-title", Static).update(Text(self.t("help.title"), style="bold"))
        self.query_one("#help-about", Static).update(self.t("help.about") + "\n")
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="bold")
        table.add_column(overflow="fold")
        for heading, keys in KEYS:
            table.add_row(Text(self.t(heading), style="underline"), "")
            for shown, what in keys:
                table.add_row(Text(shown), Text(self.t(what)))
            table.add_row("", "")
        self.query_one("#help-keys", Static).update(table)
        data = self.t("help.data", session=str(self.view.session_file), folder=str(self.view.data_folder))
        if self.app.is_web:  # served: a visitor is told where their data is, not the server's paths
            data = self.t("help.data_served", days=KEEP_DAYS)
        self.query_one("#help-data", Static).update(data)

    def action_close(self) -> None:
        """Close help."""
        self.dismiss(None)
