"""Findings D1, D3, D4, C1, C2 and the leftover temporary files (S6) of the reliability review: the save file.

Each test is the review's reproduction made exact, and failed before the fix:

- D1: a second window on the same save is refused in one line (tmux, the real binary); a writer that does
  not take the lock (an older career-fit, another program) is never overwritten either.
- D3: a custom bank has a save of its own; the main quiz's save is never moved or hidden by it, and a save
  of another bank left in ``session.json`` by an older version moves to that bank's own file.
- D4: ``--fresh`` copies the old save aside before anything can replace it.
- C1, C2: a save nested 3000 levels deep, a FIFO or a link to ``/dev/zero`` is kept aside at once.
- Today's ``session.json`` (schema 1) resumes unchanged.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from textual.widgets import Static

import quiz.storage
from questions.loader import load_bank
from quiz.app import CareerFitApp
from quiz.session import Session
from quiz.store import SessionStore
from tests.reliability.helpers import ROOT, TINY_BANK
from tests.reliability.pilot import expected_value, key_for
from tests.reliability.tmux import TmuxApp, career_fit_binary, tmux_available

BANK = load_bank()
SIZE = (100, 30)


def _folder() -> Path:
    return quiz.storage.data_dir()


def _main_save() -> Path:
    return _folder() / "session.json"


def _answers_on_disk(path: Path) -> int:
    return len(json.loads(path.read_text(encoding="utf-8"))["answers"])


def _saved(answered: int, bank: Any = BANK) -> Session:
    session = Session.new(bank, "en")
    for n in range(answered):
        session = session.answer(bank.items[n].id, expected_value(bank, n), 2.0)
    return session.at(min(answered, len(bank.items) - 1))


def _todays_file(answered: int, bank: Any = BANK) -> bytes:
    """A save exactly as the released version writes it: schema 1, indent 1, at ``session.json``."""
    return _saved(answered, bank).model_dump_json(indent=1).encode()


def _other_bank(folder: Path) -> Path:
    """The review's ``other_id.yaml``: a bank under another id (the tiny bank, renamed)."""
    data = yaml.safe_load(TINY_BANK.read_text(encoding="utf-8"))
    data["id"] = "my_team_bank"
    path = folder / "other_id.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


async def _notice(pilot: Any) -> str:
    await pilot.pause()
    widget = pilot.app.screen.query_one("#welcome-notice", Static)
    return str(widget.render()) if widget.display else ""


async def _answer(pilot: Any, bank: Any, start: int, stop: int) -> None:
    for n in range(start, stop):
        await pilot.press(key_for(bank, n))
        await pilot.pause()


# ----------------------------------------------------------------------------------------------- D1


def _need_tmux() -> None:
    if not tmux_available():
        pytest.skip("tmux is not installed (.ci/run installs it); two windows need two real terminals")
    if not career_fit_binary().exists():
        pytest.skip(f"{career_fit_binary()} not found; install the package into this venv")


def _progress(n: int) -> str:
    return rf"\b{n + 1} / {len(BANK.items)}\b"


def _wait_exit(app: TmuxApp, timeout: float = 15.0) -> int | None:
    deadline = time.monotonic() + timeout
    while app.exit_status() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    return app.exit_status()


def test_d1_a_second_window_on_the_same_save_is_refused_in_one_line(data_home: Path, figure: Any) -> None:
    """The review's sequence: window A answers 2, window B opens on the same save. B must not be able to
    answer (and so A's next save can never replace B's answers); it says why in one line and exits 2.
    When A quits, the lock goes with it and a new window resumes A's answers."""
    _need_tmux()
    save = data_home / "career-fit" / "session.json"
    a = TmuxApp(data_home, record_exit=True)
    b: TmuxApp | None = None
    try:
        a.wait_for(r"Full quiz")
        a.send("Enter")
        a.wait_for(_progress(0))
        for n in range(2):
            a.send(key_for(BANK, n))
            a.wait_for(_progress(n + 1))
        b = TmuxApp(data_home, record_exit=True)
        code = _wait_exit(b)
        screen = b.screen(scrollback=50)
        assert code == 2, f"the second window did not refuse (exit {code}):\n{screen}"
        lines = [line for line in screen.splitlines() if line.strip() and not line.startswith("Pane is dead")]
        assert len(lines) == 1 and "career-fit: this quiz is already open in another window" in lines[0], screen
        a.send("F2")  # the review's trigger: the older window saves its whole state
        a.send(key_for(BANK, 2))
        a.wait_for(_progress(3))
        assert _answers_on_disk(save) == 3
        a.send("q")
        a.wait_for(r"Quit now|现在退出吗")  # F2 switched A to Chinese
        a.send("y")
        assert _wait_exit(a) == 0
    finally:
        a.close()
        if b is not None:
            b.close()
    c = TmuxApp(data_home)
    try:
        c.wait_for(rf"Resume \(3 of {len(BANK.items)} answered\)", timeout=20)
    finally:
        c.close()
    figure("saves.two_windows", "second window refused in one line (exit 2); first window kept saving; lock gone "
                                "with it")


