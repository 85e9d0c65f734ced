"""Who is who when the quiz is served: one private folder per browser, and how long it is kept.

The page keeps a random token in the browser's ``localStorage`` and sends it when it connects. The
token names the visitor's folder (through a hash, so a folder listing does not reveal tokens a browser
could present), and that folder is the data folder of the app process the visitor talks to: their saved
progress and past results live there and nowhere else. A folder untouched for :data:`KEEP_DAYS` days is
deleted. Nothing here imports Textual or aiohttp.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

KEEP_DAYS = 30
"""A visitor folder whose newest file is older than this many days is deleted."""

TOKEN = re.compile(r"[A-Za-z0-9_-]{22,64}")
"""What a browser's token must look like (the page sends 22 characters: 128 random bits, base64url)."""

_FOLDER = re.compile(r"[0-9a-f]{32}")
"""What a visitor folder's name looks like; anything else under the served root is never touched."""


def served_root() -> Path:
    """Where visitors' folders live: ``<career-fit data folder>/served`` (not created here)."""
    from quiz.storage import data_dir

    return data_dir() / "served"


def valid_token(token: str) -> bool:
    """Whether ``token`` has the shape the page sends (anything else is refused, never used as a name)."""
    return TOKEN.fullmatch(token) is not None


def folder_name(token: str) -> str:
    """The folder name for ``token``: 32 hex digits of its SHA-256."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()[:32]


def visitor_folder(root: Path, token: str) -> Path:
    """Create (0700) and return the private folder of the browser holding ``token``, touching it.

    Raises ``ValueError`` for a malformed token and ``OSError`` when the folder cannot be made.
    """
    if not valid_token(token):
        raise ValueError("malformed visitor token")
    _private_dir(root)
    folder = root / folder_name(token)
    _private_dir(folder)
    os.utime(folder)  # in use now: the clean-up measures age from the newest time inside
    return folder


def _private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:
        path.chmod(0o700)


def newest_time(folder: Path) -> float:
    """The latest modification time of ``folder`` or anything inside it."""
    newest = folder.stat().st_mtime
    for base, dirs, files in os.walk(folder):
        for name in (*dirs, *files):
            try:
                newest = max(newest, os.lstat(os.path.join(base, name)).st_mtime)
            except OSError:
                continue
    return newest


def expired(root: Path, keep_days: float = KEEP_DAYS, now: float | None = None) -> Iterator[Path]:
    """Visitor folders under ``root`` untouched for more than ``keep_days`` days."""
    limit = (time.time() if now is None else now) - keep_days * 86400
    try:
        entries = list(root.iterdir())
    except OSError:
        return
    for entry in entries:
        if not _FOLDER.fullmatch(entry.name) or entry.is_symlink() or not entry.is_dir():
            continue
        try:
            if newest_time(entry) < limit:
                yield entry
        except OSError:
            continue


def clean_up(
    root: Path, keep_days: float = KEEP_DAYS, keep: frozenset[str] = frozenset(), now: float | None = None
) -> int:
    """Delete expired visitor folders (except those named in ``keep``, in use); returns how many went."""
    removed = 0
    limit = (time.time() if now is None else now) - keep_days * 86400
    for folder in expired(root, keep_days, now):
        try:
            if folder.name in keep or newest_time(folder) >= limit:  # again: a visitor may just have come back
                continue
        except OSError:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed += not folder.exists()
    return removed
