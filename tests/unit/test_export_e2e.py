"""End to end with the real scoring engine and the shipped bank: every format, and the JSON round trip."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import jsonschema
import pytest
import yaml
from rich.cells import cell_len

from questions.loader import load_bank
from questions.schema import Bank, ChoiceItem, RatingItem, RoleId
from quiz.cli import main
from quiz.export import render
from quiz.export.schema import SCHEMA_FILE
from quiz.export.text import WIDTH
from scoring.answers import Answers
from scoring.document import build_document
from scoring.result import ResultDocument
from tests.unit.test_export import _parse


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def persona(bank: Bank, role: RoleId) -> dict[str, int | str]:
    """Answers of someone who likes ``role``'s work best and the rest moderately or not at all."""
    answers: dict[str, int | str] = {}
    for item in bank.items:
        if isinstance(item, RatingItem):
            answers[item.id] = 5 if item.role == role else (3 if item.role == "operations" else 2)
        elif isinstance(item, ChoiceItem):
            answers[item.id] = next(o.id for o in item.options if o.role == role)
    return answers


def document_for(bank: Bank, role: RoleId, lang: str) -> ResultDocument:
    answers = persona(bank, role)
    return build_document(bank, Answers(lang=lang, answers=answers),
                          created=datetime(2026, 11, 23, 14, 30, tzinfo=timezone.utc), lang=lang)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("role", ["implementation_manager", "project_manager", "operations"])
def test_every_format_from_a_real_result(bank: Bank, role: RoleId, lang: str) -> None:
    document = document_for(bank, role, lang)
    assert document.result.top == role

    md = render(document, "md", lang, bank)  # type: ignore[arg-type]
    for source in bank.sources:
        assert f"]({source.url})" in md
    assert f"{bank.id} {bank.version}" in md

    text = render(document, "text", lang, bank)  # type: ignore[arg-type]
    assert max(cell_len(line) for line in text.splitlines()) <= WIDTH

    page = render(document, "html", lang, bank)  # type: ignore[arg-type]
    checker = _parse(page)
    assert checker.errors == [] and checker.stack == []
    assert sorted(u for u in checker.urls if "://" in u) == sorted(s.url for s in bank.sources)

    data = json.loads(render(document, "json", lang, bank))  # type: ignore[arg-type]
    jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))).validate(data)


def test_result_json_rescored_by_the_cli_gives_the_same_result(
    bank: Bank, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = document_for(bank, "project_manager", "zh")
    exported = tmp_path / "result.json"
    exported.write_text(render(document, "json", "zh", bank), encoding="utf-8")
    again = tmp_path / "again.json"
    assert main(["score", str(exported), "--format", "json", "-o", str(again)]) == 0
    rescored = ResultDocument.model_validate_json(again.read_text(encoding="utf-8"))
    assert rescored.result == document.result
    assert rescored.answers == document.answers
    assert rescored.bank == document.bank


def test_cli_exports_refuse_to_overwrite_without_force(
    bank: Bank, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump({"lang": "zh", "answers": persona(bank, "operations")}), encoding="utf-8")
    for fmt, marker in (("md", "# 职业兴趣探索结果"), ("html", '<html lang="zh-CN">'), ("text", "职业兴趣探索结果\n")):
        out = tmp_path / f"result.{fmt}"
        assert main(["score", str(answers), "--format", fmt, "--lang", "zh", "-o", str(out)]) == 0
        assert marker in out.read_text(encoding="utf-8")
        before = out.read_text(encoding="utf-8")
        assert main(["score", str(answers), "--format", fmt, "--lang", "zh", "-o", str(out)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(out) in err
        assert out.read_text(encoding="utf-8") == before
        assert main(["score", str(answers), "--format", fmt, "--lang", "zh", "-o", str(out), "--force"]) == 0
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["score", str(answers), "--format", "md", "-o", str(blocker / "r.md")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(blocker / "r.md") in err
