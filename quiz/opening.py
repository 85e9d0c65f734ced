"""The app's first moments: the welcome before the data, the data on a worker, the first question waiting.

1. The first frame is the welcome screen drawn from the UI strings alone (stdlib JSON): nothing imported
   before it loads pydantic, PyYAML or the bank.
2. Right after that frame (``on_ready``) a worker thread loads the bank, its models and the saved session
   (:func:`quiz.loading.load_data`). A bank given to the app (``--bank``, tests) is there from the start.
3. When the data is there, the welcome is completed and the first question is built *under* it: the
   stack becomes ``[first question, complete welcome]``, so the key that starts the quiz only has to close
   the welcome to uncover a question screen that is already composed and styled (:meth:`reveal_question`).
   Enter (or ``f``/``s``, the form keys) pressed before that is kept by the welcome and acted on as soon as
   its buttons exist.

If something else is on top of the welcome when the data lands (the command palette), the welcome is
completed in place instead and the first question is built when it is asked for.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import App
from textual.worker import Worker, WorkerState

from quiz.screens.welcome import WelcomeScreen

if TYPE_CHECKING:  # all loaded after the first frame
    from questions.schema import Bank
    from quiz.loading import Loaded
    from quiz.screens.question import QuestionScreen
    from quiz.session import FormMode, Notice, Session
    from quiz.store import SessionStore
    from quiz.views import QuestionView, WelcomeView

LOAD_WORKER = "career-fit-data"
"""The name of the worker that loads the bank and the saved session after the first frame."""


class OpeningApp(App[None]):
    """The start-up half of :class:`~quiz.app.CareerFitApp`: its data, and the screens before the first question.

    Subclasses provide :meth:`_start_new` (begin the quiz) and :meth:`_standby_view` (the question the
    default button would show).
    """

    def __init__(
        self, bank: Bank | None, store: SessionStore | None, *, fresh: bool, short: bool = False,
        skip_welcome: bool, startup_log: Path | None, imported_at: float, freeze_after_load: bool = False,
    ) -> None:
        super().__init__()
        self.freeze_after_load = freeze_after_load
        """Once the data and the complete welcome are there, move every object the process holds out of the
        garbage collector's sight (:func:`gc.freeze`): the bank, its models and the modules live as long as
        the process, and without this the collections that follow keep scanning them, a few milliseconds
        each, some of them in the frame that starts the quiz. For the one app of a command-line process only:
        the welcome screen replaced at start becomes garbage the collector no longer frees (a few hundred
        kilobytes, once), and in a process that runs many apps (the tests) such leftovers would add up."""
        self._bank = bank
        """The question bank; None until the worker has loaded the shipped one (see :attr:`ready`)."""
        self._store = store
        self.fresh, self.skip_welcome, self.startup_log = fresh, skip_welcome, startup_log
        self.default_form: FormMode = "adaptive" if short else "full"
        """The form a new quiz takes unless the person picks the other: the short form with ``--short``."""
        self._imported_at = imported_at
        self.saved: Session | None = None
        """The session found on disk (offered for resume), if any."""
        self.load_notice: Notice | None = None
        self.load_error: BaseException | None = None
        """What stopped the data from loading (the app then exits and the command line reports it)."""
        self._welcome: WelcomeScreen | None = None
        self._standby: QuestionScreen | None = None
        """The first question, built under the complete welcome; None once uncovered (or never built)."""
        self._when_ready: list[Callable[[], None]] = []
        """Key actions that need the data, pressed before it was there: run once it is."""

    @property
    def ready(self) -> bool:
        """Whether the bank and the saved session are loaded (the welcome's buttons exist from then on)."""
        return self._bank is not None

    @property
    def bank(self) -> Bank:
        """The question bank (only once :attr:`ready`)."""
        if self._bank is None:
            raise RuntimeError("the bank is not loaded yet")
        return self._bank

    @property
    def store(self) -> SessionStore:
        """Where the session is saved; created on first use (by the loading worker unless one was given).

        The main thread does not ask for it before :attr:`ready`: two threads must never import the data
        layer at the same time.
        """
        if self._store is None:
            from quiz.store import SessionStore

            self._store = SessionStore()
        return self._store

    @store.setter
    def store(self, store: SessionStore) -> None:
        self._store = store

    def when_ready(self, action: Callable[[], None]) -> None:
        """Run ``action`` now if the data is there, else as soon as it is."""
        if self.ready:
            action()
        else:
            self._when_ready.append(action)

    # ----------------------------------------------------------------- before and after the first frame

    def on_mount(self) -> None:
        """Open the welcome screen (complete, with the first question under it, when the bank was given)."""
        if self._bank is not None:
            from quiz.loading import read_saved

            if not self._take(read_saved(self._bank, self.store, self.fresh)):
                return
        if self.skip_welcome:
            if self.ready:
                self._start_new()
        elif self.ready:
            self.push_screen(self._new_standby())
            self._welcome = WelcomeScreen(self._welcome_view())
            self.push_screen(self._welcome)
        else:
            self._welcome = WelcomeScreen()
            self.push_screen(self._welcome)

    def on_ready(self) -> None:
        """The first frame is on screen: log the time if asked, then load the data on a worker thread."""
        if self.startup_log is not None:
            from quiz.startup import log_startup  # only benchmarks ask for it

            log_startup(self.startup_log, self._imported_at)
        if not self.ready:
            from quiz.loading import load_data

            fresh = self.fresh
            self.run_worker(lambda: load_data(lambda: self.store, fresh), name=LOAD_WORKER, thread=True,
                            exit_on_error=False)

    @on(Worker.StateChanged)
    async def _data_loaded(self, event: Worker.StateChanged) -> None:
        """The data worker finished: complete the welcome (or start), or exit with the reason it failed."""
        worker = event.worker
        if worker.name != LOAD_WORKER:
            return
        if event.state == WorkerState.ERROR:
            self.load_error = worker.error
            self.exit(return_code=1)
        elif event.state == WorkerState.SUCCESS and worker.result is not None and self.return_code is None:
            if not self._take(worker.result):
                return
            if self.skip_welcome:
                self._start_new()
            else:
                await self._complete_welcome()
            if self.freeze_after_load:
                self.call_after_refresh(gc.freeze)
            waiting, self._when_ready = self._when_ready, []
            for action in waiting:
                action()

    def _take(self, loaded: Loaded) -> bool:
        """Keep the loaded data; False (and the app ends) when another window has the save."""
        self._bank = loaded.bank
        if loaded.outcome.in_use and loaded.outcome.notice is not None:
            self._refuse(loaded.outcome.notice)
            return False
        self.saved, self.load_notice = loaded.outcome.session, loaded.outcome.notice
        return True

    def on_unmount(self) -> None:
        """Let another window have the save."""
        if self._store is not None:
            self._store.release()

    async def _complete_welcome(self) -> None:
        """Replace the welcome drawn before the data with the complete one, the first question under it.

        The welcome had no buttons yet, so nothing the person did on it is lost but an early Enter, which
        the new one acts on. If another screen covers the welcome (the command palette), the welcome is
        completed in place instead.
        """
        welcome = self._welcome
        if welcome is None:
            return
        if self.screen is not welcome:
            await welcome.show(self._welcome_view())
            return
        self.switch_screen(self._new_standby())
        self._welcome = WelcomeScreen(self._welcome_view(), enter_pressed=welcome.enter_waiting)
        self._welcome.form_waiting = welcome.form_waiting
        self.push_screen(self._welcome)

    def _new_standby(self) -> QuestionScreen:
        from quiz.screens import review  # noqa: F401 - imported by the first move too: not in that frame
        from quiz.screens.question import QuestionScreen

        self._standby = QuestionScreen(self._standby_view(), self.clock)
        return self._standby

    def _welcome_view(self) -> WelcomeView:
        from quiz.views import welcome_view

        return welcome_view(self.bank, self.saved, self.load_notice, short_first=self.default_form == "adaptive")

    def reveal_question(self, view: QuestionView) -> bool:
        """Show ``view`` on the first question built under the welcome, closing what covers it; False if none."""
        standby, self._standby = self._standby, None
        if standby is None or standby not in self.screen_stack:
            return False
        standby.uncover(view)
        for _ in range(len(self.screen_stack) - 1 - self.screen_stack.index(standby)):
            self.pop_screen()
        return True

    # ----------------------------------------------------------------- provided by the app

    clock: Callable[[], float]

    def _start_new(self, mode: FormMode | None = None) -> None:
        """Begin a new quiz at its first question, in the ``mode`` form (by default :attr:`default_form`)."""
        raise NotImplementedError

    def _standby_view(self) -> QuestionView:
        """The question the welcome's default button leads to (built before it is pressed)."""
        raise NotImplementedError

    def _refuse(self, notice: Notice) -> None:
        """End without a quiz, saying why (``notice``): its save is open in another window."""
        raise NotImplementedError


__all__ = ["LOAD_WORKER", "OpeningApp"]
