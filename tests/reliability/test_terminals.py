"""Odd terminals: a whole quiz by keys at 40×12, 80×24, 120×40 and 300×100; at 40×12 every part of the
questions and the results is reachable by scrolling; resizing mid-question keeps the answers."""

from __future__ import annotations

from typing import Any

import pytest

from questions.loader import load_bank
from questions.schema import ChoiceItem, Lang
from tests.reliability.pilot import answer_all, expected_value, key_for, squash, visible, wait_visible

BANK = load_bank()
N = len(BANK.items)
SIZES = [(40, 12), (80, 24), (120, 40), (300, 100)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_complete_quiz_by_keys(size: tuple[int, int], figure: Any) -> None:
    from quiz.app import CareerFitApp

    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        for n in range(N):
            screen = await wait_visible(pilot, f"{n + 1} / {N}")
            assert f"{n + 1} / {N}" in screen, f"{size}: progress of question {n + 1} not visible"
            await pilot.press(key_for(BANK, n))
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen"
        assert app.result is not None
        assert app.result.answers == {item.id: expected_value(BANK, n) for n, item in enumerate(BANK.items)}
        disclaimer = app.result.result.explanations.disclaimer.en
        await pilot.press("end")
        screen = await wait_visible(pilot, disclaimer.split()[-1])
        assert squash(disclaimer) in squash(screen), f"{size}: the disclaimer cannot be scrolled into view"
    if size == SIZES[-1]:
        figure("terminal.sizes", ", ".join(f"{w}x{h}" for w, h in SIZES) + " (plus resizes 80x24 -> 40x12 -> 300x100)")


async def test_results_every_section_reachable_at_40x12() -> None:
    from textual.containers import VerticalScroll
    from textual.widgets import Static

    from quiz.app import CareerFitApp

    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await answer_all(pilot, BANK)
        await pilot.pause()
        body = app.screen.query_one("#results-body", VerticalScroll)
        assert body.max_scroll_y > 0, "at 40x12 the results should need scrolling"
        sections = [s for s in body.query(".results-section").results(Static) if s.display]  # shown ones
        assert sections
        for section in sections:
            body.scroll_to_widget(section, animate=False, top=True)
            await pilot.pause()
            region = section.region
            assert region.height > 0 and region.y < 12, f"{section.id} cannot be brought into view"
        # And by keys alone: Home then End move the view from the top to the disclaimer.
        await pilot.press("home")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        assert app.screen.query_one("#results-disclaimer", Static).region.height > 0


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_question_choices_reachable_at_40x12(lang: Lang) -> None:
    """Every choice of a rating item and of a triad can be brought into view with the arrow keys."""
    from quiz.app import CareerFitApp
    from quiz.i18n import t

    triad = next(n for n, item in enumerate(BANK.items) if isinstance(item, ChoiceItem))
    item = BANK.items[triad]
    assert isinstance(item, ChoiceItem) and triad > 0
    labels = {
        0: [t(f"question.rating.{k}", lang) for k in range(1, 6)],
        triad: [o.text.get(lang) for o in item.options],
    }
    app = CareerFitApp(BANK, lang)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        for n in range(triad + 1):
            progress = f"{n + 1} / {N}"
            assert progress in await wait_visible(pilot, progress), f"question {n + 1} not shown"
            for k, label in enumerate(labels.get(n, [])):
                if k:
                    await pilot.press("down")
                    await pilot.pause()
                where = f"{lang}: question {n + 1} choice {k + 1} unreachable"
                assert squash(label)[:10] in squash(visible(app)), where
            if n < triad:
                await pilot.press(key_for(BANK, n))


async def test_resize_mid_question_keeps_answers() -> None:
    from quiz.app import CareerFitApp

    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        for n in range(3):
            await pilot.press(key_for(BANK, n))
        await wait_visible(pilot, f"4 / {N}")
        await pilot.press("left")  # back to question 3, which shows its answer
        await wait_visible(pilot, f"3 / {N}")
        for width, height in [(40, 12), (300, 100), (41, 13), (80, 24)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            assert app.size == (width, height)
            assert type(app.screen).__name__ == "QuestionScreen"
            assert app.session.position == 2
            assert app.session.answers == {BANK.items[n].id: expected_value(BANK, n) for n in range(3)}
        screen = visible(app)
        assert "●" in screen, "the given answer is no longer marked after resizing"
        await pilot.press("right")
        await pilot.resize_terminal(40, 12)
        await pilot.press(key_for(BANK, 3))
        await pilot.pause()
        assert app.session.answers[BANK.items[3].id] == expected_value(BANK, 3)
        assert len(app.session.answers) == 4


async def test_export_dialog_usable_at_40x12() -> None:
    """Tab through the export dialog at 40x12: whatever has focus is on screen."""
    from quiz.app import CareerFitApp

    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await answer_all(pilot, BANK)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert type(app.screen).__name__ == "ExportDialog"
        seen = set()
        for _ in range(6):
            focused = app.focused
            assert focused is not None
            seen.add(focused.id)
            region = focused.region
            assert region.height > 0 and region.bottom <= 12, f"{focused.id} has focus but is off screen ({region})"
            await pilot.press("tab")
            await pilot.pause()
        assert {"export-path", "export-save"} <= seen


async def test_quit_question_usable_at_40x12() -> None:
    """The yes/no question fits (or scrolls) at 40x12, in both languages."""
    from quiz.app import CareerFitApp

    for lang in ("en", "zh"):
        app = CareerFitApp(BANK, lang)
        async with app.run_test(size=(40, 12)) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.press(key_for(BANK, 0))
            await pilot.pause()
            await pilot.press("q")
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfirmDialog"
            for button in ("#yes", "#no"):
                region = app.screen.query_one(button).region
                assert region.height > 0 and region.bottom <= 12, f"{lang}: {button} off screen ({region})"
            await pilot.press("n")
            await pilot.pause()
            assert type(app.screen).__name__ == "QuestionScreen"


async def test_smallest_valid_bank_at_40x12() -> None:
    """The loader tests' 7-item bank (the smallest shape the schema allows in practice) runs end to end."""
    from quiz.app import CareerFitApp
    from tests.reliability.helpers import TINY_BANK

    bank = load_bank(TINY_BANK)
    app = CareerFitApp(bank, "zh")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await answer_all(pilot, bank)
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen"
        assert app.result is not None and len(app.result.answers) == len(bank.items)
