"""The bank loader: a valid bank loads; each kind of bad bank gives one precise line (file:line: item)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from questions.loader import LoadError, load_bank
from questions.schema import Bank

TINY = Path(__file__).with_name("tiny_bank.yaml")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    for n, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in text")


def load_error(tmp_path: Path, text: str) -> LoadError:
    with pytest.raises(LoadError) as info:
        load_bank(write(tmp_path, text))
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(tmp_path / "bank.yaml"))
    return info.value


def test_tiny_bank_loads() -> None:
    bank = load_bank(TINY)
    assert isinstance(bank, Bank)
    assert [i.id for i in bank.items] == ["r1", "r2", "r3", "r4", "r5", "r6", "c1"]


def test_models_are_frozen() -> None:
    bank = load_bank(TINY)
    with pytest.raises(ValidationError):
        bank.items[0].id = "x"  # type: ignore[misc]


def test_duplicate_item_id(tmp_path: Path) -> None:
    text = TINY.read_text().replace("id: r2,", "id: r1,")
    err = load_error(tmp_path, text)
    assert err.item == "r1"
    assert "duplicate item id 'r1'" in str(err)
    assert err.line == line_of(text, "Drawing up a plan")


def test_unknown_role(tmp_path: Path) -> None:
    text = TINY.read_text().replace("role: operations, text: {zh: 优化流程", "role: sales, text: {zh: 优化流程")
    err = load_error(tmp_path, text)
    assert err.item == "r3"
    assert err.line == line_of(text, "role: sales")
    assert "role" in err.message


def test_unknown_dimension(tmp_path: Path) -> None:
    text = TINY.read_text().replace("id: r5, dimension: cycle", "id: r5, dimension: budget")
    err = load_error(tmp_path, text)
    assert err.item == "r5"
    assert "unknown dimension 'budget'" in err.message
    assert err.line == line_of(text, "id: r5")


def test_missing_language(tmp_path: Path) -> None:
    text = TINY.read_text().replace("text: {zh: 监控指标, en: Watching the metrics}", "text: {zh: 监控指标}")
    err = load_error(tmp_path, text)
    assert err.item == "r6"
    assert "missing the en text" in err.message
    assert err.line == line_of(text, "id: r6")


def test_unequal_items_per_role(tmp_path: Path) -> None:
    text = TINY.read_text().replace(
        "id: r6, dimension: cycle, role: operations", "id: r6, dimension: cycle, role: project_manager"
    )
    err = load_error(tmp_path, text)
    assert "rating items per role must be equal" in err.message
    assert "operations=1" in err.message
    assert err.line == line_of(text, "items:")


def test_dimension_without_item_for_a_role(tmp_path: Path) -> None:
    # Swap dimensions of two operations-free items so 'cycle' loses its operations item but counts stay equal.
    text = TINY.read_text().replace("id: r6, dimension: cycle", "id: r6, dimension: focus")
    err = load_error(tmp_path, text)
    assert "dimension 'cycle' has no rating item for operations" in err.message
    assert err.line == line_of(text, "- id: cycle")


def test_unknown_source(tmp_path: Path) -> None:
    text = TINY.read_text().replace(
        "id: r4, dimension: cycle, role: implementation_manager, text: {zh: 排查故障, en: Tracking down a fault}, "
        "source: {article: art,",
        "id: r4, dimension: cycle, role: implementation_manager, text: {zh: 排查故障, en: Tracking down a fault}, "
        "source: {article: blog,",
    )
    err = load_error(tmp_path, text)
    assert err.item == "r4"
    assert "unknown source 'blog'" in err.message


def test_unknown_section(tmp_path: Path) -> None:
    text = TINY.read_text().replace(
        'en: Watching the metrics}, source: {article: art, section: "相关问答FAQs"}',
        'en: Watching the metrics}, source: {article: art, section: "七、薪资"}',
    )
    err = load_error(tmp_path, text)
    assert err.item == "r6"
    assert "七、薪资" in err.message


def test_choice_needs_one_option_per_role(tmp_path: Path) -> None:
    text = TINY.read_text().replace("{id: c1_op, role: operations", "{id: c1_op, role: project_manager")
    err = load_error(tmp_path, text)
    assert err.item == "c1"
    assert "one option per role" in err.message


def test_unknown_field(tmp_path: Path) -> None:
    text = TINY.read_text().replace("version: \"1.0\"", "version: \"1.0\"\nauthor: me")
    err = load_error(tmp_path, text)
    assert "unknown field author" in err.message
    assert err.line == line_of(text, "author: me")


def test_yaml_syntax_error(tmp_path: Path) -> None:
    text = TINY.read_text().replace("title: {zh: 小题库, en: Tiny bank}", "title: {zh: 小题库, en: [Tiny bank}")
    err = load_error(tmp_path, text)
    assert "not valid YAML" in err.message
    assert err.line is not None and abs(err.line - line_of(text, "title:")) <= 1


def test_empty_and_missing_file(tmp_path: Path) -> None:
    err = load_error(tmp_path, "")
    assert "empty" in err.message
    with pytest.raises(LoadError, match="cannot read"):
        load_bank(tmp_path / "nope.yaml")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_bytes(b"id: \xff\xfe\n")
    with pytest.raises(LoadError, match="not UTF-8"):
        load_bank(path)


def test_alias_bomb_refused(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 9):
        prev = f"*a{n - 1}"
        lines.append(f"a{n}: &a{n} [{', '.join([prev] * 10)}]")
    err = load_error(tmp_path, "\n".join(lines) + "\n")
    assert "too many values" in err.message


def test_python_tags_are_refused(tmp_path: Path) -> None:
    err = load_error(tmp_path, "id: !!python/object/apply:os.system ['echo hi']\n")
    assert "not valid YAML" in err.message


# --- FAQ questions and migrations (bank 2.0) --------------------------------------------------------------

FAQ = '    faq: {section: "相关问答FAQs", questions: ["这是问题一?", "这是问题二?"]}\n'


def _with_faq(text: str) -> str:
    return text.replace('    sections: ["一、职能定位的区别", "相关问答FAQs"]\n',
                        '    sections: ["一、职能定位的区别", "相关问答FAQs"]\n' + FAQ)


R6_SOURCE = 'en: Watching the metrics}, source: {article: art, section: "相关问答FAQs"}'


def test_a_cited_faq_question_must_be_one_of_the_articles(tmp_path: Path) -> None:
    good = _with_faq(TINY.read_text()).replace(R6_SOURCE, R6_SOURCE[:-1] + ', question: "这是问题二?"}')
    bank = load_bank(write(tmp_path, good))
    assert bank.item("r6").source.question == "这是问题二?"  # type: ignore[union-attr]
    err = load_error(tmp_path, good.replace('question: "这是问题二?"}', 'question: "这是问题三?"}'))
    assert err.item == "r6" and "not a question of the FAQ of source 'art'" in err.message
    assert err.line == line_of(good, "Watching the metrics")


def test_a_faq_question_needs_the_faq_section_and_a_listed_faq(tmp_path: Path) -> None:
    on_a_numbered_section = _with_faq(TINY.read_text()).replace(
        'en: Installing a system}, source: {article: art, section: "一、职能定位的区别"}',
        'en: Installing a system}, source: {article: art, section: "一、职能定位的区别", question: "这是问题一?"}')
    assert load_error(tmp_path, on_a_numbered_section).item == "r1"
    without_faq = TINY.read_text().replace(R6_SOURCE, R6_SOURCE[:-1] + ', question: "这是问题二?"}')
    assert load_error(tmp_path, without_faq).item == "r6"
    bad_heading = _with_faq(TINY.read_text()).replace('faq: {section: "相关问答FAQs"', 'faq: {section: "常见问题"')
    assert "FAQ section '常见问题' is not one of its sections" in load_error(tmp_path, bad_heading).message


def test_english_renderings_must_name_a_heading_or_faq_question(tmp_path: Path) -> None:
    text = _with_faq(TINY.read_text())
    anchor = '    sections: ["一、职能定位的区别", "相关问答FAQs"]\n'
    english = '    english: {"一、职能定位的区别": "section 1, positioning", "这是问题二?": "“Two?”"}\n'
    good = text.replace(anchor, anchor + english)
    source = load_bank(write(tmp_path, good)).source("art")
    assert source.in_english("这是问题二?") == "“Two?”" and source.in_english("相关问答FAQs") is None
    err = load_error(tmp_path, good.replace('"这是问题二?": "“Two?”"', '"这是问题九?": "“Nine?”"'))
    assert "'这是问题九?' is not a section or FAQ question of this article" in err.message


MIGRATION = """migrations:
  - from_version: "0.9"
    items: {old1: r1, oldc: c1}
    options: {oldc: {oldc_x: c1_im, oldc_y: c1_pm, oldc_z: c1_op}}
