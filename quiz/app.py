"""The Textual app: an adapter between the screens and the quiz flow.

Each handler below takes one screen's message, applies the matching move of the :class:`~quiz.flow.Flow`,
saves the new state **before** anything else, then shows the step the flow returned. The app holds no
quiz state of its own: where the person is, review mode and whether anything was recorded live in the
flow; screens are given frozen views (:mod:`quiz.views`) and post messages up.

The first frame does not wait for the data layer: nothing imported here loads pydantic, PyYAML or the
bank; the welcome comes first and the data follows on a worker (:mod:`quiz.opening`, the app's base).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

_IMPORTED_AT = time.perf_counter()

from textual import on  # noqa: E402 - the timestamp above must come first
from textual.app import SystemCommand  # noqa: E402
from textual.binding import Binding  # noqa: E402
from textual.command import CommandPalette  # noqa: E402
from textual.reactive import reactive  # noqa: E402
from textual.screen import Screen  # noqa: E402

from quiz.clock import utcnow  # noqa: E402
from quiz.dialogs.confirm import ConfirmDialog  # noqa: E402
from quiz.errors import EXIT_USAGE  # noqa: E402
from quiz.i18n import t  # noqa: E402
from quiz.opening import OpeningApp  # noqa: E402
from quiz.screens.palette import QuizPalette  # noqa: E402
from quiz.screens.welcome import WelcomeScreen  # noqa: E402
from quiz.storage import data_dir  # noqa: E402

# Imported where used, after the first frame: the data layer (pydantic models; a worker loads it right after
# that frame), and the screens and views the welcome does not need (question, review, help).
if TYPE_CHECKING:
    from questions.schema import Bank, Lang
    from quiz.flow import Flow, Outcome, Step
    from quiz.screens.question import QuestionScreen
    from quiz.screens.review import ReviewScreen
    from quiz.session import FormMode, Notice, Session
    from quiz.store import SessionStore
    from quiz.views import QuestionView
    from scoring.result import ResultDocument


class CareerFitApp(OpeningApp):
    """The career-fit quiz."""

    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("ctrl+q", "quit", "app.key.quit", show=False, priority=True),
        Binding("ctrl+c", "quit", "app.key.quit", show=False, priority=True),
        Binding("f2", "switch_lang", "app.key.lang", key_display="F2", priority=True),
        Binding("ctrl+l", "switch_lang", "app.key.lang", show=False),
        Binding("f1", "help", "app.key.help", show=False),
        Binding("question_mark", "help", "app.key.help"),
    ]

    lang: reactive[Lang] = reactive["Lang"]("en")
    """The display language; view state only, switching it never touches the answers."""

    def __init__(
        self,
        bank: Bank | None = None,
        lang: Lang = "en",
        *,
        store: SessionStore | None = None,
        fresh: bool = False,
        short: bool = False,
        skip_welcome: bool = False,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = utcnow,
        startup_log: Path | None = None,
        freeze_after_load: bool = False,
    ) -> None:
        super().__init__(bank, store, fresh=fresh, short=short, skip_welcome=skip_welcome, startup_log=startup_log,
                         imported_at=_IMPORTED_AT, freeze_after_load=freeze_after_load)
        self.clock = clock
        """Monotonic seconds, for per-item timings (injected in tests)."""
        self.now = now
        """Wall-clock time, for the session and result stamps (injected in tests)."""
        self.set_reactive(CareerFitApp.lang, lang)
        self.flow: Flow | None = None
        """The quiz in progress; None on the welcome screen."""
        self._save_error: str | None = None
        """Why the latest save failed; None after a save that worked."""
        self._save_warned = False
        """Whether the person was told about the current run of failed saves."""
        self.refusal: str | None = None
        """Why the quiz did not start (its save is open in another window); printed after the app ends."""
        self.title = t("app.title", lang)

    @property
    def session(self) -> Session:
        """The answers, skips and position of the quiz in progress."""
        return self._flow.session

    @property
    def result(self) -> ResultDocument | None:
        """The result of the finished quiz (None until the results are shown)."""
        return None if self.flow is None else self.flow.result

    # ----------------------------------------------------------------- the screens' messages

    @on(WelcomeScreen.StartChosen)
    def _start_chosen(self, message: WelcomeScreen.StartChosen) -> None:
        self._start_new(message.mode)

    def on_results_screen_retake_chosen(self) -> None:
        """Retake from the results (handled by name: the results screen is imported only when results are due),
        in the form just taken."""
        self._start_new(self._flow.session.mode)

    def on_results_screen_rest_chosen(self) -> None:
        """Answer the rest (or more) from the results: the same answers, going on (saved at once)."""
        self._apply(self._flow.answer_rest())

    @on(WelcomeScreen.ResumeChosen)
    def _resume_chosen(self) -> None:
        if self.saved is None:
            self._start_new()
            return
        from quiz.flow import Flow  # loaded by the worker with the bank

        saved, self.saved = self.saved, None
        self._apply(Flow.resume(self.bank, saved, self.lang))

    # The question and review screens' messages are handled by name: those screens load after the first frame.

    def on_question_screen_answer_chosen(self, message: QuestionScreen.AnswerChosen) -> None:
        """An answer: record it and move on."""
        self._apply(self._flow.answer(message.item_id, message.value, message.seconds, self.now()))

    def on_question_screen_skip_chosen(self, message: QuestionScreen.SkipChosen) -> None:
        """A skip: mark it and move on."""
        self._apply(self._flow.skip(message.item_id, message.seconds, self.now()))

    def on_question_screen_move_requested(self, message: QuestionScreen.MoveRequested) -> None:
        """Back or forward without answering."""
        self._apply(self._flow.back() if message.step < 0 else self._flow.forward())

    def on_review_screen_picked(self, message: ReviewScreen.Picked) -> None:
        """A question picked from the review list."""
        self._apply(self._flow.pick(message.item_id))

    def on_review_screen_back_chosen(self) -> None:
        """Leave the review list for the questions."""
        self._apply(self._flow.leave_review())

    def on_review_screen_results_now(self) -> None:
        """Results now, with questions still unanswered."""
        self._apply(self._flow.finish())

    # ----------------------------------------------------------------- applying a move

    @property
    def _flow(self) -> Flow:
        if self.flow is None:
            raise RuntimeError("no quiz in progress yet")
        return self.flow

    def _start_new(self, mode: FormMode | None = None) -> None:
        """Begin a new quiz of the ``mode`` form at its first question (a saved session is replaced at the first
        answer); by default the form ``--short`` chose."""
        from quiz.flow import Flow  # loaded by the worker with the bank

        self.saved = None
        self._apply(Flow.start(self.bank, self.lang, self.now(), mode=mode or self.default_form))

    def _standby_view(self) -> QuestionView:
        """The question the welcome's default button leads to: where the saved quiz resumes, else the first."""
        from quiz.flow import Flow  # loaded by the worker with the bank
        from quiz.views import question_view

        saved = self.saved
        outcome = (Flow.resume(self.bank, saved, self.lang) if saved
                   else Flow.start(self.bank, self.lang, self.now(), mode=self.default_form))
        return question_view(outcome.flow)

    def _refuse(self, notice: Notice) -> None:
        """End at once with one line for the command line (:attr:`refusal`): the save is another window's, and
        a quiz whose saves would overwrite it must not run."""
        self.refusal = self.tr(notice.key, **notice.values)
        self.exit(return_code=EXIT_USAGE)

    def _apply(self, outcome: Outcome) -> None:
        """Take the flow's new state, save it first if it changed, then show what comes next."""
        self.flow = outcome.flow
        if outcome.save:
            self._save(outcome.flow.session)
        self._show(outcome.step)

    def _show(self, step: Step) -> None:
        from quiz.flow import Ask, Finish, Review, Stay  # loaded by the worker with the bank
        from quiz.screens.question import QuestionScreen
        from quiz.screens.review import ReviewScreen
        from quiz.views import question_view, review_view

        if isinstance(step, Ask):
            view = question_view(self._flow)
            if isinstance(self.screen, QuestionScreen):
                self.screen.show(view)
            elif not self.reveal_question(view):
                self._switch(QuestionScreen(view, self.clock))
        elif isinstance(step, Review):
            self._switch(ReviewScreen(review_view(self._flow)))
        elif isinstance(step, Finish):
            self._finish()
        elif isinstance(step, Stay) and step.refused:
            self.bell()

    def _switch(self, screen: Screen[Any]) -> None:
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _finish(self) -> None:
        """Score once, add the result to history, and only then remove the saved session (never before)."""
        from quiz.finish import add_to_history, result_document
        from quiz.screens.results import ResultsScreen  # the results screen loads only when results are due

        document = result_document(self.bank, self._flow.session, self.lang, self.now)
        problem = add_to_history(document)
        if problem is None:
            self.store.clear()
        else:
            self.notify(self.tr("app.error.history_save", reason=problem), severity="warning", markup=False)
        self.flow = self._flow.finished(document, kept=problem is None)
        self._switch(ResultsScreen(document, self.bank))

    # ----------------------------------------------------------------- saving

    def _save(self, session: Session) -> None:
        """Write the session; when that fails, say so once (until a save works again) and go on in memory."""
        try:
            self.store.save(session)
        except OSError as exc:
            from quiz.store import SaveConflict  # loaded with the data, by the worker

            conflict = isinstance(exc, SaveConflict)  # another window or program wrote the save: say so, once
            self._save_error = self.tr("session.conflict") if conflict else exc.strerror or str(exc)
            if not self._save_warned and (self.store.blocked is None or conflict):  # blocked: said at start
                self.notify(self.tr("session.cannot_save", reason=self._save_error), severity="warning", timeout=8,
                            markup=False)
            self._save_warned = True
        else:
            self._save_error = None
            self._save_warned = False

    @property
    def can_save(self) -> bool:
        """Whether progress is being saved: False while the store is blocked or after a save that failed."""
        return self.store.blocked is None and self._save_error is None

    # ----------------------------------------------------------------- language

    def tr(self, key: str, **values: Any) -> str:
        """The string ``key`` in the current language."""
        return t(key, self.lang, **values)

    def action_switch_lang(self) -> None:
        """Switch between Chinese and English; answers and position stay."""
        self.lang = "en" if self.lang == "zh" else "zh"

    def watch_lang(self, lang: Lang) -> None:
        """A language switch is a flow move too: the session's language changes (saved if anything was recorded)."""
        self.title = t("app.title", lang)
        if self.flow is not None:
            self._apply(self.flow.with_lang(lang))
        for screen in self.screen_stack:
            screen.refresh_bindings()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Command-palette commands, in the current language."""
        yield SystemCommand(self.tr("app.cmd.lang"), self.tr("app.cmd.lang.help"), self.action_switch_lang)
        yield SystemCommand(self.tr("app.cmd.theme"), self.tr("app.cmd.theme.help"), self.action_change_theme)
        yield SystemCommand(self.tr("app.cmd.help"), self.tr("app.cmd.help.help"), self.action_help)
        # Textual's own keys panel is left out: it would show the untranslated binding keys; help has them all.
        yield SystemCommand(self.tr("app.cmd.quit"), self.tr("app.cmd.quit.help"), self.action_quit)

    def action_command_palette(self) -> None:
        """The command palette, with its prompt in the current language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(QuizPalette(placeholder=self.tr("app.cmd.placeholder")))

    # ----------------------------------------------------------------- help and quit

    def action_help(self) -> None:
        """Show the help screen (once; not while the app is closing)."""
        from quiz.screens.help import HelpScreen
        from quiz.views import HelpView

        if self.return_code is not None or isinstance(self.screen, HelpScreen):
            return
        if not self.ready:  # where the session is saved is known once the data is (a moment after start)
            self.when_ready(self.action_help)
            return
        self.push_screen(HelpScreen(HelpView(self.store.path, data_dir())))

    async def action_quit(self) -> None:
        """Quit; while something recorded could still be lost or left unfinished, ask once first."""
        if isinstance(self.screen, ConfirmDialog):
            return
        if self.flow is None or not self.flow.recorded:
            self.exit()
            return
        if not self.can_save:
            key = "confirm.quit_unsaved"
        else:
            key = "confirm.quit_saved" if self.flow.result_kept else "confirm.quit_result_unsaved"

        def done(yes: bool | None) -> None:
            if yes:
                self.exit()

        self.push_screen(ConfirmDialog(key), done)

