"""The Markdown export: readable raw in a terminal and rendered (tables plus text bars in a code block)."""

from __future__ import annotations

import re

from questions.schema import Bank, Lang
from quiz.export.common import (
    about_heading,
    band_label,
    bar,
    cite,
    fmt_pct,
    fmt_score,
    generated_line,
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

_SPECIAL = re.compile(r"([\\`*\[\]<>|#]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
"""Markup characters; an underscore inside a word (``career_fit``) is not emphasis, so it stays as is."""


def md(text: str) -> str:
    """Escape the characters Markdown would read as markup or table structure, and join lines."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _link_target(url: str) -> str:
    return f"<{url}>" if any(c in url for c in " ()<>") else url


def _point(point: Point, lang: Lang, bank: Bank) -> list[str]:
    lines = [f"- {md(point.text.get(lang))}"]
    if point.source is not None:
        lines.append(f"  — {md(cite(point.source, lang, bank))}")
    return lines


def render_markdown(document: ResultDocument, lang: Lang, bank: Bank) -> str:
    """The result as a Markdown document in ``lang``."""
    r = document.result
    ex = r.explanations
    rows = role_rows(r, lang)
    out: list[str] = [f"# {t('export.title', lang)}", "", f"**{md(ex.headline.get(lang))}**", ""]
    out += [
        "- " + labelled(t("export.meta.date", lang), when(document.created), lang),
        "- " + labelled(t("export.meta.bank", lang), f"`{document.bank.id}` {document.bank.version}", lang),
        "- " + labelled(t("export.meta.answered", lang),
                        t("export.meta.answered_value", lang, answered=r.answered, total=r.total), lang),
        "",
    ]

    # Scores: a table for rendered views, aligned bars in a code block for the raw text.
    out += [f"## {t('export.scores.heading', lang)}", ""]
    out.append(
        f"| {t('export.scores.rank', lang)} | {t('export.scores.role', lang)} | {t('export.scores.score', lang)} "
        f"| {t('export.scores.probability', lang)} |"
    )
    out.append("| ---: | --- | ---: | ---: |")
    for row in rows:
        place = t("export.scores.place_tied", lang, place=row.place) if row.tied else str(row.place)
        out.append(f"| {place} | {row.name} | {fmt_score(row.score)} | {fmt_pct(row.probability)} |")
    name_w = widest([row.name for row in rows])
    out += ["", "```text"]
    for row in rows:
        out.append(
            f"{pad(row.name, name_w)}  {bar(row.score, 20)}  {pad_left(fmt_score(row.score), 3)}"
            f"  {pad_left(fmt_pct(row.probability), 4)}"
        )
    out += ["```", "", md(t("export.scores.note", lang)), ""]

    out += [f"## {labelled(t('export.band.heading', lang), band_label(r, lang), lang)}", "",
            md(ex.band_meaning.get(lang)), ""]

    out += [f"## {t('export.why.heading', lang)}", "", f"### {t('export.why.evidence', lang)}", ""]
    for point in ex.evidence:
        out += _point(point, lang, bank)
    if not ex.evidence:
        out.append(t("export.why.none", lang))
    if ex.contrasts:
        heading = t(
            "export.why.contrasts", lang, top=role_name(r.top, lang), other=role_name(runner_up(r), lang)
        )
        out += ["", f"### {heading}", ""]
        for point in ex.contrasts:
            out += _point(point, lang, bank)
    out.append("")

    if r.dimensions:
        roles = [row.role for row in rows]
        out += [f"## {t('export.dimensions.heading', lang)}", ""]
        head = [t("export.dimensions.dimension", lang), t("export.dimensions.favoured", lang),
                t("export.dimensions.margin", lang), *(role_name(x, lang) for x in roles),
                t("export.dimensions.answered", lang)]
        out.append("| " + " | ".join(head) + " |")
        out.append("| --- | --- | ---: | " + " | ".join("---:" for _ in roles) + " | ---: |")
        for d in r.dimensions:
            favoured = role_name(d.favoured, lang) if d.favoured else t("export.dimensions.even", lang)
            cells = [md(d.name.get(lang)), favoured, fmt_score(d.margin),
                     *(fmt_score(d.scores.get(x, 0.0)) for x in roles), str(d.answered)]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")

    out += [f"## {t('export.change.heading', lang)}", ""]
    if not r.what_would_change:
        out += [t("export.change.none", lang), ""]
    for change in r.what_would_change:
        line = t("export.change.for_role", lang, role=f"**{role_name(change.role, lang)}**",
                 summary=md(change.summary.get(lang)))
        out += [line, ""]
        out += [f"- {md(c.text.get(lang))}" for c in change.changes]
        out.append("")

    if r.quality_flags:
        out += [f"## {t('export.flags.heading', lang)}", ""]
        out += [f"- {md(flag.text.get(lang))}" for flag in r.quality_flags]
        out.append("")

    out += [f"## {about_heading(r, lang)}", "", md(ex.role_summary.get(lang)), ""]
    if ex.role_strengths:
        out += [f"**{t('export.role.strengths', lang)}**", ""]
        out += [f"- {md(s.get(lang))}" for s in ex.role_strengths]
        out.append("")
    if ex.growth_tips:
        out += [f"**{t('export.role.tips', lang)}**", ""]
        out += [f"- {md(s.get(lang))}" for s in ex.growth_tips]
        out.append("")

    out += [f"## {t('export.model.heading', lang)}", "", md(model_line(document, lang)), ""]

    out += [f"## {t('export.sources.heading', lang)}", "", t("export.sources.note", lang), ""]
    for n, source in enumerate(bank.sources, start=1):
        line = f"{n}. [{md(source.title.get(lang))}]({_link_target(source.url)}) · {md(source.publisher)}"
        if lang != "zh":
            line += f" ({md(t('export.sources.original', lang, title=source.title.zh))})"
        out.append(line)
    notice = labelled(f"**{t('export.disclaimer.heading', lang)}**", md(ex.disclaimer.get(lang)), lang)
    out += ["", "---", "", f"> {notice}", ""]
    out += [f"*{md(generated_line(document, lang))}*", ""]
    return "\n".join(out)
