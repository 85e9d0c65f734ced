"""One question per screen: progress, the question and its numbered choices.

There is no dimension label: reviewers found it hinted at which role an item scores for.

The screen shows a :class:`~quiz.views.QuestionView` it is given and posts what the person did
(:class:`QuestionScreen.AnswerChosen`, :class:`~QuestionScreen.SkipChosen`,
:class:`~QuestionScreen.MoveRequested`); it never changes the quiz itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import ProgressBar, Static

from quiz.screens.base import QuizScreen
from quiz.widgets.choices import Choice, ChoiceList
from quiz.widgets.keybar import KeyBar

if TYPE_CHECKING:  # the app imports this screen before the bank and its models load (after the first frame)
    from questions.schema import ChoiceItem, RatingItem
    from quiz.views import QuestionView
    from scoring.answers import AnswerValue

RATING_KEYS = tuple(f"question.rating.{n}" for n in range(1, 6))


class QuestionScreen(QuizScreen[None]):
    """Shows one :class:`~quiz.views.QuestionView`; answers, skips and moves are posted as messages."""

    BINDINGS = [
        *(Binding(str(n), f"choose({n})", "app.key.choose", show=False) for n in range(1, 6)),
        # Priority: the focused choice list would otherwise take ← → for horizontal scrolling.
        Binding("left", "move(-1)", "app.key.back", key_display="←", priority=True),
        Binding("backspace", "move(-1)", "app.key.back", show=False),
        Binding("right", "move(1)", "app.key.forward", key_display="→", priority=True),
        Binding("s", "skip", "app.key.skip"),
        Binding("q", "app.quit", "app.key.quit"),
    ]

    class AnswerChosen(Message):
        """The person answered ``item_id`` with ``value`` after ``seconds`` on the question."""

        def __init__(self, item_id: str, value: AnswerValue, seconds: float) -> None:
            super().__init__()
            self.item_id = item_id
            self.value = value
            self.seconds = seconds

    class SkipChosen(Message):
        """The person skipped ``item_id``."""

        def __init__(self, item_id: str, seconds: float) -> None:
            super().__init__()
            self.item_id = item_id
            self.seconds = seconds

    class MoveRequested(Message):
        """Go ``step`` questions back (-1) or forward (+1) without answering."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def __init__(self, view: QuestionView, clock: Callable[[], float]) -> None:
        super().__init__()
        self.view = view
        """What is on screen."""
        self._clock = clock
        self._shown_at = clock()
        self._answered_on_screen = False
        """True from the moment an answer or skip is sent until the next question is shown: a key
        pressed in between (type-ahead) is dropped rather than applied to the question being left."""

    def compose(self) -> ComposeResult:
        with Vertical(id="question-body"):
            with Horizontal(id="progress-row"):
                yield Static(id="progress-label", markup=False)
                yield ProgressBar(show_eta=False, show_percentage=False, id="progress")
            yield Static(id="prompt", markup=False)
            yield Static(id="question", markup=False)
            yield ChoiceList(id="choices")
            yield Static(id="hint", markup=False)
        yield KeyBar(compact=True)

    def show(self, view: QuestionView) -> None:
        """Show another question (the app calls this when the flow moves on)."""
        self.view = view
        self._shown_at = self._clock()
        self.refresh_text()

    def uncover(self, view: QuestionView) -> None:
        """Show ``view`` on this screen built ahead of time, about to be uncovered; its time starts now.

        A screen built with the same view is left as drawn: redrawing it would only add to the frame
        that follows the key press starting the quiz.
        """
        if view == self.view:
            self._shown_at = self._clock()
        else:
            self.show(view)

    COMPACT_BELOW = (60, 20)
    """Under this width or height the screen drops its margins and helper lines, and the choices scroll."""

    def on_mount(self) -> None:
        """Fit the layout to the terminal (the base class then draws the text)."""
        self._shown_at = self._clock()
        self._fit(self.app.size.width, self.app.size.height)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        self.set_class(width < self.COMPACT_BELOW[0] or height < self.COMPACT_BELOW[1], "-compact")

    @property
    def item(self) -> RatingItem | ChoiceItem:
        """The item on screen."""
        return self.view.item

    def refresh_text(self) -> None:
        """Draw the view in the current language and focus the choices."""
        self._answered_on_screen = False
        view, lang = self.view, self.lang
        item = view.item
        if view.form == "adaptive":
            label = self.t("question.progress_short", n=view.number, expected=view.expected, total=view.total,
                           answered=view.answered)
        else:
            label = self.t("question.progress", n=view.number, total=view.total, answered=view.answered)
        self.query_one("#progress-label", Static).update(label)
        bar = self.query_one("#progress", ProgressBar)
        # The short form's length is not known in advance: a bar against all the questions would stall near 60 %
        # and then jump, so it shows the label alone.
        bar.display = view.form != "adaptive"
        bar.update(total=view.total, progress=view.answered)
        if item.kind == "rating":
            prompt, hint = self.t("question.rating_prompt"), self.t("question.hint_rating")
            choices = [Choice(n, n, self.t(RATING_KEYS[n - 1])) for n in range(1, 6)]
        else:
            prompt, hint = self.t("question.choice_prompt"), self.t("question.hint_choice")
            choices = [Choice(n, o.id, o.text.get(lang)) for n, o in enumerate(item.options, start=1)]
        self.query_one("#prompt", Static).update(prompt)
        self.query_one("#question", Static).update(item.text.get(lang))
        notes = []
        if view.chosen is not None:
            notes.append(self.t("question.answered_note"))
        elif view.skipped:
            notes.append(self.t("question.skipped_note"))
        if view.reviewing:
            notes.append(self.t("question.reviewing_note"))
        self.query_one("#hint", Static).update("  ".join([*notes, hint]))
        choice_list = self.query_one(ChoiceList)
        choice_list.show(choices, view.chosen)
        choice_list.focus()

    def _elapsed(self) -> float:
        return max(0.0, self._clock() - self._shown_at)

    def action_choose(self, key: int) -> None:
        """Answer with the choice numbered ``key`` (bell if there is none, e.g. 4 on a triad)."""
        choice = self.query_one(ChoiceList).choice_for_key(key)
        if choice is None:
            self.app.bell()
            return
        self._send_answer(choice.value)

    @on(ChoiceList.Picked)
    def _picked(self, event: ChoiceList.Picked) -> None:
        self._send_answer(event.choice.value)

    def _send_answer(self, value: AnswerValue) -> None:
        if self._answered_on_screen:
            return
        self._answered_on_screen = True
        self.post_message(self.AnswerChosen(self.view.item.id, value, self._elapsed()))

    def action_move(self, step: int) -> None:
        """Previous (-1) or next (+1) question."""
        self.post_message(self.MoveRequested(step))

    def action_skip(self) -> None:
        """Leave this question for later."""
        if self._answered_on_screen:
            return
        self._answered_on_screen = True
        self.post_message(self.SkipChosen(self.view.item.id, self._elapsed()))
