"""Child process for the scoring benchmark: times ``scoring.score(bank, answers)`` for one person.

    python benchmarks/score_driver.py OUT.json PEOPLE SEED

Answer sets come from :mod:`answersets` (varied, seeded). Each is scored three ways:

- first call in this process (lazy imports and any caches being filled: what one CLI run pays once);
- cold: every ``functools`` cache found in the ``scoring`` modules cleared before the call;
- warm: a second, different list of answer sets scored without clearing anything, so bank-level caches
  are warm but no answer set has been seen before (a memo keyed on the answers cannot flatter it).

Writes ``{"cold_ms": [...], "warm_ms": [...], "first_ms": x, ...}`` or ``{"na": reason}`` when the scoring
module has not landed.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from answersets import people  # noqa: E402

MEMOS = (("scoring.engine", "_INDEX"),)
"""Module-level memo dicts known to hold per-bank scoring tables (cleared too for the cold runs)."""


def clear_caches() -> int:
    """Clear every ``functools`` cache held at module level in ``scoring`` and the known memos; how many."""
    cleared = 0
    for module_name, attr in MEMOS:
        memo = getattr(sys.modules.get(module_name), attr, None)
        if isinstance(memo, dict):
            memo.clear()
            cleared += 1
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "scoring" or name.startswith("scoring.")):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()
                cleared += 1
    return cleared


def check(result: Any) -> None:
    """Fail loudly if the call did not produce the full result the benchmark claims to time."""
    for field in ("probabilities", "explanations", "what_would_change"):
        if not hasattr(result, field):
            raise SystemExit(f"score() returned {type(result).__name__} without {field!r}")


def main(out: Path, n: int, seed: int) -> int:
    from questions.loader import load_bank

    try:
        import scoring

        score = scoring.score  # type: ignore[attr-defined]
    except (ImportError, AttributeError):
        out.write_text(json.dumps({"na": "scoring.score not available"}), encoding="utf-8")
        return 0
    from scoring.answers import Answers

    bank = load_bank()
    sets = [Answers.model_validate(p) for p in people(bank, n, seed)]
    others = [Answers.model_validate(p) for p in people(bank, n, seed + 1)]
    start = time.perf_counter()
    check(score(bank, sets[0]))
    first_ms = (time.perf_counter() - start) * 1000
    cold: list[float] = []
    cleared = 0
    for answers in sets:
        cleared = clear_caches()
        start = time.perf_counter()
        score(bank, answers)
        cold.append((time.perf_counter() - start) * 1000)
    score(bank, sets[0])
    warm: list[float] = []
    for answers in others:
        start = time.perf_counter()
        score(bank, answers)
        warm.append((time.perf_counter() - start) * 1000)
    report = {"first_ms": first_ms, "cold_ms": cold, "warm_ms": warm, "caches_cleared": cleared}
    out.write_text(json.dumps(report), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])))
