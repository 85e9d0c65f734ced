"""docs/item-review.md stays in step with the shipped bank.

The review record has one row per item. These tests fail when an item is added, removed or re-cited
without its row being updated: every item has a row (and no row lacks an item), in bank order; each row
names the item's role, its FAQ root and the sections it combines exactly as the bank cites them; every
section-rooted item says why; every FAQ statement lists items that really cite that FAQ question; and the
"from 1.0" column agrees with the bank's migration table.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from questions.loader import load_bank
from questions.schema import Bank, ChoiceItem, Citation

REVIEW = Path(__file__).resolve().parents[2] / "docs" / "item-review.md"
ROLE_CODES = {"implementation_manager": "IM", "project_manager": "PM", "operations": "OP"}
NUMERALS = "一二三四五六"
PREFIX = {"impl_vs_pm": "impl", "pm_vs_ops": "ops"}


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def _table(heading: str) -> list[list[str]]:
    """The body rows of the first table under ``## heading``, as lists of stripped cells."""
    text = REVIEW.read_text(encoding="utf-8")
    section = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip().strip("|").split("|")] for row in rows[2:]]


@pytest.fixture(scope="module")
def faq_codes(bank: Bank) -> dict[tuple[str, str], str]:
    """F1… for every FAQ question, numbered across the sources in bank order."""
    codes: dict[tuple[str, str], str] = {}
    for source in bank.sources:
        assert source.faq is not None
        for question in source.faq.questions:
            codes[(source.id, question)] = f"F{len(codes) + 1}"
    return codes


def _code(c: Citation, faq_codes: dict[tuple[str, str], str]) -> str:
    if c.question is not None:
        return faq_codes[(c.article, c.question)]
    return f"{PREFIX[c.article]}-{NUMERALS.index(c.section[0]) + 1}"


def _codes(cell: str) -> list[str]:
    return re.findall(r"\bF\d\b|\b(?:impl|ops)-\d\b", cell)


def test_code_table_quotes_the_faq_questions(bank: Bank, faq_codes: dict[tuple[str, str], str]) -> None:
    rows = {row[0]: row for row in _table("Codes")}
    for (_, question), code in faq_codes.items():
        assert rows[code][2] == question, code


def test_every_item_has_one_row_in_bank_order(bank: Bank) -> None:
    ids = [row[0] for row in _table("Items")]
    assert ids == [i.id for i in bank.items]


def test_rows_name_the_role_and_the_citations_the_bank_has(bank: Bank, faq_codes: dict[tuple[str, str], str]) -> None:
    for row in _table("Items"):
        item_id, role, activity, root, sections, support, rules, _ = row
        item = bank.item(item_id)
        assert item is not None
        expected_role = "triad" if isinstance(item, ChoiceItem) else ROLE_CODES[item.role]
        assert role == expected_role, item_id
        assert activity and support, item_id
        main = item.source
        assert root == (_code(main, faq_codes) if main.question else "—"), f"{item_id}: FAQ root {root}"
        # A section-rooted item lists its main section first, then what it combines.
        combined = [_code(c, faq_codes) for c in (main.combines if main.question else main.all())]
        assert _codes(sections) == combined or (sections == "—" and not combined), f"{item_id}: sections {sections}"
        if main.question is None:
            assert support.startswith("Section-rooted:"), f"{item_id} is section-rooted but does not say why"
        assert rules.startswith("R1–R13"), f"{item_id}: rules column {rules!r}"


def test_from_column_agrees_with_the_migration(bank: Bank) -> None:
    (migration,) = bank.migrations
    kept = {new: old for old, new in migration.items.items()}
    for row in _table("Items"):
        item_id, origin = row[0], row[-1]
        if item_id in kept:
            assert origin.startswith(f"{kept[item_id]} (kept"), f"{item_id}: {origin}"
        else:
            assert "(kept" not in origin, f"{item_id} says it was kept but the migration does not map it"


def test_every_faq_statement_lists_items_citing_it(bank: Bank, faq_codes: dict[tuple[str, str], str]) -> None:
    rows = _table("FAQ statements and the items rooted in them")
    seen = set()
    for statement, summary, items in rows:
        code = re.fullmatch(r"(F\d)[a-z]", statement)
        assert code and summary, statement
        seen.add(code.group(1))
        listed = [s.strip() for s in items.split(",")]
        assert listed and listed != [""], statement
        for item_id in listed:
            item = bank.item(item_id)
            assert item is not None, f"{statement}: no item {item_id}"
            cited = {_code(c, faq_codes) for c in item.source.all()}
            assert code.group(1) in cited, f"{statement}: {item_id} does not cite {code.group(1)}"
    assert seen == set(faq_codes.values())


def test_coverage_rows_name_real_items_or_say_why_not(bank: Bank) -> None:
    for distinction, items in _table("Coverage of the distinctions the articles draw"):
        named = re.findall(r"\b[qt]\d\d\b", items)
        assert named or "no item" in items or "no separate item" in items, distinction
        for item_id in named:
            assert bank.item(item_id) is not None, f"{distinction}: no item {item_id}"
