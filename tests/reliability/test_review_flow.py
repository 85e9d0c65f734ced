"""Findings D2, E10, C7 and C8 of the reliability review, reproduced against the real app (each failed on
main at c4d1c46: D2 and E10 through Pilot; C7 and C8 only in a real terminal, so through tmux).

- D2: finishing the quiz when history cannot be written must keep the saved answers, and quitting asks.
- E10: once saving works again after a full disk, the quit dialog says progress is saved.
- C7: opening the command palette and clicking its background quickly, again and again, never crashes.
- C8: ``q`` then ``?`` typed at once (quit, then help while closing) never crashes.
"""

from __future__ import annotations

import errno
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Static

import quiz.storage
from questions.loader import load_bank
from quiz.app import CareerFitApp
from tests.reliability.pilot import answer_all, expected_value, key_for
from tests.reliability.tmux import TmuxApp, career_fit_binary, tmux_available

BANK = load_bank()
SIZE = (80, 24)


def _session_file() -> Path:
    return quiz.storage.data_dir() / "session.json"


def _dialog_text(app: CareerFitApp) -> str:
    return " ".join(str(widget.render()) for widget in app.screen.query(Static))


def _all_answers() -> dict[str, Any]:
    return {item.id: expected_value(BANK, n) for n, item in enumerate(BANK.items)}


async def test_d2_history_blocked_keeps_the_answers_and_quit_asks() -> None:
    """``history`` is a file, not a folder: the result cannot be kept, so the saved answers must stay."""
    folder = quiz.storage.data_dir()
    folder.mkdir(parents=True, mode=0o700)
    (folder / "history").write_text("x\n", encoding="utf-8")
    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await answer_all(pilot, BANK)
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen"
        assert _session_file().exists(), "the saved answers were deleted although history could not be written"
        assert json.loads(_session_file().read_text(encoding="utf-8"))["answers"] == _all_answers()
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog", "quit did not ask while the result is only in memory"
        assert "history" in _dialog_text(app)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    again = CareerFitApp(BANK, "en")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        resume = again.screen.query_one("#resume", Button)
        assert str(resume.label) == f"Resume ({len(BANK.items)} of {len(BANK.items)} answered)"


async def test_d2_disk_full_at_the_last_answer_keeps_the_saved_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills before the last answer: neither it nor the result can be written; the 44 saved stay."""
    full = [False]
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if full[0]:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    app = CareerFitApp(BANK, "en")
    last = len(BANK.items) - 1
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await answer_all(pilot, BANK, stop=last)
        full[0] = True
        await answer_all(pilot, BANK, start=last)
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen"
        assert _session_file().exists(), "the saved answers were deleted although nothing could be written"
        saved = json.loads(_session_file().read_text(encoding="utf-8"))["answers"]
        assert len(saved) == last
        assert not list((quiz.storage.data_dir() / "history").glob("*.json"))
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog", "quit did not ask while the result is only in memory"


async def test_e10_quit_dialog_says_saved_once_saving_works_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fill the disk, answer (a notice appears), free the disk, answer once more: progress is saved again."""
    full = [False]
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if full[0]:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await answer_all(pilot, BANK, stop=5)
        full[0] = True
        await answer_all(pilot, BANK, start=5, stop=10)
        await pilot.press("q")
        await pilot.pause()
        assert "could not be saved" in _dialog_text(app)
        await pilot.press("n")
        await pilot.pause()
        full[0] = False
        await answer_all(pilot, BANK, start=10, stop=11)
        assert len(json.loads(_session_file().read_text(encoding="utf-8"))["answers"]) == 11
        await pilot.press("q")
        await pilot.pause()
        text = _dialog_text(app)
        assert "progress is saved" in text and "could not be saved" not in text, text


def _need_tmux_and_binary() -> None:
    if not tmux_available():
        pytest.skip("tmux is not installed (.ci/run installs it); C7 and C8 only show in a real terminal")
    if not career_fit_binary().exists():
        pytest.skip(f"{career_fit_binary()} not found; install the package into this venv")


def _progress(n: int) -> str:
    return rf"\b{n + 1} / {len(BANK.items)}\b"


def test_c7_palette_opened_and_dismissed_quickly_never_crashes(data_home: Path) -> None:
    """Fifteen times: Ctrl+P, 0–50 ms, a click on the palette's background (bottom-right corner).

    Only a real terminal shows it (Pilot delivers the click after the palette settled): the click reached
    the palette after it had been dismissed, and closing it again popped the screens underneath.
    """
    _need_tmux_and_binary()
    app = TmuxApp(data_home, record_exit=True)
    try:
        app.wait_for(r"Full quiz")
        app.send("Enter")
        app.wait_for(_progress(0))
        app.send("3")
        app.wait_for(_progress(1))
        for pause in (0.0, 0.01, 0.02, 0.03, 0.05) * 3:
            app.send("C-p")
            time.sleep(pause)
            app.click(80, 24)
        time.sleep(1.0)
        screen = app.screen()
        assert app.exit_status() is None, f"the app ended:\n{screen}"
        assert "Error" not in screen and "Traceback" not in screen, screen
        if "Search for commands" in screen:  # the last Ctrl+P may come after the last click
            app.send("Escape")
            time.sleep(0.5)  # a key right after Escape would arrive as Alt+key
        app.wait_for(_progress(1))
        app.send("4")
        app.wait_for(_progress(2))
    finally:
        app.close()
    saved = json.loads((data_home / "career-fit" / "session.json").read_text(encoding="utf-8"))
    assert len(saved["answers"]) == 2


@pytest.mark.parametrize("answered", [0, len(BANK.items)], ids=["question", "results"])
def test_c8_quit_then_help_typed_at_once_never_crashes(answered: int, data_home: Path) -> None:
    """Nothing to lose, so ``q`` exits at once; the ``?`` right behind it must not open help mid-exit."""
    _need_tmux_and_binary()
    app = TmuxApp(data_home, record_exit=True)
    try:
        app.wait_for(r"Full quiz")
        app.send("Enter")
        app.wait_for(_progress(0))
        for n in range(answered):
            app.send(key_for(BANK, n))
            if n + 1 < answered:
                app.wait_for(_progress(n + 1))
        if answered:
            app.wait_for(r"Export")
        app.send_raw("q?")
        deadline = time.monotonic() + 10
        while app.exit_status() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        screen = app.screen()
        assert app.exit_status() == 0, screen
        assert "Error" not in screen and "Traceback" not in screen, screen
    finally:
        app.close()
