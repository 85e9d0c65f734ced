"""Earlier versions of the shipped bank, kept so that old answers are scored on the items they answered.

A result made on bank 1.0.0 names its bank ``{id, version}``. When that is not the shipped bank,
:func:`bank_for` finds the archived version (``questions/bank/archive/<id>-<version>.yaml``), so the result
is re-scored on exactly the questions the person saw; a version that is neither shipped nor archived is
refused by the caller with one line naming it. Archived banks are never offered for taking the quiz.
"""

from __future__ import annotations

import re
from importlib import resources

from questions.loader import LoadError, bank_from_text, load_bank
from questions.schema import Bank

ARCHIVE_PACKAGE = "questions.bank.archive"

_SAFE_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_SAFE_VERSION = re.compile(r"^\d+(\.\d+){0,2}$")


def archived_versions(bank_id: str) -> tuple[str, ...]:
    """The archived versions of bank ``bank_id``, oldest first."""
    prefix = f"{bank_id}-"
    found = []
    for ref in resources.files(ARCHIVE_PACKAGE).iterdir():
        name = ref.name
        if name.startswith(prefix) and name.endswith(".yaml"):
            version = name[len(prefix):-len(".yaml")]
            if _SAFE_VERSION.match(version):
                found.append(version)
    return tuple(sorted(found, key=lambda v: tuple(int(p) for p in v.split("."))))


def archived_bank(bank_id: str, version: str) -> Bank | None:
    """The archived bank ``bank_id`` at ``version``, or None when there is no such archive."""
    if not (_SAFE_ID.match(bank_id) and _SAFE_VERSION.match(version)):
        return None  # ids and versions come from files people hand us: never build a path from odd text
    name = f"{bank_id}-{version}.yaml"
    ref = resources.files(ARCHIVE_PACKAGE).joinpath(name)
    if not ref.is_file():
        return None
    try:
        text = ref.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError(f"questions/bank/archive/{name}", f"cannot be read ({exc}); reinstall career-fit") from None
    return bank_from_text(text, f"questions/bank/archive/{name}")


def bank_for(bank_id: str, version: str) -> Bank | None:
    """The shipped bank if it is ``bank_id`` at ``version``, else the archived one, else None."""
    shipped = load_bank()
    if shipped.id == bank_id and shipped.version == version:
        return shipped
    return archived_bank(bank_id, version)


__all__ = ["archived_bank", "archived_versions", "bank_for"]
