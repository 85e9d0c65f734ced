"""`career-fit template`, `career-fit score` and `career-fit score --batch` through quiz.cli.main."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from questions.loader import load_bank
from questions.schema import ROLE_IDS, Bank, ChoiceItem, Lang
from quiz.cli import main
from quiz.commands import score as score_cmd
from tests.golden.sample import as_version_1

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(score_cmd, "now_utc", lambda: NOW)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def fill(template: str, bank: Bank, favour: str = "project_manager") -> str:
    """Answer every item of a template: the favoured role's items 5, others 2; triads pick the favoured role."""
    roles = {i.id: getattr(i, "role", None) for i in bank.items}
    picks = {i.id: next(o.id for o in i.options if o.role == favour) for i in bank.choice_items}

    def answer(m: re.Match[str]) -> str:
        item = m.group(1)
        if item in picks:
            return f"  {item}: {picks[item]}"
        return f"  {item}: {5 if roles[item] == favour else 2}"

    return re.sub(r"^  ([a-z0-9_]+):$", answer, template, flags=re.M)


def one_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_template_lists_every_item_in_bank_order(lang: str, bank: Bank, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", "--lang", lang]) == 0
    out = capsys.readouterr().out
    keys = re.findall(r"^  ([a-z0-9_]+):$", out, flags=re.M)
    assert keys == [i.id for i in bank.items]
    for item in bank.items:
        assert " ".join(item.text.get(lang).split()) in out  # type: ignore[arg-type]
        if isinstance(item, ChoiceItem):
            for option in item.options:
                assert f"#     {option.id}: " in out
    assert f"lang: {lang}" in out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_template_fill_score_round_trip(lang: str, bank: Bank, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answers.yaml"
    assert main(["template", "--lang", lang, "-o", str(path)]) == 0
    path.write_text(fill(path.read_text(encoding="utf-8"), bank), encoding="utf-8")
    capsys.readouterr()
    assert main(["score", str(path), "--format", "json", "--lang", lang]) == 0
    doc = json.loads(capsys.readouterr().out)
    result = doc["result"]
    assert result["ranking"][0] == "project_manager" and result["band"] == "clear"
    assert result["profile"]["shape"] == "single" and result["strength"]["level"] == "strong"
    assert set(result["scores"]) == set(ROLE_IDS) and set(result["probabilities"]) == set(ROLE_IDS)
    assert result["answered"] == len(bank.items)
    assert doc["created"].startswith("2026-01-02T03:04:05") and doc["lang"] == lang
    assert main(["score", str(path), "--lang", lang]) == 0
    text = capsys.readouterr().out
    headline = {"en": "Project manager · clear preference · ranking very reliable",
                "zh": "项目经理 · 明显偏好 · 排序很可靠"}[lang]
    assert headline in text


def test_blank_template_scores_as_unanswered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "blank.yaml"
    assert main(["template", "-o", str(path)]) == 0
    assert main(["score", str(path), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)["result"]
    assert result["answered"] == 0 and result["band"] == "undifferentiated"
    assert result["profile"] == {"shape": "insufficient", "roles": [], "certainty": None, "more_needed": 12}


def test_template_never_overwrites_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("mine", encoding="utf-8")
    assert main(["template", "-o", str(path)]) == 2
    assert "--force" in one_error(capsys)
    assert path.read_text(encoding="utf-8") == "mine"
    assert main(["template", "-o", str(path), "--force"]) == 0
    assert "answers:" in path.read_text(encoding="utf-8")


def test_result_json_is_rescored(bank: Bank, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"lang": "zh", "answers": {"q01": 5, "q02": 1, "t01": "t01_c"},
                                   "timings": {"q01": 3.0}}), encoding="utf-8")
    out = tmp_path / "result.json"
    assert main(["score", str(answers), "--format", "json", "-o", str(out)]) == 0
    first = json.loads(out.read_text(encoding="utf-8"))
    assert main(["score", str(out), "--format", "json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again == first
    assert main(["score", str(answers), "--format", "json", "-o", str(out)]) == 2
    assert "--force" in one_error(capsys)


@pytest.mark.parametrize(
    "body,expected",
    [
        ("lang: en\nanswers:\n  q01: 3\n  zz99: 4\n", ":4: item zz99: no such item"),
        ("lang: en\nanswers:\n  q01: 3\n  q02: 7\n", ":4: item q02: a rating must be a whole number from 1 to 5"),
        ("lang: en\nanswers:\n  t01: t02_a\n", ":3: item t01: 't02_a' is not one of this item's options"),
        ("lang: en\nanswers:\n  q01: yes\n", ":3: item q01: an answer must be a rating"),
        ("lang: en\nanswers:\n  q01: 2.5\n", ":3: item q01: an answer must be a rating"),
        ("lang: en\nanswers:\n  q01: [3\n  q02: 4\n", ":4: not valid YAML"),
        ("- 1\n- 2\n", ":1: expected a mapping"),
        ("lang: fr\nanswers: {}\n", ":1: lang"),
        ("lang: en\nanswers: {q01: 3}\ntimings: {zz: 2}\n", "item zz: timing given for an item not in this bank"),
    ],
)
def test_bad_answers_are_one_line_with_file_line_and_item(
    body: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    assert main(["score", str(path)]) == 2
    line = one_error(capsys)
    assert str(path) in line and expected in line


def test_missing_file_and_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(tmp_path / "nope.yaml")]) == 2
    assert "nope.yaml" in one_error(capsys)
    assert main(["score"]) == 2
    one_error(capsys)
    assert main(["score", "x.yaml", "--batch", "y.jsonl"]) == 2
    one_error(capsys)
    assert main(["score", str(tmp_path / "a.yaml"), "--format", "csv"]) == 2
    one_error(capsys)
    assert main(["score", "--batch", str(tmp_path / "a.jsonl"), "--format", "md"]) == 2
    one_error(capsys)


def _batch_file(tmp_path: Path, bank: Bank) -> Path:
    good = {"lang": "en", "answers": {i.id: 4 if getattr(i, "role", "") == "operations" else 2
                                      for i in bank.rating_items}}
    lines = [
        json.dumps(good),
        '{"answers": {"q01": 9}}',
        "",
        "not json",
        json.dumps({"answers": {"q01": 5, "t01": "t01_b"}}),
        json.dumps({"answers": {"qq": 1}}),
        json.dumps({"schema_version": 1, "lang": "zh", "answers": {"q02": 5}, "result": {}}),
    ]
    path = tmp_path / "cohort.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_batch_csv_reports_bad_lines_and_scores_the_rest(
    bank: Bank, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _batch_file(tmp_path, bank)
    assert main(["score", "--batch", str(path)]) == 2
    captured = capsys.readouterr()
    errors = captured.err.strip().splitlines()
    assert len(errors) == 3
    assert f"{path}:2: item q01:" in errors[0]
    assert f"{path}:4: not valid JSON" in errors[1]
    assert f"{path}:6: item qq: no such item" in errors[2]
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert [r["line"] for r in rows] == ["1", "2", "4", "5", "6", "7"]
    header = ["line", "top", "band", *(f"score_{r}" for r in ROLE_IDS), *(f"prob_{r}" for r in ROLE_IDS), "answered",
              "error"]
    assert list(rows[0]) == header
    assert rows[0]["top"] == "operations" and rows[0]["error"] == ""
    assert rows[0]["answered"] == str(len(bank.rating_items))
    assert rows[1]["error"] and rows[1]["top"] == ""
    assert abs(sum(float(rows[0][f"prob_{r}"]) for r in ROLE_IDS) - 1.0) < 1e-6
    assert rows[5]["answered"] == "1"


def test_batch_jsonl_to_a_file(bank: Bank, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _batch_file(tmp_path, bank)
    out = tmp_path / "rows.jsonl"
    assert main(["score", "--batch", str(path), "--format", "jsonl", "-o", str(out)]) == 2
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 6
    assert rows[0]["ranking"][0] == "operations" and set(rows[0]) == {
        "line", "ranking", "scores", "probabilities", "band", "answered"}
    assert rows[1] == {"line": 2, "error": rows[1]["error"]} and "item q01" in rows[1]["error"]
    assert len(capsys.readouterr().err.strip().splitlines()) == 3
    assert main(["score", "--batch", str(path), "--format", "jsonl", "-o", str(out)]) == 2
    assert "--force" in one_error(capsys)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 6
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_batch_all_good_exits_zero(bank: Bank, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ok.jsonl"
    path.write_text(json.dumps({"answers": {"q01": 5}}) + "\n" + json.dumps({"answers": {}}) + "\n", encoding="utf-8")
    assert main(["score", "--batch", str(path), "--format", "jsonl"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and len(captured.out.splitlines()) == 2


@pytest.mark.parametrize("lang", ["en", "zh"])
def flat(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_text_output_is_complete_and_bilingual(lang: Lang, bank: Bank) -> None:
    from scoring import Answers
    from scoring.document import build_document

    answers = Answers(answers={i.id: 5 if i.role in ("project_manager", "operations") else 1
                               for i in bank.rating_items})
    document = build_document(bank, answers, created=NOW, lang=lang)
    wrapped = score_cmd.render(document, "text", lang, bank)
    text = "".join(wrapped.split())  # the text export wraps at 80 columns; compare without white space
    result = document.result
    assert result.tied  # project manager and operations have equal evidence
    assert result.profile.shape == "hybrid"
    for part in (result.explanations.headline, result.explanations.profile, result.explanations.strength,
                 result.explanations.certainty, result.explanations.disclaimer):
        assert part is not None and flat(part.get(lang)) in text
    assert {"en": "tied", "zh": "并列"}[lang] in text
    other: Lang = "zh" if lang == "en" else "en"
    assert flat(result.explanations.headline.get(other)) not in text
    # Tied for first: the "about" part names and describes both roles, not only the one listed first.
    names = {r: bank.role(r).name.get(lang) for r in ("project_manager", "operations")}
    heading = next(line for line in wrapped.splitlines() if line.startswith(("About ", "关于")))
    assert all(n.lower() in heading.lower() for n in names.values())
    assert all(flat(f"【{n}】" if lang == "zh" else f"{n}:") in text for n in names.values())


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_exports_name_every_role_tied_for_first(lang: Lang, fmt: str, bank: Bank) -> None:
    from scoring import Answers
    from scoring.document import build_document

    answers = Answers(answers={i.id: 5 if i.role in ("project_manager", "operations") else 1
                               for i in bank.rating_items})
    document = build_document(bank, answers, created=NOW, lang=lang)
    out = score_cmd.render(document, fmt, lang, bank)
    flat = " ".join(out.split()) if lang == "en" else "".join(out.split())
    heading = next(line for line in out.splitlines() if ("About " in line or "关于" in line) and "这些" not in line
                   and "numbers" not in line)
    assert all(bank.role(r).name.get(lang).lower() in heading.lower() for r in ("project_manager", "operations"))
    for role in ("project_manager", "operations"):
        assert bank.role(role).summary.get(lang)[:12] in flat


def test_answers_file_language_is_used_unless_lang_given(
    bank: Bank, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    path = tmp_path / "answers.yaml"
    path.write_text("lang: zh\nanswers:\n  q01: 5\n", encoding="utf-8")
    assert main(["score", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["lang"] == "zh"
    assert main(["score", str(path), "--format", "json", "--lang", "en"]) == 0
    assert json.loads(capsys.readouterr().out)["lang"] == "en"


def _version_1(document_json: str) -> dict[str, Any]:
    """A result JSON written the way schema version 1 wrote it."""
    return as_version_1(json.loads(document_json))


def test_a_version_1_result_is_scored_again_as_version_2(bank: Bank, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "a.yaml"
    assert main(["template", "-o", str(answers)]) == 0
    answers.write_text(fill(answers.read_text(encoding="utf-8"), bank, "operations"), encoding="utf-8")
    assert main(["score", str(answers), "--format", "json"]) == 0
    current = capsys.readouterr().out
    old = tmp_path / "v1.json"
    old.write_text(json.dumps(_version_1(current)), encoding="utf-8")
    assert main(["score", str(old), "--format", "json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["schema_version"] == 2 and again == json.loads(current)
    # From another version of the bank its answers belong to other questions: refused in one line.
    other = _version_1(current)
    other["bank"]["version"] = "0.9.0"
    old.write_text(json.dumps(other, indent=2), encoding="utf-8")
    assert main(["score", str(old)]) == 2
    line = one_error(capsys)
    assert str(old) in line and "0.9.0" in line and "can only be re-scored on that bank" in line