async def test_d1_a_writer_without_the_lock_is_never_overwritten() -> None:
    """An older career-fit (no lock) or another program replaces the save while this window is open: this
    window's next save (F2, an answer) must leave the newer file alone and say so once."""
    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await _answer(pilot, BANK, 0, 2)
        assert _answers_on_disk(_main_save()) == 2
        newer = _todays_file(19)
        tmp = _main_save().with_name("elsewhere.json")
        tmp.write_bytes(newer)
        os.replace(tmp, _main_save())  # what another writer's atomic save looks like
        await pilot.press("f2")
        await pilot.pause()
        await _answer(pilot, BANK, 2, 3)
        assert _main_save().read_bytes() == newer, "the newer save was overwritten by an older window"
        assert not app.can_save
        notes = [str(n.message) for n in app._notifications]  # in Chinese: F2 switched the language
        assert any("career-fit" in note and "另一个" in note for note in notes), notes


# ----------------------------------------------------------------------------------------------- D3


async def test_d3_a_custom_bank_never_displaces_the_main_quiz(tmp_path: Path) -> None:
    """Main quiz: 9 answers. A custom bank (another id) opened once, then quit. Main quiz: Resume, 9 answers.
    The custom bank's own answers go to a file of its own."""
    other = load_bank(_other_bank(tmp_path))
    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await _answer(pilot, BANK, 0, 9)
    main_bytes = _main_save().read_bytes()
    custom = CareerFitApp(other, "en")
    async with custom.run_test(size=SIZE) as pilot:
        assert await _notice(pilot) == ""
        assert custom.saved is None
        await pilot.press("enter")
        await _answer(pilot, other, 0, 2)
    assert _main_save().read_bytes() == main_bytes, "the main quiz's save was touched by another bank's run"
    assert _answers_on_disk(_folder() / "session.my_team_bank.json") == 2
    assert not list(_folder().glob("*.corrupt-*"))
    again = CareerFitApp(BANK, "en")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.saved is not None and len(again.saved.answers) == 9
        assert pilot.app.screen.query("#resume")


async def test_d3_another_banks_save_from_an_older_version_moves_to_its_own_file(tmp_path: Path) -> None:
    """Before the fix every bank shared ``session.json``: a custom bank's save found there is moved to that
    bank's own file (never called corrupt), and resumes when that bank is opened."""
    other = load_bank(_other_bank(tmp_path))
    _folder().mkdir(parents=True, mode=0o700)
    original = _todays_file(3, other)
    _main_save().write_bytes(original)
    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=SIZE) as pilot:
        notice = await _notice(pilot)
        assert "my_team_bank" in notice and "session.my_team_bank.json" in notice, notice
        assert app.saved is None
    moved = _folder() / "session.my_team_bank.json"
    assert moved.read_bytes() == original and not _main_save().exists()
    assert not list(_folder().glob("*.corrupt-*"))
    custom = CareerFitApp(other, "en")
    async with custom.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert custom.saved is not None and len(custom.saved.answers) == 3


async def test_todays_save_file_resumes_unchanged() -> None:
    """A ``session.json`` written by the released version (schema 1) resumes with every answer, and is
    not rewritten until the person answers."""
    _folder().mkdir(parents=True, mode=0o700)
    original = _todays_file(12)
    _main_save().write_bytes(original)
    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=SIZE) as pilot:
        assert await _notice(pilot) == ""
        assert app.saved is not None and len(app.saved.answers) == 12
        assert _main_save().read_bytes() == original
        await pilot.click("#resume")
        await pilot.pause()
        await _answer(pilot, BANK, 12, 13)
    assert _answers_on_disk(_main_save()) == 13


