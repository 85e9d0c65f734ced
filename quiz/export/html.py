"""The HTML export: one self-contained page (inline CSS, no scripts, no external resources) for A4.

Rich's HTML export renders a terminal (a ``<pre>`` of styled spans), which prints as a monospaced block
and cannot reflow on paper; semantic markup with a small print stylesheet reads and prints better, so
the page is built here. Every text that comes from the bank, the answers or the strings table goes
through :func:`e` (``html.escape``); bars are CSS widths computed from numbers, never from text.
"""

from __future__ import annotations

from html import escape

from questions.schema import Bank, Lang
from quiz.export.common import (
    about_heading,
    band_label,
    cite,
    fmt_pct,
    fmt_score,
    generated_line,
    model_line,
    role_name,
    role_rows,
    runner_up,
    when,
)
from quiz.i18n import t
from scoring.result import Point, ResultDocument

HTML_LANG = {"zh": "zh-CN", "en": "en"}

STYLE = """
@page { size: A4; margin: 16mm 15mm; }
:root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --accent: #2f6fad; --soft: #8fb8de;
  --track: #e9eef3; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #fff; color: var(--ink); line-height: 1.6;
  font-family: -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", Arial, sans-serif; }
html:lang(en) body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans",
    "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
main { max-width: 820px; margin: 0 auto; padding: 32px 28px 48px; }
.kicker { margin: 0; color: var(--muted); font-size: .9rem; letter-spacing: .04em; }
h1 { font-size: 1.55rem; line-height: 1.35; margin: .2rem 0 .8rem; }
h2 { font-size: 1.15rem; margin: 1.8rem 0 .7rem; padding-bottom: .2rem; border-bottom: 2px solid var(--line);
  break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1rem; margin: 1.1rem 0 .4rem; break-after: avoid; page-break-after: avoid; }
.meta { display: flex; flex-wrap: wrap; gap: .2rem 1.6rem; margin: 0; color: var(--muted); font-size: .9rem; }
.meta div { display: flex; gap: .4rem; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; }
table { width: 100%; border-collapse: collapse; font-size: .95rem; }
th, td { text-align: left; padding: .45rem .5rem; border-bottom: 1px solid var(--line); vertical-align: middle; }
th { color: var(--muted); font-size: .85rem; font-weight: 600; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.top td { font-weight: 600; }
td.barcell { width: 30%; }
td.name { white-space: nowrap; }
.bar { height: .8rem; min-width: 100px; background: var(--track); border-radius: 3px; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--accent); }
.bar.chance > span { background: var(--soft); }
.note { color: var(--muted); font-size: .85rem; }
.band { display: inline-block; padding: .05rem .65rem; border-radius: 999px; background: #e3effa; color: #1d4f80; }
ul { padding-left: 1.2rem; }
li { margin: .3rem 0; break-inside: avoid; page-break-inside: avoid; }
tr { break-inside: avoid; page-break-inside: avoid; }
.cite { display: block; color: var(--muted); font-size: .85rem; }
.flags { padding: .5rem .9rem; border-left: 4px solid #d69e2e; background: #fff8e6; }
.url { display: block; color: var(--muted); font-size: .85rem; word-break: break-all; }
a { color: var(--accent); }
.disclaimer { margin-top: 2rem; padding: .7rem 1rem; border: 1px solid var(--line); border-radius: 6px;
  background: #f7f9fb; font-size: .9rem; break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 1.2rem; color: var(--muted); font-size: .8rem; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { margin-top: 1.3rem; }
  a { color: inherit; text-decoration: none; }
}
"""


def e(text: str) -> str:
    """Escape ``text`` for HTML element content and attribute values."""
    return escape(text, quote=True)


def _bar(value: float, kind: str, label: str) -> str:
    width = max(0.0, min(100.0, value))
    return (
        f'<div class="bar {kind}" role="img" aria-label="{e(label)}">'
        f'<span style="width: {width:.1f}%"></span></div>'
    )


def _points(points: tuple[Point, ...], lang: Lang, bank: Bank) -> list[str]:
    out = ["<ul>"]
    for p in points:
        src = f'<span class="cite">{e(cite(p.source, lang, bank))}</span>' if p.source is not None else ""
        out.append(f"<li>{e(p.text.get(lang))}{src}</li>")
    out.append("</ul>")
    return out


