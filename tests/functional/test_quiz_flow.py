"""Whole quizzes driven through Textual's Pilot at 80×24: keys, clicks, back, skip, language, resume."""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from textual.content import Content
from textual.widgets import Button, OptionList, Static

from questions.schema import Bank, ChoiceItem, RatingItem
from quiz.app import CareerFitApp
from quiz.dialogs.confirm import ConfirmDialog
from quiz.screens.question import QuestionScreen
from quiz.screens.results import ResultsScreen
from quiz.screens.review import ReviewScreen
from quiz.screens.welcome import WelcomeScreen
from quiz.session import Session
from quiz.store import SessionStore
from quiz.widgets.choices import ChoiceList
from quiz.widgets.keybar import KeyLabel
from tests.functional.helpers import FIXED_NOW, make_app, persona_keys, record_notices

SIZE = (80, 24)


def text_of(app: CareerFitApp, selector: str) -> str:
    """The plain text of a Static on the current screen."""
    content = app.screen.query_one(selector, Static).content
    if isinstance(content, (str, Content, Text)):
        return str(content) if not isinstance(content, Text) else content.plain
    console = Console(width=200, file=io.StringIO(), record=True, color_system=None)
    console.print(content)
    return console.export_text()


def lang_of(app: CareerFitApp) -> str:
    """The app's language, read anew (a key press changes it behind the type checker's back)."""
    return app.lang


