"""The plain-text export (≤ 80 terminal cells per line, CJK counted as two) and the wrapper it uses.

:func:`wrap_cells` wraps mixed Chinese/English text by display width: Latin words stay whole, Chinese
may break between any two characters, and closing punctuation never starts a line.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len

from questions.schema import Bank, Lang
from quiz.export.common import (
    about_heading,
    band_label,
    bar,
    cite,
    fmt_pct,
    fmt_score,
    generated_line,
    label_only,
    labelled,
    model_line,
    pad,
    pad_left,
    role_name,
    role_rows,
    runner_up,
    when,
    widest,
)
from quiz.i18n import t
from scoring.result import Point, ResultDocument

WIDTH = 80
"""Widest line of the text export, in terminal cells."""

_NO_START = set("，。、；：！？）》」』】〉”’,.;:!?)]}%…·—")
"""Characters that must not begin a line (they stay with the text before them)."""
_NO_END = set("（《「『【〈“‘([{")
"""Characters that must not end a line (they stay with the text after them)."""


@dataclass
class _Atom:
    text: str
    space_before: bool


def _atoms(text: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    pending_space = False
    run_open = False
    for ch in text:
        if ch.isspace():
            pending_space = bool(atoms)
            run_open = False
            continue
        if cell_len(ch) == 2:
            atoms.append(_Atom(ch, pending_space))
            run_open = False
        elif run_open:
            atoms[-1].text += ch
        else:
            atoms.append(_Atom(ch, pending_space))
            run_open = True
        pending_space = False
    glued: list[_Atom] = []
    for atom in atoms:
        if glued and not atom.space_before and (atom.text[0] in _NO_START or glued[-1].text[-1] in _NO_END):
            glued[-1].text += atom.text
        else:
            glued.append(_Atom(atom.text, atom.space_before))
    return glued


def _split_long(text: str, room: int) -> tuple[str, str]:
    """The longest head of ``text`` that fits in ``room`` cells (at least one character), and the rest."""
    used = 0
    for n, ch in enumerate(text):
        w = cell_len(ch)
        if used + w > room and n > 0:
            return text[:n], text[n:]
        used += w
    return text, ""


def wrap_cells(text: str, width: int = WIDTH, indent: str = "", subsequent: str | None = None) -> list[str]:
    """Wrap ``text`` to ``width`` display cells; ``indent`` starts the first line, ``subsequent`` the rest."""
    rest = indent if subsequent is None else subsequent
    lines: list[str] = []
    current, used, empty = indent, cell_len(indent), True
    for atom in _atoms(text):
        piece = atom.text
        gap = 1 if atom.space_before and not empty else 0
        while piece:
            w = cell_len(piece)
            if used + gap + w <= width:
                current += " " * gap + piece
                used += gap + w
                empty = False
                break
            if not empty:
                lines.append(current.rstrip())
                current, used, empty, gap = rest, cell_len(rest), True, 0
                continue
            head, piece = _split_long(piece, width - used)
            lines.append((current + head).rstrip())
            current, used, empty, gap = rest, cell_len(rest), True, 0
    if not empty or not lines:
        lines.append(current.rstrip())
    return lines


def _heading(title: str) -> list[str]:
    return [title, "-" * cell_len(title)]


def _point(point: Point, lang: Lang, bank: Bank) -> list[str]:
    lines = wrap_cells(point.text.get(lang), WIDTH, "• ", "  ")
    if point.source is not None:
        lines += wrap_cells(cite(point.source, lang, bank), WIDTH, "  ", "    ")
    return lines


def render_text(document: ResultDocument, lang: Lang, bank: Bank) -> str:
    """The result as plain text in ``lang``, no line wider than :data:`WIDTH` cells."""
    r = document.result
    ex = r.explanations
    rows = role_rows(r, lang)
    title = t("export.title", lang)
    out: list[str] = [title, "=" * cell_len(title), ""]
    out += wrap_cells(ex.headline.get(lang))
    out += [
        "",
        labelled(t("export.meta.date", lang), when(document.created), lang),
        labelled(t("export.meta.bank", lang), f"{document.bank.id} {document.bank.version}", lang),
        labelled(t("export.meta.answered", lang),
                 t("export.meta.answered_value", lang, answered=r.answered, total=r.total), lang),
        "",
    ]

    out += _heading(t("export.scores.heading", lang))
    name_w = widest([row.name for row in rows])
    tied = t("export.scores.tied", lang)
    for row in rows:
        line = (
            f"{row.place}  {pad(row.name, name_w)}  {bar(row.score, 20)}  {pad_left(fmt_score(row.score), 3)}"
            f"  {pad_left(fmt_pct(row.probability), 4)}"
        )
        out.append(f"{line}  {tied}" if row.tied else line)
    out.append("")
    out += wrap_cells(t("export.scores.note", lang))
    out.append("")

    out += _heading(labelled(t("export.band.heading", lang), band_label(r, lang), lang))
    out += wrap_cells(ex.band_meaning.get(lang))
    out.append("")

    out += _heading(t("export.why.heading", lang))
    out.append(label_only(t("export.why.evidence", lang), lang))
    for point in ex.evidence:
        out += _point(point, lang, bank)
    if not ex.evidence:
        out.append(t("export.why.none", lang))
    if ex.contrasts:
        heading = t("export.why.contrasts", lang, top=role_name(r.top, lang), other=role_name(runner_up(r), lang))
        out += ["", label_only(heading, lang)]
        for point in ex.contrasts:
            out += _point(point, lang, bank)
    out.append("")

    if r.dimensions:
        out += _heading(t("export.dimensions.heading", lang))
        for d in r.dimensions:
            favoured = role_name(d.favoured, lang) if d.favoured else t("export.dimensions.even", lang)
            head = t("export.dimensions.line", lang, name=d.name.get(lang), favoured=favoured,
                     margin=fmt_score(d.margin), answered=d.answered)
            out += wrap_cells(head, WIDTH, "• ", "  ")
            scores = " · ".join(f"{role_name(row.role, lang)} {fmt_score(d.scores.get(row.role, 0.0))}" for row in rows)
            out += wrap_cells(scores, WIDTH, "  ", "  ")
        out.append("")

    out += _heading(t("export.change.heading", lang))
    if not r.what_would_change:
        out += wrap_cells(t("export.change.none", lang))
    for change in r.what_would_change:
        out += wrap_cells(
            t("export.change.for_role", lang, role=role_name(change.role, lang), summary=change.summary.get(lang))
        )
        for c in change.changes:
            out += wrap_cells(c.text.get(lang), WIDTH, "  • ", "    ")
    out.append("")

    if r.quality_flags:
        out += _heading(t("export.flags.heading", lang))
        for flag in r.quality_flags:
            out += wrap_cells(flag.text.get(lang), WIDTH, "• ", "  ")
        out.append("")

    out += _heading(about_heading(r, lang))
    out += wrap_cells(ex.role_summary.get(lang))
    for label, texts in (("export.role.strengths", ex.role_strengths), ("export.role.tips", ex.growth_tips)):
        if texts:
            out += ["", label_only(t(label, lang), lang)]
            for x in texts:
                out += wrap_cells(x.get(lang), WIDTH, "• ", "  ")
    out.append("")

    out += _heading(t("export.model.heading", lang))
    out += wrap_cells(model_line(document, lang))
    out.append("")

    out += _heading(t("export.sources.heading", lang))
    out += wrap_cells(t("export.sources.note", lang))
    for n, source in enumerate(bank.sources, start=1):
        label = f"{source.title.get(lang)} · {source.publisher}"
        if lang != "zh":
            label += f" ({t('export.sources.original', lang, title=source.title.zh)})"
        out += wrap_cells(label, WIDTH, f"{n}. ", "   ")
        out += wrap_cells(source.url, WIDTH, "   ", "   ")
    out.append("")

    out += wrap_cells(labelled(t("export.disclaimer.heading", lang), ex.disclaimer.get(lang), lang))
    out += ["", *wrap_cells(generated_line(document, lang)), ""]
    return "\n".join(out)
