"""Driving ``career-fit serve`` in headless Chromium: the server process, and what the terminal shows.

The terminal in the page draws on a canvas, so its text is not in the DOM. :class:`TermView` rebuilds the
screen the way the browser does: it reads the bytes the app sends over the page's websocket (Playwright
reports every frame) and feeds them to pyte, a terminal emulator; the sizes the page sends keep it the
same size as the browser's terminal. That gives the text on screen for assertions and the cell of a word
for a mouse click.
"""

from __future__ import annotations

import json
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from tests.processes import parents

ROOT = Path(__file__).resolve().parents[2]

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
]
"""Headless, and nothing of Chromium's own calling home (such connections would fail here anyway)."""

WAIT = 20.0
"""Seconds any single wait in these tests may take before it fails with the screen shown."""


def chromium_path() -> str | None:
    """The system Chromium (or ``CAREER_FIT_CHROMIUM`` when set), or None when there is none."""
    chosen = os.environ.get("CAREER_FIT_CHROMIUM")
    for candidate in (chosen,) if chosen else ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def require_browser() -> str:
    """The Chromium binary; skips the test (saying why) when Chromium or Playwright is missing."""
    try:
        import playwright.sync_api  # noqa: F401
        import pyte  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"{exc.name} is not installed (pip install '.[test]'; .ci/run does it)")
    path = chromium_path()
    if path is None:
        where = os.environ.get("CAREER_FIT_CHROMIUM") or "/usr/bin/chromium"
        pytest.skip(f"no chromium at {where} (apt-get install chromium; .ci/run does it)")
    return path


# ---------------------------------------------------------------------------------------- the server


class Served:
    """``career-fit serve --port 0`` with its own data folder; the URL it prints; its child processes."""

    def __init__(self, data_home: Path, *args: str) -> None:
        self.data_home = data_home
        env = {**os.environ, "XDG_DATA_HOME": str(data_home), "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "quiz", "serve", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
        )
        self.first_line = _read_line(self.proc, WAIT)
        match = re.search(r"http://[^\s/]+/", self.first_line)
        if match is None:
            self.stop()
            raise AssertionError(f"no URL in the server's first line: {self.first_line!r}")
        self.url = match.group(0)

    @property
    def root(self) -> Path:
        """Where visitors' folders live."""
        return self.data_home / "career-fit" / "served"

    def children(self) -> set[int]:
        """Process ids whose parent is the server (its visitors' apps)."""
        return {pid for pid, ppid in parents().items() if ppid == self.proc.pid}

    def stop(self, sig: int = signal.SIGTERM, timeout: float = WAIT) -> tuple[int, str, str]:
        """Send ``sig`` and wait; returns (exit code, stdout, stderr)."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            out, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, err = self.proc.communicate()
            raise AssertionError(f"the server did not stop within {timeout}s of signal {sig}") from None
        return self.proc.returncode, self.first_line + out.decode(errors="replace"), err.decode(errors="replace")


def _read_line(proc: subprocess.Popen[bytes], timeout: float) -> str:
    assert proc.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    end = time.monotonic() + timeout
    data = b""
    while not data.endswith(b"\n") and time.monotonic() < end:
        if not selector.select(max(0.0, end - time.monotonic())):
            break
        chunk = os.read(proc.stdout.fileno(), 1)
        if not chunk:
            break
        data += chunk
    return data.decode(errors="replace")


def alive(pid: int) -> bool:
    """Whether ``pid`` is a running (not zombie) process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


# ---------------------------------------------------------------------------------------- the screen


def squash(text: str) -> str:
    """``text`` without whitespace (wrapping moves line breaks; Chinese wraps without spaces) and without
    box-drawing and block characters (a panel's borders and scroll bars sit between wrapped lines)."""
    return re.sub(r"[\s\u2500-\u259f]+", "", text)


