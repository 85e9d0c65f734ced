"""Before the results: the questions still unanswered, each one a way back to answer it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from quiz.screens.base import QuizScreen
from quiz.views import ReviewView
from quiz.widgets.keybar import KeyBar


class ReviewScreen(QuizScreen[None]):
    """Lists unanswered items; Enter or a click goes to one, ``r`` shows the results as they are."""

    BINDINGS = [
        Binding("enter", "answer", "app.key.answer_this", show=False),
        Binding("r", "results", "app.key.results_now"),
        Binding("left", "back", "app.key.back", key_display="←", priority=True),
        Binding("escape", "back", "app.key.back", show=False),
        Binding("q", "app.quit", "app.key.quit"),
    ]

    class Picked(Message):
        """The person chose to answer ``item_id`` now."""

        def __init__(self, item_id: str) -> None:
            super().__init__()
            self.item_id = item_id

    class ResultsNow(Message):
        """Show the results with the remaining questions unanswered."""

    class BackChosen(Message):
        """Back to the last question."""

    def __init__(self, view: ReviewView) -> None:
        super().__init__()
        self.view = view
        """What is on screen."""

    def compose(self) -> ComposeResult:
        with Vertical(id="review-body"):
            yield Static(id="review-title", markup=False)
            yield Static(id="review-intro", markup=False)
            yield OptionList(id="review-list")
        yield KeyBar(compact=True)

    def refresh_text(self) -> None:
        """The list in the current language (the highlighted entry stays)."""
        view, lang = self.view, self.lang
        self.query_one("#review-title", Static).update(
            Text(self.t("review.title_short" if view.short else "review.title", count=len(view.entries),
                        total=view.total), style="bold")
        )
        self.query_one("#review-intro", Static).update(self.t("review.intro"))
        options = [
            Option(
                Text.assemble(
                    (f"{entry.number:>2}. ", "bold"), (f"{entry.dimension.get(lang)} · ", "dim"), entry.text.get(lang)
                ),
                id=entry.item_id,
            )
            for entry in view.entries
        ]
        review = self.query_one("#review-list", OptionList)
        keep = review.highlighted
        review.set_options(options)
        if options:
            review.highlighted = min(keep or 0, len(options) - 1)
        review.focus()

    @on(OptionList.OptionSelected, "#review-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.post_message(self.Picked(event.option.id))

    def action_answer(self) -> None:
        """Answer the highlighted question."""
        option = self.query_one("#review-list", OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.post_message(self.Picked(option.id))

    def action_results(self) -> None:
        """Show the results with the remaining questions unanswered."""
        self.post_message(self.ResultsNow())

    def action_back(self) -> None:
        """Back to the last question."""
        self.post_message(self.BackChosen())
