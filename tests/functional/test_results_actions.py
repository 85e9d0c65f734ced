"""The results screen's keys: export, compare with the previous result, and history saving."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from questions.schema import Bank
from quiz.dialogs.text import TextDialog
from quiz.screens.results import ResultsScreen
from tests.functional.helpers import FIXED_NOW, make_app, persona_keys, record_notices

SIZE = (80, 24)


class Ticking:
    """Wall-clock time that moves one minute per reading, so results are created in order."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self):  # type: ignore[no-untyped-def]
        self.n += 1
        return FIXED_NOW + timedelta(minutes=self.n)


async def test_results_are_saved_to_history_and_compared(data: Path, data_home: Path, bank: Bank) -> None:
    from quiz.history import list_results

    app = make_app(data, "en", now=Ticking())
    notices = record_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", *persona_keys(bank, "operations"))
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert len(list_results()) == 1
        await pilot.press("c")  # nothing earlier yet
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert any("no earlier result" in notice for notice in notices)

        await pilot.press("r", "y", *persona_keys(bank, "project_manager"))
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.document.result.top == "project_manager"
        assert len(list_results()) == 2
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        body = str(app.screen.query_one("#text-body", Static).content)
        assert "Operations manager" in body and "Project manager" in body
        await pilot.press("f2")
        await pilot.pause()
        body = str(app.screen.query_one("#text-body", Static).content)
        assert "运营管理经理" in body
        await pilot.press("escape")
        assert isinstance(app.screen, ResultsScreen)
    assert (data_home / "career-fit" / "history").is_dir()


async def test_export_key_opens_the_export_dialog(data: Path, bank: Bank) -> None:
    from quiz.dialogs.export import ExportDialog

    app = make_app(data, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", *persona_keys(bank, "implementation_manager"))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)


async def test_export_writes_the_file_and_says_where(
    data: Path, bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    app = make_app(data, "en")
    notices = record_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", *persona_keys(bank, "project_manager"))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, ResultsScreen)
        written = list(out.iterdir())
        assert len(written) == 1 and written[0].suffix == ".md"
        assert "Project manager" in written[0].read_text(encoding="utf-8")
        assert any(f"Exported to {written[0].name}" in notice or str(written[0]) in notice for notice in notices)
