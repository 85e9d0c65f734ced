"""Fixtures for the Pilot tests: every test gets its own data folder (``XDG_DATA_HOME``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from questions.schema import Bank
from tests.functional.helpers import shipped_bank


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private XDG data folder, so sessions and history never touch the real one."""
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The folder holding the session file of the app under test."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def bank() -> Bank:
    """The shipped bank."""
    return shipped_bank()