class TermView:
    """The terminal of one page, rebuilt from the websocket traffic with pyte."""

    def __init__(self, page: Any) -> None:
        import pyte

        self._pyte = pyte
        self.page = page
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.sockets: list[str] = []
        self.received = 0
        """Frames received from the server so far."""
        page.on("websocket", self._opened)

    def _opened(self, socket: Any) -> None:
        self.sockets.append(socket.url)
        if "/ws/" not in socket.url:
            return
        query = parse_qs(urlparse(socket.url).query)
        self.screen = self._pyte.Screen(int(query["width"][0]), int(query["height"][0]))
        self.stream = self._pyte.ByteStream(self.screen)
        socket.on("framereceived", self._received)
        socket.on("framesent", self._sent)

    def _received(self, payload: str | bytes) -> None:
        self.received += 1
        if isinstance(payload, bytes):
            self.stream.feed(payload)

    def _sent(self, payload: str | bytes) -> None:
        if isinstance(payload, str) and payload.startswith('["resize"'):
            size = json.loads(payload)[1]
            self.screen.resize(size["height"], size["width"])

    # ------------------------------------------------------------------ reading

    def row(self, y: int) -> tuple[str, list[int]]:
        """Row ``y`` as text, and the column where each of its characters starts (wide ones take two)."""
        line = self.screen.buffer[y]
        chars: list[str] = []
        columns: list[int] = []
        for x in range(self.screen.columns):
            data = line[x].data
            if data == "":  # the second half of a wide character
                continue
            chars.append(data)
            columns.append(x)
        return "".join(chars), columns

    def text(self) -> str:
        """The whole screen, one line per row."""
        return "\n".join(self.row(y)[0].rstrip() for y in range(self.screen.lines))

    def shows(self, text: str) -> bool:
        """Whether ``text`` is on screen (ignoring where lines wrap)."""
        return squash(text) in squash(self.text())

    def find(self, text: str, rows: range | None = None) -> tuple[int, int] | None:
        """(row, column) of the first cell of ``text`` on one row, or None."""
        for y in rows if rows is not None else range(self.screen.lines):
            line, columns = self.row(y)
            at = line.find(text)
            if at >= 0:
                return y, columns[at]
        return None

    # ------------------------------------------------------------------ waiting and acting

    def wait(self, what: str | Callable[[], bool], timeout: float = WAIT) -> None:
        """Wait until ``what`` is on screen (or the predicate holds); fail showing the screen if not."""
        check = what if callable(what) else (lambda: self.shows(what))
        end = time.monotonic() + timeout
        while not check():
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {what!r}; the screen shows:\n{self.text()}")
            self.page.wait_for_timeout(25)

    def settle(self, quiet: float = 0.4, draw: bool = True) -> None:
        """Wait until the app has sent nothing for ``quiet`` seconds and (``draw``) the page has drawn it."""
        end = time.monotonic() + WAIT
        while time.monotonic() < end:
            before = self.received
            self.page.wait_for_timeout(int(quiet * 1000))
            if self.received == before:
                break
        if draw:
            self.page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")

    def press(self, key: str) -> None:
        """Press ``key`` in the terminal (its hidden input gets the focus first, as a click would give it)."""
        self.page.focus("textarea.xterm-helper-textarea")
        self.page.keyboard.press(key)

    def click(self, text: str, rows: range | None = None, timeout: float = WAIT, settle: bool = True) -> None:
        """Click on the first character of ``text`` where it is on screen (waiting for it to show).

        With ``settle``, first wait until the screen has been still for a moment, as a person would: a
        key bar that is being rebuilt right after a screen change can miss a click that lands meanwhile.
        """
        self.wait(lambda: self.find(text, rows) is not None, timeout)
        if settle:
            self.settle(quiet=0.15, draw=False)
        found = self.find(text, rows)
        assert found is not None
        y, x = found
        box = self.page.locator(".xterm-screen").bounding_box()
        assert box is not None
        width = box["width"] / self.screen.columns
        height = box["height"] / self.screen.lines
        self.page.mouse.click(box["x"] + (x + 0.5) * width, box["y"] + (y + 0.5) * height)

    def wheel_until(self, text: str, timeout: float = WAIT) -> None:
        """Turn the mouse wheel (down) over the middle of the terminal until ``text`` shows."""
        box = self.page.locator(".xterm-screen").bounding_box()
        assert box is not None
        self.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        end = time.monotonic() + timeout
        while not self.shows(text) and time.monotonic() < end:
            self.page.mouse.wheel(0, 200)
            self.page.wait_for_timeout(150)
        self.wait(text, timeout=1.0)

    def footer(self) -> range:
        """The bottom row, where the key bar is."""
        return range(self.screen.lines - 1, self.screen.lines)


def visitor_folder(page: Any, root: Path) -> Path:
    """The private folder on the server of the browser that ``page`` belongs to."""
    from quiz.serve.visitors import folder_name

    token = page.evaluate("localStorage.getItem('career-fit-visitor')")
    assert isinstance(token, str), "the page keeps no visitor token"
    return root / folder_name(token)


def saved_answers(folder: Path) -> dict[str, Any]:
    """The answers in a visitor's saved session ({} when there is none)."""
    path = folder / "career-fit" / "session.json"
    try:
        return dict(json.loads(path.read_text(encoding="utf-8"))["answers"])
    except (OSError, ValueError, KeyError):
        return {}

