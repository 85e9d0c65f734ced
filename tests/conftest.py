"""Options shared by the whole suite.

``--timing`` enforces the wall-clock budgets (:func:`tests.budget.within_budget`). They are left out of the
default run: the machines here are shared and noisy, and speed is measured in ``benchmarks/``, not asserted
per test. ``--update-goldens`` rewrites the golden files from the current output (review the diff), as
``--snapshot-update`` does for the screen snapshots.
"""

from __future__ import annotations

import pytest

from tests import budget
from tests.golden import switch


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--timing`` and ``--update-goldens``."""
    parser.addoption("--timing", action="store_true", help="enforce wall-clock budgets (quiet machines only)")
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/golden/* from the current output")


def pytest_configure(config: pytest.Config) -> None:
    """Enforce the wall-clock budgets only with ``--timing``; rewrite goldens only with ``--update-goldens``."""
    budget.ENFORCED = bool(config.getoption("--timing"))
    switch.UPDATE = bool(config.getoption("--update-goldens"))
