"""The string catalogs: every key the code names exists, both languages take the same placeholders, and a
missing key or a malformed catalog fails loudly."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from questions.schema import Lang
from quiz.i18n import t, ui_strings
from scoring.catalog import CatalogError, MissingString, parse, result_strings

ROOT = Path(__file__).resolve().parents[2]
# A literal key passed to t(...), text(...), fill(...), get(...) or used as a binding description.
AREAS = ("app|welcome|question|results|help|review|cli|export|explain|band|flag|change|template|dialog|role|session"
         "|report|shape|strength|level|certainty|gap|headline|profile")
KEY = re.compile(rf"""["']((?:{AREAS}|history|compare|confirm)\.[a-z0-9_.]+)["']""")


def _code_keys() -> set[str]:
    keys: set[str] = set()
    for folder in ("quiz", "scoring", "questions"):
        for path in (ROOT / folder).rglob("*.py"):
            keys.update(m.group(1) for m in KEY.finditer(path.read_text(encoding="utf-8")))
    # Not keys: Textual action names ("app.quit") and file names.
    return {k for k in keys if not k.endswith((".", ".json", ".tcss", ".yaml")) and k != "app.quit"}


def _fields(text: str) -> set[str]:
    # {Role} is the capitalised form of {role} (sentence starts in English), so compare case-blind.
    return {name.lower() for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_literal_key_in_the_code_exists() -> None:
    table = ui_strings()
    keys = table.keys()
    missing = sorted(k for k in _code_keys() if k not in table and not any(x.startswith(k + ".") for x in keys))
    assert missing == []


@pytest.mark.parametrize("key", ui_strings().keys())
def test_both_languages_have_the_same_placeholders(key: str) -> None:
    table = ui_strings()
    assert _fields(table.raw(key, "zh")) == _fields(table.raw(key, "en")), key


def test_scoring_wording_is_part_of_the_ui_catalog() -> None:
    assert set(result_strings().keys()) <= set(ui_strings().keys())


def test_a_missing_key_raises() -> None:
    with pytest.raises(MissingString):
        t("app.no_such_key", "en")
    with pytest.raises(MissingString):
        result_strings().text("explain.no_such_key")


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[]", "expected an object"),
        ('{"a.b": {"zh": "x"}}', "exactly 'zh' and 'en'"),
        ('{"a.b": {"zh": "x", "en": "  "}}', "empty or non-text"),
        ('{"a.b": {"zh": 1, "en": "x"}}', "empty or non-text"),
        ('{"a.b": ', "not valid JSON"),
    ],
)
def test_a_malformed_catalog_is_refused(text: str, needle: str) -> None:
    with pytest.raises(CatalogError, match=re.escape(needle)):
        parse([("bad.json", text)])


def test_a_key_in_two_files_or_two_catalogs_is_refused() -> None:
    one = '{"a.b": {"zh": "甲", "en": "a"}}'
    with pytest.raises(CatalogError, match="two files"):
        parse([("one.json", one), ("two.json", one)])
    with pytest.raises(CatalogError, match="two catalogs"):
        parse([("one.json", one)]).layered(parse([("two.json", one)]))


# --- what the respondent reads before item 1 (docs/item-guidelines.md) -----------------------------------

# Each instruction, as the reader must meet it in both languages: no right answers; enjoyment, not ability,
# experience, pay or rank; imagine what is new; first reaction.
INSTRUCTIONS = {
    "zh": ("没有对错", "喜欢", "擅长", "做没做过", "收入", "职级", "想象", "第一反应"),
    "en": ("no right answers", "enjoy", "can do it", "have done it", "pay", "rank", "imagine", "first reaction"),
}


@pytest.mark.parametrize("key", ["welcome.howto", "template.instructions"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_answering_instructions_come_before_item_1(key: str, lang: Lang) -> None:
    text = t(key, lang).lower()
    missing = [words for words in INSTRUCTIONS[lang] if words not in text]
    assert missing == [], (key, lang, missing)


def test_the_template_header_carries_the_instructions_and_the_prompt() -> None:
    from questions.loader import load_bank
    from quiz.commands.score import template_text

    for lang in ("zh", "en"):
        head = template_text(load_bank(), lang).split("\nlang:", 1)[0]
        assert t("template.instructions", lang) in head and t("template.prompt", lang) in head


def test_the_midpoint_has_one_wording_everywhere() -> None:
    """The scale, the template and the results name the midpoint alike; the old 说不上 is gone."""
    midpoint = {"zh": t("question.rating.3", "zh"), "en": t("question.rating.3", "en")}
    assert midpoint == {"zh": "谈不上喜欢或不喜欢", "en": "Neither like nor dislike"}
    for lang in ("zh", "en"):
        assert f"3 = {midpoint[lang].lower() if lang == 'en' else midpoint[lang]}" in t("template.scale", lang)
    assert f"“{midpoint['zh']}”" in t("profile.low_interest", "zh")
    assert midpoint["en"].lower() in t("profile.low_interest", "en")
    for folder in ("quiz/i18n", "scoring/strings"):
        for path in (ROOT / folder).glob("*.json"):
            assert "说不上" not in path.read_text(encoding="utf-8"), path


def test_the_welcome_says_how_to_skip_what_one_cannot_judge() -> None:
    assert "在题目页按 s 跳过" in t("welcome.howto", "zh")
    assert "press s on the question to skip" in t("welcome.howto", "en")
