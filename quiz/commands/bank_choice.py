"""Which bank an answers file or a result JSON is scored on: never silently a different set of items.

A result JSON names the bank it was made with (``bank: {id, version}``). It is re-scored on that bank:
the shipped one when they match, else the archived version (see :mod:`questions.archive`), with a note on
stderr; a bank that is neither (or a ``--bank`` other than the one named) is refused in one line naming
both versions. A plain answers file names no bank; when every item it answers belongs to an archived
version and none to the current bank (a template filled in on 1.0), it is scored on that version, again
with a note. Item ids differ between versions, so the two can never be confused.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

from questions.archive import archived_bank, archived_versions, bank_for
from questions.loader import LoadError
from questions.safe_text import quoted, shown
from questions.schema import Bank, Lang
from quiz.i18n import t


def pick_bank(data: Any, bank: Bank, *, explicit: bool, file: str, lang: Lang,
              line_of: Callable[[Sequence[str | int]], int | None]) -> Bank:
    """The bank to score ``data`` (a parsed answers file or result JSON) on; ``bank`` is the one in use.

    ``explicit`` says the bank was given with ``--bank``: then only that bank is used.
    """
    if not isinstance(data, dict):
        return bank
    ref = data.get("bank") if "schema_version" in data else None
    if isinstance(ref, dict) and isinstance(ref.get("id"), str) and isinstance(ref.get("version"), str):
        bank_id, version = ref["id"], ref["version"]
        if (bank_id, version) == (bank.id, bank.version):
            return bank
        found = None if explicit else bank_for(bank_id, version)
        if found is None:
            have = ", ".join((f"{bank.id} {bank.version}", *(f"{bank.id} {v}" for v in archived_versions(bank.id))))
            hint = "" if bank_id == bank.id else "; give that bank's file with --bank"
            raise LoadError(file, f"this result was made with question bank {_short(bank_id)} {_short(version)}; "
                                  f"it can only be re-scored on that bank (available: {have}){hint}",
                            line_of(("bank",)))
        _note(file, found, bank, lang)
        return found
    answers = data.get("answers")
    if explicit or not isinstance(answers, dict) or not answers:
        return bank
    current = {i.id for i in bank.items}
    if any(k in current for k in answers):
        return bank
    for version in reversed(archived_versions(bank.id)):
        old = archived_bank(bank.id, version)
        if old is not None and all(k in {i.id for i in old.items} for k in answers):
            _note(file, old, bank, lang)
            return old
    return bank


def _note(file: str, used: Bank, current: Bank, lang: Lang) -> None:
    sys.stderr.write("career-fit: " + t("cli.score.old_bank", lang, file=shown(file, None), version=used.version,
                                         current=current.version) + "\n")


def _short(text: str) -> str:
    """A value from a file, safe to quote on one line."""
    return quoted(text, 40)
