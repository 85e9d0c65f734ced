"""The adaptive short form through Textual's Pilot at 80×24: a whole short quiz, back and skip in the middle of
its sequence, resume, language switch, answering the rest, and ``score --adaptive`` agreeing with the app."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Button, OptionList

from questions.schema import Bank, ChoiceItem
from quiz.app import CareerFitApp
from quiz.cli import main
from quiz.screens.question import QuestionScreen
from quiz.screens.results import ResultsScreen
from quiz.screens.review import ReviewScreen
from quiz.screens.welcome import WelcomeScreen
from quiz.session import Session
from scoring.adaptive import expected_items, next_step, replay
from tests.functional.helpers import make_app
from tests.functional.test_quiz_flow import text_of
from tests.simulation.simulator import Setting, people

SIZE = (80, 24)


def saved(data: Path) -> Session:
    return Session.model_validate_json((data / "session.json").read_text(encoding="utf-8"))


def persona(bank: Bank, role: str, liked: int = 5, other: int = 2) -> dict[str, int | str]:
    """Full answers that rate ``role``'s work ``liked``, the rest ``other``, and pick ``role`` in every triad."""
    out: dict[str, int | str] = {}
    for item in bank.items:
        if isinstance(item, ChoiceItem):
            out[item.id] = next(o.id for o in item.options if o.role == role)
        else:
            out[item.id] = liked if item.role == role else other
    return out


def key(bank: Bank, item_id: str, value: int | str) -> str:
    """The number key that gives ``value`` to ``item_id``."""
    item = bank.item(item_id)
    return str(1 + [o.id for o in item.options].index(str(value))) if isinstance(item, ChoiceItem) else str(value)


def shown(app: CareerFitApp) -> str:
    """The id of the question on screen."""
    assert isinstance(app.screen, QuestionScreen)
    return app.screen.view.item.id


async def answer_from(pilot: Any, app: CareerFitApp, bank: Bank, answers: dict[str, int | str],
                      limit: int | None = None) -> list[str]:
    """Answer each question shown from ``answers`` (a missing one is skipped) until the questions end or
    ``limit`` were answered or skipped; the ids in the order shown."""
    order: list[str] = []
    while isinstance(app.screen, QuestionScreen) and (limit is None or len(order) < limit):
        item_id = shown(app)
        order.append(item_id)
        await pilot.press(key(bank, item_id, answers[item_id]) if item_id in answers else "s")
        await pilot.pause()
    return order


async def take_short_form(pilot: Any, app: CareerFitApp, bank: Bank, answers: dict[str, int | str]) -> list[str]:
    """From the welcome screen: the short form answered from ``answers``, to the results."""
    assert isinstance(app.screen, WelcomeScreen)
    await pilot.press("s")
    await pilot.pause()
    order = await answer_from(pilot, app, bank, answers)
    if isinstance(app.screen, ReviewScreen):  # skipped questions are offered first; take the results as they are
        await pilot.press("r")
        await pilot.pause()
    assert isinstance(app.screen, ResultsScreen)
    return order


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_a_whole_short_quiz(data: Path, bank: Bank, lang: str) -> None:
    answers = persona(bank, "project_manager")
    app = make_app(data, lang)
    async with app.run_test(size=SIZE) as pilot:
        order = await take_short_form(pilot, app, bank, answers)
        run = replay(bank, answers)
        assert tuple(order) == run.asked, "the app asks what the selector picks, in its order"
        document = app.screen.document  # type: ignore[attr-defined]
        result = document.result
        assert result.form.mode == "adaptive" and result.form.asked == len(run.asked) < len(bank.items)
        assert result.top == "project_manager" and result.profile.shape != "insufficient"
        assert document.answers == run.answers
        assert not (data / "session.json").exists(), "the finished short form leaves no session behind"
        more = text_of(app, "#results-more")
        assert ("回答其余" in more) if lang == "zh" else ("answer the other" in more)