def render_html(document: ResultDocument, lang: Lang, bank: Bank) -> str:
    """The result as a self-contained HTML page in ``lang``."""
    r = document.result
    ex = r.explanations
    rows = role_rows(r, lang)
    title = t("export.title", lang)
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{HTML_LANG[lang]}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)} · {e(when(document.created))}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        "<header>",
        f'<p class="kicker">{e(title)}</p>',
        f"<h1>{e(ex.headline.get(lang))}</h1>",
        '<dl class="meta">',
        f"<div><dt>{e(t('export.meta.date', lang))}</dt><dd>{e(when(document.created))}</dd></div>",
        f"<div><dt>{e(t('export.meta.bank', lang))}</dt>"
        f"<dd>{e(document.bank.id)} {e(document.bank.version)}</dd></div>",
        f"<div><dt>{e(t('export.meta.answered', lang))}</dt>"
        f"<dd>{e(t('export.meta.answered_value', lang, answered=r.answered, total=r.total))}</dd></div>",
        "</dl>",
        "</header>",
    ]

    out += [
        "<section>",
        f"<h2>{e(t('export.scores.heading', lang))}</h2>",
        '<table class="roles">',
        f'<thead><tr><th class="num">{e(t("export.scores.rank", lang))}</th>'
        f"<th>{e(t('export.scores.role', lang))}</th>"
        f'<th colspan="2">{e(t("export.scores.score", lang))}</th>'
        f'<th colspan="2">{e(t("export.scores.probability", lang))}</th></tr></thead>',
        "<tbody>",
    ]
    for n, row in enumerate(rows):
        place = t("export.scores.place_tied", lang, place=row.place) if row.tied else str(row.place)
        score, chance = fmt_score(row.score), fmt_pct(row.probability)
        row_class = ' class="top"' if n == 0 else ""
        out.append(
            f'<tr{row_class}><td class="num">{e(place)}</td><td class="name">{e(row.name)}</td>'
            f'<td class="barcell">{_bar(row.score, "fit", f"{row.name}: {score} / 100")}</td>'
            f'<td class="num">{e(score)}</td>'
            f'<td class="barcell">{_bar(row.probability * 100, "chance", f"{row.name}: {chance}")}</td>'
            f'<td class="num">{e(chance)}</td></tr>'
        )
    out += ["</tbody>", "</table>", f'<p class="note">{e(t("export.scores.note", lang))}</p>', "</section>"]

    out += [
        "<section>",
        f"<h2>{e(t('export.band.heading', lang))} <span class=\"band\">{e(band_label(r, lang))}</span></h2>",
        f"<p>{e(ex.band_meaning.get(lang))}</p>",
        "</section>",
    ]

    out += [
        "<section>",
        f"<h2>{e(t('export.why.heading', lang))}</h2>",
        f"<h3>{e(t('export.why.evidence', lang))}</h3>",
    ]
    out += _points(ex.evidence, lang, bank) if ex.evidence else [f"<p>{e(t('export.why.none', lang))}</p>"]
    if ex.contrasts:
        heading = t("export.why.contrasts", lang, top=role_name(r.top, lang), other=role_name(runner_up(r), lang))
        out += [f"<h3>{e(heading)}</h3>", *_points(ex.contrasts, lang, bank)]
    out.append("</section>")

    if r.dimensions:
        roles = [row.role for row in rows]
        out += [
            "<section>",
            f"<h2>{e(t('export.dimensions.heading', lang))}</h2>",
            "<table>",
            "<thead><tr>"
            f"<th>{e(t('export.dimensions.dimension', lang))}</th><th>{e(t('export.dimensions.favoured', lang))}</th>"
            f'<th class="num">{e(t("export.dimensions.margin", lang))}</th>'
            + "".join(f'<th class="num">{e(role_name(x, lang))}</th>' for x in roles)
            + f'<th class="num">{e(t("export.dimensions.answered", lang))}</th></tr></thead>',
            "<tbody>",
        ]
        for d in r.dimensions:
            favoured = role_name(d.favoured, lang) if d.favoured else t("export.dimensions.even", lang)
            out.append(
                f"<tr><td>{e(d.name.get(lang))}</td><td>{e(favoured)}</td>"
                f'<td class="num">{e(fmt_score(d.margin))}</td>'
                + "".join(f'<td class="num">{e(fmt_score(d.scores.get(x, 0.0)))}</td>' for x in roles)
                + f'<td class="num">{d.answered}</td></tr>'
            )
        out += ["</tbody>", "</table>", "</section>"]

    out += ["<section>", f"<h2>{e(t('export.change.heading', lang))}</h2>"]
    if not r.what_would_change:
        out.append(f"<p>{e(t('export.change.none', lang))}</p>")
    for change in r.what_would_change:
        line = t("export.change.for_role", lang, role="\x00", summary=change.summary.get(lang))
        before, _, after = line.partition("\x00")
        out.append(f"<p>{e(before)}<strong>{e(role_name(change.role, lang))}</strong>{e(after)}</p>")
        if change.changes:
            out += ["<ul>", *(f"<li>{e(c.text.get(lang))}</li>" for c in change.changes), "</ul>"]
    out.append("</section>")

    if r.quality_flags:
        out += [
            '<section class="flags">',
            f"<h3>{e(t('export.flags.heading', lang))}</h3>",
            "<ul>",
            *(f"<li>{e(flag.text.get(lang))}</li>" for flag in r.quality_flags),
            "</ul>",
            "</section>",
        ]

    out += [
        "<section>",
        f"<h2>{e(about_heading(r, lang))}</h2>",
        f"<p>{e(ex.role_summary.get(lang))}</p>",
    ]
    for label, texts in (("export.role.strengths", ex.role_strengths), ("export.role.tips", ex.growth_tips)):
        if texts:
            out += [f"<h3>{e(t(label, lang))}</h3>", "<ul>", *(f"<li>{e(x.get(lang))}</li>" for x in texts), "</ul>"]
    out.append("</section>")

    out += [
        "<section>",
        f"<h2>{e(t('export.model.heading', lang))}</h2>",
        f'<p class="note">{e(model_line(document, lang))}</p>',
        "</section>",
    ]

    out += [
        "<section>",
        f"<h2>{e(t('export.sources.heading', lang))}</h2>",
        f"<p>{e(t('export.sources.note', lang))}</p>",
        "<ol>",
    ]
    for source in bank.sources:
        original = (
            f" ({e(t('export.sources.original', lang, title=source.title.zh))})" if lang != "zh" else ""
        )
        out.append(
            f'<li><a href="{e(source.url)}">{e(source.title.get(lang))}</a> · {e(source.publisher)}{original}'
            f'<span class="url">{e(source.url)}</span></li>'
        )
    out += ["</ol>", "</section>"]

    out += [
        '<aside class="disclaimer">',
        f"<strong>{e(t('export.disclaimer.heading', lang))}</strong> {e(ex.disclaimer.get(lang))}",
        "</aside>",
        f"<footer>{e(generated_line(document, lang))}</footer>",
        "</main>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)
