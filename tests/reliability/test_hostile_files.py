"""YAML bombs, deep nesting, non-UTF-8 bytes, 10 MB files and odd paths: refused fast, in one line, no traceback."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.budget import within_budget
from tests.reliability.answers_io import score_file
from tests.reliability.bombs import BOMBS, FAST
from tests.reliability.helpers import check_clean_outcome, run_cli


@pytest.mark.parametrize("parser", ["libyaml", "pure_python"])
@pytest.mark.parametrize("name", sorted(BOMBS))
def test_bomb_refused_by_validate(name: str, parser: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both parsers the loader may use (libyaml when installed, PyYAML's pure-Python one otherwise)."""
    import questions.yamlfile

    if parser == "pure_python":
        monkeypatch.setattr(questions.yamlfile, "_FAST", False)
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(BOMBS[name])
    run = run_cli(["validate", str(path)])
    check_clean_outcome(run, path, ok_codes=(2,))
    within_budget(run.seconds, FAST, f"{name}: refused")
    assert not Path("/tmp/career-fit-pwned").exists()


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_bomb_refused_as_bank_of_questions(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(BOMBS[name])
    run = run_cli(["questions", "--bank", str(path), "--format", "json"])
    check_clean_outcome(run, path, ok_codes=(2,))
    within_budget(run.seconds, FAST, f"{path.name}: refused")
    assert run.out == ""


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_bomb_refused_as_answers(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.json"
    path.write_bytes(BOMBS[name])
    run = score_file(path)
    check_clean_outcome(run, path, ok_codes=(2,))
    within_budget(run.seconds, FAST, f"{name}: refused")


def _odd_paths(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "a folder.yaml"
    folder.mkdir()
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    dangling = tmp_path / "dangling.yaml"
    dangling.symlink_to(tmp_path / "nowhere")
    return {
        "directory": folder,
        "missing": tmp_path / "missing.yaml",
        "named_pipe_without_writer": fifo,
        "dangling_symlink": dangling,
        "name_too_long": tmp_path / ("n" * 300 + ".yaml"),
        "dev_zero": Path("/dev/zero"),
    }


@pytest.mark.parametrize(
    "kind", ["directory", "missing", "named_pipe_without_writer", "dangling_symlink", "name_too_long", "dev_zero"]
)
def test_odd_paths_refused(kind: str, tmp_path: Path) -> None:
    path = _odd_paths(tmp_path)[kind]
    for run in (run_cli(["validate", str(path)]), score_file(path)):
        check_clean_outcome(run, path, ok_codes=(2,))
        within_budget(run.seconds, FAST, f"{path.name}: refused")


def test_unreadable_file_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000 (root reads it anyway, so the open itself is made to fail the way it would for a user)."""
    path = tmp_path / "locked.yaml"
    path.write_text("lang: en\n", encoding="utf-8")
    path.chmod(0)
    if os.geteuid() == 0:
        real_open = os.open

        def deny(p: Any, *args: Any, **kwargs: Any) -> int:
            if Path(p) == path:
                raise PermissionError(13, "Permission denied", str(p))
            return real_open(p, *args, **kwargs)

        monkeypatch.setattr(os, "open", deny)
    for run in (run_cli(["validate", str(path)]), score_file(path)):
        check_clean_outcome(run, path, ok_codes=(2,))
        assert "ermission" in run.err


def test_bombs_figure(figure: Any) -> None:
    figure(
        "hostile_files.kinds",
        f"{len(BOMBS)} hostile contents (x2 parsers for validate) + 7 odd paths, through validate, "
        "questions --bank and score",
    )
    assert len(BOMBS) >= 20


def test_subprocess_smoke(tmp_path: Path) -> None:
    """A few runs of the real ``career-fit`` binary: exit codes and one-line errors in a real process."""
    import subprocess
    import sys

    binary = Path(sys.executable).parent / "career-fit"
    if not binary.exists():
        pytest.skip(f"{binary} not found; install the package into this venv")
    bomb = tmp_path / "laughs.yaml"
    bomb.write_bytes(BOMBS["billion_laughs"])
    big = tmp_path / "big.json"
    big.write_bytes(BOMBS["ten_megabytes"])
    bad_bank = tmp_path / "bad bank.yaml"
    bad_bank.write_bytes(BOMBS["deep_flow_list_10000"])
    env = {"XDG_DATA_HOME": str(tmp_path / "xdg"), "HOME": str(tmp_path), "PATH": os.environ.get("PATH", ""),
           "LANG": "C.UTF-8"}
    cases = [
        ([str(binary), "validate", str(bomb)], 2, bomb),
        ([str(binary), "score", str(big), "--format", "json"], 2, big),
        ([str(binary), "--bank", str(bad_bank)], 2, bad_bank),
        ([str(binary), "questions", "--bank", str(tmp_path / "missing.yaml")], 2, tmp_path / "missing.yaml"),
        ([str(binary), "validate"], 0, None),
    ]
    for argv, want, named in cases:
        done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=30, stdin=subprocess.DEVNULL)
        assert done.returncode == want, (argv, done.returncode, done.stderr)
        assert "Traceback" not in done.stderr
        if want:
            assert done.stderr.count("\n") == 1 and str(named) in done.stderr, done.stderr


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_bomb_refused_by_compare(name: str, tmp_path: Path) -> None:
    """``compare A B`` with a hostile file on either side: one line naming it, exit 2."""
    good = tmp_path / "good.json"
    answers = tmp_path / "answers.json"
    answers.write_text('{"lang": "en", "answers": {}}', encoding="utf-8")
    assert run_cli(["score", str(answers), "--format", "json", "-o", str(good)]).code == 0
    bad = tmp_path / f"{name}.json"
    bad.write_bytes(BOMBS[name])
    for argv in (["compare", str(bad), str(good)], ["compare", str(good), str(bad)]):
        run = run_cli(argv)
        check_clean_outcome(run, bad, ok_codes=(2,))
        within_budget(run.seconds, FAST, f"{bad.name}: refused")


def test_history_skips_hostile_files_one_line_each(tmp_path: Path) -> None:
    """Hostile files in the history folder: each reported in one line, the good result still listed."""
    from quiz.storage import data_dir

    answers = tmp_path / "answers.json"
    answers.write_text('{"lang": "en", "answers": {}}', encoding="utf-8")
    folder = data_dir() / "history"
    folder.mkdir(parents=True)
    good = folder / "20260101T000000Z.json"
    assert run_cli(["score", str(answers), "--format", "json", "-o", str(good)]).code == 0
    bad_names = []
    for n, name in enumerate(sorted(BOMBS)):
        path = folder / f"20250101T0000{n:02d}Z.json"
        path.write_bytes(BOMBS[name])
        bad_names.append(path.name)
    (folder / "20250102T000000Z.json").mkdir()  # a folder with a result's name
    run = run_cli(["history", "--lang", "en"])
    assert run.code == 0, run.err
    assert "Traceback" not in run.err and "unexpected error" not in run.err
    lines = run.err.splitlines()
    for name in bad_names:
        assert sum(name in line for line in lines) == 1, f"{name} not reported in exactly one line"
    assert good.name in run.out


def test_unexpected_error_is_still_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Even a bug (an exception nobody expected) ends in exactly one line on stderr and exit 1."""
    import quiz.commands.bank

    def broken(args: Any) -> int:
        raise ValueError("first line\nsecond line\n  third")

    monkeypatch.setattr(quiz.commands.bank, "validate", broken)
    run = run_cli(["validate"])
    assert run.code == 1
    assert run.err.count("\n") == 1 and "Traceback" not in run.err, run.err
