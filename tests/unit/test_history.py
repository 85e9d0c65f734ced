"""History on real files (XDG_DATA_HOME in a temporary folder), the comparison of two results, and the
``history`` and ``compare`` commands, with files of schema version 2 and version 1."""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quiz.cli import main
from quiz.export.compare import compare_text
from quiz.history import history_dir, latest_before, list_results, save_result
from scoring.compare import compare
from scoring.result import ResultDocument
from tests.golden.sample import BANK_FILE, as_version_1, later, sample_bank, sample_document


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private data folder and UTC local time for every test."""
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield home
    monkeypatch.undo()
    time.tzset()


def _close_call_earlier() -> ResultDocument:
    return sample_document(answers="earlier")


def _as_version_1(document: ResultDocument) -> dict[str, Any]:
    """``document`` written the way version 1 wrote it (no strength, profile or form; a band_meaning)."""
    return as_version_1(json.loads(document.model_dump_json()))


def test_save_writes_private_files_in_the_data_folder(data_home: Path) -> None:
    document = sample_document()
    path = save_result(document)
    assert path.parent == data_home / "career-fit" / "history" == history_dir()
    assert path.name == "20261123T143005Z.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert ResultDocument.model_validate_json(path.read_text(encoding="utf-8")) == document


def test_saving_twice_keeps_one_file_and_same_second_results_get_suffixes() -> None:
    first = save_result(sample_document())
    assert save_result(sample_document()) == first
    other = save_result(sample_document(answers="hybrid"))
    assert other.name == "20261123T143005Z-2.json"
    assert len(list(history_dir().iterdir())) == 2


def test_list_is_newest_first_and_reports_unreadable_files() -> None:
    assert list_results() == []
    save_result(sample_document(created=later(1)))
    save_result(_close_call_earlier())
    save_result(sample_document(created=later(9)))
    (history_dir() / "broken.json").write_text('{"schema_version": 1, "created": ', encoding="utf-8")
    (history_dir() / "alien.json").write_text(json.dumps({"hello": "world"}), encoding="utf-8")
    problems: list[str] = []
    entries = list_results(problems)
    assert [doc.created for _, doc in entries] == [later(9), later(1), later(0)]
    assert len(problems) == 2
    assert any("broken.json" in p for p in problems) and any("alien.json" in p for p in problems)
    assert all("\n" not in p for p in problems)


def test_latest_before_skips_the_document_itself_and_later_ones() -> None:
    current = sample_document(created=later(5))
    assert latest_before(current) is None
    save_result(_close_call_earlier())
    save_result(sample_document(created=later(3)))
    save_result(current)
    save_result(sample_document(created=later(8)))
    previous = latest_before(current)
    assert previous is not None and previous.created == later(3)


def test_compare_reports_score_rank_and_reading_movement() -> None:
    before, after = _close_call_earlier(), sample_document(created=later(7))
    c = compare(after, before)  # given newest first: put in date order
    assert c.swapped and c.before_created < c.after_created
    assert (c.top_before, c.top_after) == ("implementation_manager", "project_manager")
    assert (c.shape_before, c.shape_after) == ("hybrid", "single")
    assert c.named_before == ("implementation_manager", "project_manager") and c.named_after == ("project_manager",)
    pm = next(r for r in c.roles if r.role == "project_manager")
    scores = after.result.scores["project_manager"], before.result.scores["project_manager"]
    assert pm.score_delta == pytest.approx(scores[0] - scores[1])
    assert (pm.place_before, pm.place_after, pm.places_up) == (2, 1, 1)
    assert c.answers_changed == 8 and c.answered_both == 12
    assert c.same_bank
    text = compare_text(c, sample_bank(), "en")
    assert ("Your pattern went from “hybrid: Implementation manager + Project manager” to “single: Project "
            "manager”.") in " ".join(text.split())
    assert "up 1" in text and "pp" in text


def test_compare_warns_when_banks_differ() -> None:
    c = compare(sample_document(), sample_document(created=later(1), bank_version="2.0.0"))
    text = compare_text(c, sample_bank(), "zh")
    assert "题库不同" in text and "2.0.0" in text


def test_a_version_1_result_is_listed_compared_and_upgraded(capsys: pytest.CaptureFixture[str]) -> None:
    old = _as_version_1(_close_call_earlier())
    folder = history_dir()
    folder.mkdir(parents=True)
    (folder / "old.json").write_text(json.dumps(old), encoding="utf-8")
    new = save_result(sample_document(created=later(7)))
    entries = list_results()
    assert [type(doc).__name__ for _, doc in entries] == ["ResultDocument", "ResultDocumentV1"]
    assert main(["history", "--lang", "en"]) == 0
    assert "an older result with Implementation manager first" in capsys.readouterr().out
    # The sample bank is the bank it was made with: compare re-scores it and compares the readings too.
    assert main(["--bank", str(BANK_FILE), "compare", str(folder / "old.json"), str(new), "--lang", "en"]) == 0
    assert "Your pattern went from “hybrid" in " ".join(capsys.readouterr().out.split())
    # With another bank it is compared on its numbers alone.
    assert main(["compare", str(folder / "old.json"), str(new), "--lang", "en"]) == 0
    assert "an older result with Implementation manager first" in " ".join(capsys.readouterr().out.split())


# ------------------------------------------------------------------------------------------ commands


def test_history_command_empty_and_listing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "--lang", "en"]) == 0
    assert "No saved results yet" in capsys.readouterr().out
    save_result(_close_call_earlier())
    save_result(sample_document(created=later(7)))
    (history_dir() / "bad.json").write_text("[1, 2", encoding="utf-8")
    assert main(["history", "--lang", "zh"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0] == "已保存的结果（2 个，最新的在前）"
    newest, oldest = lines[3], lines[4]
    assert newest.startswith("2026-11-30 14:30") and "单一型：项目经理" in newest
    assert oldest.startswith("2026-11-23 14:30") and "混合型：实施经理 + 项目经理" in oldest
    assert "bad.json" in captured.err and captured.err.count("\n") == 1


def test_compare_command_text_and_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = save_result(_close_call_earlier())
    b = save_result(sample_document(created=later(7)))
    assert main(["compare", str(a), str(b), "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "兴趣结构从“混合型：实施经理+项目经理”变成了“单一型：项目经理”。" in "".join(out.split())
    assert "上升 1 位" in out
    assert main(["compare", str(a), str(b), "--format", "md", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# How your results changed") and "| Project manager | 67 | 94 | +27 |" in out


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"schema_version": 2,\n  "created": "yesterday"}', ":2: created:"),
        ('{"schema_version": 7}', "schema_version 7: this career-fit reads result files of version 1 and 2"),
        ("{not json", "not valid JSON"),
        ("", "empty"),
    ],
)
def test_compare_command_bad_file_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    good = save_result(sample_document())
    bad = tmp_path / "bad result.json"
    bad.write_text(content, encoding="utf-8")
    assert main(["compare", str(good), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(bad) in err and expected in err
    assert "Traceback" not in err


def test_compare_command_names_the_line_of_a_bad_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = save_result(sample_document())
    data = json.loads(good.read_text(encoding="utf-8"))
    data["result"]["profile"]["shape"] = "certain"
    text = json.dumps(data, indent=2, ensure_ascii=False)
    line = next(n for n, x in enumerate(text.splitlines(), start=1) if '"certain"' in x)
    bad = tmp_path / "edited.json"
    bad.write_text(text, encoding="utf-8")
    assert main(["compare", str(good), str(bad)]) == 2
    assert f"{bad}:{line}: result.profile.shape" in capsys.readouterr().err


def test_compare_command_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.json"
    assert main(["compare", str(missing), str(missing)]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and err.count("\n") == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a 0000 file")
def test_history_skips_a_file_it_cannot_read(capsys: pytest.CaptureFixture[str]) -> None:
    path = save_result(sample_document())
    path.chmod(0)
    try:
        assert list_results([]) == []
    finally:
        path.chmod(0o600)
