"""History on real files (XDG_DATA_HOME in a temporary folder) and the compare report and commands."""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from quiz.cli import main
from quiz.history import compare, compare_text, history_dir, latest_before, list_results, save_result
from scoring.result import ResultDocument
from tests.golden.sample import later, sample_document


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
    return sample_document(
        scores={"implementation_manager": 66.0, "project_manager": 61.2, "operations": 35.0},
        probabilities={"implementation_manager": 0.52, "project_manager": 0.44, "operations": 0.04},
        ranking=("implementation_manager", "project_manager", "operations"),
        band="close_call",
        answers={"wf_impl": 5, "wf_pm": 4, "wf_ops": 2, "th_impl": 4, "th_pm": 4, "th_ops": 1,
                 "wf_triad": "wf_triad_impl"},
    )


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
    other = save_result(sample_document(band="clear"))
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


def test_compare_reports_score_and_rank_movement() -> None:
    before, after = _close_call_earlier(), sample_document(created=later(7))
    c = compare(after, before)  # given newest first: put in date order
    assert c.swapped and c.before_created < c.after_created
    assert (c.top_before, c.top_after) == ("implementation_manager", "project_manager")
    pm = next(r for r in c.roles if r.role == "project_manager")
    assert pm.score_delta == pytest.approx(72.5 - 61.2)
    assert pm.probability_delta == pytest.approx(0.64 - 0.44)
    assert (pm.place_before, pm.place_after, pm.places_up) == (2, 1, 1)
    assert c.answers_changed == 4 and c.answered_both == 7
    assert c.same_bank
    text = compare_text(before, after, "en")
    assert "Your top role changed from Implementation manager to Project manager." in text
    assert "+11.3" in text and "+20 pp" in text and "up 1" in text


def test_compare_warns_when_banks_differ() -> None:
    text = compare_text(sample_document(), sample_document(created=later(1), bank_version="2.0.0"), "zh")
    assert "题库不同" in text and "2.0.0" in text


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
    assert newest.startswith("2026-11-30 14:30") and "项目经理" in newest and "有所倾向" in newest
    assert oldest.startswith("2026-11-23 14:30") and "实施经理" in oldest and "难分高下" in oldest
    assert "bad.json" in captured.err and captured.err.count("\n") == 1


def test_compare_command_text_and_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = save_result(_close_call_earlier())
    b = save_result(sample_document(created=later(7)))
    assert main(["compare", str(a), str(b), "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "首选角色从实施经理变成了项目经理。" in out and "上升 1 位" in out
    assert main(["compare", str(a), str(b), "--format", "md", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# How your results changed") and "| Project manager | 61 | 73 | +11.3 |" in out


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"schema_version": 1,\n  "created": "yesterday"}', ":2: created:"),
        ("{not json", "not valid YAML"),
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
    data["result"]["band"] = "certain"
    text = json.dumps(data, indent=2, ensure_ascii=False)
    line = next(n for n, x in enumerate(text.splitlines(), start=1) if '"certain"' in x)
    bad = tmp_path / "edited.json"
    bad.write_text(text, encoding="utf-8")
    assert main(["compare", str(good), str(bad)]) == 2
    assert f"{bad}:{line}: result.band" in capsys.readouterr().err


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
