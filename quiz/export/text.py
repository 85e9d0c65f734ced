"""The plain-text rendering of a report: at most 80 terminal cells per line (CJK counted as two).

The results screen draws the same lines at its own width (:func:`section_lines`), each tagged with what it
is (title, text, citation, note…) so the screen can style it; the text export ignores the tags.
"""

from __future__ import annotations

from rich.cells import cell_len

from questions.schema import Lang
from quiz.export.common import labelled
from quiz.export.wrap import pad, pad_left, widest, wrap_cells
from quiz.i18n import t
from quiz.widgets.rolebars import bar
from scoring.report import BarRow, Entry, Report, Section, Table

WIDTH = 80
"""Widest line of the text export, in terminal cells."""

Line = tuple[str, str]
"""(kind, text): kind is ``title``, ``rule``, ``text``, ``lead``, ``cite`` or ``note``."""


def _wrap(kind: str, text: str, width: int, first: str = "", rest: str | None = None) -> list[Line]:
    return [(kind, line) for line in wrap_cells(text, width, first, rest)]


def bar_lines(rows: tuple[BarRow, ...], lang: Lang, width: int = WIDTH) -> list[Line]:
    """Place, name, bar, score and chance, aligned (the headlined roles tagged ``lead``).

    When a name is too long for one line, each name gets a line of its own above its bar.
    """
    names = widest([r.name.get(lang) for r in rows])
    chances = any(r.chance for r in rows)
    score_head, chance_head = t("report.scores.score_short", lang), t("report.scores.chance_short", lang)
    chance_width = max(4, cell_len(chance_head))
    figures = [f"{bar(r.value)}  {pad_left(r.value_text, 3)}"
               + (f"  {pad_left(r.chance, chance_width)}" if r.chance else "") for r in rows]
    # Column heads over the figures, so a chance is never read as "% match" (the note below explains both).
    head = pad_left(score_head, len(bar(0)) + 2 + 3) + (f"  {pad_left(chance_head, chance_width)}" if chances else "")
    out: list[Line] = [("note", f"{'':2}  {pad('', names)}  {head}" if cell_len(head) + names + 6 <= width
                        else f"    {head}")]
    for r, figure in zip(rows, figures, strict=True):
        kind = "lead" if r.lead else "text"
        line = f"{pad_left(r.place, 2)}  {pad(r.name.get(lang), names)}  {figure}"
        if cell_len(line) <= width:
            out.append((kind, line))
        else:
            out += _wrap(kind, r.name.get(lang), width, f"{pad_left(r.place, 2)}  ", "    ")
            out.append((kind, f"    {figure}"))
    return out


def table_lines(table: Table, lang: Lang, width: int) -> list[Line]:
    """Aligned columns when they fit in ``width``; otherwise one bullet per row."""
    rows = [table.header, *table.rows]
    widths = [widest([row[i].text.get(lang) for row in rows]) for i in range(len(table.header))]
    if sum(widths) + 2 * (len(widths) - 1) <= width:
        return [("title" if n == 0 else "text",
                 "  ".join((pad_left if cell.numeric else pad)(cell.text.get(lang), widths[i])
                           for i, cell in enumerate(row)).rstrip()) for n, row in enumerate(rows)]
    out: list[Line] = []
    for row in table.rows:
        out += _wrap("text", row[0].text.get(lang), width, "• ", "  ")
        pairs = [labelled(h.text.get(lang), c.text.get(lang), lang)
                 for h, c in zip(table.header[1:], row[1:], strict=True)]
        out += _wrap("cite", " · ".join(pairs), width, "  ", "  ")
    return out


def _entry(entry: Entry, lang: Lang, width: int) -> list[Line]:
    out = _wrap("text", entry.text.get(lang), width, "• ", "  ")
    for cite in entry.cites:
        out += _wrap("cite", cite.get(lang), width, "  ", "    ")
    for sub in entry.sub:
        out += _wrap("text", sub.get(lang), width, "  – ", "    ")
    if entry.url is not None:
        out += _wrap("cite", entry.url, width, "  ", "  ")
    return out


def section_lines(section: Section, lang: Lang, width: int = WIDTH) -> list[Line]:
    """One section as tagged lines at most ``width`` cells wide (a blank line after it)."""
    title = section.title.get(lang)
    out = _wrap("title", title, width)
    out.append(("rule", ("-" if section.level == 2 else "·") * min(width, cell_len(title))))
    for paragraph in section.paragraphs:
        out += _wrap("text", paragraph.get(lang), width)
    if section.bars:
        out += bar_lines(section.bars, lang, width)
    if section.table is not None:
        out += table_lines(section.table, lang, width)
    for entry in section.entries:
        out += _entry(entry, lang, width)
    if section.note is not None:
        out += [("text", ""), *_wrap("note", section.note.get(lang), width)]
    return [*out, ("text", "")]


def render_text(report: Report, lang: Lang) -> str:
    """``report`` as plain text in ``lang``, no line wider than :data:`WIDTH` cells."""
    title = report.title.get(lang)
    out = [title, "=" * cell_len(title), "", *wrap_cells(report.headline.get(lang)), ""]
    for measure in report.measures:
        out += wrap_cells(measure.get(lang))
    if report.measures:
        out.append("")
    for label, value in report.meta:
        out += wrap_cells(labelled(label.get(lang), value.get(lang), lang))
    out.append("")
    for section in report.sections:
        out += [line for _, line in section_lines(section, lang)]
    out += wrap_cells(labelled(report.disclaimer_label.get(lang), report.disclaimer.get(lang), lang))
    out += ["", *wrap_cells(report.footer.get(lang)), ""]
    return "\n".join(out)
