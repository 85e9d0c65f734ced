"""A mix-in for screens whose text follows the app's language.

Screens and dialogs read every string through :meth:`Localized.t` and re-render in
:meth:`Localized.refresh_text`, which runs when they mount and whenever the language changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.screen import Screen

from quiz.i18n import t

if TYPE_CHECKING:
    from questions.schema import Lang
    from quiz.app import CareerFitApp


class Localized(Screen[Any]):
    """Base for the quiz's screens: translation look-up and re-rendering on language change."""

    @property
    def quiz(self) -> CareerFitApp:
        """The running quiz app (typed)."""
        return cast("CareerFitApp", self.app)

    @property
    def lang(self) -> Lang:
        """The current display language."""
        return self.quiz.lang

    def t(self, key: str, **values: Any) -> str:
        """The string ``key`` in the current language."""
        return t(key, self.quiz.lang, **values)

    def on_mount(self) -> None:
        """Render the text once, then again on each language change."""
        self.watch(self.app, "lang", self._lang_changed, init=False)
        self.refresh_text()

    def _lang_changed(self, _lang: str) -> None:
        self.refresh_text()
        self.refresh_bindings()

    def refresh_text(self) -> None:
        """Put the current language's text on screen; screens override this."""
