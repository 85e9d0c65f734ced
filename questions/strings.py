"""Every string a person reads outside the bank proper (UI, CLI, exports), in zh and en, from one place.

``questions/bank/strings/*.yaml`` each map a key to ``{zh, en}``; placeholders use ``str.format`` names.
The files are merged into one table (one file per area: common, app, cli, explain, export); a key defined
twice is an error.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from pydantic import RootModel

from questions.loader import LoadError, parse_yaml, validate
from questions.schema import Lang, Text

STRINGS_PACKAGE = "questions.bank.strings"


class Strings(RootModel[dict[str, Text]]):
    """The translation table."""

    def get(self, key: str, lang: Lang, **values: Any) -> str:
        """The string ``key`` in ``lang``, formatted with ``values``; the key itself if unknown."""
        text = self.root.get(key)
        if text is None:
            return key
        raw = text.get(lang)
        return raw.format(**values) if values else raw

    def text(self, key: str, **values: Any) -> Text:
        """Both languages of ``key``, formatted with ``values``."""
        return Text(zh=self.get(key, "zh", **values), en=self.get(key, "en", **values))


@lru_cache(maxsize=1)
def strings() -> Strings:
    """The shipped translation table (loaded once)."""
    merged: dict[str, Text] = {}
    folder = resources.files(STRINGS_PACKAGE)
    for ref in sorted(folder.iterdir(), key=lambda r: r.name):
        if not ref.name.endswith(".yaml"):
            continue
        name = f"questions/bank/strings/{ref.name}"
        table = validate(Strings, parse_yaml(ref.read_text(encoding="utf-8"), name))
        for key, text in table.root.items():
            if key in merged:
                raise LoadError(name, f"string {key!r} is defined in two files")
            merged[key] = text
    return Strings(merged)


def t(key: str, lang: Lang, **values: Any) -> str:
    """Shorthand for ``strings().get(key, lang, **values)``."""
    return strings().get(key, lang, **values)
