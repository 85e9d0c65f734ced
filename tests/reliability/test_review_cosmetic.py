"""The cosmetic items (S6) of the reliability review, each reproduced first:

- a bank text made only of zero-width characters showed a blank question; ``minutes: [9, 6]``, ``[-5, 10**30]``,
  ``[true, false]``, a 5000-digit ``version`` and ``compares: [operations, operations]`` were accepted;
- a path pasted with a newline into the export dialog was cut to its first line without a word;
- ``history`` read 2000 results slowly, and the results screen's ``c`` did the same scan on the UI thread.

(``TERM=dumb`` is in ``test_review_terminal.py``; leftover temporary files in ``test_review_saves.py``.)
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Input, Static

from questions.loader import load_bank
from tests.reliability.helpers import base_bank_data, check_clean_outcome, dump_yaml, run_cli
from tests.reliability.pilot import answer_all
from tests.reliability.test_review_results import Host

BANK = load_bank()


def _validate(tmp_path: Path, change: Any) -> Any:
    data = base_bank_data()
    change(data)
    path = tmp_path / "bank.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    run = run_cli(["validate", str(path)])
    check_clean_outcome(run, path, ok_codes=(2,))
    return run


@pytest.mark.parametrize("text", ["\u200b\u200b\u200b", "\u200b \u200d\u2060", "\ufe0f"])
def test_s6_a_text_of_only_invisible_characters_is_refused(text: str, tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["items"][4]["text"]["zh"] = text

    run = _validate(tmp_path, change)
    assert f"item {base_bank_data()['items'][4]['id']}" in run.err and "visible" in run.err, run.err


def test_s6_zero_width_characters_inside_real_text_are_kept(tmp_path: Path) -> None:
    data = base_bank_data()
    data["items"][4]["text"]["en"] = "Coordinate\u200b the 👩🏽‍💻 team"
    path = tmp_path / "bank.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    assert run_cli(["validate", str(path)]).code == 0


@pytest.mark.parametrize("minutes", [[9, 6], [-5, 10**30], [True, False], [0, 0], [3, 5000]],
                         ids=["reversed", "negative_huge", "booleans", "zero", "days"])
def test_s6_nonsense_minutes_are_refused(minutes: list[Any], tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["minutes"] = minutes

    run = _validate(tmp_path, change)
    assert "minutes" in run.err, run.err


def test_s6_a_5000_digit_version_is_refused_briefly(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["version"] = "1" * 5000

    run = _validate(tmp_path, change)
    assert "version" in run.err and len(run.err) < 300, run.err[:400]


def test_s6_an_article_comparing_a_role_with_itself_is_refused(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["sources"][0]["compares"] = ["operations", "operations"]

    run = _validate(tmp_path, change)
    assert "compares" in run.err and "different" in run.err, run.err


# ------------------------------------------------------------------------------------------------ paste


async def _paste(tmp_path: Path, text: str) -> tuple[Host, str, str]:
    app = Host(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#export-path", Input)
        box.focus()
        box.value = ""
        await pilot.pause()
        box.post_message(events.Paste(text))
        await pilot.pause()
        error = app.screen.query_one("#export-error", Static)
        shown = str(error.render()) if error.display else ""
        return app, box.value, shown


async def test_s6_a_path_pasted_with_a_newline_inside_is_not_cut_silently(tmp_path: Path) -> None:
    app, value, error = await _paste(tmp_path, "/tmp/line1\nline2.md")
    assert value != "/tmp/line1", "only the first line of the pasted path was kept, without a word"
    assert error and "line" in error, error
    assert app.results == [] and not (Path("/tmp/line1")).exists()


async def test_s6_a_path_pasted_with_a_trailing_newline_is_taken_whole(tmp_path: Path) -> None:
    _, value, error = await _paste(tmp_path, f"{tmp_path}/mine.md\n")
    assert value == f"{tmp_path}/mine.md" and error == ""


# ------------------------------------------------------------------------------------------------ history


def _fill_history(folder: Path, count: int) -> None:
    from quiz.export.json_format import render_json
    from tests.golden.sample import sample_document

    folder.mkdir(parents=True, exist_ok=True)
    base = json.loads(render_json(sample_document()))
    for n in range(count):
        base["created"] = f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:{n // 60 % 60:02d}Z"
        (folder / f"r{n:05d}.json").write_text(json.dumps(base, ensure_ascii=False), encoding="utf-8")


def test_s6_history_of_2000_results_figure(data_home: Path, figure: Any) -> None:
    """Measured, not asserted (speed is judged in benchmarks/): the time ``history`` takes for 2000 files."""
    folder = data_home / "career-fit" / "history"
    _fill_history(folder, 2000)
    start = time.perf_counter()
    run = run_cli(["history", "--lang", "en"])
    seconds = time.perf_counter() - start
    assert run.code == 0, run.err[:300]
    assert run.out.count("\n") >= 2000
    figure("history.2000_files", f"{seconds:.2f} s for 2000 result files (review: 16 s)")
    shutil.rmtree(folder)


async def test_s6_compare_key_reads_history_off_the_ui_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """While the history scan behind ``c`` is still running, the app answers keys (here ``?`` opens help)."""
    import quiz.history
    from quiz.app import CareerFitApp

    release = threading.Event()
    state = {"started": False, "finished": False, "thread": ""}
    real = quiz.history.list_results

    def slow(problems: list[str] | None = None) -> Any:
        state["started"] = True
        state["thread"] = threading.current_thread().name
        release.wait(timeout=5)
        state["finished"] = True
        return real(problems)

    monkeypatch.setattr(quiz.history, "list_results", slow)
    app = CareerFitApp(BANK, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await answer_all(pilot, BANK)
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen"
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        help_open = type(app.screen).__name__ == "HelpScreen"
        busy = state["started"] and not state["finished"]
        release.set()
        await pilot.pause(0.2)
        assert help_open and busy, f"the UI waited for the history scan (thread {state['thread']})"
