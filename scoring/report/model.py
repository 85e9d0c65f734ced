"""The report model: a result turned once into titled sections of bilingual text, numbers and citations.

Every surface (the results screen, text, Markdown, HTML) renders a :class:`Report` with a thin renderer
that only lays it out: the words, the order, the numbers as shown and the citations are all decided here.
No Textual, no markup: renderers escape every text for their own format.
"""

from __future__ import annotations

from typing import Literal

from questions.schema import RoleId, Text
from scoring.result import Model, Number

SectionKey = Literal[
    "scores", "profile", "why", "contrasts", "dimensions", "firmness", "flags", "about", "strengths", "tips",
    "numbers", "sources",
]


class Entry(Model):
    """One bullet: a text, the citations it draws on, sub-points, and a link where it names a web page."""

    text: Text
    cites: tuple[Text, ...] = ()
    """Citation lines, e.g. "题目出处：《…》四、工作重心的区别"."""
    sub: tuple[Text, ...] = ()
    url: str | None = None
    """A web address the entry's text names (sources); renderers link or print it."""


class Cell(Model):
    """One table cell."""

    text: Text
    numeric: bool = False


class Table(Model):
    """A small table: a header row and rows of the same length."""

    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]


class BarRow(Model):
    """One role on the scores chart: place, name, a bar for the interest score, and the chance of being first."""

    role: RoleId
    place: str
    """"1", "2", "3", "=1" for a place shared with another role, or "" where the roles are not ranked."""
    name: Text
    value: Number
    """Interest score 0–100: the bar's length."""
    value_text: str
    chance: str | None
    """The chance of being first as shown ("64%"); None where the report does not show it."""
    lead: bool
    """A role the headline names (drawn in bold)."""


class Section(Model):
    """A titled part of the report; ``level`` 3 is a sub-section of the section before it."""

    key: SectionKey
    title: Text
    level: Literal[2, 3] = 2
    paragraphs: tuple[Text, ...] = ()
    bars: tuple[BarRow, ...] = ()
    table: Table | None = None
    entries: tuple[Entry, ...] = ()
    note: Text | None = None
    """Small print after the section's content."""
    caution: bool = False
    """A section to read with care (quality flags)."""


class Report(Model):
    """A whole result as the person reads it."""

    title: Text
    headline: Text
    measures: tuple[Text, ...]
    """Under the headline: the strength of preference, how reliable the ranking is, and what the two mean."""
    meta: tuple[tuple[Text, Text], ...]
    """Label and value: date, question bank, answers, form."""
    sections: tuple[Section, ...]
    disclaimer_label: Text
    disclaimer: Text
    footer: Text
    answered_line: Text
    """"已答 40 / 45 题", for the screen."""

    def section(self, key: SectionKey) -> Section | None:
        """The section ``key``, if the report has it."""
        return next((s for s in self.sections if s.key == key), None)
