"""One visitor's app process: textual-serve's :class:`AppService`, started without a shell, in private.

textual-serve runs its command through a shell with the server's environment; here the quiz is started
directly (no shell in between, so the process we end is the app itself), in its own process group, with
the visitor's folder as its data folder and working folder. :meth:`VisitorApp.end` asks the app to quit
and, if it has not gone after a grace period, terminates and then kills its process group, so no child
outlives the server.
"""

from __future__ import annotations

import asyncio
import os
import shlex
import signal
import sys
from asyncio.subprocess import PIPE, Process
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

QUIT_GRACE = 3.0
"""Seconds an app gets to quit on request before its process group is terminated."""

TERM_GRACE = 2.0
"""Seconds after SIGTERM before SIGKILL."""

_NOT_PASSED_ON = ("CAREER_FIT_STARTUP_LOG", "CAREER_FIT_SKIP_WELCOME")
"""Test and benchmark switches of the server's own environment that visitors' apps must not inherit."""


def child_argv(lang: str, bank: Path | None) -> list[str]:
    """The command line of one visitor's app: this Python, the quiz in ``lang``, on ``bank`` if given."""
    argv = [sys.executable, "-m", "quiz.serve.child", "--lang", lang]
    if bank is not None:
        argv += ["--bank", str(bank)]
    return argv


class VisitorApp(AppService):
    """The quiz process of one visitor, talking to their browser through textual-serve's protocol."""

    def __init__(
        self,
        argv: list[str],
        folder: Path,
        *,
        write_bytes: Callable[[bytes], Awaitable[None]],
        write_str: Callable[[str], Awaitable[Any]],
        close: Callable[[], Awaitable[Any]],
        download_manager: DownloadManager,
    ) -> None:
        super().__init__(
            shlex.join(argv),
            write_bytes=write_bytes,
            write_str=write_str,
            close=close,
            download_manager=download_manager,
        )
        self.argv = argv
        self.folder = folder
        self.process: Process | None = None
        self._ended = False

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        """Start the app (textual-serve's hook, overridden: exec, not a shell; private folder; own group)."""
        env = self._build_environment(width=width, height=height)
        for name in _NOT_PASSED_ON:
            env.pop(name, None)
        env["XDG_DATA_HOME"] = str(self.folder)
        process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=PIPE,
            stdout=PIPE,
            stderr=PIPE,
            env=env,
            cwd=self.folder,
            start_new_session=True,
        )
        assert process.stdin is not None
        self._process = self.process = process
        self._stdin = process.stdin
        return process

    @property
    def running(self) -> bool:
        """Whether the app process has started and not yet exited."""
        return self.process is not None and self.process.returncode is None

    async def end(self, grace: float = QUIT_GRACE) -> None:
        """Ask the app to quit; terminate, then kill, its process group if it does not. Safe to repeat."""
        if self._ended:
            await self._reap()
            return
        self._ended = True
        try:
            await asyncio.wait_for(self.stop(), grace)
        except (asyncio.TimeoutError, OSError, RuntimeError):
            pass
        for sig, wait in ((signal.SIGTERM, TERM_GRACE), (signal.SIGKILL, TERM_GRACE)):
            if not self.running:
                break
            self._signal_group(sig)
            await self._reap(wait)
        await self._reap()

    def _signal_group(self, sig: signal.Signals) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    async def _reap(self, timeout: float = TERM_GRACE) -> None:
        if self.process is None:
            return
        try:
            await asyncio.wait_for(self.process.wait(), timeout)
        except asyncio.TimeoutError:
            pass
