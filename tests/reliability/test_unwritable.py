"""Unwritable data folder or full disk: the quiz runs to the end, says once why progress is not saved,
keeps every answer in memory, and export still lets the person write the result somewhere else."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("quiz.session", reason="quiz/session.py has not landed yet")

from textual.widgets import Input  # noqa: E402

import quiz.storage  # noqa: E402
from questions.loader import load_bank  # noqa: E402
from quiz.app import CareerFitApp  # noqa: E402
from tests.reliability.pilot import answer_all, expected_value  # noqa: E402

BANK = load_bank()


def _fail_writes_under(folder: Path, err: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``atomic_write`` fail with ``err`` for files under ``folder`` (elsewhere it still works)."""
    real = quiz.storage.atomic_write

    def failing(path: Path, data: Any, **kwargs: Any) -> None:
        if Path(path).resolve().is_relative_to(folder.resolve()):
            raise OSError(err, os.strerror(err), str(path))
        real(path, data, **kwargs)

    monkeypatch.setattr(quiz.storage, "atomic_write", failing)


def _setup(kind: str, data_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Break saving in the way ``kind`` names; returns a word expected in the reason shown."""
    if kind == "data_home_is_a_file":
        data_home.parent.mkdir(parents=True, exist_ok=True)
        data_home.write_text("not a folder", encoding="utf-8")
        return "directory"
    if kind == "data_home_under_proc":
        monkeypatch.setenv("XDG_DATA_HOME", "/proc/self/no-such-place")
        return "No such file"
    folder = quiz.storage.data_dir()
    folder.mkdir(parents=True, mode=0o700)
    if kind == "read_only_folder":
        folder.chmod(0o500)
        if os.geteuid() == 0:  # root writes anyway: make the write fail as it would for a user
            _fail_writes_under(folder, errno.EACCES, monkeypatch)
        return "ermission"
    assert kind == "disk_full"
    _fail_writes_under(folder, errno.ENOSPC, monkeypatch)
    return "No space left"


KINDS = ["data_home_is_a_file", "data_home_under_proc", "read_only_folder", "disk_full"]
"""Ways saving is impossible from the start, each tried by :func:`test_quiz_runs_without_saving`."""


@pytest.mark.parametrize("kind", KINDS)
async def test_quiz_runs_without_saving(
    kind: str, data_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reason_word = _setup(kind, data_home, tmp_path, monkeypatch)
    monkeypatch.chdir(tmp_path)
    app = CareerFitApp(BANK, "en")
    messages: list[str] = []
    real_notify = app.notify

    def spy(message: str, *args: Any, **kwargs: Any) -> None:
        messages.append(str(message))
        real_notify(message, *args, **kwargs)

    app.notify = spy  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await answer_all(pilot, BANK, stop=1)
        await pilot.press("q")  # ask to quit mid-quiz: the dialog must not claim progress is saved
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "ConfirmDialog"
        assert "could not be saved" in " ".join(str(s.render()) for s in dialog.query("Static"))
        await pilot.press("n")
        await pilot.pause()
        await answer_all(pilot, BANK, start=1)
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen", type(app.screen).__name__
        assert app.result is not None
        assert app.result.answers == {item.id: expected_value(BANK, n) for n, item in enumerate(BANK.items)}
        cannot_save = [m for m in messages if "cannot be saved" in m]
        assert len(cannot_save) == 1, messages
        assert reason_word in cannot_save[0], cannot_save

        # Export: the data folder fails, another path works.
        await pilot.press("e")
        await pilot.pause()
        box = app.screen.query_one("#export-path", Input)
        target = tmp_path / "elsewhere" / "result.md"
        target.parent.mkdir()
        box.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert target.exists() and target.stat().st_size > 0
    folder = Path(os.environ["XDG_DATA_HOME"]) / "career-fit"
    if folder.is_dir():
        assert not list(folder.glob(".*.tmp")), "temporary files left behind"
        assert not (folder / "session.json").exists()


def test_unwritable_kinds_figure(figure: Any) -> None:
    """The figure counts only kinds a test in this module really tries."""
    marks = getattr(test_quiz_runs_without_saving, "pytestmark")  # noqa: B009 - pytest's own attribute
    params = [mark.args[1] for mark in marks if mark.name == "parametrize"]
    assert params == [KINDS]
    assert callable(globals().get("test_disk_fills_up_mid_quiz")), "the mid-quiz kind needs its test"
    kinds = [*KINDS, "disk_filling_up_mid_quiz_then_freed"]
    figure("unwritable.kinds", f"{len(kinds)}: {', '.join(kinds)}")
    assert len(kinds) == 5


async def test_disk_fills_up_mid_quiz(monkeypatch: pytest.MonkeyPatch) -> None:
    """Saving works, then the disk is full (the real atomic write fails at fsync), then space is back.

    The last good save stays intact and loadable while the disk is full, no temporary file is left, the
    person is told once, every answer stays in memory, and saving resumes when space is back.
    """
    import json

    from quiz.store import SessionStore

    full = [False]
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if full[0]:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    app = CareerFitApp(BANK, "en")
    messages: list[str] = []
    real_notify = app.notify

    def spy(message: str, *args: Any, **kwargs: Any) -> None:
        messages.append(str(message))
        real_notify(message, *args, **kwargs)

    app.notify = spy  # type: ignore[method-assign]
    path = quiz.storage.data_dir() / "session.json"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await answer_all(pilot, BANK, stop=5)
        good = path.read_bytes()
        assert len(json.loads(good)["answers"]) == 5
        full[0] = True
        await answer_all(pilot, BANK, start=5, stop=10)
        assert path.read_bytes() == good, "the last good save changed while the disk was full"
        assert not list(path.parent.glob(".*.tmp")), "temporary files left behind"
        loaded = SessionStore(path).load(BANK)
        assert loaded.session is not None and len(loaded.session.answers) == 5
        assert len(app.session.answers) == 10
        assert len([m for m in messages if "cannot be saved" in m and "No space left" in m]) == 1, messages
        full[0] = False
        await answer_all(pilot, BANK, start=10, stop=11)
        saved = json.loads(path.read_text(encoding="utf-8"))["answers"]
        assert saved == {BANK.items[n].id: expected_value(BANK, n) for n in range(11)}
