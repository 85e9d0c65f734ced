"""Security: YAML only ever loaded safely, no network access in a whole run, private file modes."""

from __future__ import annotations

import json
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from questions.loader import load_bank
from tests.reliability.helpers import ROOT, run_cli
from tests.reliability.pilot import answer_all, expected_value, key_for

BANK = load_bank()
SOURCE_DIRS = ("questions", "scoring", "quiz")
REMOTE_LOAD = re.compile(
    r"""src\s*=\s*["']?(https?:)?//"""
    r"""|<link[^>]+href\s*=\s*["']?(https?:)?//"""
    r"""|url\(\s*["']?(https?:)?//"""
)
"""Anything in HTML that a browser would fetch by itself (links a person clicks are fine)."""


def test_source_uses_only_safe_yaml_loading() -> None:
    offenders = []
    for folder in SOURCE_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                code = line.split("#", 1)[0]
                if re.search(r"yaml\.(load|load_all|unsafe_load|unsafe_load_all|full_load|full_load_all)\s*\(", code):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
                if re.search(r"yaml\.(Loader|FullLoader|UnsafeLoader|CLoader|CFullLoader|CUnsafeLoader)\b", code):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, "unsafe YAML loading:\n" + "\n".join(offenders)


@pytest.fixture()
def safe_yaml_only(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every unsafe PyYAML entry point fail the test; safe loading keeps working."""
    calls: list[str] = []
    safe = (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    real_load, real_load_all = yaml.load, yaml.load_all

    def guarded(real: Any, name: str) -> Any:
        def check(stream: Any, Loader: Any = None, **kwargs: Any) -> Any:  # noqa: N803 - PyYAML's name
            if not (isinstance(Loader, type) and issubclass(Loader, safe)):
                calls.append(f"{name}(Loader={Loader!r})")
                raise AssertionError(f"unsafe YAML loading: {name} with {Loader!r}")
            return real(stream, Loader, **kwargs)

        return check

    def forbidden(name: str) -> Any:
        def fail(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            raise AssertionError(f"unsafe YAML loading: {name}")

        return fail

    monkeypatch.setattr(yaml, "load", guarded(real_load, "yaml.load"))
    monkeypatch.setattr(yaml, "load_all", guarded(real_load_all, "yaml.load_all"))
    for name in ("unsafe_load", "unsafe_load_all", "full_load", "full_load_all"):
        monkeypatch.setattr(yaml, name, forbidden(f"yaml.{name}"))
    for name in ("Loader", "FullLoader", "UnsafeLoader", "CLoader", "CFullLoader", "CUnsafeLoader"):
        if hasattr(yaml, name):
            monkeypatch.setattr(yaml, name, forbidden(f"yaml.{name}"))
    return calls


def _cli_everything(tmp_path: Path) -> list[tuple[list[str], int]]:
    """Every command, every export format, on real files; returns (argv, exit code) pairs."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "lang: en\nanswers:\n" + "".join(f"  {i.id}: {json.dumps(expected_value(BANK, n))}\n"
                                         for n, i in enumerate(BANK.items)),
        encoding="utf-8",
    )
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps({"lang": "zh", "answers": {BANK.items[0].id: 5}}) + "\n", encoding="utf-8")
    first = tmp_path / "first.json"
    runs: list[list[str]] = [
        ["validate"],
        ["questions"],
        ["questions", "--format", "json"],
        ["template", "-o", str(tmp_path / "template.yaml")],
        *(["score", str(answers), "--format", fmt, "-o", str(tmp_path / f"out.{fmt}")]
          for fmt in ("text", "md", "json", "html")),
        ["score", str(answers), "--format", "json", "-o", str(first)],
        ["score", "--batch", str(batch), "--format", "csv"],
        ["score", "--batch", str(batch), "--format", "jsonl"],
        ["history"],
    ]
    results = [(argv, run_cli(argv).code) for argv in runs]
    results.append((["compare", str(first), str(first)], run_cli(["compare", str(first), str(first)]).code))
    return results


async def _full_quiz_with_exports(tmp_path: Path) -> Any:
    from textual.widgets import Input, RadioButton

    from quiz.app import CareerFitApp

    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await answer_all(pilot, BANK)
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen"
        for fmt in ("md", "json", "html", "text"):
            await pilot.press("e")
            await pilot.pause()
            dialog = app.screen
            dialog.query_one(f"#export-fmt-{fmt}", RadioButton).value = True
            await pilot.pause()
            dialog.query_one("#export-path", Input).value = str(tmp_path / f"dialog-export.{fmt}")
            await pilot.press("enter")
            await pilot.pause()
            assert (tmp_path / f"dialog-export.{fmt}").exists(), fmt
        await pilot.press("c")  # compare with history
        await pilot.pause()
    return app


