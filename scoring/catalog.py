"""Bilingual string catalogs: every sentence a person reads outside the bank, in zh and en.

A catalog file is JSON, ``{"key": {"zh": "…", "en": "…"}}``, placeholders are :meth:`str.format` names.
Only the standard library is used, so the quiz can read its screen texts before anything heavy is
imported. Two catalogs exist: the result wording owned by scoring (``scoring/strings/*.json``) and the
UI's (``quiz/i18n/*.json``, which layers itself over this one). A key that is not in a catalog raises
:class:`MissingString`: a missing translation is a bug to be caught by the tests, never shown as a key.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from questions.schema import Lang, Text

LANG_KEYS = ("zh", "en")


class MissingString(KeyError):
    """A key the catalog does not define."""


class CatalogError(ValueError):
    """A catalog file that is not a map of keys to ``{zh, en}`` texts (a packaging bug)."""


class Catalog:
    """An immutable table of bilingual strings."""

    def __init__(self, table: Mapping[str, tuple[str, str]]) -> None:
        self._table = dict(table)

    def __contains__(self, key: object) -> bool:
        return key in self._table

    def keys(self) -> list[str]:
        """Every key, in file order."""
        return list(self._table)

    def raw(self, key: str, lang: Lang) -> str:
        """The unformatted string ``key`` in ``lang``; raises :class:`MissingString` for an unknown key."""
        try:
            zh, en = self._table[key]
        except KeyError:
            raise MissingString(key) from None
        return zh if lang == "zh" else en

    def get(self, key: str, lang: Lang, **values: Any) -> str:
        """The string ``key`` in ``lang``, formatted with ``values``."""
        raw = self.raw(key, lang)
        return raw.format(**values) if values else raw

    def text(self, key: str, **values: Any) -> Text:
        """Both languages of ``key``, formatted with ``values``."""
        from questions.schema import Text

        return Text(zh=self.get(key, "zh", **values), en=self.get(key, "en", **values))

    def layered(self, other: Catalog) -> Catalog:
        """This catalog with ``other``'s keys added; a key defined in both is a :class:`CatalogError`."""
        twice = sorted(set(self._table) & set(other._table))
        if twice:
            raise CatalogError(f"string {twice[0]!r} is defined in two catalogs")
        return Catalog({**self._table, **other._table})


def parse(files: Iterable[tuple[str, str]]) -> Catalog:
    """A catalog from ``(file name, JSON text)`` pairs; a key defined in two files is an error."""
    table: dict[str, tuple[str, str]] = {}
    for name, text in files:
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise CatalogError(f"{name}: not valid JSON: {exc}") from None
        if not isinstance(data, dict):
            raise CatalogError(f"{name}: expected an object of strings")
        for key, entry in data.items():
            if key in table:
                raise CatalogError(f"{name}: string {key!r} is defined in two files")
            if not isinstance(entry, dict) or sorted(entry) != sorted(LANG_KEYS):
                raise CatalogError(f"{name}: string {key!r} needs exactly 'zh' and 'en'")
            zh, en = entry["zh"], entry["en"]
            if not (isinstance(zh, str) and isinstance(en, str) and zh.strip() and en.strip()):
                raise CatalogError(f"{name}: string {key!r} has an empty or non-text translation")
            table[key] = (zh, en)
    return Catalog(table)


def load_package(package: str) -> Catalog:
    """Every ``*.json`` catalog file in ``package`` (package data), merged in file-name order."""
    folder = _folder(package)
    if folder is not None:
        paths = sorted(folder.glob("*.json"), key=lambda path: path.name)
        return parse((f"{package}/{path.name}", path.read_text(encoding="utf-8")) for path in paths)
    from importlib import resources  # a package that is not a plain folder (imported from a zip file, say)

    refs = sorted((r for r in resources.files(package).iterdir() if r.name.endswith(".json")), key=lambda r: r.name)
    return parse((f"{package}/{r.name}", r.read_text(encoding="utf-8")) for r in refs)


def _folder(package: str) -> Path | None:
    """The folder ``package`` is imported from, if it is one.

    The quiz reads its strings before its first frame; ``importlib.resources`` would first import its
    readers and :mod:`zipfile` (a few milliseconds of a start-up budget of about thirty), so a package
    that is a plain folder is read with :mod:`pathlib`.
    """
    locations = getattr(import_module(package), "__path__", None) or []
    folder = Path(next(iter(locations), ""))
    return folder if str(folder) and folder.is_dir() else None


@lru_cache(maxsize=1)
def result_strings() -> Catalog:
    """The shipped wording of results and explanations (loaded once)."""
    return load_package("scoring.strings")
