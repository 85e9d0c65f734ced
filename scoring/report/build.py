"""Build the :class:`~scoring.report.model.Report` of a result document: the one place that decides what a
person reads, in which order, with which numbers and citations."""

from __future__ import annotations

from questions.schema import Bank, RoleId, Text
from scoring.catalog import Catalog, result_strings
from scoring.citations import comparing
from scoring.report.model import Entry, Report, Section
from scoring.report.parts import bars, cite, dimension_table, point_entry, source_entries, when
from scoring.result import Result, ResultDocument
from scoring.wording import fill, role_list, role_name

NAMED = ("single", "hybrid")
"""Shapes whose headline names roles."""


def _t(text: str) -> Text:
    return Text(zh=text, en=text)


def _scores(s: Catalog, bank: Bank, r: Result) -> Section | None:
    if r.profile.shape == "insufficient":
        return None
    chances = r.profile.shape != "low_interest"
    note = s.text("report.scores.note" if chances else "report.scores.note_low")
    return Section(key="scores", title=s.text("report.scores.title"), bars=bars(bank, r, chances), note=note)


def _profile(s: Catalog, bank: Bank, r: Result) -> Section:
    shape = r.profile
    if shape.shape == "insufficient":
        title = s.text("report.profile.title_insufficient")
    else:
        title = fill(s, "report.profile.title", shape=s.text(f"shape.{shape.shape}"))
    paragraphs = [r.explanations.profile]
    entries: list[Entry] = []
    if shape.shape == "hybrid":
        pair = bank.pair(*shape.roles)
        if pair is not None:
            cites = tuple(fill(s, "report.cite.article", cites=cite(s, bank, c)) for c in pair.sources)
            entries.append(Entry(text=pair.description, cites=cites))
            entries.append(Entry(text=fill(s, "report.profile.titles", titles=pair.titles)))
    return Section(key="profile", title=title, paragraphs=tuple(paragraphs), entries=tuple(entries))


def _why(s: Catalog, bank: Bank, r: Result) -> list[Section]:
    ex = r.explanations
    if r.profile.shape == "insufficient":
        return []
    out = [Section(key="why", title=s.text("report.why.title"),
                   entries=tuple(point_entry(s, bank, p, "report.cite.item") for p in ex.evidence))]
    if ex.contrasts:
        a, b = r.ranking[0], r.ranking[1]
        title = fill(s, "report.contrasts.title", a=role_name(bank, a, False), b=role_name(bank, b))
        note = () if comparing(bank, a, b) else (fill(s, "report.contrasts.no_article", a=role_name(bank, a),
                                                      b=role_name(bank, b)),)
        out.append(Section(key="contrasts", title=title, level=3, paragraphs=note,
                           entries=tuple(point_entry(s, bank, p, "report.cite.article") for p in ex.contrasts)))
    return out


def _firmness(s: Catalog, r: Result) -> Section | None:
    if r.profile.shape != "single":
        return None
    title = s.text("report.firmness.title")
    if not r.what_would_change:
        return Section(key="firmness", title=title, paragraphs=(s.text("report.firmness.firm"),))
    entries = tuple(Entry(text=w.summary, sub=tuple(c.text for c in w.changes)) for w in r.what_would_change)
    return Section(key="firmness", title=title, entries=entries, note=s.text("report.firmness.note"))


def _about(s: Catalog, bank: Bank, r: Result) -> list[Section]:
    shape = r.profile
    # Roles the headline names, in its order; otherwise all three in the bank's order (no role put first).
    roles: tuple[RoleId, ...] = shape.roles if shape.shape in NAMED else tuple(x.id for x in bank.roles)
    if len(roles) == 1:
        title = fill(s, "report.about.one", role=role_name(bank, roles[0], False))
        paragraphs: tuple[Text, ...] = (bank.role(roles[0]).summary,)
    else:
        title = (fill(s, "report.about.many", roles=role_list(s, bank, roles)) if len(roles) == 2
                 else s.text("report.about.all"))
        paragraphs = tuple(fill(s, "explain.role_lead", Role=role_name(bank, x, False), text=bank.role(x).summary)
                           for x in roles)
    out = [Section(key="about", title=title, paragraphs=paragraphs)]
    ex = r.explanations
    if ex.role_strengths:
        out.append(Section(key="strengths", title=s.text("report.about.strengths"), level=3,
                           entries=tuple(Entry(text=x) for x in ex.role_strengths)))
    if ex.growth_tips:
        out.append(Section(key="tips", title=s.text("report.about.tips"), level=3,
                           entries=tuple(Entry(text=x) for x in ex.growth_tips), note=s.text("report.about.tips_note")))
    return out


def _meta(s: Catalog, document: ResultDocument) -> tuple[tuple[Text, Text], ...]:
    r = document.result
    meta = [
        (s.text("report.meta.date"), _t(when(document.created))),
        (s.text("report.meta.bank"), _t(f"{document.bank.id} {document.bank.version}")),
        (s.text("report.meta.answered"), fill(s, "report.meta.answered_value", answered=r.answered, total=r.total)),
    ]
    if r.form.mode == "adaptive":
        meta.append((s.text("report.meta.form"), fill(s, "report.meta.form_short", asked=r.form.asked)))
    return tuple(meta)


def _answered_line(s: Catalog, r: Result) -> Text:
    """How many questions were answered (and, for the short form, asked) under the headline."""
    if r.form.mode == "adaptive":
        return fill(s, "report.meta.answered_line_short", asked=r.form.asked, answered=r.answered, total=r.total)
    return fill(s, "report.meta.answered_line", answered=r.answered, total=r.total)


def build_report(document: ResultDocument, bank: Bank, strings: Catalog | None = None) -> Report:
    """The report of ``document``, with names and texts from ``bank`` (the bank it was scored with)."""
    s = strings if strings is not None else result_strings()
    r = document.result
    ex = r.explanations
    measures = tuple(x for x in (ex.strength, ex.certainty) if x is not None)
    if measures:
        measures += (s.text("report.measures.note"),)
    sections: list[Section | None] = [_scores(s, bank, r), _profile(s, bank, r), *_why(s, bank, r)]
    if r.profile.shape != "insufficient":
        sections.append(Section(key="dimensions", title=s.text("report.dims.title"),
                                table=dimension_table(s, bank, r.dimensions)))
    sections.append(_firmness(s, r))
    if r.quality_flags and r.profile.shape != "insufficient":  # no result to read with care yet
        sections.append(Section(key="flags", title=s.text("report.flags.title"), caution=True,
                                entries=tuple(Entry(text=f.text) for f in r.quality_flags)))
    sections += _about(s, bank, r)
    sections.append(Section(key="numbers", title=s.text("report.numbers.title"),
                            paragraphs=(s.text("report.numbers.text"),)))
    sections.append(Section(key="sources", title=s.text("report.sources.title"),
                            paragraphs=(s.text("report.sources.note"),), entries=source_entries(s, bank)))
    return Report(
        title=s.text("report.title"),
        headline=ex.headline,
        measures=measures,
        meta=_meta(s, document),
        sections=tuple(x for x in sections if x is not None),
        disclaimer_label=s.text("report.disclaimer"),
        disclaimer=ex.disclaimer,
        footer=fill(s, "report.footer", date=when(document.created), bank=document.bank.id,
                    version=document.bank.version),
        answered_line=_answered_line(s, r),
    )
