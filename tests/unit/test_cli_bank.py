"""``career-fit validate`` and ``career-fit questions`` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quiz.cli import main

TINY = Path(__file__).with_name("tiny_bank.yaml")


def test_validate_shipped_bank(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Bank is valid" in out
    assert "Rating items per role" in out


def test_validate_summary_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(TINY), "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "题库有效" in out
    assert "实施经理 2，项目经理 2，运营经理 2" in out


def test_validate_bad_bank_exit_2_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(TINY.read_text(encoding="utf-8").replace("id: r2,", "id: r1,"), encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{bad}:" in err and "item r1" in err and "Traceback" not in err


def test_usage_error_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["questions", "--format", "xml"])
    assert info.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.parametrize("show_key", [False, True])
def test_questions_json_shape(show_key: bool, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questions", "--format", "json", *(["--show-key"] if show_key else [])]) == 0
    data = json.loads(capsys.readouterr().out)
    roles = {r["id"] for r in data["roles"]}
    assert roles == {"implementation_manager", "project_manager", "operations"}
    assert data["dimensions"] and all("id" in d for d in data["dimensions"])
    kinds = {i["kind"] for i in data["items"]}
    assert kinds == {"rating", "choice"}
    for item in data["items"]:
        assert set(item["text"]) == {"zh", "en"}
        # A citation gives the key away ("运营管理包含哪些关键职能?"), so it comes only with the key.
        assert ("source" in item) == show_key, item["id"]
        if show_key:
            assert item["source"]["article"] and item["source"]["section"]
        options = item.get("options", [])
        assert all(o["id"] and o["text"] for o in options)
        if show_key:
            keyed = [item["role"]] if item["kind"] == "rating" else sorted(o["role"] for o in options)
            assert set(keyed) <= roles and len(keyed) in (1, 3)
        else:
            assert "role" not in item and all("role" not in o for o in options), item["id"]
    assert ("migrations" in data) == show_key


def test_questions_text_hides_the_key_unless_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questions", "--lang", "zh"]) == 0
    hidden = capsys.readouterr().out
    assert "[t01_a]" in hidden and "计分角色" not in hidden
    assert "（实施经理）" not in hidden and "(实施经理)" not in hidden
    assert "出处" not in hidden and "运营管理包含哪些关键职能" not in hidden  # citations name the role too
    assert main(["questions", "--lang", "zh", "--show-key"]) == 0
    shown = capsys.readouterr().out
    assert "计分角色：实施经理" in shown and "(运营管理经理)" in shown
    assert "出处：" in shown and "运营管理包含哪些关键职能" in shown


def test_global_bank_and_lang_reach_validate_and_questions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "zh", "--bank", str(TINY), "validate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"题库有效：{TINY}")
    assert main(["--lang", "zh", "--bank", str(TINY), "questions"]) == 0
    assert "[c1]" in capsys.readouterr().out


def test_validate_refuses_two_different_banks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["--bank", str(TINY), "validate", str(other)]) == 2
    assert "two banks" in capsys.readouterr().err


@pytest.mark.parametrize("lang,needle", [("zh", "出处"), ("en", "source:")])
def test_questions_text(lang: str, needle: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questions", "--lang", lang, "--bank", str(TINY)]) == 0
    out = capsys.readouterr().out
    assert needle not in out and "[c1]" in out
    assert main(["questions", "--lang", lang, "--bank", str(TINY), "--show-key"]) == 0
    assert needle in capsys.readouterr().out


def test_ascii_only_terminal_does_not_crash() -> None:
    """Chinese output on a terminal that can only encode ASCII: replaced characters, exit 0, no traceback."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    run = subprocess.run(
        [sys.executable, "-m", "quiz", "questions", "--lang", "zh"], capture_output=True, env=env, check=False
    )
    assert run.returncode == 0, run.stderr
    assert b"Traceback" not in run.stderr
    assert b"?" in run.stdout and b"q01" in run.stdout
