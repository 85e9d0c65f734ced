"""Running the real ``career-fit`` binary in a detached tmux session: type keys, read the screen, SIGKILL it."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from tests.processes import descendants


def tmux_available() -> bool:
    """Whether the ``tmux`` binary is on PATH."""
    return shutil.which("tmux") is not None


def career_fit_binary() -> Path:
    """The ``career-fit`` script installed next to this interpreter."""
    return Path(sys.executable).parent / "career-fit"


class TmuxApp:
    """One ``career-fit`` process in its own tmux server and session (80×24 by default).

    Each instance uses its own socket (``tmux -L <name>``) and no config file, so a person's tmux is
    never touched and :meth:`close` can stop the whole server.
    """

    def __init__(
        self, data_home: Path, args: str = "--lang en", width: int = 80, height: int = 24, *, record_exit: bool = False,
        term: str = "xterm-256color", prefix: str = "",
    ) -> None:
        """``prefix``: shell words run before the app, e.g. ``trap '' HUP; exec`` (then the app replaces the shell)."""
        self.name = f"cf-rel-{uuid.uuid4().hex[:10]}"
        env = f"env XDG_DATA_HOME={shlex.quote(str(data_home))} TERM={shlex.quote(term)}"
        command = f"{env} {shlex.quote(str(career_fit_binary()))} {args}"
        if prefix:
            command = f"sh -c {shlex.quote(f'{prefix} {command}')}"
        self.exit_file: Path | None = None
        if record_exit:
            # tmux may mark the pane dead before it has the status; a shell writes it down instead.
            self.exit_file = data_home.parent / f"{self.name}.exit"
            command = f"sh -c {shlex.quote(f'{command}; echo $? > {shlex.quote(str(self.exit_file))}')}"
        size = ["-x", str(width), "-y", str(height)]
        subprocess.run(
            ["tmux", "-L", self.name, "-f", "/dev/null", "new-session", "-d", "-s", self.name, *size, command],
            check=True,
            capture_output=True,
        )
        # Keep the pane after the process dies so a crash can still be read.
        self._tmux("set-option", "-t", self.name, "remain-on-exit", "on")

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.name, *args], capture_output=True, text=True, check=False)
        return done.stdout

    def screen(self, scrollback: int = 0) -> str:
        """The visible text of the pane. With ``scrollback``, also up to that many lines that scrolled off
        above it, and lines the pane wrapped are joined again (what the program wrote, line by line)."""
        if scrollback:
            return self._tmux("capture-pane", "-p", "-J", "-S", f"-{scrollback}", "-t", self.name)
        return self._tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, pattern: str, timeout: float = 15.0) -> str:
        """Poll the pane until ``pattern`` (a regex) appears; returns the screen. Fails with the last screen."""
        deadline = time.monotonic() + timeout
        text = ""
        regex = re.compile(pattern)
        while time.monotonic() < deadline:
            text = self.screen()
            if regex.search(text):
                return text
            time.sleep(0.02)
        raise AssertionError(f"timed out waiting for {pattern!r}; screen was:\n{text}")

    def send(self, key: str) -> None:
        """Type one key (tmux key name, e.g. ``Enter`` or ``3``)."""
        self._tmux("send-keys", "-t", self.name, key)

    def send_many(self, keys: list[str]) -> None:
        """Type several keys in one go, without waiting for the screen."""
        self._tmux("send-keys", "-t", self.name, *keys)

    def send_raw(self, text: str) -> None:
        """Write ``text`` to the app's terminal as it is (e.g. a mouse click's escape sequence)."""
        self._tmux("send-keys", "-t", self.name, "-l", text)

    def click(self, column: int, row: int) -> None:
        """A left click at 1-based ``column``, ``row`` (SGR mouse reporting, as Textual asks the terminal for)."""
        self.send_raw(f"\x1b[<0;{column};{row}M")
        self.send_raw(f"\x1b[<0;{column};{row}m")

    def exit_status(self) -> int | None:
        """The app's exit status once it has ended, or None while it runs (needs ``record_exit=True``)."""
        if self.exit_file is None:
            raise ValueError("start the app with record_exit=True to read its exit status")
        try:
            text = self.exit_file.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return None
        return int(text) if text else None

    def app_pids(self) -> list[int]:
        """The pane's process and all its descendants."""
        out = self._tmux("list-panes", "-t", self.name, "-F", "#{pane_pid}")
        return descendants([int(p) for p in out.split()])

    def kill9(self) -> None:
        """SIGKILL the app (and anything it started), then wait until it is gone."""
        pids = self.app_pids()
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() and _alive(p) for p in pids):
            time.sleep(0.02)

    def close(self) -> None:
        """Stop this test's own tmux server (its own socket, so no other tmux is touched) and remove the socket."""
        socket_path = self._tmux("display-message", "-p", "#{socket_path}").strip()
        self._tmux("kill-server")
        if socket_path and Path(socket_path).name == self.name:
            Path(socket_path).unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
