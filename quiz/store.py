"""The save file of a quiz: one save per bank id, one writer per save, nothing newer ever replaced.

:class:`SessionStore` reads and writes a :class:`~quiz.session.Session` as JSON in the user data folder,
through the bounded reader (:mod:`questions.files`, :mod:`questions.jsonfile`) and the one atomic writer
(:mod:`quiz.storage`). Where the save lives, its lock and what it was when last seen are
:mod:`quiz.savefile`'s. A file that cannot be used is renamed aside (never overwritten first) and reported
in one line. Nothing here imports Textual.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from questions.errors import LoadError, UnreadableFile
from questions.files import decode, read_file
from questions.jsonfile import parse_json
from questions.schema import Bank
from quiz import storage
from quiz.clock import utcnow
from quiz.savefile import (
    MAIN_BANK_ID,
    SESSION_FILE,
    SaveLock,
    Seen,
    copy_aside,
    remove_leftovers,
    save_path,
    valid_bank_id,
)
from quiz.session import MAX_SESSION_BYTES, LoadOutcome, Notice, Session, reconcile


class SaveConflict(PermissionError):
    """The save changed since this window read or wrote it (another window or program): never overwritten."""


CONFLICT = "the save was changed by another career-fit window or program; it is left as it is"


class SessionStore:
    """Reads and writes a quiz's save file (JSON, mode 0600, folder 0700).

    One save per bank id and one writer per save (see :mod:`quiz.savefile`): :meth:`start`, what a quiz
    window calls, takes the save's lock before reading it; every :meth:`save` and :meth:`clear` first checks
    that the file is still the one this window last read or wrote. Tools and tests may :meth:`load` and
    :meth:`save` without a lock; the check still applies once the store has read or written the file.
    """

    def __init__(self, path: Path | None = None, now: Callable[[], datetime] = utcnow) -> None:
        self.main = path if path is not None else storage.data_dir() / SESSION_FILE
        """The shipped bank's save; other banks' saves are named after it."""
        self.path = self.main
        """The save in use: that of the bank last loaded or of the session last saved."""
        self._now = now
        self.blocked: str | None = None
        """Why saving is impossible (a file we could not move aside, a save another window owns or changed);
        None when saving may go ahead."""
        self._lock: SaveLock | None = None
        self._run = False
        self._seen: Seen | None = None
        self._known = False
        """Whether :attr:`_seen` says what :attr:`path` was when last read or written here."""
        self._raw = b""

    # ------------------------------------------------------------------ a quiz window's save

    def start(self, bank: Bank, *, fresh: bool = False) -> LoadOutcome:
        """Take the save of ``bank`` for this window, then load it (with ``fresh``: keep a copy aside and
        start empty). When another window holds it, nothing is read or written: ``in_use`` is set."""
        self._run = True
        self.path = save_path(self.main, bank.id)
        holder = self._claim()
        if holder is not None:
            return LoadOutcome(None, Notice("session.in_use", {"pid": holder or "?"}), in_use=True)
        outcome = self.load(bank)
        if fresh and outcome.session is not None:
            try:
                copy = copy_aside(self.path, self._raw, "fresh", self._now())
            except OSError as exc:
                self.blocked = exc.strerror or str(exc)
                return LoadOutcome(None, Notice("session.unusable", {"path": str(self.path), "reason": self.blocked}))
            return LoadOutcome(None, Notice("session.fresh_copied",
                                            {"path": str(copy), "answered": len(outcome.session.answers)}))
        return outcome

    def _claim(self) -> int | None:
        """Take the lock of :attr:`path` if its folder exists; the holder's process id when another has it."""
        if (self._lock is not None and self._lock.held) or not self.path.parent.is_dir():
            return None
        lock = SaveLock(self.path)
        holder = lock.acquire()
        if holder is not None:
            self.blocked = "the quiz is open in another window"
            return holder
        if lock.held:
            self._lock = lock
            remove_leftovers(self.path)
        return None

    def release(self) -> None:
        """Let another window have the save (when the quiz ends; the system does it if the process dies)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # ------------------------------------------------------------------ reading

    def load(self, bank: Bank) -> LoadOutcome:
        """The saved session of ``bank`` fitted to it, or None; unusable files are kept aside and reported.

        A save from another version of the same bank keeps its answers that still fit (see
        :func:`reconcile`). A save of another bank found in the shipped bank's file (where releases before
        one save per bank wrote every bank's) is moved to that bank's own file first.
        """
        self.path = save_path(self.main, bank.id)
        moved = self._move_other_bank(bank)
        outcome = self._read(bank)
        return outcome if moved is None or outcome.notice is not None else LoadOutcome(outcome.session, moved)

    def _read(self, bank: Bank) -> LoadOutcome:
        path = self.path
        self._known, self._seen, self._raw = True, None, b""
        if not path.exists() and not path.is_dir():
            self._seen = Seen.now(path)  # a dangling link is "no save"; the first save replaces the link
            return LoadOutcome(None)
        other_bank: str | None = None
        try:
            found = read_file(path, limit=MAX_SESSION_BYTES)
            session = Session.model_validate(parse_json(decode(found.data, str(path)), str(path)).data)
        except UnreadableFile as exc:
            reason: str | None = exc.reason
        except (LoadError, ValidationError, ValueError):
            reason = None
        else:
            self._seen, self._raw = Seen.of(found.status), found.data
            if session.bank.id == bank.id:
                fitted, notice = reconcile(session, bank)
                if notice is not None and session.bank.version != bank.version and notice.values["dropped"]:
                    copy = self._keep_copy(found.data, session.bank.version)
                    notice = Notice(notice.key, {**notice.values, "copy": copy or ""})
                return LoadOutcome(fitted, notice)
            reason, other_bank = None, session.bank.id
        return self._set_aside(reason, other_bank)

    def _set_aside(self, reason: str | None, other_bank: str | None) -> LoadOutcome:
        path = self.path
        try:
            aside = storage.keep_aside(path, self._now())
        except OSError as exc:
            # Cannot move it aside: leave it alone and never write over it.
            self.blocked = exc.strerror or str(exc)
            return LoadOutcome(None, Notice("session.unusable", {"path": str(path), "reason": self.blocked}))
        self._seen = Seen.now(path)
        if other_bank is not None:
            return LoadOutcome(None, Notice("session.other_bank", {"path": str(aside), "bank": other_bank}))
        if reason is not None:
            return LoadOutcome(None, Notice("session.unreadable_aside", {"path": str(aside), "reason": reason}))
        return LoadOutcome(None, Notice("session.kept_aside", {"path": str(aside)}))

    def _move_other_bank(self, bank: Bank) -> Notice | None:
        """Move another bank's save out of the shipped bank's file into its own; a notice when it is not the
        bank being opened. A damaged or unreadable file is left for the shipped bank's own load."""
        main = self.main
        try:
            if not main.is_file():
                return None
            data = parse_json(decode(read_file(main, limit=MAX_SESSION_BYTES).data, str(main)), str(main)).data
        except (LoadError, OSError):
            return None
        stamp = data.get("bank") if isinstance(data, dict) else None
        bank_id = stamp.get("id") if isinstance(stamp, dict) else None
        if bank_id == MAIN_BANK_ID or not valid_bank_id(bank_id):
            return None
        assert isinstance(bank_id, str)
        target = save_path(main, bank_id)
        try:
            os.link(main, target)  # never over a save that bank already has
            os.unlink(main)
        except FileExistsError:
            try:
                target = storage.keep_aside(main, self._now(), label=f"of-{bank_id}")
            except OSError:
                return None
        except OSError:
            return None
        return None if bank_id == bank.id else Notice("session.moved_bank", {"bank": bank_id, "path": str(target)})

    def _keep_copy(self, raw: bytes, version: str) -> str | None:
        """Copy a save from another bank version aside before its dropped answers can be overwritten.

        The copy is named ``session.json.bank-<version>-<UTC time>``; if it cannot be written, saving is
        blocked (as for a file that cannot be moved aside) so the original is never replaced.
        """
        shown = version if re.fullmatch(r"\d+(\.\d+){0,2}", version) else "other"
        try:
            return str(copy_aside(self.path, raw, f"bank-{shown}", self._now()))
        except OSError as exc:
            self.blocked = exc.strerror or str(exc)
            return None

    # ------------------------------------------------------------------ writing

    def save(self, session: Session) -> None:
        """Write ``session`` atomically. Raises OSError when it cannot be written, :class:`SaveConflict`
        when the file changed since this window last read or wrote it (then nothing is written again)."""
        if self.blocked is not None:
            raise PermissionError(self.blocked)
        path = save_path(self.main, session.bank.id)
        if path != self.path:
            self.path, self._known = path, False
        storage.ensure_dir(path.parent)
        if self._run and self._claim() is not None:
            raise SaveConflict(self.blocked)
        self._check_unchanged()
        written = storage.atomic_write(path, session.model_dump_json(indent=1))
        self._seen = Seen.of(written) if isinstance(written, os.stat_result) else Seen.now(path)
        self._known = True

    def _check_unchanged(self) -> None:
        if not self._known:
            return
        now = Seen.now(self.path)
        if now is not None and now != self._seen:
            self.blocked = CONFLICT
            raise SaveConflict(errno.EEXIST, CONFLICT, str(self.path))

    def clear(self) -> None:
        """Remove the saved session (after the result was kept in history); a missing file is fine.

        A save that another window or program changed meanwhile is left alone."""
        if self.blocked is not None:
            return
        try:
            self._check_unchanged()
            self.path.unlink(missing_ok=True)
        except OSError:
            return
        self._seen, self._known = None, True


__all__ = ["CONFLICT", "SaveConflict", "SessionStore"]
