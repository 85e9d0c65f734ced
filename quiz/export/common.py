"""What the renderers share: picking a language out of the report and the ``label: value`` form."""

from __future__ import annotations

from questions.schema import Lang, Text
from quiz.i18n import t


def labelled(label: str, value: str, lang: Lang) -> str:
    """``label: value`` with the colon of ``lang`` (full-width in Chinese)."""
    return t("report.label", lang, label=label, value=value)


def pick(text: Text, lang: Lang) -> str:
    """``text`` in ``lang``."""
    return text.get(lang)
