"""Exports of a result: Markdown, JSON, HTML and plain text, in either language.

:func:`render` turns a :class:`~scoring.result.ResultDocument` into the text of one format: the JSON is
the document itself (re-scorable); the others render the one :class:`~scoring.report.Report` built from it;
:func:`write_export` writes it atomically and never replaces an existing file unless told to;
:func:`default_name` gives the timestamped file name offered by the dialog and the CLI.
Each renderer lives in its own module and is imported only when that format is asked for.
"""

from __future__ import annotations

import errno
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from questions.schema import Bank, Lang
    from scoring.report import Report
    from scoring.result import ResultDocument

FORMATS: tuple[str, ...] = ("md", "json", "html", "text")
"""The export formats, in the order the dialog offers them."""

EXTENSIONS: dict[str, str] = {"md": "md", "json": "json", "html": "html", "text": "txt"}
"""File extension per format."""

_ALIASES = {"txt": "text", "markdown": "md", "htm": "html"}


def normalise_format(fmt: str) -> str:
    """The canonical name of ``fmt`` (``txt`` → ``text``); raises ``ValueError`` for an unknown format."""
    name = _ALIASES.get(fmt.lower(), fmt.lower())
    if name not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    return name


def render(document: ResultDocument, fmt: str, lang: Lang, bank: Bank) -> str:
    """The text of ``document`` in format ``fmt`` (md, json, html, text) and language ``lang``."""
    name = normalise_format(fmt)
    if name == "json":
        from quiz.export.json_format import render_json

        return render_json(document)
    from scoring.report import build_report

    return render_report(build_report(document, bank), name, lang)


def render_report(report: Report, fmt: str, lang: Lang) -> str:
    """A report in ``fmt`` (md, html or text)."""
    if fmt == "md":
        from quiz.export.markdown import render_markdown

        return render_markdown(report, lang)
    if fmt == "html":
        from quiz.export.html import render_html

        return render_html(report, lang)
    from quiz.export.text import render_text

    return render_text(report, lang)


def expand(path: str | Path) -> Path:
    """``path`` with ``~`` expanded; an unknown user's home is an ``OSError`` (like any unusable path)."""
    try:
        return Path(path).expanduser()
    except RuntimeError:  # ~nosuchuser: no home folder to expand to
        raise FileNotFoundError(errno.ENOENT, "no home folder for that ~user", str(path)) from None


def write_export(path: Path, text: str, force: bool, *, private: bool = True) -> Path:
    """Write ``text`` to ``path`` atomically and return the path.

    A result is personal: it is written 0600 (narrowed further by the umask); ``private=False`` (a blank
    template) follows the umask. Raises ``FileExistsError`` when the file exists and ``force`` is false,
    ``IsADirectoryError`` for a folder, ``OSError`` when the path cannot be written (missing or read-only
    folder, a file where a folder should be, ...). With ``force`` a FIFO or a device is written directly,
    never replaced by a regular file.
    """
    from quiz.storage import PRIVATE, SHARED, atomic_write

    target = expand(path)
    atomic_write(target, text, mode=PRIVATE if private else SHARED, overwrite=force, special=True)
    return target


def default_name(fmt: str, now: datetime | None = None) -> str:
    """The suggested file name, e.g. ``career-fit-2026-11-23-1430.md`` (local time when ``now`` is None)."""
    stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M")
    return f"career-fit-{stamp}.{EXTENSIONS[normalise_format(fmt)]}"


__all__ = ["EXTENSIONS", "FORMATS", "default_name", "expand", "normalise_format", "render", "render_report",
           "write_export"]
