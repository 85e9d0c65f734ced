"""Fixtures for the browser tests: a headless Chromium and a served quiz, one of each per test.

Every test runs the server with ``XDG_DATA_HOME`` in its own temporary folder, so visitors' folders and
the server user's own data are the test's alone. The tests skip, saying why, only when Chromium or
Playwright is missing; ``.ci/run`` installs both.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.harness import CHROMIUM_FLAGS, Served, alive, require_browser


@pytest.fixture()
def browser() -> Iterator[Any]:
    """Headless Chromium (Debian's), for one test.

    Not shared between tests: while Playwright's synchronous API is open it keeps an event loop running
    in this thread, and the app tests that run next in the same process need ``asyncio.run``.
    """
    path = require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def data_home(tmp_path: Path) -> Path:
    """The server's ``XDG_DATA_HOME``."""
    return tmp_path / "data"


@pytest.fixture()
def served(data_home: Path) -> Iterator[Served]:
    """A running ``career-fit serve`` on a free loopback port; stopped (and checked) afterwards."""
    server = Served(data_home)
    try:
        yield server
    finally:
        children = server.children()
        code, _out, err = server.stop(signal.SIGTERM)  # kills it, and fails, if SIGTERM does not end it
        assert code == 0, err
        assert "Traceback" not in err, err
        assert not [pid for pid in children if alive(pid)], "a visitor's app outlived the server"
