"""Small helpers that turn numbers and names into the bilingual wording of results.

Every sentence comes from the result wording (``scoring/strings/*.json``) in both languages; these helpers
fill it with names from the bank and numbers formatted one way everywhere (scores as whole numbers,
probabilities as whole percentages that never claim 0 % or 100 %).
"""

from __future__ import annotations

from questions.schema import LANGS, Bank, Text
from scoring.catalog import Catalog

TextValue = Text | str | int | float


def fill(s: Catalog, key: str, **values: TextValue) -> Text:
    """The string ``key`` in both languages; :class:`Text` values are taken in the matching language."""
    out: dict[str, str] = {}
    for lang in LANGS:
        vals = {k: (v.get(lang) if isinstance(v, Text) else v) for k, v in values.items()}
        out[lang] = s.get(key, lang, **vals)
    return Text(zh=out["zh"], en=out["en"])


def join(parts: list[Text], zh: str = "", en: str = " ") -> Text:
    """Several texts as one, joined by ``zh`` / ``en``."""
    return Text(zh=zh.join(p.zh for p in parts), en=en.join(p.en for p in parts))


def role_name(bank: Bank, role: str, inline: bool = True) -> Text:
    """The role's name from the bank; ``inline`` writes the English one in lower case, for use in a sentence."""
    name = bank.role(role).name
    return Text(zh=name.zh, en=name.en[:1].lower() + name.en[1:] if inline else name.en)


def percent(p: float) -> str:
    """A probability as a whole percentage, e.g. ``86%``; never "0%" or "100%", which would overclaim."""
    if p > 0.995:
        return ">99%"
    if p < 0.005:
        return "<1%"
    return f"{round(100 * p)}%"


def number(x: float) -> str:
    """A quantity shown with at most one decimal (``2``, ``1.5``), e.g. seconds per item."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def whole(x: float) -> str:
    """Points on the 0–100 scale as a whole number, rounded half up (72.5 → ``73``)."""
    return str(int(x + 0.5)) if x >= 0 else str(round(x))


def one_decimal(x: float) -> str:
    """A mean rating or a gap with exactly one decimal (``4.0``, ``0.5``)."""
    return f"{x:.1f}"


def sentence(text: Text) -> Text:
    """``text`` as the start of a sentence: the English half begins with a capital letter."""
    return Text(zh=text.zh, en=text.en[:1].upper() + text.en[1:])


def role_list(s: Catalog, bank: Bank, roles: tuple[str, ...]) -> Text:
    """One, two or three role names as a phrase ("a", "a and b", "a, b and c")."""
    names = [role_name(bank, r) for r in roles]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return fill(s, "explain.pair", a=names[0], b=names[1])
    return fill(s, "explain.triple", a=names[0], b=names[1], c=names[2])
