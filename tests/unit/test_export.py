"""Exports: JSON against the shipped schema, HTML well-formed and offline, escaping, 80-column text, writing."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from quiz.export import FORMATS, default_name, normalise_format, render, write_export
from quiz.export.schema import SCHEMA_FILE, schema_text
from quiz.export.text import WIDTH
from quiz.export.wrap import wrap_cells
from scoring.result import ResultDocument
from tests.golden.sample import sample_bank, sample_document

LANGS = ("zh", "en")
CLOSING = set("、，。：；！？）」』")


# ---------------------------------------------------------------------------------------------- JSON


def test_shipped_schema_is_up_to_date() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "docs/result.schema.json is stale: run `python -m quiz.export.schema` and commit it"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_json_export_validates_against_shipped_schema(lang: str) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(render(sample_document(flags=True, lang=lang), "json", lang, sample_bank()))  # type: ignore[arg-type]
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["schema_version"] == 2
    assert {"schema_version", "created", "bank", "lang", "answers", "result"} <= data.keys()
    assert {"strength", "profile", "form"} <= data["result"].keys()
    assert data["result"]["form"] == {"mode": "full", "asked": 12}


def test_schema_rejects_what_the_model_rejects() -> None:
    """The shipped schema is not vacuous: an unknown key and a bad band are refused."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    data = json.loads(render(sample_document(), "json", "en", sample_bank()))
    assert validator.is_valid(data)
    assert not validator.is_valid({**data, "surprise": 1})
    for path, value in ((("result", "band"), "certain"), (("result", "profile", "shape"), "perfect"),
                        (("result", "strength", "level"), "huge"), (("result", "form", "mode"), "long")):
        bad = json.loads(json.dumps(data))
        bad[path[0]][path[1]] = {**bad[path[0]][path[1]], path[2]: value} if len(path) == 3 else value
        assert not validator.is_valid(bad), path


def test_json_round_trips_to_an_equal_document() -> None:
    document = sample_document(flags=True, hostile=True)
    text = render(document, "json", "zh", sample_bank(hostile=True))
    assert "项目经理" in text  # Chinese kept as text, not \u escapes
    assert ResultDocument.model_validate_json(text) == document


# ---------------------------------------------------------------------------------------------- HTML


class _Checker(HTMLParser):
    """Checks that every non-void tag is closed in order and collects URLs in src/href."""

    VOID = {"meta", "br", "img", "hr", "input", "link", "source", "wbr", "col", "area", "base", "embed", "track"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.urls: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self.html_lang: str | None = None
        self.charset = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "action", "srcset", "data") and value is not None:
                self.urls.append(value)
        if tag == "html":
            self.html_lang = dict(attrs).get("lang")
        if tag == "meta" and (dict(attrs).get("charset") or "").lower() == "utf-8":
            self.charset = True
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Checker:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    return checker


@pytest.mark.parametrize("lang", LANGS)
def test_html_is_well_formed_and_self_contained(lang: str) -> None:
    bank = sample_bank(hostile=True)
    page = render(sample_document(flags=True, hostile=True), "html", lang, bank)  # type: ignore[arg-type]
    checker = _parse(page)
    assert checker.errors == []
    assert checker.stack == []
    assert checker.html_lang == ("zh-CN" if lang == "zh" else "en")
    assert checker.charset
    assert page.startswith("<!DOCTYPE html>")
    # Only the two article links leave the page.
    external = [u for u in checker.urls if "://" in u or u.startswith("//")]
    assert sorted(external) == sorted(s.url for s in bank.sources)
    assert "script" not in checker.tags and "img" not in checker.tags and "link" not in checker.tags
    lowered = page.lower()
    assert "@import" not in lowered and "url(" not in lowered and "<script" not in lowered
    assert "@page { size: a4" in lowered and "print-color-adjust: exact" in lowered


def test_html_escapes_markup_from_texts() -> None:
    page = render(sample_document(hostile=True), "html", "en", sample_bank(hostile=True))
    assert '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' in page
    assert "<img" not in page
    text = "".join(_parse(page).text)
    assert '<script>alert("x")</script>' in text  # shown to the reader as text


def test_html_bars_follow_the_scores() -> None:
    document = sample_document()
    page = render(document, "html", "en", sample_bank())
    for role, score in document.result.scores.items():
        assert f'style="width: {score:.1f}%"' in page, role


# ------------------------------------------------------------------------------------------ Markdown


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_has_every_section(lang: str) -> None:
    bank = sample_bank()
    page = render(sample_document(flags=True), "md", lang, bank)  # type: ignore[arg-type]
    for source in bank.sources:
        assert f"]({source.url})" in page
        assert source.title.get(lang) in page  # type: ignore[arg-type]
    assert "███████████████████░   94" in page  # text bar of the top role (93.75 → 94 of 100)
    assert "| 1 | " in page and "95%" in page
    assert "四、工作重心的区别" in page  # article section cited
    heading = {"zh": "这个结果有多稳", "en": "How firm this result is"}[lang]
    assert f"## {heading}" in page
    assert "career\\_fit\\_sample" not in page and "career_fit_sample" in page and "2026-11-23" in page


def test_markdown_escapes_markup_and_table_pipes() -> None:
    page = render(sample_document(hostile=True), "md", "en", sample_bank(hostile=True))
    assert "\\<script\\>" in page and "\\| \\*\\*bold\\*\\*" in page
    outside_code = page.split("```text")[0] + page.split("```text")[1].split("```", 1)[1]
    assert "<script>" not in outside_code  # inside the code block it is shown as text


