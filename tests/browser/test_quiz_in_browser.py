"""The quiz in real headless Chromium (issue 16): by keys and by clicks, exports, privacy, CJK.

One visitor takes the whole quiz by key presses and exports a JSON that re-scores identically; then
retakes it and does everything else by mouse only (back, skip, next, language, compare, export in the
other formats, quit). No request may leave 127.0.0.1. What to press is derived from the bank, so a new
bank changes nothing here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from questions.loader import load_bank
from questions.schema import Bank, ChoiceItem, Lang, RatingItem
from quiz.export import EXTENSIONS, FORMATS
from quiz.i18n import t
from quiz.serve.visitors import KEEP_DAYS
from scoring.result import ResultDocument
from tests.browser.harness import ROOT, Served, TermView, saved_answers, visitor_folder

BANK = load_bank()
VIEWPORT = {"width": 1100, "height": 700}


def plan(bank: Bank, role: str) -> list[tuple[int, int | str]]:
    """For each item: the number to press or click, and the answer it records (``role`` liked best)."""
    steps: list[tuple[int, int | str]] = []
    for item in bank.items:
        if isinstance(item, RatingItem):
            value = 5 if item.role == role else 2
            steps.append((value, value))
        else:
            assert isinstance(item, ChoiceItem)
            n = next(n for n, o in enumerate(item.options, start=1) if o.role == role)
            steps.append((n, item.options[n - 1].id))
    return steps


def choice_label(item: RatingItem | ChoiceItem, key: int, lang: Lang) -> str:
    """The text shown for choice number ``key`` (its first words, which fit on the row)."""
    label = t(f"question.rating.{key}", lang) if isinstance(item, RatingItem) else item.options[key - 1].text.get(lang)
    return label[:12]


def click_choice(view: TermView, item: RatingItem | ChoiceItem, key: int, lang: Lang) -> None:
    """Click answer ``key``: on the row that shows that number followed by its label."""
    label = choice_label(item, key, lang)
    pattern = re.compile(rf"(?<!\d){key}\s+{re.escape(label)}")

    def row() -> int | None:
        for y in range(view.screen.lines):
            if pattern.search(view.row(y)[0]):
                return y
        return None

    view.wait(lambda: row() is not None)
    view.click(label, rows=range(row() or 0, (row() or 0) + 1), settle=False)


def screenshot(view: TermView, tmp: Path, name: str) -> Path:
    """Save a screenshot in the test's folder, and in ``CAREER_FIT_SCREENSHOTS`` when that is set."""
    view.settle()
    path = tmp / f"{name}.png"
    view.page.screenshot(path=str(path))
    if os.environ.get("CAREER_FIT_SCREENSHOTS"):
        folder = Path(os.environ["CAREER_FIT_SCREENSHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, folder / path.name)
    return path


CJK_DRAWN = """async (chars) => {
  // textual.js draws with this family; the page makes 'Roboto Mono' cover CJK with the system's fonts.
  const font = "16px 'Roboto Mono', Monaco, 'Courier New', monospace";
  await document.fonts.load(font, chars.join(""));
  const draw = (text) => {
    const canvas = document.createElement("canvas");
    canvas.width = 40; canvas.height = 24;
    const ctx = canvas.getContext("2d");
    ctx.font = font; ctx.fillStyle = "#fff"; ctx.textBaseline = "top";
    ctx.fillText(text, 2, 2);
    return Array.from(ctx.getImageData(0, 0, 40, 24).data).join(",");
  };
  return { blank: draw(" "), glyphs: chars.map(draw) };
}"""


def assert_cjk_glyphs(page: Any, text: str) -> None:
    """Chinese characters from ``text`` draw as distinct, non-empty glyphs (empty boxes would all be alike)."""
    chars = list(dict.fromkeys(c for c in text if "\u4e00" <= c <= "\u9fff"))[:4]
    assert len(chars) >= 3, text
    drawn = page.evaluate(CJK_DRAWN, chars)
    assert drawn["blank"] not in drawn["glyphs"], "a Chinese character drew nothing"
    assert len(set(drawn["glyphs"])) == len(chars), f"Chinese characters {chars} draw alike (boxes?)"


def hosts_of(urls: list[str]) -> set[str]:
    return {urlparse(u).hostname or "" for u in urls if not u.startswith(("data:", "blob:", "about:"))}


def on_question(view: TermView, item: RatingItem | ChoiceItem, lang: Lang) -> None:
    """Wait for the question screen showing ``item`` (its text alone could be quoted on the results)."""
    view.wait(lambda: view.shows(item.text.get(lang)) and view.find(t("app.key.skip", lang), view.footer()) is not None)


def take_by_keys(view: TermView, bank: Bank, steps: list[tuple[int, int | str]], lang: Lang) -> None:
    for item, (key, _value) in zip(bank.items, steps, strict=True):
        on_question(view, item, lang)
        view.press(str(key))


def rescored(path: Path) -> ResultDocument:
    out = subprocess.run(
        [sys.executable, "-m", "quiz", "score", str(path), "--format", "json"],
        capture_output=True, text=True, cwd=ROOT, timeout=60, check=True,
    )
    return ResultDocument.model_validate_json(out.stdout)


def test_whole_quiz_by_keys_then_by_clicks(browser: Any, served: Served, tmp_path: Path) -> None:
    context = browser.new_context(viewport=VIEWPORT, locale="en-US", accept_downloads=True)
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    view = TermView(page)
    page.goto(served.url)
    assert page.title() == BANK.title.en
    view.wait(t("welcome.start", "en", count=len(BANK.items)))
    assert view.shows(t("welcome.private_served", "en", days=KEEP_DAYS))
    screenshot(view, tmp_path, "welcome-en")
    view.click(t("app.key.help", "en"), rows=view.footer())  # help says where a visitor's data is
    view.wait(t("help.keys_question", "en"))
    view.wheel_until(t("help.data_served", "en", days=KEEP_DAYS))
    view.click(t("app.key.close", "en"), rows=view.footer())
    view.wait(t("welcome.start", "en", count=len(BANK.items)))

    # ---- the whole quiz by key presses, then a JSON export that re-scores identically
    first = plan(BANK, "implementation_manager")
    view.press("Enter")
    take_by_keys(view, BANK, first, "en")
    view.wait(t("app.key.export", "en"))
    screenshot(view, tmp_path, "results-en")
    folder = visitor_folder(page, served.root)
    history = sorted((folder / "career-fit" / "history").glob("*.json"))
    assert len(history) == 1
    saved = ResultDocument.model_validate_json(history[0].read_text(encoding="utf-8"))
    assert saved.answers == {item.id: value for item, (_k, value) in zip(BANK.items, first, strict=True)}

    view.press("e")
    view.wait(t("export.dialog.title", "en"))
    view.press(str(FORMATS.index("json") + 1))  # the dialog's number keys choose the format
    view.wait(lambda: re.search(r"career-fit-[0-9-]+\.json", view.text()) is not None)
    with page.expect_download() as info:
        view.press("Enter")
    download = info.value
    assert download.suggested_filename.endswith(".json")
    exported = tmp_path / download.suggested_filename
    download.save_as(exported)
    document = ResultDocument.model_validate_json(exported.read_text(encoding="utf-8"))
    assert document.answers == saved.answers
    again = rescored(exported)
    assert again.result == document.result and again.answers == document.answers and again.bank == document.bank
    assert not list(ROOT.glob("career-fit-*.json")) and not list(folder.rglob("career-fit-*.json"))
    view.click(t("app.key.compare", "en"), rows=view.footer())
    view.wait(t("results.no_previous", "en"))

    # ---- retake, and this time only the mouse
    view.click(t("app.key.retake", "en"), rows=view.footer())
    view.click(t("confirm.yes", "en"))
    second = plan(BANK, "project_manager")
    lang: Lang = "en"
    last = len(BANK.items) - 1
    for n, (item, (key, _value)) in enumerate(zip(BANK.items, second, strict=True)):
        on_question(view, item, lang)
        if n == 1:  # skip it, come back, answer it
            view.click(t("app.key.skip", lang), rows=view.footer())
            view.wait(BANK.items[2].text.get(lang))
            view.click(t("app.key.back", lang), rows=view.footer())
            view.wait(t("question.skipped_note", lang))
        if n == 2:  # back over an answered one, and forward again
            view.click(t("app.key.back", lang), rows=view.footer())
            view.wait(t("question.answered_note", lang))
            view.click(t("app.key.forward", lang), rows=view.footer())
            view.wait(item.text.get(lang))
        if n in (3, 5):  # 中文 and back to English, by the key bar
            view.click(t("app.key.lang", lang), rows=view.footer())
            lang = "zh" if lang == "en" else "en"
            view.wait(item.text.get(lang))
        if n == last:  # skipped, it is listed before the results; a click on it goes back to it
            view.click(t("app.key.skip", lang), rows=view.footer())
            view.wait(t("review.title", lang, count=1, total=len(BANK.items)))
            view.click(item.text.get(lang)[:12])
            view.wait(t("question.reviewing_note", lang))
        click_choice(view, item, key, lang)
    view.wait(t("app.key.export", "en"))
    newest = max((folder / "career-fit" / "history").glob("*.json"), key=lambda p: p.stat().st_mtime)
    second_result = ResultDocument.model_validate_json(newest.read_text(encoding="utf-8"))
    assert second_result.answers == {item.id: value for item, (_k, value) in zip(BANK.items, second, strict=True)}
    view.wheel_until(second_result.result.explanations.disclaimer.en)  # the long results scroll by wheel

    view.click(t("app.key.compare", "en"), rows=view.footer())
    view.wait(t("results.compare_title", "en"))
    view.click(t("app.key.close", "en"), rows=view.footer())
    for fmt, marker in (("md", "# "), ("html", "<html"), ("text", "\n")):
        view.click(t("app.key.export", "en"), rows=view.footer())
        view.wait(t("export.dialog.title", "en"))
        view.click(t(f"export.dialog.format.{fmt}", "en")[:10])
        view.wait(lambda: view.find(t("export.dialog.cancel", "en")) is not None)
        row = view.find(t("export.dialog.cancel", "en"))
        assert row is not None
        with page.expect_download() as info:
            view.click(t("export.dialog.save", "en"), rows=range(row[0], row[0] + 1))
        body = Path(info.value.path()).read_text(encoding="utf-8")
        assert marker in body and len(body) > 500, fmt
        assert info.value.suggested_filename.endswith("." + EXTENSIONS[fmt])
        view.wait(lambda: not view.shows(t("export.dialog.title", "en")))
    assert len(list((folder / "career-fit" / "history").glob("*.json"))) == 2

    view.click(t("app.key.quit", "en"), rows=view.footer())
    page.wait_for_selector(".closed", state="visible", timeout=10_000)
    assert t("app.page.ended", "en") in page.inner_text(".closed")
    assert hosts_of(requests) == {"127.0.0.1"}, requests
    assert hosts_of(view.sockets) == {"127.0.0.1"}, view.sockets
    context.close()


def wait_saved(folder: Path, expected: dict[str, int | str], view: TermView) -> None:
    view.wait(lambda: saved_answers(folder) == expected)


def test_two_visitors_at_once_each_resume_only_their_own(
    browser: Any, served: Served, data_home: Path, tmp_path: Path
) -> None:
    from quiz.session import Session
    from quiz.store import SessionStore

    # The server user's own progress in the terminal app: no visitor may be offered it or change it.
    own = data_home / "career-fit" / "session.json"
    SessionStore(own).save(Session.new(BANK, "en").answer(BANK.items[0].id, 3, 1.0))
    own_bytes = own.read_bytes()

    visitors: dict[Lang, tuple[Any, TermView]] = {}
    pairs: tuple[tuple[Lang, str], ...] = (("en", "en-US"), ("zh", "zh-CN"))
    for lang, locale in pairs:
        page = browser.new_context(viewport=VIEWPORT, locale=locale).new_page()
        visitors[lang] = (page, TermView(page))
        page.goto(served.url)
    for lang, (page, view) in visitors.items():
        view.wait(t("welcome.start", lang, count=len(BANK.items)))  # a new quiz: nobody's progress is offered
        assert page.title() == BANK.title.get(lang)
        view.press("Enter")

    # Different people, different answers, at the same time: 5 answers in English, 8 in Chinese.
    counts: dict[Lang, int] = {"en": 5, "zh": 8}
    steps = {"en": plan(BANK, "operations"), "zh": plan(BANK, "project_manager")}
    for n in range(max(counts.values())):
        for lang, (page, view) in visitors.items():
            if n < counts[lang]:
                view.wait(BANK.items[n].text.get(lang))
                if lang == "zh" and n == 3:
                    screenshot(view, tmp_path, "question-zh")
                    assert_cjk_glyphs(page, BANK.items[n].text.zh)
                view.press(str(steps[lang][n][0]))
    folders: dict[Lang, Path] = {}
    expected: dict[Lang, dict[str, int | str]] = {}
    for lang, (page, view) in visitors.items():
        folders[lang] = visitor_folder(page, served.root)
        expected[lang] = {BANK.items[n].id: steps[lang][n][1] for n in range(counts[lang])}
        wait_saved(folders[lang], expected[lang], view)
    assert folders["en"] != folders["zh"]
    for folder in folders.values():
        assert folder.stat().st_mode & 0o777 == 0o700
        assert (folder / "career-fit" / "session.json").stat().st_mode & 0o777 == 0o600
    assert served.root.stat().st_mode & 0o777 == 0o700

    # A reload (English), or quitting and reconnecting (Chinese), resumes each visitor's own quiz, at their
    # own question, with their own answers.
    visitors["en"][0].reload()
    page, view = visitors["zh"]
    view.press("q")
    view.click(t("confirm.yes", "zh"))
    page.wait_for_selector(".closed", state="visible", timeout=10_000)
    page.get_by_role("button", name=t("app.page.reconnect", "zh")).click()
    for lang, (_page, view) in visitors.items():
        resume = t("welcome.resume", lang, n=counts[lang], total=len(BANK.items))
        if lang == "en":
            view.click(resume)
        else:
            view.wait(resume)
            view.press("Enter")
        k = counts[lang]
        view.wait(BANK.items[k].text.get(lang))
        view.wait(t("question.progress", lang, n=k + 1, total=len(BANK.items), answered=k))
    for lang in visitors:
        assert saved_answers(folders[lang]) == expected[lang]
    assert own.read_bytes() == own_bytes
    for page, _view in visitors.values():
        page.context.close()
