"""Exports in a browser: a download through Textual's delivery API, never a file on the server's disk.

The export dialog calls :func:`browser_download` when the app runs in a browser (``app.is_web``); in a
terminal it keeps writing files as before. Only the file *name* the person typed is used, cleaned to
letters, digits, ``.``, ``_`` and ``-`` (a visitor cannot name a place on the server, and the name is
safe in an HTTP header).
"""

from __future__ import annotations

import io
import re
from pathlib import Path, PurePath
from typing import Any

from textual.app import App

MIME_TYPES = {
    ".md": "text/markdown",
    ".json": "application/json",
    ".html": "text/html",
    ".htm": "text/html",
    ".txt": "text/plain",
}
"""The type each export extension is delivered as (anything else: text/plain)."""

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def download_name(typed: str, fallback: str = "career-fit-export.txt") -> str:
    """The last part of ``typed``, with every run of other characters replaced by ``-``."""
    name = _UNSAFE.sub("-", PurePath(typed.replace("\\", "/")).name).strip(".-")
    return name or fallback


def browser_download(app: App[Any], typed: str, text: str) -> Path:
    """Send ``text`` to the visitor's browser as a download named after ``typed``; returns the name used
    (a bare relative name: nothing is written on the server)."""
    name = download_name(typed)
    mime = MIME_TYPES.get(PurePath(name).suffix.lower(), "text/plain")
    app.deliver_text(io.StringIO(text), save_filename=name, open_method="download", encoding="utf-8", mime_type=mime)
    return Path(name)
