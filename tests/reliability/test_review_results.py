"""Reproductions of the reliability review's result findings: C3, C4, S3, E3 and E9.

Each test replays the review's reproduction (``../shared/reviews/reliability-review.md``, beside the
repository) in-process and asserts the expected behaviour: a clear one-line refusal or a working result,
never a traceback.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from textual.app import App, ComposeResult
from textual.reactive import reactive
from textual.widgets import Input, Static

from questions.loader import load_bank
from questions.schema import Bank, Lang, RatingItem
from tests.reliability.helpers import base_bank_data, check_clean_outcome, dump_yaml, run_cli


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def full_answers(bank: Bank) -> dict[str, Any]:
    """Every item answered: ratings 4 for project manager, 2 otherwise; triads pick the project manager."""
    out: dict[str, Any] = {}
    for item in bank.items:
        if isinstance(item, RatingItem):
            out[item.id] = 4 if item.role == "project_manager" else 2
        else:
            out[item.id] = next(o.id for o in item.options if o.role == "project_manager")
    return out


def write_answers(folder: Path, bank: Bank, **extra: Any) -> Path:
    path = folder / "answers.json"
    path.write_text(json.dumps({"lang": "en", "answers": full_answers(bank), **extra}), encoding="utf-8")
    return path


def result_json(folder: Path, bank: Bank, name: str = "r1.json") -> Path:
    answers = write_answers(folder, bank)
    out = folder / name
    run = run_cli(["score", str(answers), "--format", "json", "-o", str(out)])
    assert run.code == 0, run.err
    return out


@pytest.fixture()
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# ------------------------------------------------------------------------------------------------- C3


class Host(App[None]):
    """A bare app that opens the export dialog on the sample result."""

    lang: reactive[Lang] = reactive[Lang]("en")

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.results: list[Path | None] = []

    def compose(self) -> ComposeResult:
        yield Static("results")

    def on_mount(self) -> None:
        from quiz.dialogs.export import ExportDialog
        from tests.golden.sample import sample_bank, sample_document

        self.push_screen(ExportDialog(sample_document(), sample_bank(), "en", folder=self.folder), self.results.append)


def _locked_stat(locked: Path) -> Any:
    """``Path.stat`` that fails with EACCES inside ``locked`` (root could otherwise enter any folder)."""
    real = Path.stat

    def stat(self: Path, *args: Any, **kwargs: Any) -> os.stat_result:
        if str(self).startswith(str(locked) + os.sep):
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    return stat


@pytest.mark.parametrize("case", ["locked", "too_long", "no_such_user"])
def test_c3_export_dialog_shows_why_a_path_cannot_be_used(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    paths = {
        "locked": str(locked / "x.md"),
        "too_long": str(tmp_path / ("a" * 300 + ".md")),
        "no_such_user": "~nosuchuser-career-fit/x.md",
    }
    if case == "locked":
        monkeypatch.setattr(Path, "stat", _locked_stat(locked))

    async def run() -> None:
        from quiz.dialogs.export import ExportDialog

        app = Host(tmp_path)
        async with app.run_test(size=(100, 40)) as pilot:
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            dialog.query_one("#export-path", Input).value = paths[case]
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ExportDialog), "the dialog must stay open"
            error = dialog.query_one("#export-error", Static)
            assert error.has_class("shown")
            assert "Cannot" in str(error.render())
        assert app.results == [None] or app.results == []

    asyncio.run(run())


def test_c3_cli_output_under_an_unknown_home_is_one_line(bank: Bank, tmp_path: Path) -> None:
    answers = write_answers(tmp_path, bank)
    run = run_cli(["score", str(answers), "-o", "~nosuchuser-career-fit/x.txt"])
    assert run.code == 2, run.err
    assert run.err.count("\n") == 1 and "Traceback" not in run.err and "unexpected" not in run.err
    assert "~nosuchuser-career-fit/x.txt" in run.err


# ------------------------------------------------------------------------------------------------- C4


def test_c4_history_lists_around_an_extreme_date(bank: Bank, tmp_path: Path, data_home: Path) -> None:
    source = json.loads(result_json(tmp_path, bank).read_text(encoding="utf-8"))
    folder = data_home / "career-fit" / "history"
    folder.mkdir(parents=True)
    (folder / "good.json").write_text(json.dumps(source), encoding="utf-8")
    late = dict(source, created="9999-12-31T23:59:59-14:00")
    (folder / "late.json").write_text(json.dumps(late), encoding="utf-8")
    run = run_cli(["history"])
    assert run.code == 0, run.err
    assert "good.json" in run.out
    assert "late.json" in run.err and run.err.count("\n") == 1, run.err


@pytest.mark.usefixtures("new_york")
@pytest.mark.parametrize("change", ["year1", "nan", "inf"])
def test_c4_compare_refuses_unreadable_numbers_and_dates_in_one_line(
    change: str, bank: Bank, tmp_path: Path
) -> None:
    good = result_json(tmp_path, bank)
    data = json.loads(good.read_text(encoding="utf-8"))
    if change == "year1":
        data["created"] = "0001-01-01T00:00:00+00:00"
    else:
        data["result"]["scores"]["operations"] = "NaN" if change == "nan" else 1e999
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data).replace('"__inf__"', "1e999"), encoding="utf-8")
    run = run_cli(["compare", str(bad), str(good)])
    check_clean_outcome(run, bad)
    assert run.code == 2


# ------------------------------------------------------------------------------------------------- E3


@pytest.mark.parametrize("timing", ["1e400", "-1e400", "NaN"])
def test_e3_a_non_finite_timing_is_refused_naming_the_item(timing: str, bank: Bank, tmp_path: Path) -> None:
    first = bank.items[0].id
    path = tmp_path / "answers.json"
    text = json.dumps({"lang": "en", "answers": full_answers(bank)})
    path.write_text(text[:-1] + f', "timings": {{"{first}": {timing}}}}}', encoding="utf-8")
    run = run_cli(["score", str(path), "--format", "json"])
    check_clean_outcome(run, path)
    assert run.code == 2 and first in run.err


def test_e3_every_exported_result_scores_again(bank: Bank, tmp_path: Path) -> None:
    answers = write_answers(tmp_path, bank, timings={bank.items[0].id: 3.5})
    out = tmp_path / "r.json"
    assert run_cli(["score", str(answers), "--format", "json", "-o", str(out)]).code == 0
    again = run_cli(["score", str(out), "--format", "json"])
    assert again.code == 0, again.err
    assert run_cli(["compare", str(out), str(out)]).code == 0


# ------------------------------------------------------------------------------------------------- E9


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        ({"schema_version": 99}, "schema_version"),
        ({"surprise": 1}, "surprise"),
        ({"bank": {"id": "other_bank", "version": "1.0.0"}}, "other_bank"),
    ],
)
def test_e9_score_checks_a_result_file_like_compare(
    change: dict[str, Any], needle: str, bank: Bank, tmp_path: Path
) -> None:
    data = json.loads(result_json(tmp_path, bank).read_text(encoding="utf-8"))
    data.update(change)
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    commands = [["score", str(path)]]
    if "bank" not in change:  # compare reads results of other banks (and says so); score must not re-score them
        commands.append(["compare", str(path), str(path)])
    for argv in commands:
        run = run_cli(argv)
        check_clean_outcome(run, path)
        assert run.code == 2 and needle in run.err, (argv, run.err)


# ------------------------------------------------------------------------------------------------- S3


def _rendered(markdown: str) -> str:
    return str(MarkdownIt("commonmark").render(markdown))


def test_s3_markdown_export_encodes_a_hostile_source_url(tmp_path: Path) -> None:
    data = base_bank_data()
    data["sources"][0]["url"] = "https://x><script>alert(document.cookie)</script>"
    data["sources"][1]["url"] = "https://y/a)b](javascript:alert(1))<img/src=x/onerror=alert(2)>"
    bank_file = tmp_path / "bank.yaml"
    bank_file.write_text(dump_yaml(data), encoding="utf-8")
    hostile = load_bank(bank_file)
    answers = write_answers(tmp_path, hostile)
    out = tmp_path / "urls.md"
    run = run_cli(["score", "--bank", str(bank_file), str(answers), "--format", "md", "-o", str(out)])
    assert run.code == 0, run.err
    html = _rendered(out.read_text(encoding="utf-8"))
    assert "<script" not in html and "<img" not in html
    hrefs = [x.split('"')[0] for x in html.split('href="')[1:]]
    assert hrefs and all(h.startswith("https://") for h in hrefs), hrefs  # percent-encoded, one inert link each


def test_s3_compare_markdown_escapes_ids(bank: Bank, tmp_path: Path) -> None:
    good = result_json(tmp_path, bank)
    data = json.loads(good.read_text(encoding="utf-8"))
    data["bank"]["version"] = "<script>alert(1)</script> <img src=x onerror=alert(2)>"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    run = run_cli(["compare", str(other), str(good), "--format", "md"])
    if run.code == 2:  # refused as unreadable is fine too, as long as it is one clean line
        check_clean_outcome(run, other)
        return
    html = _rendered(run.out)
    assert "<script" not in html and "<img" not in html
