"""The in-progress session and its store: changes, save/load, damaged files, another bank version."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timezone
from pathlib import Path

import pytest

from questions.loader import load_bank
from questions.schema import Bank, ChoiceItem, RatingItem
from quiz.session import BankStamp, Session, reconcile
from quiz.store import SessionStore

NOW = datetime(2026, 3, 14, 9, 30, tzinfo=timezone.utc)
LATER = datetime(2026, 3, 14, 9, 45, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def first_choice(bank: Bank) -> ChoiceItem:
    return next(i for i in bank.items if isinstance(i, ChoiceItem))


def test_answer_skip_and_timings(bank: Bank) -> None:
    a, b = bank.items[0].id, bank.items[1].id
    s = Session.new(bank, "zh", NOW)
    assert s.answers == {} and s.position == 0 and s.started == s.updated == NOW
    s = s.answer(a, 4, 2.5, LATER).skip(b, 1.0, LATER)
    assert s.answers == {a: 4} and s.skipped == (b,) and s.updated == LATER
    s = s.answer(b, 2, 3.0).answer(a, 5, 1.25)
    assert s.answers == {a: 5, b: 2}
    assert s.skipped == ()
    assert s.timings == {a: 3.75, b: 4.0}  # summed over visits
    assert s.unanswered(bank) == [i.id for i in bank.items[2:]]
    # Skipping an answered item removes its answer.
    assert s.skip(a).answers == {b: 2}


def test_language_and_position_never_touch_answers(bank: Bank) -> None:
    s = Session.new(bank, "zh", NOW).answer(bank.items[0].id, 3, 1.0, NOW)
    moved = s.with_lang("en").at(7)
    assert moved.answers == s.answers and moved.lang == "en" and moved.position == 7
    with pytest.raises(ValueError):
        Session.model_validate({**s.model_dump(), "surprise": 1})


def test_save_and_load_round_trip_with_private_modes(tmp_path: Path, bank: Bank) -> None:
    store = SessionStore(tmp_path / "deep" / "session.json")
    triad = first_choice(bank)
    s = Session.new(bank, "en", NOW).answer(bank.items[0].id, 2, 1.5, NOW).answer(triad.id, triad.options[2].id, 2.0)
    s = s.at(3)
    store.save(s)
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(store.path.parent).st_mode) == 0o700
    outcome = SessionStore(store.path).load(bank)
    assert outcome.notice is None
    assert outcome.session == s
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert data["schema_version"] == 2
    assert data["bank"]["id"] == bank.id and data["bank"]["version"] == bank.version
    assert set(data) == {
        "schema_version", "bank", "lang", "mode", "asked", "answers", "skipped", "position", "timings", "started",
        "updated"
    }


def test_missing_file_is_no_session(tmp_path: Path, bank: Bank) -> None:
    outcome = SessionStore(tmp_path / "session.json").load(bank)
    assert outcome.session is None and outcome.notice is None


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe binary",
        b"[1, 2, 3]",
        b'{"schema_version": 99, "answers": {}}',
        b'{"schema_version": 1, "lang": "en"}',
    ],
    ids=["bad-json", "not-utf8", "wrong-shape", "other-schema", "missing-fields"],
)
def test_unusable_file_is_kept_aside_not_overwritten(tmp_path: Path, bank: Bank, content: bytes) -> None:
    path = tmp_path / "session.json"
    path.write_bytes(content)
    store = SessionStore(path, now=lambda: NOW)
    outcome = store.load(bank)
    assert outcome.session is None
    assert outcome.notice is not None and outcome.notice.key == "session.kept_aside"
    aside = tmp_path / "session.json.corrupt-20260314T093000"
    assert aside.read_bytes() == content
    assert str(aside) == outcome.notice.values["path"]
    assert not path.exists()
    store.save(Session.new(bank, "en", NOW))  # a new save may now take the name
    assert path.exists() and aside.read_bytes() == content


def test_a_folder_in_place_of_the_file_is_moved_aside(tmp_path: Path, bank: Bank) -> None:
    path = tmp_path / "session.json"
    path.mkdir()
    outcome = SessionStore(path, now=lambda: NOW).load(bank)
    assert outcome.session is None and outcome.notice is not None
    assert (tmp_path / "session.json.corrupt-20260314T093000").is_dir()


def test_file_that_cannot_be_moved_aside_blocks_saving(
    tmp_path: Path, bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, now: object = None) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("quiz.storage.keep_aside", refuse)
    path = tmp_path / "session.json"
    path.write_text("{broken", encoding="utf-8")
    store = SessionStore(path)
    outcome = store.load(bank)
    assert outcome.notice is not None and outcome.notice.key == "session.unusable"
    assert outcome.notice.values["reason"] == "Permission denied"
    assert store.blocked == "Permission denied"
    with pytest.raises(PermissionError):
        store.save(Session.new(bank, "en", NOW))
    store.clear()
    assert path.read_text(encoding="utf-8") == "{broken"


def test_save_into_unwritable_place_raises_oserror(tmp_path: Path, bank: Bank) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    store = SessionStore(not_a_folder / "session.json")
    with pytest.raises(OSError):
        store.save(Session.new(bank, "en", NOW))


def _older(bank: Bank, session: Session, version: str, items: tuple[str, ...]) -> Session:
    return session.model_copy(update={"bank": BankStamp(id=bank.id, version=version, items=items)})


def test_other_bank_version_keeps_matching_answers_and_says_what_changed(bank: Bank) -> None:
    rating = [i for i in bank.items if isinstance(i, RatingItem)]
    triad = first_choice(bank)
    old_items = (*(i.id for i in bank.items[:-2]), "gone_one", "gone_two", "gone_three")
    s = Session.new(bank, "zh", NOW)
    s = s.answer(rating[0].id, 5, 1.0).answer(rating[1].id, 1, 1.0).answer(triad.id, triad.options[0].id, 1.0)
    s = s.model_copy(update={"answers": {**s.answers, "gone_one": 3}, "timings": {**s.timings, "gone_one": 2.0}})
    fitted, notice = reconcile(_older(bank, s, "0.9.0", old_items), bank)
    assert fitted.answers == {rating[0].id: 5, rating[1].id: 1, triad.id: triad.options[0].id}
    assert "gone_one" not in fitted.timings
    assert fitted.bank == BankStamp.of(bank)
    assert notice is not None and notice.key == "session.bank_changed"
    assert notice.values == {"old": "0.9.0", "new": bank.version, "added": 2, "removed": 3, "kept": 3, "dropped": 1}


def test_answers_that_no_longer_fit_are_dropped(bank: Bank) -> None:
    rating = next(i for i in bank.items if isinstance(i, RatingItem))
    triad = first_choice(bank)
    raw = Session.new(bank, "en", NOW).model_dump()
    raw["answers"] = {rating.id: 9, triad.id: "no_such_option"}
    raw["position"] = 10_000
    fitted, notice = reconcile(Session.model_validate(raw), bank)
    assert fitted.answers == {}
    assert fitted.position == len(bank.items) - 1
    assert notice is not None and notice.values["dropped"] == 2


def test_same_bank_needs_no_notice(bank: Bank) -> None:
    s = Session.new(bank, "en", NOW).answer(bank.items[0].id, 3, 1.0)
    fitted, notice = reconcile(s, bank)
    assert notice is None and fitted == s


def test_clear_removes_the_file(tmp_path: Path, bank: Bank) -> None:
    store = SessionStore(tmp_path / "session.json")
    store.save(Session.new(bank, "en", NOW))
    store.clear()
    assert not store.path.exists()
    store.clear()  # already gone: fine


def test_save_from_another_bank_moves_to_its_own_file(tmp_path: Path, bank: Bank) -> None:
    """One save per bank id: another bank's save found in ``session.json`` (where releases before that rule
    wrote every bank's) moves, byte for byte, to ``session.<bank id>.json``; it is never applied here."""
    path = tmp_path / "session.json"
    other = Session.new(bank, "en", NOW).answer(bank.items[0].id, 4, 1.0, NOW)
    other = other.model_copy(update={"bank": BankStamp(id="another_bank", version="3.0", items=("x1",))})
    raw = other.model_dump_json().encode()
    path.write_bytes(raw)
    store = SessionStore(path, now=lambda: NOW)
    outcome = store.load(bank)
    assert outcome.session is None
    assert outcome.notice is not None and outcome.notice.key == "session.moved_bank"
    assert outcome.notice.values["bank"] == "another_bank"
    moved = tmp_path / "session.another_bank.json"
    assert moved.read_bytes() == raw and not path.exists()
    store.save(Session.new(bank, "en", NOW))
    assert moved.read_bytes() == raw and path.exists()

