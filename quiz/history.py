"""Past results: one JSON file per finished quiz in the user data folder, kept and listed (nothing else).

Files live in ``data_dir()/history/`` (folder 0700, files 0600), named after the result's creation time
in UTC (``20261123T143005Z.json``). They are the same versioned documents as the JSON export, so any
of them can be re-scored or compared (:mod:`scoring.compare`). Files of schema version 1 are listed too.
A file that cannot be read (bad JSON, NaN scores, a date outside 1970–2200, an unknown version, a FIFO) is
skipped and reported in one line, never fatal; a history folder that cannot be listed is an ``OSError``
(never "no results"). Files are read by the bounded reader and parsed as JSON.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from questions.files import read_text
from questions.loader import LoadError, parse_document
from quiz.storage import atomic_write, data_dir, ensure_dir
from scoring.compare import moment
from scoring.document import AnyDocument, read_document
from scoring.result import ResultDocument

HISTORY_FOLDER = "history"


def history_dir() -> Path:
    """The folder results are kept in (not created here)."""
    return data_dir() / HISTORY_FOLDER


def _stamp(created: datetime) -> str:
    utc = created.astimezone(timezone.utc) if created.tzinfo is not None else created
    return utc.strftime("%Y%m%dT%H%M%SZ")


def _json(document: ResultDocument) -> str:
    from quiz.export.json_format import render_json

    return render_json(document)


def save_result(document: ResultDocument) -> Path:
    """Keep ``document`` in the history folder and return its file; raises ``OSError`` if impossible.

    Saving the same document twice keeps one file. Two different results created in the same second get
    ``-2``, ``-3``… suffixes.
    """
    folder = ensure_dir(history_dir())
    text = _json(document)
    stem = _stamp(document.created)
    n = 1
    while True:
        path = folder / (f"{stem}.json" if n == 1 else f"{stem}-{n}.json")
        try:
            atomic_write(path, text, overwrite=False)
            return path
        except FileExistsError:
            try:  # the same result saved a moment ago? (read bounded: a FIFO there must not hang us)
                if read_text(path) == text:
                    return path
            except LoadError:
                pass
        n += 1


def load_result(path: Path, *, special: bool = True) -> AnyDocument:
    """Read one result JSON (version 1 or 2); a bad file raises :class:`LoadError` naming the file and line.

    ``special=False`` for files found on disk: only regular files are read (``special``: the person named
    this file, so a FIFO or ``/dev/stdin`` is read too).
    """
    return read_document(parse_document(read_text(path, special=special), str(path)))


def _sort_key(entry: tuple[Path, AnyDocument]) -> tuple[float, str]:
    path, document = entry
    return (moment(document.created), path.name)


def list_results(problems: list[str] | None = None) -> list[tuple[Path, AnyDocument]]:
    """Every readable saved result, newest first.

    Unreadable or invalid files are skipped; their one-line errors are appended to ``problems`` when
    given. A missing history folder is an empty history; one that is not a folder or cannot be listed
    raises ``OSError``.
    """
    folder = history_dir()
    try:
        with os.scandir(folder) as listing:
            names = sorted(entry.name for entry in listing if entry.name.endswith(".json"))
    except FileNotFoundError:
        return []
    found: list[tuple[Path, AnyDocument]] = []
    for name in names:
        path = folder / name
        try:
            found.append((path, load_result(path, special=False)))
        except LoadError as exc:
            if problems is not None:
                problems.append(str(exc))
    found.sort(key=_sort_key, reverse=True)
    return found


def latest_before(document: ResultDocument) -> AnyDocument | None:
    """The newest saved result created before ``document`` (None when there is none)."""
    mine = _sort_key((Path(""), document))[0]
    for path, other in list_results():
        if _sort_key((path, other))[0] < mine:
            return other
    return None