# ----------------------------------------------------------------------------------------------- D4


async def test_d4_fresh_copies_the_old_save_aside_first() -> None:
    """``--fresh`` with 30 answers saved, then one answer: the 30 answers are in a copy the notice names."""
    _folder().mkdir(parents=True, mode=0o700)
    original = _todays_file(30)
    _main_save().write_bytes(original)
    app = CareerFitApp(BANK, "en", fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        notice = await _notice(pilot)
        copies = sorted(_folder().glob("session.json.fresh-*"))
        assert len(copies) == 1 and copies[0].read_bytes() == original, copies
        assert copies[0].name in notice and "30" in notice, notice
        assert app.saved is None
        await pilot.press("enter")
        await _answer(pilot, BANK, 0, 1)
    assert _answers_on_disk(_main_save()) == 1
    assert copies[0].read_bytes() == original


# ----------------------------------------------------------------------------------------------- C1, C2


async def test_c1_a_deeply_nested_save_is_kept_aside() -> None:
    _folder().mkdir(parents=True, mode=0o700)
    original = ('{"answers": ' + "[" * 3000 + "]" * 3000 + "}").encode()
    _main_save().write_bytes(original)
    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=SIZE) as pilot:
        notice = await _notice(pilot)
        asides = sorted(_folder().glob("session.json.corrupt-*"))
        assert len(asides) == 1 and asides[0].read_bytes() == original
        assert asides[0].name in notice
        await pilot.press("enter")
        await _answer(pilot, BANK, 0, 1)
    assert _answers_on_disk(_main_save()) == 1


_LOAD = """
import resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))
from questions.loader import load_bank
from quiz.store import SessionStore
start = time.monotonic()
outcome = SessionStore().load(load_bank())
print(outcome.session is None, outcome.notice.key if outcome.notice else None, round(time.monotonic() - start, 2))
"""


@pytest.mark.parametrize("kind", ["fifo", "dev_zero", "dev_urandom"])
def test_c2_a_save_that_is_a_fifo_or_a_device_is_kept_aside_at_once(kind: str, data_home: Path) -> None:
    folder = data_home / "career-fit"
    folder.mkdir(parents=True, mode=0o700)
    save = folder / "session.json"
    if kind == "fifo":
        os.mkfifo(save)
    else:
        save.symlink_to("/dev/zero" if kind == "dev_zero" else "/dev/urandom")
    env = {**os.environ, "XDG_DATA_HOME": str(data_home), "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run([sys.executable, "-c", _LOAD], env=env, capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{kind}: loading the save hung")
    assert done.returncode == 0, done.stderr[-800:]
    none, key, _seconds = done.stdout.split()
    assert none == "True" and key in ("session.kept_aside", "session.unreadable_aside"), done.stdout
    asides = list(folder.glob("session.json.corrupt-*"))
    assert len(asides) == 1, asides
    if kind == "fifo":
        assert asides[0].is_fifo()
    else:
        assert asides[0].is_symlink()  # the link was moved, never the device behind it
    assert not save.exists()


# ----------------------------------------------------------------------------------------------- S6


async def test_s6_temporary_files_left_by_a_kill_are_removed_at_the_next_start() -> None:
    folder = _folder()
    folder.mkdir(parents=True, mode=0o700)
    _main_save().write_bytes(_todays_file(2))
    leftovers = [folder / ".session.json.k9x2ab_q.tmp", folder / ".session.json.zz81mmno.tmp"]
    for path in leftovers:
        path.write_bytes(b'{"half": ')
    unrelated = folder / ".other.json.abcdefgh.tmp"
    unrelated.write_bytes(b"not ours")
    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.saved is not None and len(app.saved.answers) == 2
    assert not any(path.exists() for path in leftovers)
    assert unrelated.read_bytes() == b"not ours"


def test_a_store_without_a_run_still_loads_and_saves(tmp_path: Path) -> None:
    """Tools and tests that use the store directly (no app) keep working: save, then load elsewhere."""
    store = SessionStore(tmp_path / "session.json")
    store.save(_saved(4))
    loaded = SessionStore(store.path).load(BANK)
    assert loaded.session is not None and len(loaded.session.answers) == 4
