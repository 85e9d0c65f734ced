"""Child process for the adaptive-form benchmark: times ``scoring.adaptive.next_step`` and ``replay``.

    python benchmarks/adaptive_driver.py OUT.json PEOPLE SEED

Answer sets come from :mod:`answersets` (varied, seeded; some skippers and straight-liners). Each person
takes the short form as the app would run it: after every answer (a blank in the set is a skip),
``next_step(bank, answers, skipped)`` picks the next item. Timed three ways:

- warm: stepping people the process has not seen, without clearing anything (what the app pays after each
  answer: the new state is new, earlier states stay memoised);
- cold: every ``functools`` cache in ``scoring`` and the engine's per-bank index cleared before each call;
- replay: ``replay(bank, answers)`` of one whole answer set, caches cleared first (what ``score --adaptive``
  and the batch pay per person).

Writes ``{"warm": [[ms, phase], ...], "cold": [...], "replay_ms": [...], "asked": [...], ...}`` or ``{"na": reason}``
when the adaptive module has not landed.
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
from score_driver import clear_caches  # noqa: E402


def step_through(bank: Any, answers: dict[str, Any], next_step: Any, cold: bool) -> tuple[list[list[Any]], int]:
    """Take the short form with ``answers``; ``[milliseconds, phase]`` of each ``next_step`` call, items asked.

    The phase is the step's (``start``, ``select``, ``coverage``) or ``stop``: only ``select`` and
    ``coverage`` steps run the look-ahead, the start is a cheap round-robin.
    """
    used: dict[str, Any] = {}
    skipped: list[str] = []
    times: list[list[Any]] = []
    while True:
        if cold:
            clear_caches()
        start = time.perf_counter()
        step = next_step(bank, used, skipped)
        times.append([(time.perf_counter() - start) * 1000, step.phase or "stop"])
        if step.item is None:
            return times, len(used) + len(skipped)
        if step.item in answers:
            used[step.item] = answers[step.item]
        else:
            skipped.append(step.item)


def main(out: Path, n: int, seed: int) -> int:
    from questions.loader import load_bank

    try:
        from scoring.adaptive import next_step, replay
    except ImportError:
        out.write_text(json.dumps({"na": "scoring.adaptive not available"}), encoding="utf-8")
        return 0
    bank = load_bank()
    warm_sets = [p["answers"] for p in people(bank, n, seed)]
    cold_sets = [p["answers"] for p in people(bank, max(1, n // 4), seed + 1)]
    replay_sets = [p["answers"] for p in people(bank, max(1, n // 4), seed + 2)]
    start = time.perf_counter()
    next_step(bank, {}, [])
    first_ms = (time.perf_counter() - start) * 1000
    warm: list[list[Any]] = []
    asked: list[int] = []
    for answers in warm_sets:
        times, count = step_through(bank, answers, next_step, cold=False)
        warm.extend(times)
        asked.append(count)
    cold: list[list[Any]] = []
    for answers in cold_sets:
        cold.extend(step_through(bank, answers, next_step, cold=True)[0])
    whole: list[float] = []
    for answers in replay_sets:
        clear_caches()
        start = time.perf_counter()
        replay(bank, answers)
        whole.append((time.perf_counter() - start) * 1000)
    report = {"first_ms": first_ms, "warm": warm, "cold": cold, "replay_ms": whole, "asked": asked,
              "items": len(bank.items)}
    out.write_text(json.dumps(report), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])))
