"""Child process for the start-up and answering benchmarks: runs one app headless and reports timings.

    python benchmarks/app_driver.py startup|answer bare|career-fit OUT.json

Both apps are started the same way: this script imports ``textual.app``, makes ``App.run`` run headless
at 80×24 with an auto-pilot, then starts the app — the bare app directly, career-fit through its real
command line (``quiz.cli.main([])``, welcome skipped with ``CAREER_FIT_SKIP_WELCOME=1``). A wrapper
around ``Screen._compositor_refresh`` (Textual's per-frame paint) stamps every frame with the time and
the item it showed, so "shown" means a frame was actually composed with that question on it.

- ``startup``: writes the ``time.monotonic_ns()`` of the first frame showing the first question (the
  parent subtracts its own stamp taken just before it spawned this process), then exits.
- ``answer``: answers every item the way a terminal does — a key event handed to the driver — and times
  key → first frame showing the next item (or the results), waiting for Textual's own frame timer.
  ``pilot.press``/``pilot.pause`` are not used for timing: each sleeps at least 20 ms for idle detection.

Textual-version-specific: relies on ``Screen._compositor_refresh`` and ``driver.send_message`` (8.x).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

import textual.app  # first in both modes, so both apps start the same way
from textual import events
from textual.screen import Screen

HERE = Path(__file__).resolve().parent
SIZE = (80, 24)
TIMEOUT_S = 30.0

RUN_CALLED_NS: list[int] = []
"""When the app's ``run`` was called: splits start-up into "imports and set-up" and "Textual to first frame"."""

Frame = tuple[int, float, str, Any]
"""(monotonic ns at the end of the paint, paint seconds, screen class name, item shown or None)."""


class Frames:
    """Every frame painted by the top screen, and an event raised when a wanted one arrives."""

    def __init__(self, shown: Any) -> None:
        self.shown = shown
        self.records: list[Frame] = []
        self.want: Any = None
        self.arrived = asyncio.Event()

    def install(self) -> None:
        original = Screen._compositor_refresh
        frames = self

        def painted(screen: Screen[Any]) -> None:
            start = time.perf_counter()
            original(screen)
            end_ns = time.monotonic_ns()
            app = screen.app
            if screen is not app.screen:
                return
            record = (end_ns, time.perf_counter() - start, type(screen).__name__, frames.shown(app))
            frames.records.append(record)
            if frames.want is not None and frames.want(record):
                frames.arrived.set()

        Screen._compositor_refresh = painted  # type: ignore[method-assign]

    async def wait(self, want: Any, since: int = 0) -> Frame:
        """The first frame from ``records[since:]`` on for which ``want(frame)`` holds."""
        for record in self.records[since:]:
            if want(record):
                return record
        self.want = want
        self.arrived.clear()
        try:
            await asyncio.wait_for(self.arrived.wait(), TIMEOUT_S)
        finally:
            self.want = None
        return next(r for r in self.records[since:] if want(r))


def career_fit_item(app: Any) -> Any:
    """The bank item the current screen shows (its ``item``, or an attribute holding one), else None."""
    schema = sys.modules.get("questions.schema")
    if schema is None:
        return None
    kinds = (schema.RatingItem, schema.ChoiceItem)
    screen = app.screen
    try:
        item = getattr(screen, "item", None)
    except Exception:  # noqa: BLE001 - a property may fail while the screen is still being built
        item = None
    if isinstance(item, kinds):
        return item
    return next((v for v in vars(screen).values() if isinstance(v, kinds)), None)


def bare_item(app: Any) -> Any:
    return getattr(app, "index", None)


def item_key(item: Any) -> Any:
    return getattr(item, "id", item)


