"""Pieces of the report: citations, the scores chart, the dimension table, the sources."""

from __future__ import annotations

from datetime import datetime

from questions.schema import ROLE_IDS, Bank, Citation, RoleId, Source, Text
from scoring.catalog import Catalog
from scoring.compare import places
from scoring.report.model import BarRow, Cell, Entry, Table
from scoring.result import DimensionResult, Point, Result
from scoring.wording import fill, percent, whole


def cite(s: Catalog, bank: Bank, citation: Citation) -> Text:
    """A citation with its combined sections, e.g. ``《标题》四、工作重心的区别；《…》三、…``."""
    sources = {x.id: x for x in bank.sources}
    parts: list[Text] = []
    for one in citation.all():
        src = sources.get(one.article)
        title = src.title if src is not None else Text(zh=one.article, en=one.article)
        section = _original(s, src, one.section, "report.cite.section")
        if one.question is not None:
            question = _original(s, src, one.question, "report.cite.faq_question")
            parts.append(fill(s, "report.cite.question", title=title, section=section, question=question))
        else:
            parts.append(fill(s, "report.cite.one", title=title, section=section))
    joined = parts[0]
    for part in parts[1:]:
        joined = fill(s, "report.cite.two", a=joined, b=part)
    return joined


def _original(s: Catalog, src: Source | None, original: str, fallback: str) -> Text:
    """A heading or FAQ question of a (Chinese) article: verbatim in Chinese; in English, the bank's English
    rendering, or the original inside the ``fallback`` string when the bank gives none."""
    english = src.in_english(original) if src is not None else None
    return Text(zh=original, en=english if english is not None else s.get(fallback, "en", text=original))


def point_entry(s: Catalog, bank: Bank, point: Point, label: str) -> Entry:
    """An explanation point as a bullet, its citations led by ``label`` (a catalog key)."""
    cites = tuple(fill(s, label, cites=cite(s, bank, c)) for c in (point.source, *point.also) if c is not None)
    return Entry(text=point.text, cites=cites)


def shown_places(result: Result) -> dict[RoleId, str]:
    """The place shown for each role: 1, 2, 3, or "=2" when shared."""
    where = places(result.ranking, result.tied)
    shared = {r for g in result.tied if len(g) > 1 for r in g}
    return {r: f"={p}" if r in shared else str(p) for r, p in where.items()}


def bars(bank: Bank, result: Result, chances: bool) -> tuple[BarRow, ...]:
    """The three roles in ranking order, with interest score and (if ``chances``) the chance of being first."""
    place = shown_places(result) if chances else dict.fromkeys(result.ranking, "")  # unranked when not compared
    lead = set(result.profile.roles) if result.profile.shape in ("single", "hybrid") else set()
    return tuple(
        BarRow(role=r, place=place[r], name=bank.role(r).name, value=max(0.0, min(100.0, result.scores[r])),
               value_text=whole(result.scores[r]), chance=percent(result.probabilities[r]) if chances else None,
               lead=r in lead)
        for r in result.ranking
    )


def dimension_table(s: Catalog, bank: Bank, dims: tuple[DimensionResult, ...]) -> Table:
    """Per dimension: the role the answers favoured, by how much, each role's score, and answers given.

    A dimension nobody answered says so instead of showing zeros; so does a role without answers in it.
    """
    roles: tuple[RoleId, ...] = ROLE_IDS
    header = (Cell(text=s.text("report.dims.dimension")), Cell(text=s.text("report.dims.favoured")),
              Cell(text=s.text("report.dims.margin"), numeric=True),
              *(Cell(text=bank.role(r).name, numeric=True) for r in roles),
              Cell(text=s.text("report.dims.answered"), numeric=True))
    dash = Text(zh="—", en="—")
    rows = []
    for d in dims:
        if d.answered == 0:
            favoured, margin = s.text("report.dims.unanswered"), dash
        elif d.favoured is None:
            favoured, margin = s.text("report.dims.even"), dash
        else:
            # The lead as the two shown scores differ (each rounded on its own), never a third rounding.
            runner = max(int(whole(d.scores[r])) for r in d.answered_roles if r != d.favoured)
            favoured, margin = bank.role(d.favoured).name, _plain(str(int(whole(d.scores[d.favoured])) - runner))
        scores = [Cell(text=_plain(whole(d.scores[r])) if r in d.answered_roles else dash, numeric=True)
                  for r in roles]
        rows.append((Cell(text=d.name), Cell(text=favoured), Cell(text=margin, numeric=True), *scores,
                     Cell(text=_plain(str(d.answered)), numeric=True)))
    return Table(header=header, rows=tuple(rows))


def _plain(text: str) -> Text:
    return Text(zh=text, en=text)


def source_entries(s: Catalog, bank: Bank) -> tuple[Entry, ...]:
    """The bank's articles: title and publisher (with the original title in English), linked to the URL."""
    out = []
    for source in bank.sources:
        text = fill(s, "report.sources.entry", title=source.title, publisher=source.publisher)
        original = s.get("report.sources.original", "en", title=source.title.zh)
        out.append(Entry(text=Text(zh=text.zh, en=f"{text.en} ({original})"), url=source.url))
    return tuple(out)


def when(moment: datetime) -> str:
    """A date and time for people: local time when the moment carries a time zone."""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return local.strftime("%Y-%m-%d %H:%M")
