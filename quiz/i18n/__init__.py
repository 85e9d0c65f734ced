"""The UI's words: every string the app, the command line and the exports show, in zh and en.

The catalogs are the ``*.json`` files beside this module (``app``: screens and dialogs, ``cli``: command
output and the answers template, ``export``: exported summaries, history and compare), layered over
scoring's result wording (:func:`scoring.catalog.result_strings`). Reading them needs only the standard
library, so the first screen can be drawn before the bank and its models load. Conventions: footer labels
are short (the footer is one line at 80 columns); placeholders are :meth:`str.format` names and both
languages of a key take the same ones (a test checks it).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from scoring.catalog import Catalog, load_package, result_strings

if TYPE_CHECKING:
    from questions.schema import Lang


@lru_cache(maxsize=1)
def ui_strings() -> Catalog:
    """The UI catalog layered over scoring's (loaded once)."""
    return load_package("quiz.i18n").layered(result_strings())


def t(key: str, lang: Lang, **values: Any) -> str:
    """The string ``key`` in ``lang``, formatted with ``values`` (raises for an unknown key)."""
    return ui_strings().get(key, lang, **values)


class LanguageSource(Protocol):
    """Anything that holds the display language (the app: screens and widgets read it through this)."""

    lang: Lang


__all__ = ["LanguageSource", "t", "ui_strings"]
