"""The HTML rendering of a report: one self-contained page (inline CSS, no scripts, no external resources).

Rich's HTML export renders a terminal (a ``<pre>`` of styled spans), which prints as a monospaced block
and cannot reflow on paper; semantic markup with a small print stylesheet reads and prints better, so
the page is built here. Every text goes through :func:`e` (``html.escape``); bars are CSS widths computed
from numbers, never from text.
"""

from __future__ import annotations

from html import escape

from questions.schema import Lang
from scoring.report import BarRow, Entry, Report, Section, Table

HTML_LANG = {"zh": "zh-CN", "en": "en"}

STYLE = """
@page { size: A4; margin: 16mm 15mm; }
:root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --accent: #2f6fad;
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
tr.lead td { font-weight: 600; }
.measure { margin: .25rem 0; }
.measure:last-of-type { color: var(--muted); font-size: .9rem; }
td.barcell { width: 30%; }
td.name { white-space: nowrap; }
.bar { height: .8rem; min-width: 100px; background: var(--track); border-radius: 3px; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--accent); }
.note { color: var(--muted); font-size: .85rem; }
ul { padding-left: 1.2rem; }
li { margin: .3rem 0; break-inside: avoid; page-break-inside: avoid; }
tr { break-inside: avoid; page-break-inside: avoid; }
.cite { display: block; color: var(--muted); font-size: .85rem; }
.caution { padding: .2rem .9rem .5rem; border-left: 4px solid #d69e2e; background: #fff8e6; }
section ul ul { margin: .2rem 0; }
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


def _bar(value: float, label: str) -> str:
    width = max(0.0, min(100.0, value))
    return (f'<div class="bar" role="img" aria-label="{e(label)}">'
            f'<span style="width: {width:.1f}%"></span></div>')


def _bars(rows: tuple[BarRow, ...], lang: Lang) -> list[str]:
    from quiz.i18n import t

    chances = any(r.chance is not None for r in rows)
    head = (f'<thead><tr><th class="num">{e(t("report.scores.place", lang))}</th>'
            f'<th>{e(t("report.scores.role", lang))}</th><th colspan="2">{e(t("report.scores.score", lang))}</th>'
            + (f'<th class="num">{e(t("report.scores.chance", lang))}</th>' if chances else "") + "</tr></thead>")
    out = ['<table class="roles">', head, "<tbody>"]
    for r in rows:
        name = r.name.get(lang)
        chance = f'<td class="num">{e(r.chance or "")}</td>' if chances else ""
        attrs = ' class="lead"' if r.lead else ""
        out.append(f'<tr{attrs}><td class="num">{e(r.place)}</td>'
                   f'<td class="name">{e(name)}</td><td class="barcell">{_bar(r.value, f"{name}: {r.value_text}")}</td>'
                   f'<td class="num">{e(r.value_text)}</td>{chance}</tr>')
    return [*out, "</tbody>", "</table>"]


def _table(table: Table, lang: Lang) -> list[str]:
    def cell(tag: str, numeric: bool, text: str) -> str:
        attrs = ' class="num"' if numeric else ""
        return f"<{tag}{attrs}>{e(text)}</{tag}>"

    out = ["<table>", "<thead><tr>" + "".join(cell("th", c.numeric, c.text.get(lang)) for c in table.header)
           + "</tr></thead>", "<tbody>"]
    out += ["<tr>" + "".join(cell("td", c.numeric, c.text.get(lang)) for c in row) + "</tr>" for row in table.rows]
    return [*out, "</tbody>", "</table>"]


def _entry(entry: Entry, lang: Lang) -> str:
    text = e(entry.text.get(lang))
    if entry.url is not None:
        text = f'<a href="{e(entry.url)}">{text}</a><span class="url">{e(entry.url)}</span>'
    cites = "".join(f'<span class="cite">{e(c.get(lang))}</span>' for c in entry.cites)
    sub = "<ul>" + "".join(f"<li>{e(x.get(lang))}</li>" for x in entry.sub) + "</ul>" if entry.sub else ""
    return f"<li>{text}{cites}{sub}</li>"


def _section(section: Section, lang: Lang) -> list[str]:
    tag = f"h{section.level}"
    out = [f'<section class="{section.key}{" caution" if section.caution else ""}">',
           f"<{tag}>{e(section.title.get(lang))}</{tag}>"]
    out += [f"<p>{e(p.get(lang))}</p>" for p in section.paragraphs]
    if section.bars:
        out += _bars(section.bars, lang)
    if section.table is not None:
        out += _table(section.table, lang)
    if section.entries:
        out += ["<ul>", *(_entry(x, lang) for x in section.entries), "</ul>"]
    if section.note is not None:
        out.append(f'<p class="note">{e(section.note.get(lang))}</p>')
    return [*out, "</section>"]


def render_html(report: Report, lang: Lang) -> str:
    """``report`` as a self-contained HTML page in ``lang``."""
    title = report.title.get(lang)
    out = [
        "<!DOCTYPE html>", f'<html lang="{HTML_LANG[lang]}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)} · {e(report.meta[0][1].get(lang))}</title>", f"<style>{STYLE}</style>", "</head>",
        "<body>", "<main>", "<header>", f'<p class="kicker">{e(title)}</p>',
        f"<h1>{e(report.headline.get(lang))}</h1>",
        *(f'<p class="measure">{e(m.get(lang))}</p>' for m in report.measures),
        '<dl class="meta">',
        *(f"<div><dt>{e(k.get(lang))}</dt><dd>{e(v.get(lang))}</dd></div>" for k, v in report.meta),
        "</dl>", "</header>",
    ]
    for section in report.sections:
        out += _section(section, lang)
    out += [
        '<aside class="disclaimer">',
        f"<strong>{e(report.disclaimer_label.get(lang))}</strong> {e(report.disclaimer.get(lang))}",
        "</aside>", f"<footer>{e(report.footer.get(lang))}</footer>", "</main>", "</body>", "</html>", "",
    ]
    return "\n".join(out)
