"""Wall-clock budgets, asserted only when the suite runs with ``--timing``.

The machines here are shared (several people run tests at once on two cores), so a budget that holds on a
quiet machine fails under load. Tests still measure and report their times; ``--timing`` (on a quiet
machine, or in ``benchmarks/``) turns the budgets into failures.
"""

from __future__ import annotations

ENFORCED = False
"""Set from ``--timing`` by ``tests/conftest.py``."""


def within_budget(seconds: float, limit: float, what: str) -> None:
    """Fail when ``seconds`` reached ``limit`` and budgets are enforced (``--timing``)."""
    if ENFORCED:
        assert seconds < limit, f"{what}: took {seconds:.2f}s, budget {limit:.2f}s"
