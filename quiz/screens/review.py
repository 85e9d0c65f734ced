"""Before the results: the questions still unanswered, each one a way back to answer it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from quiz.widgets.keybar import KeyBar
from quiz.widgets.localized import Localized


class ReviewScreen(Localized):
    """Lists unanswered items; Enter or a click goes to one, ``r`` shows the results as they are."""

    BINDINGS = [
        Binding("enter", "answer", "app.key.answer_this", show=False),
        Binding("r", "results", "app.key.results_now"),
        Binding("left", "back", "app.key.back", key_display="←", priority=True),
        Binding("escape", "back", "app.key.back", show=False),
        Binding("q", "app.quit", "app.key.quit"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="review-body"):
            yield Static(id="review-title", markup=False)
            yield Static(id="review-intro", markup=False)
            yield OptionList(id="review-list")
        yield KeyBar(compact=True)

    def refresh_text(self) -> None:
        bank = self.quiz.bank
        lang = self.lang
        missing = self.quiz.session.unanswered(bank)
        index = {item.id: n for n, item in enumerate(bank.items)}
        self.query_one("#review-title", Static).update(
            Text(self.t("review.title", count=len(missing), total=len(bank.items)), style="bold")
        )
        self.query_one("#review-intro", Static).update(self.t("review.intro"))
        options = []
        for item_id in missing:
            item = bank.items[index[item_id]]
            label = Text.assemble(
                (f"{index[item_id] + 1:>2}. ", "bold"),
                (f"{bank.dimension(item.dimension).name.get(lang)} · ", "dim"),
                item.text.get(lang),
            )
            options.append(Option(label, id=item_id))
        review = self.query_one("#review-list", OptionList)
        keep = review.highlighted
        review.set_options(options)
        if options:
            review.highlighted = min(keep or 0, len(options) - 1)
        review.focus()

    @on(OptionList.OptionSelected, "#review-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.quiz.answer_from_review(event.option.id)

    def action_answer(self) -> None:
        """Answer the highlighted question."""
        option = self.query_one("#review-list", OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.quiz.answer_from_review(option.id)

    def action_results(self) -> None:
        """Show the results with the remaining questions unanswered."""
        self.quiz.show_results()

    def action_back(self) -> None:
        """Back to the last question."""
        self.quiz.leave_review()
