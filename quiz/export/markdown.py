"""The Markdown rendering of a report: readable raw in a terminal and rendered (tables, bars in a code block).

Every text that came from a file (the bank, the result) is escaped with :func:`md`; URLs are
percent-encoded with :func:`url`, so nothing from a file can become markup, a raw HTML tag or a link of
its own.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from questions.schema import Lang
from quiz.export.common import labelled
from quiz.export.wrap import pad, pad_left, widest
from quiz.widgets.rolebars import bar
from scoring.report import BarRow, Entry, Report, Section, Table

_SPECIAL = re.compile(r"([\\`*\[\]<>|#!~&]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
"""Markup characters; an underscore inside a word (``career_fit``) is not emphasis, so it stays as is."""

_URL_SAFE = "/:?#@$&+,;=%-._~"
"""Characters a URL keeps as they are; everything else (brackets, quotes, spaces, ``<>``) is %-encoded."""


def md(text: str) -> str:
    """Escape what Markdown would read as markup or table structure, and join lines into one."""
    joined = " ".join(text.split())
    escaped = _SPECIAL.sub(r"\\\1", joined)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", escaped)  # "1. x" at the start would begin a list


def url(address: str) -> str:
    """``address`` percent-encoded so that it is one inert link destination."""
    return quote(address, safe=_URL_SAFE)


def _bars(rows: tuple[BarRow, ...], lang: Lang) -> list[str]:
    from quiz.i18n import t

    chances = any(r.chance is not None for r in rows)
    head = [t("report.scores.place", lang), t("report.scores.role", lang), t("report.scores.score", lang)]
    head += [t("report.scores.chance", lang)] if chances else []
    out = ["| " + " | ".join(head) + " |", "| ---: | --- | ---: |" + (" ---: |" if chances else "")]
    for r in rows:
        cells = [r.place, md(r.name.get(lang)), r.value_text] + ([r.chance or ""] if chances else [])
        out.append("| " + " | ".join(cells) + " |")
    # Aligned bars for the raw text, in a code block (shown as text, never as markup); the fence is longer
    # than any run of backticks in a name, so a name cannot close it.
    names = widest([r.name.get(lang) for r in rows])
    longest = max((len(run) for r in rows for run in re.findall(r"`+", r.name.get(lang))), default=0)
    fence = "`" * max(3, longest + 1)
    out += ["", f"{fence}text"]
    for r in rows:
        line = f"{pad(' '.join(r.name.get(lang).split()), names)}  {bar(r.value)}  {pad_left(r.value_text, 3)}"
        out.append(line + (f"  {pad_left(r.chance, 4)}" if r.chance is not None else ""))
    return [*out, fence, ""]


def _table(table: Table, lang: Lang) -> list[str]:
    out = ["| " + " | ".join(md(c.text.get(lang)) for c in table.header) + " |",
           "| " + " | ".join("---:" if c.numeric else "---" for c in table.header) + " |"]
    out += ["| " + " | ".join(md(c.text.get(lang)) for c in row) + " |" for row in table.rows]
    return [*out, ""]


def _entry(entry: Entry, lang: Lang) -> list[str]:
    text = md(entry.text.get(lang))
    out = [f"- [{text}]({url(entry.url)})" if entry.url is not None else f"- {text}"]
    out += [f"  — {md(c.get(lang))}" for c in entry.cites]
    out += [f"  - {md(x.get(lang))}" for x in entry.sub]
    return out


def _section(section: Section, lang: Lang) -> list[str]:
    out = [f"{'#' * section.level} {md(section.title.get(lang))}", ""]
    for paragraph in section.paragraphs:
        out += [md(paragraph.get(lang)), ""]
    if section.bars:
        out += _bars(section.bars, lang)
    if section.table is not None:
        out += _table(section.table, lang)
    if section.entries:
        out += [line for entry in section.entries for line in _entry(entry, lang)] + [""]
    if section.note is not None:
        out += [f"*{md(section.note.get(lang))}*", ""]
    return out


def render_markdown(report: Report, lang: Lang) -> str:
    """``report`` as a Markdown document in ``lang``."""
    out = [f"# {md(report.title.get(lang))}", "", f"**{md(report.headline.get(lang))}**", ""]
    for measure in report.measures:
        out += [md(measure.get(lang)), ""]
    out += ["- " + labelled(md(label.get(lang)), md(value.get(lang)), lang) for label, value in report.meta]
    out.append("")
    for section in report.sections:
        out += _section(section, lang)
    notice = labelled(f"**{md(report.disclaimer_label.get(lang))}**", md(report.disclaimer.get(lang)), lang)
    out += ["---", "", f"> {notice}", "", f"*{md(report.footer.get(lang))}*", ""]
    return "\n".join(out)
