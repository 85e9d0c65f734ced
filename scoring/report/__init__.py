"""The report: a result document turned once into titled sections that every surface renders.

See :mod:`scoring.report.model` for its shape and :func:`build_report` for how it is made.
"""

from __future__ import annotations

from scoring.report.build import build_report
from scoring.report.model import BarRow, Cell, Entry, Report, Section, SectionKey, Table

__all__ = ["BarRow", "Cell", "Entry", "Report", "Section", "SectionKey", "Table", "build_report"]
