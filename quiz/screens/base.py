"""The base of every screen and dialog: text in the app's current language, re-rendered when it changes.

Screens read every string through :meth:`QuizScreen.t` and draw it in :meth:`QuizScreen.refresh_text`,
which runs when they mount and whenever the language changes. The language is read from the running
app through :class:`~quiz.i18n.LanguageSource`, so nothing here imports the app (screens never depend on it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, Screen

from quiz.i18n import LanguageSource, t

if TYPE_CHECKING:
    from questions.schema import Lang

ResultT = TypeVar("ResultT")

class QuizScreen(Screen[ResultT]):
    """A screen whose text follows the app's language."""

    @property
    def lang(self) -> Lang:
        """The current display language."""
        return cast(LanguageSource, self.app).lang

    def t(self, key: str, **values: Any) -> str:
        """The string ``key`` in the current language."""
        return t(key, self.lang, **values)

    def on_mount(self) -> None:
        """Render the text once, then again on each language change."""
        self.watch(self.app, "lang", self._lang_changed, init=False)
        self.refresh_text()

    def _lang_changed(self, _lang: Lang) -> None:
        self.refresh_text()
        self.refresh_bindings()  # the key bar translates the binding descriptions when it recomposes

    def refresh_text(self) -> None:
        """Put the current language's text on screen; screens override this."""


class QuizModal(QuizScreen[ResultT], ModalScreen[ResultT]):
    """A modal dialog whose text follows the app's language.

    A dialog closes at most once: a second close key or click that arrives after it left the top of the
    stack (fast typing) is ignored, instead of popping the screen underneath.
    """

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        """Close with ``result`` (ignored unless this dialog is the active screen)."""
        if not self.is_active:
            return AwaitComplete()
        return super().dismiss(result)


__all__ = ["QuizModal", "QuizScreen"]