"""


def test_a_migration_maps_onto_this_banks_items(tmp_path: Path) -> None:
    bank = load_bank(write(tmp_path, TINY.read_text() + MIGRATION))
    assert bank.migrations[0].items == {"old1": "r1", "oldc": "c1"}
    err = load_error(tmp_path, TINY.read_text() + MIGRATION.replace("old1: r1", "old1: r9"))
    assert "maps 'old1' to 'r9', which is not an item of this bank" in err.message
    assert err.line == line_of(TINY.read_text() + MIGRATION, "old1: r1")


@pytest.mark.parametrize("old,new,message", [
    ("oldc_y: c1_pm, oldc_z: c1_op", "oldc_y: c1_pm", "must map one to one"),  # a triad option left out
    ("oldc_z: c1_op", "oldc_z: c1_pm", "must map one to one"),                 # two options onto one
    ("old1: r1,", "old1: r1, old2: r1,", "two old items map to 'r1'"),         # two items onto one
    ('from_version: "0.9"', 'from_version: "1.0"', "a second migration"),      # from the bank's own version
    ("options: {oldc:", "options: {old1: {x: c1_im}, oldc:", "must map one to one"),  # options for a rating
])
def test_bad_migrations_are_refused(tmp_path: Path, old: str, new: str, message: str) -> None:
    text = TINY.read_text() + MIGRATION.replace(old, new, 1)
    assert message in load_error(tmp_path, text).message