async def test_no_network_and_safe_yaml_in_a_full_run(
    tmp_path: Path, no_network: list[str], safe_yaml_only: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = await _full_quiz_with_exports(tmp_path)
    assert app.result is not None
    for argv, code in _cli_everything(tmp_path):
        assert code == 0, f"{argv} exited {code}"
    assert no_network == [], f"network access attempted: {no_network}"
    assert safe_yaml_only == [], f"unsafe YAML loading: {safe_yaml_only}"
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    remote = re.search(REMOTE_LOAD, html)
    assert remote is None, f"the HTML export loads something remotely: {remote and remote.group()}"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_private_file_modes(data_home: Path) -> None:
    from quiz.app import CareerFitApp
    from quiz.storage import data_dir

    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        for n in range(3):
            await pilot.press(key_for(BANK, n))
        await pilot.pause()
        folder = data_dir()
        session = folder / "session.json"
        assert session.exists()
        assert _mode(folder) == 0o700, oct(_mode(folder))
        assert _mode(session) == 0o600, oct(_mode(session))
        await answer_all(pilot, BANK, start=3)
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen"
    saved = [p for p in data_dir().rglob("*") if p.is_file()]
    assert saved, "no history file written"
    for path in saved:
        assert _mode(path) == 0o600, f"{path}: {oct(_mode(path))}"
    for path in [data_dir(), *(p for p in data_dir().rglob("*") if p.is_dir())]:
        assert _mode(path) == 0o700, f"{path}: {oct(_mode(path))}"


def test_modes_with_a_permissive_umask(tmp_path: Path) -> None:
    """A fresh interpreter with umask 000 saves a session: the folder and file must still be private."""
    home = tmp_path / "xdg"
    code = (
        "import os, sys; os.umask(0); from quiz.session import Session; from quiz.store import SessionStore; "
        "from questions.loader import load_bank; b = load_bank(); s = SessionStore(); "
        "s.save(Session.new(b, 'en').answer(b.items[0].id, 4, 1.0)); print(s.path)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
        env={"XDG_DATA_HOME": str(home), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}, check=True,
    )
    session = Path(done.stdout.strip())
    assert _mode(session) == 0o600 and _mode(session.parent) == 0o700


def test_guards_are_not_vacuous(no_network: list[str], safe_yaml_only: list[str]) -> None:
    """The two guards above do catch what they are meant to catch."""
    import socket

    with pytest.raises(AssertionError):
        socket.create_connection(("127.0.0.1", 9), timeout=0.1)
    with pytest.raises(AssertionError):
        socket.socket().connect(("127.0.0.1", 9))
    assert len(no_network) == 2
    with pytest.raises(AssertionError):
        yaml.load("a: 1", Loader=yaml.Loader)  # noqa: S506 - the point of the test
    with pytest.raises(AssertionError):
        yaml.full_load("a: 1")
    assert yaml.safe_load("a: 1") == {"a": 1}
    assert len(safe_yaml_only) == 2


def test_loose_existing_folders_are_made_private(data_home: Path) -> None:
    """A data folder left 0755 (older version, another tool, a wide umask) is tightened on the next save,
    and a history folder created before any session file does not leave the data folder open."""
    from quiz.history import save_result
    from quiz.session import Session
    from quiz.storage import data_dir
    from quiz.store import SessionStore
    from scoring import score
    from scoring.answers import Answers
    from scoring.result import BankRef, ResultDocument

    folder = data_dir()
    history = folder / "history"
    result = score(BANK, Answers(lang="en", answers={BANK.items[0].id: 4}))
    document = ResultDocument(created="2026-11-24T12:00:00Z", bank=BankRef(id=BANK.id, version=BANK.version),
                              lang="en", answers={BANK.items[0].id: 4}, result=result)
    saved = save_result(document)  # first thing ever written: creates data folder and history folder
    assert _mode(folder) == 0o700 and _mode(history) == 0o700 and _mode(saved) == 0o600
    folder.chmod(0o755)
    history.chmod(0o755)
    SessionStore().save(Session.new(BANK, "en"))
    assert _mode(folder) == 0o700
    save_result(document)
    assert _mode(history) == 0o700
