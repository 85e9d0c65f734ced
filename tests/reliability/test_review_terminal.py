"""Findings C5, C6 and the ``TERM=dumb`` item (S6) of the reliability review: the quiz and its terminal.

- C5: with no terminal on standard input or output the quiz never started its screen and spun at 99 % CPU;
  it must refuse in one line that points to ``template`` / ``score``, with exit code 2.
- C6: when the terminal goes away while SIGHUP is ignored (or the pty is closed without a hangup), the
  process spun at 100 % CPU forever; it must end within seconds.
- ``TERM=dumb`` (Emacs' shell, some CI logs) cannot draw a screen: refused in one line too.

Each runs the installed ``career-fit`` in a real process (tmux or a pty) and failed before the fix.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.tmux import TmuxApp, career_fit_binary, tmux_available


def _need_binary() -> None:
    if not career_fit_binary().exists():
        pytest.skip(f"{career_fit_binary()} not found; install the package into this venv")


def _need_tmux() -> None:
    _need_binary()
    if not tmux_available():
        pytest.skip("tmux is not installed (.ci/run installs it)")


def _env(data_home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "XDG_DATA_HOME": str(data_home), "TERM": "xterm-256color", **extra}


def _check_refusal(code: int, err: str, out: str = "") -> None:
    assert code == 2, (code, err[-500:])
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("career-fit: "), err[-500:]
    assert "template" in lines[0] and "score" in lines[0], lines[0]
    assert "\x1b" not in out and "\x1b" not in err, "escape sequences were sent although there is no terminal"


@pytest.mark.parametrize("stdin", ["devnull", "pipe"])
def test_c5_no_terminal_on_standard_input_is_refused_in_one_line(stdin: str, data_home: Path) -> None:
    """``career-fit < /dev/null`` and ``echo 1111 | career-fit``, standard output a file."""
    _need_binary()
    feed: dict[str, Any] = {"stdin": subprocess.DEVNULL} if stdin == "devnull" else {"input": b"1111\n"}
    try:
        done = subprocess.run([str(career_fit_binary()), "--lang", "en"], capture_output=True, env=_env(data_home),
                              timeout=20, **feed)
    except subprocess.TimeoutExpired:
        pytest.fail("the quiz kept running without a terminal")
    _check_refusal(done.returncode, done.stderr.decode(), done.stdout.decode())


def test_c5_standard_output_not_a_terminal_is_refused(data_home: Path) -> None:
    """A terminal on standard input but output sent to a file (``career-fit > out.txt``)."""
    _need_binary()
    master, slave = pty.openpty()
    try:
        done = subprocess.run([str(career_fit_binary()), "--lang", "en"], stdin=slave, capture_output=True,
                              env=_env(data_home), timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("the quiz kept running with its output going to a file")
    finally:
        os.close(slave)
        os.close(master)
    _check_refusal(done.returncode, done.stderr.decode(), done.stdout.decode())


def test_s6_term_dumb_is_refused_in_one_line(data_home: Path) -> None:
    _need_tmux()
    app = TmuxApp(data_home, term="dumb", record_exit=True)
    try:
        deadline = time.monotonic() + 20
        while app.exit_status() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        screen = app.screen(scrollback=50)
        assert app.exit_status() == 2, screen
        lines = [line for line in screen.splitlines() if line.strip() and not line.startswith("Pane is dead")]
        assert len(lines) == 1 and "TERM=dumb" in lines[0] and "template" in lines[0], screen
    finally:
        app.close()


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _gone_within(pid: int, seconds: float) -> tuple[bool, float]:
    """Whether ``pid`` ended (or became a zombie) within ``seconds``; and the CPU seconds it used meanwhile."""
    start = _cpu_seconds(pid)
    used = 0.0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            used = _cpu_seconds(pid) - start
        except (OSError, IndexError):
            return True, used
        if state == "Z":
            return True, used
        time.sleep(0.1)
    return False, used


def _end(pid: int) -> None:
    """Stop a process this test started that did not end by itself."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def test_c6_terminal_closed_with_sighup_ignored_ends_the_app(data_home: Path, figure: Any) -> None:
    """The review's reproduction: ``trap '' HUP; exec career-fit`` in tmux, then the tmux session is killed."""
    _need_tmux()
    app = TmuxApp(data_home, args="--lang en --fresh", prefix="trap '' HUP; exec")
    pid = 0
    try:
        app.wait_for(r"Full quiz")
        pid = app.app_pids()[0]
        assert "career-fit" in Path(f"/proc/{pid}/cmdline").read_text()
    finally:
        app.close()
    gone, used = _gone_within(pid, 15.0)
    if not gone:
        _end(pid)
    assert gone, f"the app kept running after its terminal closed ({used:.1f} CPU seconds in 15 s)"
    figure("terminal.gone", f"SIGHUP ignored, terminal closed: ended, {used:.2f} CPU seconds until then")


def test_c6_pty_closed_without_a_hangup_ends_the_app(data_home: Path) -> None:
    """The review's ``t_closepty.py``: the pty's master side is closed; no SIGHUP is sent at all."""
    _need_binary()
    master, slave = pty.openpty()
    os.set_inheritable(slave, True)
    proc = subprocess.Popen([str(career_fit_binary()), "--lang", "en"], stdin=slave, stdout=slave, stderr=slave,
                            env=_env(data_home), start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
    os.close(slave)
    seen = b""
    try:
        deadline = time.monotonic() + 20
        while b"Full quiz" not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
        assert b"Full quiz" in seen, seen[-400:]
    finally:
        os.close(master)
    gone, used = _gone_within(proc.pid, 15.0)
    if not gone:
        _end(proc.pid)
    proc.wait(timeout=10)
    assert gone, f"the app kept running after its pty closed ({used:.1f} CPU seconds in 15 s)"