def saved(data: Path) -> Session:
    return Session.model_validate_json((data / "session.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("role", ["project_manager", "implementation_manager", "operations"])
async def test_whole_quiz_by_keys_reaches_persona_role(data: Path, bank: Bank, role: str) -> None:
    app = make_app(data, "zh")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press(*persona_keys(bank, role))
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        document = app.screen.document
        assert document.result.top == role
        assert document.result.answered == len(bank.items)
        assert len(document.answers) == len(bank.items)
        # The fake clock moves 4 s per reading: shown, then answered.
        assert set(document.timings) == {i.id for i in bank.items}
        assert all(seconds == pytest.approx(4.0) for seconds in document.timings.values())
        # The in-progress session is cleared once the results are shown.
        assert not (data / "session.json").exists()
        headline = text_of(app, "#results-headline")
        assert bank.role(role).name.zh in headline


async def test_whole_quiz_by_clicks(data: Path, bank: Bank) -> None:
    app = make_app(data, "en")
    async with app.run_test(size=SIZE) as pilot:
        assert await pilot.click("#start")
        await pilot.pause()
        for key in persona_keys(bank, "operations"):
            assert isinstance(app.screen, QuestionScreen)
            before = app.session.position
            # Options are one line each: the n-th option is on row n-1 of the list.
            assert await pilot.click(ChoiceList, offset=(4, int(key) - 1))
            await pilot.pause()
            assert app.session.answers[bank.items[before].id] is not None
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.document.result.top == "operations"


async def test_arrow_keys_and_enter_answer_too(data: Path, bank: Bank) -> None:
    app = make_app(data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "down", "down", "down", "enter")
        assert app.session.answers == {bank.items[0].id: 4}
        assert app.session.position == 1


async def test_back_shows_answer_and_changing_it_keeps_later_answers(data: Path, bank: Bank) -> None:
    app = make_app(data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "4", "2", "5")
        first, second, third = (bank.items[n].id for n in range(3))
        assert app.session.position == 3
        await pilot.press("left", "backspace")
        assert app.session.position == 1
        choices = app.screen.query_one(ChoiceList)
        assert choices.highlighted == 1  # the "2" given earlier
        assert "●" in str(choices.get_option_at_index(1).prompt)
        assert "●" not in str(choices.get_option_at_index(0).prompt)
        await pilot.press("1")  # change the answer: moves on, the later answer stays
        assert app.session.answers == {first: 4, second: 1, third: 5}
        assert app.session.position == 2
        assert app.screen.query_one(ChoiceList).highlighted == 4
        await pilot.press("right")  # forward over an answered question
        assert app.session.position == 3
        await pilot.press("right")  # not past an unanswered one
        assert app.session.position == 3
        assert saved(data).answers == {first: 4, second: 1, third: 5}


async def test_back_from_first_question_stays(data: Path) -> None:
    app = make_app(data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "left")
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.position == 0


async def test_triad_takes_keys_one_to_three_only(data: Path, bank: Bank) -> None:
    index = next(n for n, item in enumerate(bank.items) if isinstance(item, ChoiceItem))
    triad = bank.items[index]
    assert isinstance(triad, ChoiceItem)
    app = make_app(data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", *["3"] * index)
        assert app.session.position == index
        await pilot.press("4", "5")
        assert triad.id not in app.session.answers
        assert app.session.position == index
        await pilot.press("2")
        assert app.session.answers[triad.id] == triad.options[1].id


async def test_skip_then_come_back_from_review(data: Path, bank: Bank) -> None:
    keys = persona_keys(bank, "project_manager")
    app = make_app(data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "s", *keys[1:4], "s", *keys[5:])
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        skipped = [bank.items[0].id, bank.items[4].id]
        assert app.session.skipped == tuple(skipped)
        listed = app.screen.query_one(OptionList)
        assert [listed.get_option_at_index(n).id for n in range(listed.option_count)] == skipped
        await pilot.press("down", "enter")  # the second skipped question
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.position == 4
        await pilot.press(keys[4])
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)  # one still missing
        await pilot.press("enter")
        assert app.session.position == 0
        await pilot.press(keys[0])
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.document.result.answered == len(bank.items)


async def test_results_with_questions_left_unanswered(data: Path, bank: Bank) -> None:
    keys = persona_keys(bank, "implementation_manager")
    app = make_app(data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "s", "s", *keys[2:])
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("left")  # back to the last question
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.position == len(bank.items) - 1
        await pilot.press("right")  # past the end: the review again
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        result = app.screen.document.result
        assert result.answered == len(bank.items) - 2
        assert result.top == "implementation_manager"


async def test_switch_language_mid_quiz_keeps_answers_and_position(data: Path, bank: Bank) -> None:
    app = make_app(data, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "5", "4", "3")
        answers = dict(app.session.answers)
        item = bank.items[3]
        assert text_of(app, "#question") == item.text.zh
        footer = " ".join(str(k.description) for k in app.screen.query(KeyLabel))
        assert "上一题" in footer
        await pilot.press("f2")
        await pilot.pause()
        assert app.lang == "en"
        assert app.session.answers == answers
        assert app.session.position == 3
        assert text_of(app, "#question") == item.text.en
        assert text_of(app, "#progress-label") == f"4 / {len(bank.items)} · 3 answered"
        footer = " ".join(str(k.description) for k in app.screen.query(KeyLabel))
        assert "Back" in footer and "上一题" not in footer
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert lang_of(app) == "zh"
        assert text_of(app, "#question") == item.text.zh
        await pilot.press("2")
        assert saved(data).lang == "zh"
        assert len(saved(data).answers) == 4


async def test_language_command_in_palette(data: Path) -> None:
    app = make_app(data, "en")
    async with app.run_test(size=SIZE) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Switch language: 中文" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"language")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.lang == "zh"
        assert "切换语言：English" in [c.title for c in app.get_system_commands(app.screen)]


async def test_quit_asks_once_and_resume_continues(data: Path, bank: Bank) -> None:
    keys = persona_keys(bank, "project_manager")
    app = make_app(data, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", *keys[:7])
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmDialog)
        assert "progress is saved" in text_of(app, "#confirm-message")
        await pilot.press("n")
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("ctrl+c")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("ctrl+c")  # a second quit key while asking does not stack dialogs
        assert len([s for s in app.screen_stack if isinstance(s, ConfirmDialog)]) == 1
        await pilot.press("n")
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.return_code == 0
    mode = stat.S_IMODE(os.stat(data / "session.json").st_mode)
    assert mode == 0o600

    again = make_app(data, "en")
    async with again.run_test(size=SIZE) as pilot:
        assert isinstance(again.screen, WelcomeScreen)
        resume = again.screen.query_one("#resume", Button)
        assert str(resume.label) == f"Resume (7 of {len(bank.items)} answered)"
        assert again.screen.focused is resume
        await pilot.press("enter")
        assert isinstance(again.screen, QuestionScreen)
        assert again.session.position == 7
        assert len(again.session.answers) == 7
        await pilot.press(*keys[7:])
        await pilot.pause()
        assert isinstance(again.screen, ResultsScreen)
        assert again.screen.document.result.top == "project_manager"


async def test_start_over_asks_first(data: Path, bank: Bank) -> None:
    store = SessionStore(data / "session.json")
    store.save(Session.new(bank, "en", FIXED_NOW).answer(bank.items[0].id, 5, 3.0, FIXED_NOW).at(1))
    app = make_app(data, "en")
    async with app.run_test(size=SIZE) as pilot:
        assert await pilot.click("#start-over")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.click("#start-over")
        await pilot.pause()
        await pilot.press("y")
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.answers == {}
        assert app.session.position == 0
        # The old session is replaced only by the first new answer.
        assert saved(data).answers == {bank.items[0].id: 5}
        await pilot.press("3")
        assert saved(data).answers == {bank.items[0].id: 3}


async def test_fresh_ignores_saved_session_until_first_answer(data: Path, bank: Bank) -> None:
    store = SessionStore(data / "session.json")
    store.save(Session.new(bank, "en", FIXED_NOW).answer(bank.items[0].id, 5, 3.0, FIXED_NOW))
    app = make_app(data, "en", fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        assert not app.screen.query("#resume")
        await pilot.press("enter")
        await pilot.press("f2", "left")  # language and moves alone do not write
        assert saved(data).answers == {bank.items[0].id: 5}
        await pilot.press("1")
        assert saved(data).answers == {bank.items[0].id: 1}


async def test_damaged_session_is_kept_aside_and_reported(data: Path) -> None:
    (data / "session.json").write_text("{not json", encoding="utf-8")
    app = make_app(data, "en")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        notice = text_of(app, "#welcome-notice")
        assert "damaged" in notice and "session.json.corrupt-" in notice
        assert not app.screen.query("#resume")
        await pilot.press("enter", "5")
    aside = list(data.glob("session.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "{not json"
    assert saved(data).answers != {}


async def test_unwritable_data_folder_goes_on_in_memory(tmp_path: Path, bank: Bank) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    app = make_app(tmp_path, "en")
    app.store = SessionStore(blocked / "session.json")
    warnings = record_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "5", "4", "3")
        assert len(app.session.answers) == 3
        assert len(warnings) == 1 and "cannot be saved" in warnings[0]
        await pilot.press("q")
        assert "could not be saved" in text_of(app, "#confirm-message")


async def test_help_lists_keys_and_data_folder(data: Path) -> None:
    app = make_app(data, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "question_mark")
        keys = text_of(app, "#help-keys")
        for expected in ("1–5", "Backspace", "Skip", "Export", "F2"):
            assert expected in keys
        assert str(data / "session.json") in text_of(app, "#help-data")
        await pilot.press("f2")
        assert "数据保存位置" in text_of(app, "#help-data")
        await pilot.press("escape")
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("f1")
        assert not isinstance(app.screen, QuestionScreen)


async def test_retake_from_results_confirms_and_starts_again(data: Path, bank: Bank) -> None:
    app = make_app(data, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", *persona_keys(bank, "operations"))
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("r")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.answers == {} and app.session.position == 0
        await pilot.press("q")  # nothing answered yet: quits without asking
        await pilot.pause()
    assert app.return_code == 0


async def test_results_survive_language_switch(data: Path, bank: Bank) -> None:
    app = make_app(data, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", *persona_keys(bank, "implementation_manager"))
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        document = app.screen.document
        assert "Implementation manager" in text_of(app, "#results-headline")
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.document is document
        assert "实施经理" in text_of(app, "#results-headline")


async def test_default_store_lives_in_xdg_data_home(data_home: Path, bank: Bank) -> None:
    app = CareerFitApp(bank, "en", clock=lambda: 0.0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "5")
    path = data_home / "career-fit" / "session.json"
    assert json.loads(path.read_text(encoding="utf-8"))["answers"] == {bank.items[0].id: 5}
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700


def test_rating_items_come_first_in_fixture_assumptions(bank: Bank) -> None:
    # The tests above assume the shipped bank opens with a rating item and has triads later on.
    assert isinstance(bank.items[0], RatingItem)
    assert any(isinstance(i, ChoiceItem) for i in bank.items[1:])
