"""The question bank: schema, loader and the shipped bilingual bank. Imports no UI code.

Submodules load on first use (PEP 562): importing a light one such as :mod:`questions.safe_text` or
:mod:`questions.errors` before the quiz's first frame does not pull in PyYAML or pydantic.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from questions.errors import LoadError
    from questions.loader import load_bank
    from questions.schema import ROLE_IDS, Bank, ChoiceItem, Lang, RatingItem, RoleId, Text

_LAZY = {
    "LoadError": "questions.errors",
    "load_bank": "questions.loader",
    **dict.fromkeys(("ROLE_IDS", "Bank", "ChoiceItem", "Lang", "RatingItem", "RoleId", "Text"), "questions.schema"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'questions' has no attribute {name!r}")
    return getattr(import_module(module), name)


__all__ = ["ROLE_IDS", "Bank", "ChoiceItem", "Lang", "LoadError", "RatingItem", "RoleId", "Text", "load_bank"]