def _version_1(session: Session) -> bytes:
    """``session`` as a release before one save per bank and the short form wrote it (schema version 1: the
    fields of version 2 but the form's, ``mode`` and ``asked``)."""
    data = json.loads(session.model_dump_json(indent=1))
    data["schema_version"] = 1
    del data["mode"], data["asked"]
    return json.dumps(data, indent=1).encode()


def test_a_version_1_save_resumes_and_is_written_back_as_version_2(tmp_path: Path, bank: Bank) -> None:
    path = tmp_path / "session.json"
    saved = Session.new(bank, "en", NOW).answer(bank.items[0].id, 4, 1.0, NOW).at(1)
    path.write_bytes(_version_1(saved))
    store = SessionStore(path, now=lambda: NOW)
    outcome = store.load(bank)
    assert outcome.notice is None and outcome.session == saved
    assert outcome.session.schema_version == 2
    store.save(outcome.session.answer(bank.items[1].id, 2, 1.0, NOW))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == 2 and len(data["answers"]) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["session.json"]  # nothing kept aside: it was usable


def test_a_version_1_save_of_another_bank_moves_to_its_own_file_and_resumes_there(
    tmp_path: Path, bank: Bank
) -> None:
    """The migration of the one shared file: the custom bank's progress moves to ``session.<id>.json``, the
    shipped bank then starts empty, and the custom bank resumes its own answers."""
    other_bank = bank.model_copy(update={"id": "team_bank"})
    saved = Session.new(other_bank, "en", NOW).answer(bank.items[0].id, 5, 1.0, NOW)
    raw = _version_1(saved)
    (tmp_path / "session.json").write_bytes(raw)
    main = SessionStore(tmp_path / "session.json", now=lambda: NOW).load(bank)
    assert main.session is None and main.notice is not None and main.notice.key == "session.moved_bank"
    assert (tmp_path / "session.team_bank.json").read_bytes() == raw
    resumed = SessionStore(tmp_path / "session.json", now=lambda: NOW).load(other_bank)
    assert resumed.notice is None and resumed.session is not None
    assert resumed.session.answers == {bank.items[0].id: 5} and resumed.session.schema_version == 2


def test_a_save_from_a_newer_release_is_kept_aside_not_guessed_at(tmp_path: Path, bank: Bank) -> None:
    path = tmp_path / "session.json"
    data = json.loads(Session.new(bank, "en", NOW).model_dump_json())
    data["schema_version"] = 3
    raw = json.dumps(data).encode()
    path.write_bytes(raw)
    outcome = SessionStore(path, now=lambda: NOW).load(bank)
    assert outcome.session is None and outcome.notice is not None and outcome.notice.key == "session.kept_aside"
    assert (tmp_path / "session.json.corrupt-20260314T093000").read_bytes() == raw