def test_markdown_renders_no_markup_from_the_bank() -> None:
    from markdown_it import MarkdownIt

    page = render(sample_document(hostile=True), "md", "en", sample_bank(hostile=True))
    html = MarkdownIt("commonmark").render(page)
    assert "<script" not in html and "<img" not in html and "<strong>bold" not in html
    hrefs = [x.split('"')[0] for x in html.split('href="')[1:]]
    assert hrefs and all(h.startswith("https://") for h in hrefs), hrefs
    assert 'href="javascript' not in html


# ------------------------------------------------------------------------------------------------ text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("hostile", [False, True])
def test_text_fits_80_cells(lang: str, hostile: bool) -> None:
    bank = sample_bank(hostile=hostile)
    page = render(sample_document(flags=True, hostile=hostile), "text", lang, bank)  # type: ignore[arg-type]
    widths = [cell_len(line) for line in page.splitlines()]
    assert max(widths) <= WIDTH
    assert max(widths) > 60  # it does use the width
    assert "项目经理" in page if lang == "zh" else "Project manager" in page
    assert not [x for x in page.splitlines() if x.strip() and x.strip()[0] in CLOSING], "closing mark starts a line"


def test_wrap_keeps_words_and_punctuation() -> None:
    lines = wrap_cells("这是一段很长的中文说明，用来检查换行时标点不会出现在行首。" * 4, 30)
    assert all(cell_len(x) <= 30 for x in lines)
    assert not any(x[0] in "，。、；：" for x in lines)
    assert "".join(lines) == "这是一段很长的中文说明，用来检查换行时标点不会出现在行首。" * 4
    english = wrap_cells("the quick brown fox jumps over the lazy dog " * 3, 20, "• ", "  ")
    assert english[0].startswith("• ") and all(x.startswith("  ") for x in english[1:])
    assert all(cell_len(x) <= 20 for x in english)
    words = ("the quick brown fox jumps over the lazy dog " * 3).split()
    assert " ".join(x.strip("• ").strip() for x in english).split() == words


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([*"ab cd,，。项目经理实施、“”()（）x y1234", "超长单词" * 5, "w" * 30]), max_size=60).map(
        "".join
    ),
    st.integers(min_value=8, max_value=80),
)
def test_wrap_never_exceeds_width_and_loses_nothing(text: str, width: int) -> None:
    lines = wrap_cells(text, width, "  ", "  ")
    assert all(cell_len(x) <= width for x in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())


WORDS = st.one_of(
    st.just(" "),
    st.tuples(st.sampled_from([*"项目经理实施运营ab", "Laplace", "（项目", "「运营"]),
              st.sampled_from(["", *"，。、：；！？）」』", "）。", "」，"])).map("".join),
)
"""Words as they occur in text: a closing mark follows the word it closes, never a space."""


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=60).map("".join), st.integers(min_value=16, max_value=80))
def test_no_wrapped_line_starts_with_closing_punctuation(text: str, width: int) -> None:
    lines = wrap_cells(text, width, "• ", "  ")
    assert not [x for x in lines if x.strip() and x.strip()[0] in CLOSING], lines


# ------------------------------------------------------------------------------------ names, writing


def test_default_name_and_formats() -> None:
    now = datetime(2026, 11, 23, 14, 30)
    assert default_name("md", now) == "career-fit-2026-11-23-1430.md"
    assert default_name("text", now) == "career-fit-2026-11-23-1430.txt"
    assert default_name("html", now).endswith(".html") and default_name("json", now).endswith(".json")
    assert normalise_format("txt") == "text"
    with pytest.raises(ValueError, match="unknown export format"):
        normalise_format("pdf")
    assert FORMATS == ("md", "json", "html", "text")


def test_write_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "result.md"
    assert write_export(target, "first", force=False) == target
    with pytest.raises(FileExistsError):
        write_export(target, "second", force=False)
    assert target.read_text(encoding="utf-8") == "first"
    write_export(target, "third", force=True)
    assert target.read_text(encoding="utf-8") == "third"
    assert [p.name for p in tmp_path.iterdir()] == ["result.md"]  # no temporary files left behind


def test_write_to_a_folder_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        write_export(tmp_path, "x", force=True)


def test_write_into_an_unwritable_place_raises_oserror(tmp_path: Path) -> None:
    # Under a regular file nothing can be created, even as root (chmod alone does not stop root).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OSError):
        write_export(blocker / "result.md", "x", force=False)
    with pytest.raises(OSError):
        write_export(tmp_path / "missing" / "result.md", "x", force=False)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_write_into_a_read_only_folder_raises_permission_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(PermissionError):
            write_export(folder / "result.md", "x", force=False)
    finally:
        folder.chmod(0o700)


def test_tied_roles_share_their_place_in_every_format() -> None:
    answers: dict[str, int | str] = {
        "wf_impl": 5, "wf_pm": 5, "wf_ops": 1, "th_impl": 4, "th_pm": 4, "th_ops": 1, "co_impl": 5, "co_pm": 5,
        "co_ops": 2, "wf_triad": "wf_triad_impl", "th_triad": "th_triad_a", "co_triad": "co_triad_a",
    }
    document = sample_document(answers=answers)
    assert document.result.tied == (("implementation_manager", "project_manager"),)
    assert document.result.profile.shape == "hybrid"
    bank = sample_bank()
    md = render(document, "md", "zh", bank)
    assert "| =1 | 实施经理 |" in md and "| =1 | 项目经理 |" in md and "| 3 | 运营经理 |" in md
    text = render(document, "text", "en", bank)
    assert "=1  Implementation manager" in text and "=1  Project manager" in text
    assert "About implementation manager and project manager" in text  # both described, neither first alone
    page = render(document, "html", "en", bank)
    assert page.count('<td class="num">=1</td>') == 2
