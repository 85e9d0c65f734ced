"""Corrupt or foreign save files: each kept aside (never overwritten first), reported in one line, quiz starts.

Every case writes something odd where the session file belongs, starts the real app with Pilot, checks
the welcome screen's one-line notice, checks the original bytes survive (as ``session.json.corrupt-*``
or, for a file the quiz can partly use, untouched until the person answers), then answers two questions
and checks that a fresh session file holding those two answers was written.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("quiz.session", reason="quiz/session.py (SessionStore) has not landed yet")

from textual.widgets import Static  # noqa: E402

from questions.loader import load_bank  # noqa: E402
from quiz.app import CareerFitApp  # noqa: E402
from quiz.session import Session  # noqa: E402
from quiz.storage import data_dir  # noqa: E402
from tests.reliability.pilot import expected_value, key_for  # noqa: E402

BANK = load_bank()


def _valid_session(answered: int = 3) -> dict[str, Any]:
    session = Session.new(BANK, "en")
    for n in range(answered):
        session = session.answer(BANK.items[n].id, expected_value(BANK, n), 2.0)
    data: dict[str, Any] = json.loads(session.model_dump_json())
    return data


def _truncated() -> bytes:
    return json.dumps(_valid_session()).encode()[:-37]


def _wrong_shape_list() -> bytes:
    return b"[1, 2, 3]"


def _wrong_shape_object() -> bytes:
    return json.dumps({"answers": "all of them", "position": -4}).encode()


def _other_schema_version() -> bytes:
    data = _valid_session()
    data["schema_version"] = 99  # a version this release does not read
    return json.dumps(data).encode()


def _bad_values() -> bytes:
    data = _valid_session()
    data["answers"] = {BANK.items[0].id: [1, 2], BANK.items[1].id: None}
    return json.dumps(data).encode()


def _huge() -> bytes:
    return b'{"padding": "' + b"x" * 1_500_000 + b'"}'


CORRUPT: dict[str, Callable[[], bytes]] = {
    "truncated": _truncated,
    "random_bytes": lambda: random.Random(3).randbytes(2048),
    "not_utf8": lambda: "{\"lang\": \"en\", \"answers\": {\"é\": 1}}".encode("latin-1"),
    "wrong_shape_list": _wrong_shape_list,
    "wrong_shape_object": _wrong_shape_object,
    "other_schema_version": _other_schema_version,
    "bad_answer_values": _bad_values,
    "empty": lambda: b"",
    "nan_and_garbage": lambda: b"NaN garbage {",
    "huge": _huge,
}
"""Session-file contents the quiz cannot use; each must be kept aside byte for byte."""


def _session_path() -> Path:
    return data_dir() / "session.json"


def _asides(folder: Path) -> list[Path]:
    return sorted(folder.glob("session.json.corrupt-*"))


async def _welcome_notice(pilot: Any) -> str:
    await pilot.pause()
    notice = pilot.app.screen.query_one("#welcome-notice", Static)
    assert notice.display, "no notice on the welcome screen"
    return str(notice.render())


async def _start_and_answer_two(pilot: Any) -> None:
    app = pilot.app
    if app.screen.query("#start"):
        await pilot.click("#start")
    else:
        await pilot.click("#start-over")
        await pilot.pause()
        await pilot.press("y")
    await pilot.pause()
    for n in range(2):
        await pilot.press(key_for(BANK, n))
        await pilot.pause()


def _assert_fresh_save() -> None:
    saved = json.loads(_session_path().read_text(encoding="utf-8"))
    assert saved["answers"] == {BANK.items[n].id: expected_value(BANK, n) for n in range(2)}


@pytest.mark.parametrize("kind", sorted(CORRUPT))
async def test_corrupt_save_kept_aside(kind: str, figure: Any) -> None:
    folder = data_dir()
    folder.mkdir(parents=True, mode=0o700)
    original = CORRUPT[kind]()
    _session_path().write_bytes(original)
    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        notice = await _welcome_notice(pilot)
        asides = _asides(folder)
        assert len(asides) == 1, f"{kind}: expected one kept-aside file, found {asides}"
        assert asides[0].read_bytes() == original, f"{kind}: kept-aside copy differs from the original"
        assert "\n" not in notice.strip() and asides[0].name in notice, notice
        assert app.saved is None
        await _start_and_answer_two(pilot)
    assert _asides(folder)[0].read_bytes() == original
    _assert_fresh_save()


async def test_directory_where_the_file_should_be() -> None:
    folder = data_dir()
    (folder / "session.json" / "inner").mkdir(parents=True)
    (folder / "session.json" / "inner" / "keep.txt").write_text("mine", encoding="utf-8")
    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        notice = await _welcome_notice(pilot)
        asides = _asides(folder)
        assert len(asides) == 1 and asides[0].is_dir(), asides
        assert (asides[0] / "inner" / "keep.txt").read_text(encoding="utf-8") == "mine"
        assert asides[0].name in notice and "\n" not in notice.strip()
        await _start_and_answer_two(pilot)
    _assert_fresh_save()


async def test_unreadable_save_kept_aside(monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000; as root (which reads anyway) the read itself is made to fail with EACCES."""
    folder = data_dir()
    folder.mkdir(parents=True, mode=0o700)
    path = _session_path()
    original = json.dumps(_valid_session()).encode()
    path.write_bytes(original)
    path.chmod(0)
    denied = [os.geteuid() == 0]
    if denied[0]:
        real_open = os.open

        def deny_open(name: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            # Saves are read through questions.files, which opens with os.open: refuse it for this file only.
            if denied[0] and Path(os.fsdecode(name)) == path and not flags & (os.O_WRONLY | os.O_RDWR):
                raise PermissionError(13, "Permission denied", str(name))
            return real_open(name, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", deny_open)
    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        notice = await _welcome_notice(pilot)
        asides = _asides(folder)
        assert len(asides) == 1, asides
        assert "ermission" in notice and asides[0].name in notice
        await _start_and_answer_two(pilot)
    denied[0] = False
    asides[0].chmod(0o600)
    assert asides[0].read_bytes() == original
    _assert_fresh_save()


async def test_another_banks_save_moves_to_its_own_file() -> None:
    """A save from another bank in ``session.json`` (written by a release before one save per bank) is never
    applied nor overwritten: it moves, byte for byte, to that bank's own file, and the notice says where."""
    folder = data_dir()
    folder.mkdir(parents=True, mode=0o700)
    data = _valid_session()
    data["bank"] = {"id": "another_bank", "version": "3.0", "items": ["x1", "x2", "x3"]}
    data["answers"] = {"x1": 4, "x2": "x2_pm"}
    original = json.dumps(data).encode()
    _session_path().write_bytes(original)
    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        notice = await _welcome_notice(pilot)
        own = folder / "session.another_bank.json"
        assert own.read_bytes() == original and not _asides(folder)
        assert "\n" not in notice.strip() and own.name in notice and "another_bank" in notice, notice
        assert app.saved is None
        await _start_and_answer_two(pilot)
    assert own.read_bytes() == original
    _assert_fresh_save()


async def test_same_bank_other_version_keeps_fitting_answers() -> None:
    """A save from an older version of this bank: answers that still fit are offered for resume, one line says
    what changed, and the file is not touched until the person answers."""
    folder = data_dir()
    folder.mkdir(parents=True, mode=0o700)
    data = _valid_session(answered=4)
    data["bank"]["version"] = "0.9"
    data["bank"]["items"] = [*data["bank"]["items"][:-1], "retired_item"]
    data["answers"]["retired_item"] = 3
    original = json.dumps(data).encode()
    _session_path().write_bytes(original)
    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        notice = await _welcome_notice(pilot)
        assert "\n" not in notice.strip() and "0.9" in notice, notice
        assert app.saved is not None and len(app.saved.answers) == 4
        assert _session_path().read_bytes() == original
        assert pilot.app.screen.query("#resume")


async def test_unmovable_save_is_never_overwritten(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the bad file cannot even be renamed, it is left alone and nothing is written over it."""
    import quiz.storage

    folder = data_dir()
    folder.mkdir(parents=True, mode=0o700)
    original = b"{ broken"
    _session_path().write_bytes(original)

    def cannot_rename(path: Path, now: Any = None) -> Path:
        raise PermissionError(1, "Operation not permitted", str(path))

    monkeypatch.setattr(quiz.storage, "keep_aside", cannot_rename)
    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        notice = await _welcome_notice(pilot)
        assert "not permitted" in notice
        await _start_and_answer_two(pilot)
        assert len(app.session.answers) == 2
    assert _session_path().read_bytes() == original


NAMED_KINDS = {
    "directory": "test_directory_where_the_file_should_be",
    "unreadable": "test_unreadable_save_kept_aside",
    "another_bank": "test_another_banks_save_moves_to_its_own_file",
    "unmovable": "test_unmovable_save_is_never_overwritten",
    "older_version_same_bank": "test_same_bank_other_version_keeps_fitting_answers",
    "symlink_elsewhere": "test_symlink_to_someone_elses_file_is_never_written_through",
}
"""The kinds of odd save file beyond :data:`CORRUPT`, each with the test that tries it."""


def test_corrupt_kinds_figure(figure: Any) -> None:
    """The figure counts only kinds that a test in this module really tries."""
    params = [mark.args[1] for mark in test_corrupt_save_kept_aside.pytestmark if mark.name == "parametrize"]
    assert params == [sorted(CORRUPT)], "every CORRUPT kind goes through test_corrupt_save_kept_aside"
    missing = [test for test in NAMED_KINDS.values() if not callable(globals().get(test))]
    assert missing == [], f"kinds counted without a test: {missing}"
    kinds = [*sorted(CORRUPT), *NAMED_KINDS]
    assert len(set(kinds)) == len(kinds) >= 12
    figure("corrupt_save.kinds", f"{len(kinds)}: {', '.join(kinds)}")


async def test_symlink_to_someone_elses_file_is_never_written_through(tmp_path: Path) -> None:
    """session.json is a symlink to an unrelated file: the link is set aside, the file it points at is never
    changed, and the fresh save is a regular file of its own."""
    folder = data_dir()
    folder.mkdir(parents=True, mode=0o700)
    precious = tmp_path / "precious.txt"
    precious.write_text("not a session, do not touch\n", encoding="utf-8")
    _session_path().symlink_to(precious)
    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        notice = await _welcome_notice(pilot)
        assert "\n" not in notice.strip()
        await _start_and_answer_two(pilot)
    assert precious.read_text(encoding="utf-8") == "not a session, do not touch\n"
    assert not _session_path().is_symlink()
    _assert_fresh_save()
