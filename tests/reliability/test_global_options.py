"""Finding E2 of the reliability review: global ``--lang`` / ``--bank`` before a sub-command were ignored.

The reproduction from the review, through the real entry point: each global option placed before a
sub-command must reach that sub-command (or be refused in one line where it cannot apply), never be
silently replaced by the default.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.reliability.helpers import TINY_BANK, run_cli


def _other_id_bank(folder: Path) -> Path:
    """The tiny bank under another id, as in the review's ``other_id.yaml``."""
    data = yaml.safe_load(TINY_BANK.read_text(encoding="utf-8"))
    data["id"] = "my_team_bank"
    path = folder / "other_id.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _full_answers(folder: Path, bank_path: Path | None = None) -> Path:
    from questions.loader import load_bank

    bank = load_bank(bank_path)
    answers = {i.id: (4 if i.kind == "rating" else i.options[0].id) for i in bank.items}
    path = folder / "full.json"
    path.write_text(json.dumps({"lang": "en", "answers": answers}), encoding="utf-8")
    return path


def test_global_bank_before_score_is_used(tmp_path: Path) -> None:
    bank = _other_id_bank(tmp_path)
    answers = _full_answers(tmp_path, bank)
    run = run_cli(["--bank", str(bank), "score", str(answers), "--format", "json"])
    assert run.code == 0, run.err
    assert json.loads(run.out)["bank"]["id"] == "my_team_bank"  # was: "career_fit", without a word


def test_global_bank_before_validate_is_used(tmp_path: Path) -> None:
    missing = tmp_path / "nonexistent.yaml"
    run = run_cli(["--bank", str(missing), "validate"])
    assert run.code == 2 and str(missing) in run.err  # was: "Bank is valid: questions/bank/career_fit.yaml"
    assert run.err.count("\n") == 1


@pytest.mark.parametrize("command", [["template"], ["questions"], ["validate"], ["history"]])
def test_global_lang_before_a_sub_command_is_used(command: list[str]) -> None:
    run = run_cli(["--lang", "zh", *command])
    assert run.code == 0, run.err
    assert any("\u4e00" <= ch <= "\u9fff" for ch in run.out[:200]), run.out[:200]  # was: English


def test_global_lang_before_score_is_used(tmp_path: Path) -> None:
    answers = _full_answers(tmp_path)
    zh = run_cli(["--lang", "zh", "score", str(answers)])
    en = run_cli(["score", str(answers)])  # the file says lang: en
    assert zh.code == en.code == 0, zh.err + en.err
    assert zh.out != en.out and "你" in zh.out[:400] and "你" not in en.out


def test_a_later_option_wins_over_the_global_one(tmp_path: Path) -> None:
    run = run_cli(["--lang", "zh", "template", "--lang", "en"])
    assert run.code == 0 and "answers file" in run.out


def test_a_global_option_that_cannot_apply_is_refused() -> None:
    run = run_cli(["--fresh", "template"])
    assert run.code == 2 and run.err.count("\n") == 1 and "Traceback" not in run.err


@pytest.mark.parametrize("command", ["history", "compare"])
def test_global_bank_reaches_history_and_compare(command: str) -> None:
    # They name roles and re-score old results with the bank, so a missing bank is an error, not ignored.
    argv = ["--bank", "no-such-bank.yaml", command] + (["a.json", "b.json"] if command == "compare" else [])
    run = run_cli(argv)
    assert run.code == 2 and run.err.count("\n") == 1 and "no-such-bank.yaml" in run.err
