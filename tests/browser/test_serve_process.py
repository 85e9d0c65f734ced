"""``career-fit serve`` as a process: bad input in one line, clean stops, no app outliving the server.

A visitor is simulated here with a plain websocket client (aiohttp), which starts an app process just as a
browser does; these tests need no browser.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from quiz.serve.child import ORPHAN_CHECK, ORPHAN_GRACE
from tests.browser.harness import ROOT, WAIT, Served, alive


def run_serve(data_home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    return subprocess.run(
        [sys.executable, "-m", "quiz", "serve", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60,
    )


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[Served]:
    """A served quiz that is stopped however the test ends (SIGTERM, then SIGKILL if need be)."""
    started = Served(tmp_path / "data")
    try:
        yield started
    finally:
        if started.proc.poll() is None:
            started.stop()


@pytest.fixture()
def busy_port() -> Iterator[int]:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--host", "no-such-host.invalid", "--port", "0"), "no-such-host.invalid"),
        (("--host", "300.1.2.3", "--port", "0"), "300.1.2.3"),
        (("--port", "70000"), "70000"),
        (("--port", "0", "--bank", "/no/such/bank.yaml"), "/no/such/bank.yaml"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, args: tuple[str, ...], says: str) -> None:
    done = run_serve(tmp_path / "data", *args)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and says in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_busy_port_is_one_line_and_exit_2(tmp_path: Path, busy_port: int) -> None:
    done = run_serve(tmp_path / "data", "--port", str(busy_port))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and str(busy_port) in done.stderr and "in use" in done.stderr, done.stderr


def test_any_address_but_loopback_warns_in_one_line(tmp_path: Path) -> None:
    server = Served(tmp_path / "data", "--host", "0.0.0.0")
    code, out, err = server.stop(signal.SIGINT)  # stop() kills it if SIGINT does not end it
    assert code == 0, err
    assert err.count("\n") == 1 and "0.0.0.0" in err and "anyone" in err, err
    assert server.first_line.startswith("Serving the quiz at http://0.0.0.0:")


async def _visit(
    url: str, session: aiohttp.ClientSession, token: str | None = None
) -> aiohttp.ClientWebSocketResponse[bool]:
    """Connect as a visitor and wait for the app's first screen bytes."""
    address = url.replace("http://", "ws://") + f"ws/{token or secrets.token_urlsafe(16)}?width=80&height=24"
    socket_ = await session.ws_connect(address)
    received = 0
    while received < 200:
        message = await asyncio.wait_for(socket_.receive(), WAIT)
        assert message.type == aiohttp.WSMsgType.BINARY, message
        received += len(message.data)
    return socket_


async def _visitors_then_signal(server: Served, sig: int, visitors: int = 2) -> set[int]:
    async with aiohttp.ClientSession() as session:
        sockets = [await _visit(server.url, session) for _ in range(visitors)]
        children = server.children()
        assert len(children) == visitors
        server.proc.send_signal(sig)
        await asyncio.to_thread(server.proc.wait, WAIT)
        for socket_ in sockets:
            await socket_.close()
    return children


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_ends_every_visitor_app_then_the_server(server: Served, sig: int) -> None:
    children = asyncio.run(_visitors_then_signal(server, sig))
    code, out, err = server.stop()
    assert code == 0, err
    assert "Traceback" not in err and "Traceback" not in out
    assert [pid for pid in children if alive(pid)] == []
    assert out.strip().splitlines()[-1].startswith("Stopped")


def test_a_killed_server_leaves_no_app_behind(server: Served) -> None:
    children = asyncio.run(_visitors_then_signal(server, signal.SIGKILL, visitors=1))
    server.stop()
    end = time.monotonic() + ORPHAN_CHECK + ORPHAN_GRACE + WAIT
    while [pid for pid in children if alive(pid)] and time.monotonic() < end:
        time.sleep(0.1)
    assert [pid for pid in children if alive(pid)] == []


async def _probe(server: Served) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.get(server.url) as page:
            assert page.status == 200
            policy = page.headers["Content-Security-Policy"]
            assert "default-src 'none'" in policy and "https:" not in policy
            body = await page.text()
            assert sys.executable not in body and str(ROOT) not in body and "quiz.serve" not in body
            assert "http://" not in body and "https://" not in body  # nothing to fetch from elsewhere
        async with session.get(server.url + "ws/short") as bad:
            assert bad.status == 400
        token = secrets.token_urlsafe(16)
        address = server.url.replace("http://", "ws://") + f"ws/{token}"
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(address, headers={"Origin": "http://elsewhere.example"})
        assert refused.value.status == 403
        async with session.get(server.url + "download/0123456789abcdef") as missing:
            assert missing.status == 404
        # The same browser twice (a second tab): the first app is ended, one app per visitor folder.
        first = await _visit(server.url, session, token)
        await _visit(server.url, session, token)
        closed = await asyncio.wait_for(first.receive(), WAIT)
        while closed.type == aiohttp.WSMsgType.BINARY:
            closed = await asyncio.wait_for(first.receive(), WAIT)
        assert closed.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING)
        assert len(server.children()) == 1


def test_page_and_websocket_refuse_what_they_should(server: Served) -> None:
    asyncio.run(_probe(server))
    code, _out, err = server.stop()
    assert code == 0, err
