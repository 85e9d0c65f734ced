"""The export dialog driven with Textual's pilot: default name, format choice, overwrite question, errors."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.reactive import reactive
from textual.widgets import Input, Static

from questions.schema import Lang
from quiz.dialogs.confirm import ConfirmDialog
from quiz.dialogs.export import ExportDialog
from tests.golden.sample import sample_bank, sample_document

NOW = datetime(2026, 11, 23, 14, 30)


class Host(App[None]):
    """A bare app that opens the dialog and records what it dismissed with."""

    lang: reactive[Lang] = reactive[Lang]("zh")

    def __init__(self, folder: Path, lang: Lang = "zh") -> None:
        super().__init__()
        self.folder = folder
        self.set_reactive(Host.lang, lang)
        self.results: list[Path | None] = []

    def compose(self) -> ComposeResult:
        yield Static("results")

    def on_mount(self) -> None:
        dialog = ExportDialog(sample_document(), sample_bank(), self.lang, folder=self.folder, now=NOW)
        self.push_screen(dialog, self.results.append)


def _dialog(app: Host) -> ExportDialog:
    screen = app.screen
    assert isinstance(screen, ExportDialog)
    return screen


def _error(dialog: ExportDialog) -> str:
    widget = dialog.query_one("#export-error", Static)
    return str(widget.render()) if widget.has_class("shown") else ""


async def test_enter_writes_markdown_with_the_default_name(tmp_path: Path) -> None:
    app = Host(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        dialog = _dialog(app)
        assert dialog.query_one("#export-path", Input).value == str(tmp_path / "career-fit-2026-11-23-1430.md")
        await pilot.press("enter")
        await pilot.pause()
    written = tmp_path / "career-fit-2026-11-23-1430.md"
    assert app.results == [written]
    assert written.read_text(encoding="utf-8").startswith("# 职业兴趣探索结果")


async def test_opens_on_the_format_list_where_arrows_and_digits_choose_and_enter_saves(tmp_path: Path) -> None:
    app = Host(tmp_path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = _dialog(app)
        assert app.focused is dialog.query_one("#export-format")
        await pilot.press("down", "down")  # Markdown → JSON → HTML, chosen as the highlight moves
        await pilot.pause()
        assert dialog.fmt == "html"
        assert dialog.query_one("#export-path", Input).value.endswith(".html")
        await pilot.press("4")
        await pilot.pause()
        assert dialog.fmt == "text"
        await pilot.press("up")
        await pilot.pause()
        assert dialog.fmt == "html"
        await pilot.press("enter")  # from the list: saves (does not merely toggle the button)
        await pilot.pause()
    written = tmp_path / "career-fit-2026-11-23-1430.html"
    assert app.results == [written]
    assert '<html lang="en">' in written.read_text(encoding="utf-8")


async def test_digits_typed_in_the_path_stay_in_the_path(tmp_path: Path) -> None:
    app = Host(tmp_path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = _dialog(app)
        box = dialog.query_one("#export-path", Input)
        box.value = ""
        box.focus()
        await pilot.press("r", "2", "0", "2", "6", ".", "m", "d")
        await pilot.pause()
        assert box.value == "r2026.md" and dialog.fmt == "md"


async def test_choosing_html_changes_the_extension_and_the_output(tmp_path: Path) -> None:
    app = Host(tmp_path, "en")
    async with app.run_test(size=(80, 24)) as pilot:  # the smallest supported terminal: everything reachable
        await pilot.click("#export-fmt-html")
        await pilot.pause()
        dialog = _dialog(app)
        assert dialog.query_one("#export-path", Input).value.endswith("career-fit-2026-11-23-1430.html")
        await pilot.click("#export-save")
        await pilot.pause()
    written = tmp_path / "career-fit-2026-11-23-1430.html"
    assert app.results == [written]
    assert '<html lang="en">' in written.read_text(encoding="utf-8")


async def test_existing_file_is_overwritten_only_after_yes(tmp_path: Path) -> None:
    target = tmp_path / "mine.txt"
    target.write_text("keep me", encoding="utf-8")
    app = Host(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.click("#export-fmt-text")
        box = _dialog(app).query_one("#export-path", Input)
        box.value = "mine.txt"  # relative: in the dialog's folder
        box.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)  # still open, nothing written
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.click("#export-save")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
    assert app.results == [target]
    assert target.read_text(encoding="utf-8").startswith("职业兴趣探索结果\n")


async def test_unwritable_path_shows_the_error_and_stays_open(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    app = Host(tmp_path, "en")
    async with app.run_test(size=(100, 40)) as pilot:
        dialog = _dialog(app)
        box = dialog.query_one("#export-path", Input)
        box.value = str(blocker / "result.md")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        message = _error(dialog)
        assert message.startswith(f"Cannot write {blocker / 'result.md'}:") and "Try another place" in message
        assert app.results == []
        box.value = str(tmp_path / "ok.md")  # try again elsewhere
        await pilot.pause()
        assert _error(dialog) == ""
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [tmp_path / "ok.md"]


@pytest.mark.parametrize(("value", "key"), [("   ", "Type the path"), (".", "is a folder")])
async def test_empty_or_folder_path_is_refused(tmp_path: Path, value: str, key: str) -> None:
    app = Host(tmp_path, "en")
    async with app.run_test(size=(100, 40)) as pilot:
        dialog = _dialog(app)
        dialog.query_one("#export-path", Input).value = value
        await pilot.press("enter")
        await pilot.pause()
        assert key in _error(dialog)
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]
    assert list(tmp_path.iterdir()) == []


async def test_format_choice_is_shown_by_shape_not_only_colour() -> None:
    """With NO_COLOR the chosen format must still be visible: ● for the chosen one, ○ for the others."""
    from textual.app import App
    from textual.widgets import RadioSet

    from quiz.dialogs.export import FormatButton

    class One(App[None]):
        def compose(self) -> ComposeResult:
            with RadioSet():
                yield FormatButton("md", value=True, id="a")
                yield FormatButton("json", id="b")

    app = One()
    async with app.run_test() as pilot:
        a, b = app.query_one("#a", FormatButton), app.query_one("#b", FormatButton)
        assert (a.BUTTON_INNER, b.BUTTON_INNER) == ("●", "○")
        b.value = True
        await pilot.pause()
        assert (a.BUTTON_INNER, b.BUTTON_INNER) == ("○", "●")