def launch(which: str, autopilot: Any) -> int:
    """Start ``which`` app with ``App.run`` forced headless and driven by ``autopilot``."""
    original = textual.app.App.run

    def run(self: Any, **kwargs: Any) -> Any:
        RUN_CALLED_NS.append(time.monotonic_ns())
        kwargs.update(headless=True, size=SIZE, auto_pilot=autopilot)
        return original(self, **kwargs)

    textual.app.App.run = run  # type: ignore[method-assign]
    if which == "bare":
        sys.path.insert(0, str(HERE))
        from bare_app import BareApp

        BareApp().run()
        return 0
    from quiz.cli import main

    _attach_terminal()
    return main([])


def _attach_terminal() -> None:
    """Give career-fit a terminal on stdin and stdout, as a person's shell does: the quiz refuses to start
    without one (the app itself still runs headless; the pty only answers the terminal checks)."""
    master, slave = os.openpty()
    os.dup2(slave, 0)
    os.dup2(slave, 1)
    os.close(slave)
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # the old objects still think they are files
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
    _KEEP.append(master)  # open until the process ends, so the terminal never looks hung up


_KEEP: list[int] = []


def startup(which: str, out: Path) -> int:
    frames = Frames(bare_item if which == "bare" else career_fit_item)
    frames.install()
    found: dict[str, Any] = {}

    async def autopilot(pilot: Any) -> None:
        try:
            first = await frames.wait(lambda f: f[3] is not None)
        except asyncio.TimeoutError:
            found["error"] = (
                f"no question shown within {TIMEOUT_S:.0f} s (last screen: {type(pilot.app.screen).__name__})"
            )
        else:
            found.update(first_frame_ns=first[0], screen=first[2], item=str(item_key(first[3])))
            found["run_called_ns"] = RUN_CALLED_NS[0]
            found["modules"] = sorted(sys.modules)
        pilot.app.exit()

    code = launch(which, autopilot)
    found["exit_code"] = code
    out.write_text(json.dumps(found), encoding="utf-8")
    return 0 if "first_frame_ns" in found else 3


def answer(which: str, out: Path) -> int:
    shown = bare_item if which == "bare" else career_fit_item
    frames = Frames(shown)
    frames.install()
    rng = random.Random(11)
    found: dict[str, Any] = {"steps": [], "paint_ms": []}
    limit = 40 if which == "bare" else 500

    async def autopilot(pilot: Any) -> None:
        app = pilot.app
        try:
            current = (await frames.wait(lambda f: f[3] is not None))[3]
            while len(found["steps"]) < limit:
                await pilot.pause()  # untimed: the person reads the next question
                kind = getattr(current, "kind", "rating")
                key = str(rng.randint(1, 3 if kind == "choice" else 5))
                before = item_key(current)
                since = len(frames.records)
                start = time.monotonic_ns()
                app._driver.send_message(events.Key(key, key))
                frame = await frames.wait(lambda f, was=before: item_key(f[3]) != was, since)
                ms = (frame[0] - start) / 1e6
                if frame[3] is None:
                    found["to_results_ms"] = ms
                    found["results_screen"] = frame[2]
                    break
                found["steps"].append(ms)
                current = frame[3]
        except asyncio.TimeoutError:
            found["error"] = (
                f"no new frame within {TIMEOUT_S:.0f} s after {len(found['steps'])} answers "
                f"(screen: {type(app.screen).__name__})"
            )
        found["paint_ms"] = [r[1] * 1000 for r in frames.records]
        app.exit()

    code = launch(which, autopilot)
    found["exit_code"] = code
    out.write_text(json.dumps(found), encoding="utf-8")
    return 3 if "error" in found or not found["steps"] else 0


def main() -> int:
    mode, which, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    if which not in ("bare", "career-fit") or mode not in ("startup", "answer"):
        sys.stderr.write("usage: app_driver.py startup|answer bare|career-fit OUT.json\n")
        return 2
    os.environ.setdefault("CAREER_FIT_SKIP_WELCOME", "1")
    return startup(which, out) if mode == "startup" else answer(which, out)


if __name__ == "__main__":
    raise SystemExit(main())
