"""The floor for the start-up and answering benchmarks: a bare Textual app (Header, Static, Footer).

It does the least a Textual app can do to show one screen of text, so career-fit's start-up and memory
are compared with what Textual itself costs on this machine, in the same run. Keys 1–5 replace the text
with the next "question", which gives the answering benchmark a floor for one key press and one repaint.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static


class BareApp(App[None]):
    """Header, one Static and Footer; keys 1–5 move to the next numbered line."""

    BINDINGS = [Binding(str(n), f"next({n})", f"answer {n}") for n in range(1, 6)]

    def __init__(self) -> None:
        super().__init__()
        self.index = 0
        """Which "question" the Static shows; the answering benchmark watches it change."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._line(), id="question")
        yield Footer()

    def _line(self) -> str:
        return f"Question {self.index + 1}: how much would you enjoy this activity?"

    def action_next(self, value: int) -> None:
        """Record nothing, show the next line (the least an answer can cost)."""
        self.index += 1
        self.query_one("#question", Static).update(self._line())


if __name__ == "__main__":
    BareApp().run()
