"""The Textual app: holds the bank, the language and the session, and moves between screens.

The app is thin. Screens post what the person did (:class:`~quiz.screens.question.QuestionScreen.AnswerChosen`
and friends); the app records it in the :class:`~quiz.session.Session`, saves it, and decides which
screen comes next. Scoring, exports and history are imported only when the results are shown.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

_IMPORTED_AT = time.perf_counter()

from textual import on  # noqa: E402 - the timestamp above must come first
from textual.app import App, SystemCommand  # noqa: E402
from textual.binding import Binding  # noqa: E402
from textual.reactive import reactive  # noqa: E402
from textual.screen import Screen  # noqa: E402

from questions.schema import Bank, Lang  # noqa: E402
from quiz.i18n import t  # noqa: E402
from quiz.screens.question import QuestionScreen  # noqa: E402
from quiz.session import LoadOutcome, Notice, Session, SessionStore  # noqa: E402

if TYPE_CHECKING:
    from scoring.result import ResultDocument


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


class CareerFitApp(App[None]):
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

    lang: reactive[Lang] = reactive[Lang]("en")
    """The display language; view state only, switching it never touches the answers."""

    def __init__(
        self,
        bank: Bank,
        lang: Lang = "en",
        *,
        store: SessionStore | None = None,
        fresh: bool = False,
        skip_welcome: bool = False,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = _utcnow,
        startup_log: Path | None = None,
    ) -> None:
        super().__init__()
        self.bank = bank
        self.store = store if store is not None else SessionStore()
        self.clock = clock
        """Monotonic seconds, for per-item timings (injected in tests)."""
        self.now = now
        """Wall-clock time, for the session and result stamps (injected in tests)."""
        self.fresh = fresh
        self.skip_welcome = skip_welcome
        self.startup_log = startup_log
        self.set_reactive(CareerFitApp.lang, lang)
        self.saved: Session | None = None
        """The session found on disk (offered for resume), if any."""
        self.load_notice: Notice | None = None
        self.session: Session = Session.new(bank, lang, now())
        self.reviewing = False
        """True while answering items picked from the review screen."""
        self._changed = False
        """Whether this run has recorded anything (until then a saved session is left untouched)."""
        self._save_warned = False
        self.document: ResultDocument | None = None
        self.title = t("app.title", lang)

    # ----------------------------------------------------------------- start-up

    def on_mount(self) -> None:
        """Look for saved progress, then open the welcome screen (or the first question)."""
        outcome = LoadOutcome(None) if self.fresh else self.store.load(self.bank)
        self.saved = outcome.session
        self.load_notice = outcome.notice
        if self.store.blocked is not None:
            self._save_warned = True  # the welcome notice already says why
        if self.skip_welcome:
            self.start_new()
        else:
            from quiz.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())

    def on_ready(self) -> None:
        """Log the time to the first screen when ``CAREER_FIT_STARTUP_LOG`` asks for it."""
        if self.startup_log is None:
            return
        import json

        record: dict[str, Any] = {"since_import_s": round(time.perf_counter() - _IMPORTED_AT, 4)}
        since_start = _seconds_since_process_start()
        if since_start is not None:
            record["since_process_start_s"] = round(since_start, 3)
        try:
            with self.startup_log.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(record) + "\n")
        except OSError:
            pass

    # ----------------------------------------------------------------- language

    def tr(self, key: str, **values: Any) -> str:
        """The string ``key`` in the current language."""
        return t(key, self.lang, **values)

    def action_switch_lang(self) -> None:
        """Switch between Chinese and English; answers and position stay."""
        self.lang = "en" if self.lang == "zh" else "zh"

    def watch_lang(self, lang: Lang) -> None:
        self.title = t("app.title", lang)
        self.session = self.session.with_lang(lang)
        if self._changed:
            self.autosave()
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
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(placeholder=self.tr("app.cmd.placeholder"), id="--command-palette"))

    # ----------------------------------------------------------------- flow

    def start_new(self) -> None:
        """Begin a new quiz at the first question (a saved session is replaced at the first answer)."""
        self.session = Session.new(self.bank, self.lang, self.now())
        self.saved = None
        self.reviewing = False
        self.document = None
        self._changed = False
        self._show_question(0)

    def resume(self) -> None:
        """Continue the saved session where it was left."""
        if self.saved is None:
            self.start_new()
            return
        self.session = self.saved.with_lang(self.lang)
        self.saved = None
        self.reviewing = False
        self._changed = True
        self._show_question(self.session.position)

    def _show_question(self, index: int) -> None:
        index = max(0, min(index, len(self.bank.items) - 1))
        self.session = self.session.at(index)
        if isinstance(self.screen, QuestionScreen):
            self.screen.show(index)
        else:
            self._switch(QuestionScreen(index))

    def _has_own_screen(self) -> bool:
        return len(self.screen_stack) > 1

    def _switch(self, screen: Screen[Any]) -> None:
        if self._has_own_screen():
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    @on(QuestionScreen.AnswerChosen)
    def _answer_chosen(self, message: QuestionScreen.AnswerChosen) -> None:
        self.session = self.session.answer(message.item_id, message.value, message.seconds, self.now())
        self._changed = True
        self._advance(message.item_id)
        if self.document is None:  # not when the results were just shown (the session is cleared)
            self.autosave()

    @on(QuestionScreen.SkipChosen)
    def _skip_chosen(self, message: QuestionScreen.SkipChosen) -> None:
        self.session = self.session.skip(message.item_id, message.seconds, self.now())
        self._changed = True
        self._advance(message.item_id)
        if self.document is None:  # not when the results were just shown (the session is cleared)
            self.autosave()

    @on(QuestionScreen.MoveRequested)
    def _move(self, message: QuestionScreen.MoveRequested) -> None:
        target = self.session.position + message.step
        if not 0 <= target < len(self.bank.items):
            if message.step > 0:
                self._finish_or_review()
            return
        if message.step > 0:
            current = self.bank.items[self.session.position].id
            if current not in self.session.answers and current not in self.session.skipped:
                self.bell()
                return
        self._show_question(target)
        if self._changed:
            self.autosave()

    def _advance(self, item_id: str) -> None:
        # From the item that was answered, not from the current position: they differ when keys race.
        index = next(n for n, i in enumerate(self.bank.items) if i.id == item_id)
        if not self.reviewing and index + 1 < len(self.bank.items):
            self._show_question(index + 1)
        else:
            self._finish_or_review()

    def _finish_or_review(self) -> None:
        if self.session.unanswered(self.bank):
            self.show_review()
        else:
            self.show_results()

    def show_review(self) -> None:
        """The list of unanswered questions, before the results."""
        from quiz.screens.review import ReviewScreen

        self.reviewing = False
        self._switch(ReviewScreen())

    def answer_from_review(self, item_id: str) -> None:
        """Go back to an unanswered question picked on the review screen."""
        index = next(n for n, i in enumerate(self.bank.items) if i.id == item_id)
        self.reviewing = True
        self._show_question(index)

    def leave_review(self) -> None:
        """Back from the review screen to the last question."""
        self.reviewing = False
        self._show_question(len(self.bank.items) - 1)

    def show_results(self) -> None:
        """Score the answers once, save the result to history, clear the saved session, show the results."""
        try:
            from scoring import score
            from scoring.answers import Answers
            from scoring.result import BankRef, ResultDocument
        except ImportError as exc:
            self.log.error(f"scoring unavailable: {exc}")
            self.notify(self.tr("app.error.scoring_missing"), severity="error", markup=False)
            return
        answers = Answers(lang=self.lang, answers=dict(self.session.answers), timings=dict(self.session.timings))
        result = score(self.bank, answers)
        self.document = ResultDocument(
            created=self.now(),
            bank=BankRef(id=self.bank.id, version=self.bank.version),
            lang=self.lang,
            answers=dict(self.session.answers),
            timings=dict(self.session.timings),
            result=result,
        )
        self._save_history(self.document)
        self.store.clear()
        self._changed = False
        from quiz.screens.results import ResultsScreen

        self._switch(ResultsScreen(self.document))

    def _save_history(self, document: ResultDocument) -> None:
        try:
            from quiz.history import save_result
        except ImportError:
            return
        try:
            save_result(document)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.notify(self.tr("app.error.history_save", reason=reason), severity="warning", markup=False)

    def retake(self) -> None:
        """Start the quiz again from the first question."""
        self.start_new()

    # ----------------------------------------------------------------- saving

    def autosave(self) -> None:
        """Write the session; if that is impossible, say so once and go on in memory."""
        try:
            self.store.save(self.session)
        except OSError as exc:
            if not self._save_warned:
                self._save_warned = True
                reason = exc.strerror or str(exc)
                self.notify(self.tr("session.cannot_save", reason=reason), severity="warning", timeout=8, markup=False)

    @property
    def can_save(self) -> bool:
        """Whether progress is being saved (False after a failed save or a blocked store)."""
        return not self._save_warned

    # ----------------------------------------------------------------- help and quit

    def action_help(self) -> None:
        """Show the help screen (once)."""
        from quiz.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """Quit; mid-quiz, ask once first (saying whether progress is saved)."""
        from quiz.dialogs.confirm import ConfirmDialog

        if isinstance(self.screen, ConfirmDialog):
            return
        if not self._changed:
            self.exit()
            return
        key = "confirm.quit_saved" if self.can_save else "confirm.quit_unsaved"

        def done(yes: bool | None) -> None:
            if yes:
                self.exit()

        self.push_screen(ConfirmDialog(key), done)


def _seconds_since_process_start() -> float | None:
    """Seconds since this process started (Linux /proc; None elsewhere)."""
    import os

    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        ticks = os.sysconf("SC_CLK_TCK")
        return uptime - int(fields[19]) / ticks
    except (OSError, ValueError, IndexError):
        return None
