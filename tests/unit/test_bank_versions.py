"""Bank 1.0 → 2.0 from the person's side: a saved session resumes with exactly the kept answers, a 1.0
result or answers file is scored on the 1.0 items (with a note) or refused in one line, and the template
and question list never show the scoring key unless asked."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from questions.archive import archived_bank
from questions.loader import load_bank
from questions.schema import Bank, ChoiceItem, Lang
from quiz.cli import main
from quiz.session import Session, reconcile
from quiz.store import SessionStore

NOW = datetime(2026, 3, 14, 9, 30, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


@pytest.fixture(scope="module")
def old() -> Bank:
    found = archived_bank("career_fit", "1.0.0")
    assert found is not None
    return found


def _answered_on_1_0(old: Bank) -> Session:
    """A 1.0 session with every item answered: ratings 1–5 in turn, triads the second option."""
    s = Session.new(old, "zh", NOW)
    for n, item in enumerate(old.items):
        value = item.options[1].id if isinstance(item, ChoiceItem) else n % 5 + 1
        s = s.answer(item.id, value, 2.5, NOW)
    return s


# --- saved progress ------------------------------------------------------------------------------------


def test_a_1_0_session_keeps_exactly_the_kept_answers(bank: Bank, old: Bank) -> None:
    saved = _answered_on_1_0(old)
    fitted, notice = reconcile(saved, bank)
    (migration,) = bank.migrations
    expected = {}
    for old_id, new_id in migration.items.items():
        value = saved.answers[old_id]
        expected[new_id] = migration.options[old_id][value] if isinstance(value, str) else value
    assert fitted.answers == expected and len(expected) == 20
    for new_id, value in fitted.answers.items():  # a kept triad answer still picks the same role
        item = bank.item(new_id)
        if isinstance(item, ChoiceItem):
            old_item = old.item(next(o for o, n in migration.items.items() if n == new_id))
            assert isinstance(old_item, ChoiceItem) and isinstance(value, str)
            was = old_item.option(str(saved.answers[old_item.id]))
            now = item.option(value)
            assert was is not None and now is not None and was.role == now.role
    assert set(fitted.timings) == set(expected)
    assert fitted.position == next(n for n, i in enumerate(bank.items) if i.id not in expected)
    assert notice is not None and notice.key == "session.bank_changed"
    assert notice.values == {"old": "1.0.0", "new": "2.0.0", "added": 31, "removed": 25, "kept": 20, "dropped": 25}


def test_loading_a_1_0_save_keeps_a_copy_of_it(tmp_path: Path, bank: Bank, old: Bank) -> None:
    path = tmp_path / "session.json"
    raw = _answered_on_1_0(old).model_dump_json(indent=1)
    path.write_text(raw, encoding="utf-8")
    store = SessionStore(path, now=lambda: NOW)
    outcome = store.load(bank)
    assert outcome.session is not None and len(outcome.session.answers) == 20
    assert path.read_text(encoding="utf-8") == raw  # untouched until the person answers
    copy = tmp_path / "session.json.bank-1.0.0-20260314T093000"
    assert copy.read_text(encoding="utf-8") == raw
    assert outcome.notice is not None and outcome.notice.values["copy"] == str(copy)
    store.save(outcome.session)
    assert copy.read_text(encoding="utf-8") == raw and store.load(bank).notice is None


def test_a_save_that_cannot_be_copied_is_never_overwritten(tmp_path: Path, bank: Bank, old: Bank,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import quiz.storage

    path = tmp_path / "session.json"
    raw = _answered_on_1_0(old).model_dump_json()
    path.write_text(raw, encoding="utf-8")

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(quiz.storage, "atomic_write", full)
    store = SessionStore(path, now=lambda: NOW)
    outcome = store.load(bank)
    assert outcome.session is not None and store.blocked == "No space left on device"
    with pytest.raises(OSError):
        store.save(outcome.session)
    assert path.read_text(encoding="utf-8") == raw


# --- results and answers files made on 1.0 -------------------------------------------------------------


def _old_result(tmp_path: Path, old: Bank) -> Path:
    answers = {i.id: (i.options[0].id if isinstance(i, ChoiceItem) else 4) for i in old.items}
    src = tmp_path / "old.json"
    src.write_text(json.dumps({"lang": "en", "answers": answers}), encoding="utf-8")
    archive = Path(__file__).resolve().parents[2] / "questions" / "bank" / "archive" / "career_fit-1.0.0.yaml"
    out = tmp_path / "result-1.0.json"
    assert main(["score", str(src), "--bank", str(archive), "--format", "json", "-o", str(out)]) == 0
    return out


def test_a_1_0_result_is_rescored_on_the_1_0_items(tmp_path: Path, old: Bank,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    made = _old_result(tmp_path, old)
    capsys.readouterr()
    first = json.loads(made.read_text(encoding="utf-8"))
    assert first["bank"] == {"id": "career_fit", "version": "1.0.0"}
    assert main(["score", str(made), "--format", "json"]) == 0
    captured = capsys.readouterr()
    again = json.loads(captured.out)
    assert again["bank"] == first["bank"] and again["result"] == first["result"]
    assert captured.err.count("\n") == 1 and "1.0.0" in captured.err and "2.0.0" in captured.err


def test_a_result_from_an_unknown_version_is_refused_in_one_line(tmp_path: Path, old: Bank,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(_old_result(tmp_path, old).read_text(encoding="utf-8"))
    data["bank"]["version"] = "0.9.0"
    path = tmp_path / "r09.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["score", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "'0.9.0'" in err and "2.0.0" in err


def test_a_result_is_never_rescored_on_a_different_bank_given_with_bank(
    tmp_path: Path, old: Bank, capsys: pytest.CaptureFixture[str]
) -> None:
    made = _old_result(tmp_path, old)
    capsys.readouterr()
    assert main(["score", str(made), "--bank", str(Path(__file__).with_name("tiny_bank.yaml"))]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'1.0.0'" in err


def test_a_1_0_answers_file_is_scored_on_1_0_with_a_note(tmp_path: Path, old: Bank,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "filled-on-1.0.yaml"
    path.write_text("lang: zh\nanswers:\n  r01: 5\n  r02: 2\n  c01: c01_im\n", encoding="utf-8")
    assert main(["score", str(path), "--format", "json", "--lang", "zh"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["bank"]["version"] == "1.0.0"
    assert captured.err.count("\n") == 1 and "1.0.0" in captured.err and str(path) in captured.err
    assert "是在题库 1.0.0 版上作答的" in captured.err


# --- no visible key ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_template_hides_the_key_unless_asked(lang: Lang, bank: Bank, capsys: pytest.CaptureFixture[str]) -> None:
    names = [r.name.get(lang) for r in bank.roles]
    assert main(["template", "--lang", lang]) == 0
    hidden = capsys.readouterr().out
    assert not any(f"({name})" in hidden for name in names)
    assert "2.0.0" in hidden and "t01_a:" in hidden
    assert main(["template", "--lang", lang, "--show-key"]) == 0
    shown = capsys.readouterr().out
    assert all(f"({name})" in shown for name in names)