async def test_the_question_screen_counts_the_short_form_s_own_questions(data: Path, bank: Bank) -> None:
    app = make_app(data, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await answer_from(pilot, app, bank, persona(bank, "operations"), limit=4)
        label = text_of(app, "#progress-label")
        assert f"question 5 (usually about {expected_items(bank)}, at most {len(bank.items)})" in label
        assert "4 answered" in label


async def test_the_rest_after_a_short_form_keeps_every_answer(data: Path, bank: Bank) -> None:
    answers = persona(bank, "implementation_manager")
    app = make_app(data, "en")
    async with app.run_test(size=SIZE) as pilot:
        order = await take_short_form(pilot, app, bank, answers)
        short = dict(app.screen.document.answers)  # type: ignore[attr-defined]
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        session = saved(data)  # saved at once: a crash here resumes the full form with every answer
        assert session.mode == "full" and session.answers == short and session.asked == tuple(order)
        first = shown(app)
        assert first not in short and first == next(i.id for i in bank.items if i.id not in short)
        assert f"{len(order) + 1} / {len(bank.items)}" in text_of(app, "#progress-label")
        await pilot.press("left")  # back: the last question of the short form, answer shown
        assert shown(app) == order[-1]
        await pilot.press("right")
        assert shown(app) == first
        await answer_from(pilot, app, bank, answers)
        assert isinstance(app.screen, ResultsScreen)
        result = app.screen.document.result
        assert result.form.mode == "full" and result.form.asked == result.answered == len(bank.items)
        assert app.screen.document.answers == answers
        assert {k: app.screen.document.answers[k] for k in short} == short
        assert not app.screen.query_one("#results-more").display, "a full result offers nothing more"


async def test_back_and_skip_in_the_middle_of_the_short_form(data: Path, bank: Bank) -> None:
    answers = next(p.answers for p in people(bank, Setting(people=1, seed=41)))
    app = make_app(data, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        first = await answer_from(pilot, app, bank, answers, limit=12)  # past the balanced start
        skipped = shown(app)
        await pilot.press("s")
        await pilot.pause()
        after_skip = shown(app)
        assert after_skip not in (*first, skipped) and app.session.skipped == (skipped,)
        assert app.session.asked == (*first, skipped)
        await pilot.press("left")  # back to the skipped one, then one more
        assert shown(app) == skipped
        await pilot.press("left")
        assert shown(app) == first[-1]
        changed = 1 if answers[first[-1]] != 1 else 2
        if isinstance(bank.item(first[-1]), ChoiceItem):
            changed = 3 if key(bank, first[-1], answers[first[-1]]) != "3" else 1
        await pilot.press(str(changed))  # change it: the later questions stay in their place
        await pilot.pause()
        assert shown(app) == skipped
        await pilot.press("right")  # over the skipped one: what the selector picks now
        step = next_step(bank, app.session.answers, app.session.skipped)
        assert shown(app) == step.item and app.session.asked == (*first, skipped)
        await pilot.press("left", "left")
        assert shown(app) == first[-1]
        assert saved(data).answers == app.session.answers and saved(data).asked == app.session.asked
        await pilot.press("right", "right")
        await answer_from(pilot, app, bank, {k: v for k, v in answers.items() if k != skipped})
        assert isinstance(app.screen, ReviewScreen)
        listed = app.screen.query_one(OptionList)
        assert [listed.get_option_at_index(n).id for n in range(listed.option_count)] == [skipped]
        number = 1 + app.session.asked.index(skipped)
        assert str(listed.get_option_at_index(0).prompt).lstrip().startswith(f"{number}.")
        await pilot.press("enter", key(bank, skipped, answers[skipped]))
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        result = app.screen.document.result
        assert result.form.mode == "adaptive" and result.form.asked == len(app.session.asked)
        assert result.answered == result.form.asked


async def test_resume_the_short_form_where_it_was_left(data: Path, bank: Bank) -> None:
    answers = persona(bank, "operations", liked=4, other=3)
    app = make_app(data, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        order = await answer_from(pilot, app, bank, answers, limit=7)
        pending = shown(app)
    again = make_app(data, "zh")
    async with again.run_test(size=SIZE) as pilot:
        assert "简短版" in str(again.screen.query_one("#resume", Button).label)
        await pilot.press("enter")
        assert shown(again) == pending and again.session.mode == "adaptive"
        await pilot.press("left")
        assert shown(again) == order[-1]
        await pilot.press("right")
        rest = await answer_from(pilot, again, bank, answers)
        assert tuple(order + rest) == replay(bank, answers).asked


async def test_switching_language_keeps_the_short_form_s_place(data: Path, bank: Bank) -> None:
    app = make_app(data, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await answer_from(pilot, app, bank, persona(bank, "project_manager"), limit=5)
        before = (shown(app), dict(app.session.answers), app.session.asked)
        assert "简短版" in text_of(app, "#progress-label")
        await pilot.press("f2")
        await pilot.pause()
        assert (shown(app), dict(app.session.answers), app.session.asked) == before
        assert "Short form" in text_of(app, "#progress-label")
        assert saved(data).lang == "en" and saved(data).mode == "adaptive"


async def test_short_flag_makes_the_short_form_the_default(data: Path, bank: Bank) -> None:
    app = make_app(data, "en", short=True)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.focused is app.screen.query_one("#short", Button)
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionScreen) and app.session.mode == "adaptive"
        assert shown(app) == next_step(bank, {}).item


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("resume", [False, True])
async def test_the_welcome_fits_80_by_24_without_scrolling(data: Path, bank: Bank, lang: str, resume: bool) -> None:
    if resume:
        app = make_app(data, lang)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s", "3", "3")
    app = make_app(data, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        body = app.screen.query_one("#welcome-body", VerticalScroll)
        assert body.max_scroll_y == 0, f"{lang}: the welcome scrolls by {body.max_scroll_y} rows"
        buttons = list(app.screen.query(Button))
        assert len(buttons) == (3 if resume else 2)
        assert all(b.region.right <= SIZE[0] and b.region.bottom < SIZE[1] for b in buttons)
        # Purpose, then the roles, then how to answer.
        order = [app.screen.query_one(f"#{name}").region.y for name in ("welcome-intro", "welcome-roles",
                                                                         "welcome-howto", "welcome-facts")]
        assert order == sorted(order)


def _score_adaptive(path: Path) -> dict[str, Any]:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["score", str(path), "--adaptive", "--format", "json"]) == 0
    document: dict[str, Any] = json.loads(out.getvalue())
    return document


async def test_score_adaptive_says_what_the_app_says(data: Path, bank: Bank, tmp_path: Path) -> None:
    """The same full answers, taken as the short form in the app and replayed by ``score --adaptive``."""
    crowd = [p.answers for p in people(bank, Setting(people=3, seed=77))]
    blanks = {k: v for n, (k, v) in enumerate(crowd[2].items()) if n % 7}  # some left blank: skipped in both
    for n, answers in enumerate([crowd[0], crowd[1], blanks, persona(bank, "operations")]):
        folder = tmp_path / f"app{n}"
        folder.mkdir()
        app = make_app(folder, "en")
        async with app.run_test(size=SIZE) as pilot:
            await take_short_form(pilot, app, bank, answers)
            in_app = app.screen.document  # type: ignore[attr-defined]
        file = tmp_path / f"answers{n}.json"
        file.write_text(json.dumps({"lang": "en", "answers": answers}), encoding="utf-8")
        scored = _score_adaptive(file)
        assert scored["result"]["form"] == {"mode": "adaptive", "asked": in_app.result.form.asked}
        assert scored["result"]["ranking"][0] == in_app.result.top
        assert scored["result"]["probabilities"] == in_app.result.probabilities
        assert scored["answers"] == in_app.answers
