"""Shared fixtures for the reliability tests (issue 6): an isolated data folder, figures, a no-network guard.

Every test here runs with ``XDG_DATA_HOME`` pointing at its own temporary folder, so nothing touches the
real user data folder and saves from one test never leak into another.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.helpers import FIGURES


@pytest.fixture(autouse=True)
def data_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh ``XDG_DATA_HOME`` (and HOME) for each test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("HOME", str(home))
    return home / "data"


@pytest.fixture()
def figure(record_property: Any) -> Any:
    """``figure(name, value)``: record a measured figure for the report (shown in the terminal summary)."""

    def record(name: str, value: object) -> None:
        record_property(f"figure:{name}", value)
        FIGURES.append((name, value))

    return record


class NetworkUsed(AssertionError):
    """Raised when code under test tries to open a network connection."""


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Make every outgoing connection fail the test; yields the list of attempts (must stay empty)."""
    attempts: list[str] = []

    def refuse(*args: Any, **kwargs: Any) -> None:
        attempts.append(repr(args[1:] if args and isinstance(args[0], socket.socket) else args)[:200])
        raise NetworkUsed(f"network access attempted: {attempts[-1]}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the figures measured in this process (single-process runs; xdist workers keep their own)."""
    if not FIGURES:
        return
    terminalreporter.section("reliability figures")
    for name, value in FIGURES:
        terminalreporter.write_line(f"{name}: {value}")
