"""What the renderers share: the ``label: value`` form, with the colon of each language."""

from __future__ import annotations

from questions.schema import Lang
from quiz.i18n import t


def labelled(label: str, value: str, lang: Lang) -> str:
    """``label: value`` with the colon of ``lang`` (full-width in Chinese)."""
    return t("report.label", lang, label=label, value=value)
