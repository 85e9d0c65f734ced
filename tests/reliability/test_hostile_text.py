"""Hostile text (Rich/Textual markup, ANSI escapes, control characters, HTML, 10 000-character lines, CJK,
emoji, right-to-left text) in banks and answers: refused when it carries control characters, otherwise
shown literally — never interpreted, never crashing — by validate, questions, score, every export and
the app."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from questions.loader import load_bank
from questions.schema import QUESTION_MAX
from tests.reliability.answers_io import score_file
from tests.reliability.helpers import CONTROL_NAMES, HOSTILE, base_bank_data, check_clean_outcome, dump_yaml, run_cli
from tests.reliability.hostile_bank import SHOWN, hostile_bank_data, write_hostile_bank
from tests.reliability.pilot import answer_all, expected_value, key_for, squash, visible, wait_visible

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.mark.parametrize("name", sorted(CONTROL_NAMES))
def test_bank_text_with_control_characters_refused(name: str, tmp_path: Path) -> None:
    data = base_bank_data()
    data["items"][3]["text"]["en"] = HOSTILE[name]
    path = tmp_path / "bank.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    run = run_cli(["validate", str(path)])
    check_clean_outcome(run, path, ok_codes=(2,))
    assert f"item {data['items'][3]['id']}" in run.err and "control character" in run.err
    assert not CONTROL.search(run.err.rstrip("\n")), "the error echoes a raw control character"


def test_ten_thousand_character_text_refused_clearly(tmp_path: Path) -> None:
    data = base_bank_data()
    data["items"][0]["text"]["zh"] = HOSTILE["long_line"]
    path = tmp_path / "bank.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    run = run_cli(["validate", str(path)])
    check_clean_outcome(run, path, ok_codes=(2,))
    assert f"item {data['items'][0]['id']}" in run.err
    assert len(run.err) < 400, "the error should not echo the whole 10 000-character value"


def test_hostile_bank_validates_and_prints_literally(tmp_path: Path) -> None:
    path = write_hostile_bank(tmp_path)
    run = run_cli(["validate", str(path), "--lang", "en"])
    check_clean_outcome(run, path, ok_codes=(0,))
    for lang in ("en", "zh"):
        text = run_cli(["questions", "--bank", str(path), "--lang", lang])
        check_clean_outcome(text, path, ok_codes=(0,))
        for name in SHOWN:
            assert SHOWN[name] in text.out, f"questions --lang {lang} does not show {name} literally"
        assert not CONTROL.search(text.out.replace("\n", ""))
    as_json = run_cli(["questions", "--bank", str(path), "--format", "json"])
    check_clean_outcome(as_json, path, ok_codes=(0,))
    items = json.loads(as_json.out)["items"]
    assert [i["text"]["en"] for i in items] == [i["text"]["en"] for i in hostile_bank_data()["items"]]


def _answers_file(folder: Path, bank_path: Path) -> Path:
    bank = load_bank(bank_path)
    answers = {item.id: expected_value(bank, n) for n, item in enumerate(bank.items)}
    path = folder / "answers.json"
    path.write_text(json.dumps({"lang": "en", "answers": answers}), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "md", "json", "html"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_exports_of_a_hostile_bank(fmt: str, lang: str, tmp_path: Path) -> None:
    bank_path = write_hostile_bank(tmp_path)
    answers = _answers_file(tmp_path, bank_path)
    run = run_cli(["score", str(answers), "--bank", str(bank_path), "--format", fmt, "--lang", lang])
    check_clean_outcome(run, answers, ok_codes=(0,))
    out = run.out
    assert not CONTROL.search(out.replace("\n", "").replace("\t", ""))
    if fmt == "html":
        assert "<script>alert(1)</script>" not in out
        assert "<img src=x" not in out
        assert "[link=http://e.x]y[/link]" in out
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out or "&lt;script&gt;alert(1)&lt;&#x2F;script&gt;" in out
    elif fmt == "json":
        doc = json.loads(out)
        assert doc["bank"]["id"]
    elif fmt == "md":
        assert "<script>alert(1)</script>" not in out, "raw HTML from the bank in Markdown"
        assert "[bold red]x[/]" in out.replace("\\[", "[").replace("\\]", "]")
    else:
        assert "[bold red]x[/]" in out


def test_longest_allowed_item_text_scores(tmp_path: Path) -> None:
    """A question may hold QUESTION_MAX characters; explanations that quote it must not break scoring."""
    data = base_bank_data()
    for item in data["items"]:
        item["text"] = {"zh": "长" * QUESTION_MAX, "en": "w" * QUESTION_MAX}
        for option in item.get("options", []):
            option["text"] = {"zh": "选" * QUESTION_MAX, "en": "o" * QUESTION_MAX}
    bank_path = tmp_path / "long-bank.yaml"
    bank_path.write_text(dump_yaml(data), encoding="utf-8")
    answers = _answers_file(tmp_path, bank_path)
    for fmt in ("json", "text"):
        run = run_cli(["score", str(answers), "--bank", str(bank_path), "--format", fmt])
        check_clean_outcome(run, answers, ok_codes=(0,))


def test_overlong_question_text_is_refused_naming_the_item(tmp_path: Path) -> None:
    data = base_bank_data()
    data["items"][2]["text"] = {"zh": "长" * (QUESTION_MAX + 1), "en": "long"}
    bank_path = tmp_path / "too-long.yaml"
    bank_path.write_text(dump_yaml(data), encoding="utf-8")
    run = run_cli(["validate", str(bank_path)])
    check_clean_outcome(run, bank_path, ok_codes=(2,))
    assert f"item {data['items'][2]['id']}" in run.err and str(QUESTION_MAX) in run.err


def test_hostile_answers_refused_without_echoing_controls(tmp_path: Path) -> None:
    bank = load_bank()
    cases: dict[str, Any] = {
        "markup_item": {"lang": "en", "answers": {"[bold red]x[/]": 1}},
        "html_value": {"lang": "en", "answers": {bank.items[-1].id: "<script>alert(1)</script>"}},
        "long_key": {"lang": "en", "answers": {HOSTILE["long_line"]: 3}},
        "rtl_lang": {"lang": HOSTILE["arabic_rtl"], "answers": {}},
        "emoji_value": {"lang": "en", "answers": {bank.items[0].id: HOSTILE["emoji"]}},
    }
    for name, data in cases.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        run = score_file(path)
        check_clean_outcome(run, path, ok_codes=(2,))
        assert not CONTROL.search(run.err.rstrip("\n"))
        assert len(run.err) < 600, f"{name}: the error echoes too much ({len(run.err)} characters)"
    escaped = tmp_path / "escape.yaml"
    escaped.write_text('lang: en\nanswers: {"\\e[2Jx": 1}\n', encoding="utf-8")
    run = score_file(escaped)
    check_clean_outcome(run, escaped, ok_codes=(2,))
    assert "control character" in run.err and "\x1b" not in run.err


async def test_app_shows_hostile_bank_literally(tmp_path: Path, figure: Any) -> None:
    from quiz.app import CareerFitApp

    bank = load_bank(write_hostile_bank(tmp_path))
    app = CareerFitApp(bank, "en")
    missing: list[str] = []
    total = len(bank.items)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if SHOWN["rich_markup"] not in await wait_visible(pilot, SHOWN["rich_markup"]):
            missing.append("welcome: bank title")
        await pilot.press("enter")
        for n, item in enumerate(bank.items):
            progress = f"{n + 1} / {total}" if app.lang == "en" else f"第 {n + 1} / {total} 题"
            screen = await wait_visible(pilot, progress)
            assert progress in screen, f"question {n + 1} never appeared"
            text = item.text.get(app.lang)
            if len(text) < 60 and "\n" not in text:
                if text not in screen:
                    missing.append(f"question {n + 1}: {text!r}")
            elif squash(text)[:200] not in squash(screen):
                missing.append(f"question {n + 1}: start of a long text")
            if n == 5:
                await pilot.press("f2")  # switch to Chinese midway: same strings, other layout
                await pilot.pause()
            await pilot.press(key_for(bank, n))
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen"
        results = visible(app)
        assert app.result is not None and len(app.result.answers) == len(bank.items)
    figure("hostile.strings", f"{len(HOSTILE)} strings ({len(CONTROL_NAMES)} with control characters, refused)")
    assert results.strip()
    assert not missing, "shown differently from the bank (markup interpreted?):\n" + "\n".join(missing)


async def test_export_dialog_with_a_hostile_file_name(tmp_path: Path) -> None:
    """A file name full of markup: written as named, and the overwrite question shows it literally."""
    from textual.widgets import Input

    from quiz.app import CareerFitApp

    bank = load_bank()
    name = "[bold red]x [@click=app.quit]q [link=e.x]y $accent 结果 🚀.md"  # no "/": it would be a folder
    target = tmp_path / name
    app = CareerFitApp(bank, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await answer_all(pilot, bank)
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen"
        for attempt in range(2):
            await pilot.press("e")
            await pilot.pause()
            app.screen.query_one("#export-path", Input).value = str(target)
            await pilot.press("enter")
            await pilot.pause()
            if attempt == 1:
                assert type(app.screen).__name__ == "ConfirmDialog"
                from textual.widgets import Static

                message = app.screen.query_one("#confirm-message", Static).render()
                shown = getattr(message, "plain", str(message))
                assert name in shown, f"the overwrite question does not show the name literally: {shown!r}"
                await pilot.press("y")
                await pilot.pause()
        assert target.exists() and target.read_text(encoding="utf-8").startswith("#")
        assert type(app.screen).__name__ == "ResultsScreen"
