"""Kill at any point: the real app in tmux, SIGKILLed after k answers, restarted and resumed — nothing lost.

Also the kill in the middle of writing the save file, simulated with the ``_before_rename`` fault hook of
:mod:`quiz.storage`: the previous save stays intact and loads.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from questions.loader import load_bank
from tests.reliability.pilot import expected_value, key_for
from tests.reliability.tmux import TmuxApp, career_fit_binary, tmux_available

BANK = load_bank()
N = len(BANK.items)


def kill_points(n: int, count: int = 12) -> list[int]:
    """``count`` values of k spread evenly over 1..n (always including 1 and n)."""
    return sorted({round(1 + i * (n - 1) / (count - 1)) for i in range(count)})


KS = kill_points(N)


def _progress(k: int) -> str:
    return rf"(?<!\d){k + 1} / {N}(?!\d)"


def _need_tmux_and_binary() -> None:
    if not tmux_available():
        pytest.skip("tmux is not installed (.ci/run installs it); the kill test needs a real terminal")
    if not career_fit_binary().exists():
        pytest.skip(f"{career_fit_binary()} not found; install the package into this venv")


@pytest.mark.slow
@pytest.mark.parametrize("k", KS)
def test_kill_after_k_answers_loses_nothing(k: int, data_home: Path, figure: Any) -> None:
    _need_tmux_and_binary()
    expected = {BANK.items[n].id: expected_value(BANK, n) for n in range(k)}
    app = TmuxApp(data_home)
    try:
        app.wait_for(r"Full quiz")
        app.send("Enter")
        app.wait_for(_progress(0))
        for n in range(k):
            app.send(key_for(BANK, n))
            if n + 1 < N:
                app.wait_for(_progress(n + 1))
            else:
                app.wait_for(r"Disclaimer|disclaimer|not a diagnosis|Export|导出")
        app.kill9()
    finally:
        app.close()

    folder = data_home / "career-fit"
    if k < N:
        saved = json.loads((folder / "session.json").read_text(encoding="utf-8"))
        assert saved["answers"] == expected, f"k={k}: answers lost after SIGKILL"
    else:
        # All answered: the result went to history and the in-progress session was cleared.
        docs = [json.loads(p.read_text(encoding="utf-8")) for p in folder.rglob("*.json")]
        assert any(d.get("answers") == expected for d in docs), f"k={k}: the finished result is not in history"
        return

    again = TmuxApp(data_home)
    try:
        screen = again.wait_for(rf"Resume \({k} of {N} answered\)")
        assert re.search(rf"Resume \({k} of {N} answered\)", screen)
        again.send("Enter")
        again.wait_for(_progress(k))
    finally:
        again.close()
    saved = json.loads((folder / "session.json").read_text(encoding="utf-8"))
    assert saved["answers"] == expected


def test_kill_points_figure(figure: Any) -> None:
    figure("kill.points", f"{len(KS)} values of k over 1..{N}: {KS}")
    assert len(KS) >= 10


def test_crash_between_temp_write_and_rename_keeps_previous_save(tmp_path: Path) -> None:
    import quiz.storage
    from quiz.session import Session
    from quiz.store import SessionStore

    store = SessionStore(tmp_path / "data" / "session.json")
    first = Session.new(BANK, "en")
    for n in range(5):
        first = first.answer(BANK.items[n].id, expected_value(BANK, n), 1.0)
    store.save(first)
    before = store.path.read_bytes()

    class Crash(BaseException):
        """Stands for the process dying between the two steps."""

    def die(tmp: Path, target: Path) -> None:
        assert tmp.exists() and tmp.parent == target.parent
        raise Crash

    second = first.answer(BANK.items[5].id, expected_value(BANK, 5), 1.0)
    quiz.storage._before_rename = die
    try:
        with pytest.raises(Crash):
            store.save(second)
    finally:
        quiz.storage._before_rename = None
    assert store.path.read_bytes() == before
    assert not list(store.path.parent.glob(".*.tmp")), "temporary file left behind"
    loaded = SessionStore(store.path).load(BANK)
    assert loaded.session is not None and loaded.notice is None
    assert loaded.session.answers == first.answers


def test_crash_leaving_a_temp_file_behind_is_harmless(tmp_path: Path) -> None:
    """A real SIGKILL cannot run cleanup: a stray temp file next to the save must not confuse loading."""
    from quiz.session import Session
    from quiz.store import SessionStore

    store = SessionStore(tmp_path / "data" / "session.json")
    session = Session.new(BANK, "en").answer(BANK.items[0].id, expected_value(BANK, 0), 1.0)
    store.save(session)
    (store.path.parent / ".session.json.abc123.tmp").write_bytes(b'{"half": ')
    loaded = SessionStore(store.path).load(BANK)
    assert loaded.session is not None and loaded.session.answers == session.answers


RAPID = [(8, 0.0), (15, 0.05), (20, 0.1), (30, 0.15), (40, 0.2), (44, 0.35)]
"""(keys typed at once, seconds before SIGKILL): the kill lands while answers are still being saved."""


@pytest.mark.slow
@pytest.mark.parametrize("keys,delay", RAPID)
def test_kill_while_typing_leaves_a_loadable_prefix(keys: int, delay: float, data_home: Path) -> None:
    """Type many answers without waiting and SIGKILL at once: the save file is never half-written, loads
    without a notice, and holds at most ``keys`` answers, each a legal value for a question of the bank.

    Which question each key lands on is not compared here: keys that arrive before the next question is
    on screen hit the question still showing (see ``test_two_quick_keys_do_not_skip_a_question``).
    """
    import time

    from quiz.store import SessionStore
    from scoring.answers import valid_answer

    _need_tmux_and_binary()
    app = TmuxApp(data_home)
    try:
        app.wait_for(r"Full quiz")
        app.send("Enter")
        app.wait_for(_progress(0))
        app.send_many([key_for(BANK, n) for n in range(keys)])
        time.sleep(delay)
        app.kill9()
    finally:
        app.close()
    path = data_home / "career-fit" / "session.json"
    if not path.exists():
        return  # killed before the first answer was saved: nothing to lose yet
    json.loads(path.read_text(encoding="utf-8"))  # never half-written
    loaded = SessionStore(path).load(BANK)
    assert loaded.notice is None and loaded.session is not None
    m = len(loaded.session.answers)
    assert 1 <= m <= keys
    for item_id, value in loaded.session.answers.items():
        item = BANK.item(item_id)
        assert item is not None and valid_answer(item, value), (item_id, value)


async def test_two_quick_keys_do_not_skip_a_question() -> None:
    """Two number keys handled by the question screen before the app records the first answer."""
    from quiz.app import CareerFitApp

    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        screen.action_choose(1)  # type: ignore[attr-defined]
        screen.action_choose(2)  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.pause()
        shown = app.session.position
        answered = list(app.session.answers)
        assert shown <= len(answered), f"question {shown} is on screen but only {answered} were answered"
        # The first key answers question 1; the second, pressed before question 2 was shown, is dropped.
        assert app.session.answers == {BANK.items[0].id: 1} and shown == 1
