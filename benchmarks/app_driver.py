"""Child process for the start-up and answering benchmarks: runs one app headless and reports timings.

    python benchmarks/app_driver.py startup|startup-enter|answer bare|career-fit OUT.json

Both apps are started the same way: this script imports ``textual.app``, makes ``App.run`` run headless
at 80×24 with an auto-pilot, then starts the app — the bare app directly, career-fit through its real
command line (``quiz.cli.main([])``). A wrapper around ``Screen._compositor_refresh`` (Textual's per-frame
paint) stamps every frame with the time and the item it showed; while a start-up run waits for a given
text, it also reads the frame's painted lines back from the compositor, so "shown" means a frame was
actually composed with that text on it.

- ``startup``: the first frame showing the first screen's text (career-fit: the welcome's intro, bare: its
  Static) — its ``time.monotonic_ns()`` (the parent subtracts its own stamp taken just before it spawned
  this process), the peak RSS so far (``VmHWM``), the process's CPU time so far and ``sys.modules`` at
  that moment. Then, once career-fit's
  bank has loaded and the person has had 0.3 s to read, Enter (the bare app: key 1) is handed to the
  driver, and the time to the first frame showing the first question (bare: its next line) is recorded.
- ``startup-enter``: the same, but Enter is pressed the moment the first frame is painted (before the
  bank has loaded): the first question waits for the bank.
- ``answer`` (welcome skipped with ``CAREER_FIT_SKIP_WELCOME=1``): answers every item the way a terminal
  does — a key event handed to the driver — and times key → first frame showing the next item (or the
  results), waiting for Textual's own frame timer. ``pilot.press``/``pilot.pause`` are not used for
  timing: each sleeps at least 20 ms for idle detection.

Textual-version-specific: relies on ``Screen._compositor_refresh``, ``Screen._compositor.render_strips``
and ``driver.send_message`` (8.x).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any, NamedTuple

import textual.app  # first in both modes, so both apps start the same way
from textual import events
from textual.screen import Screen

HERE = Path(__file__).resolve().parent
SIZE = (80, 24)
TIMEOUT_S = 30.0

RUN_CALLED_NS: list[int] = []
"""When the app's ``run`` was called: splits start-up into "imports and set-up" and "Textual to first frame"."""

RUN_CALLED_CPU_S: list[float] = []
"""The process's CPU time at that moment."""

READ_WELCOME_S = 0.3
"""How long the benchmark "reads" the complete welcome before pressing Enter (a person takes longer)."""


class Frame(NamedTuple):
    """One painted frame of the top screen."""

    end_ns: int
    """``time.monotonic_ns()`` at the end of the paint."""
    cpu_s: float
    """The process's CPU time (``time.process_time()``) at the end of the paint."""
    paint_s: float
    screen: str
    item: Any
    """The bank item (or the bare app's line number) on screen, or None."""
    text: str | None
    """The frame's painted lines, read back only while someone waits for a text (else None)."""


def peak_rss_kb() -> int:
    """This process's peak resident set size so far (``VmHWM``, Linux), in KiB; 0 where unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Frames:
    """Every frame painted by the top screen, and an event raised when a wanted one arrives.

    ``first`` (optional) is tested inside the paint itself: the first frame it accepts also records the
    peak RSS and the loaded modules at that moment, before anything after the frame (career-fit's data
    worker) can run.
    """

    def __init__(self, shown: Any, first: Any = None) -> None:
        self.shown = shown
        self.records: list[Frame] = []
        self.want: Any = None
        self.arrived = asyncio.Event()
        self.read_text: Any = (lambda item: not self.at_first) if first is not None else None
        """``read_text(item)``: whether to read this frame's painted lines back. It costs a few milliseconds
        after the paint (never inside the frame's own timing, but it delays what comes next), so only the
        frames that may be the one waited for are read."""
        self.first = first
        self.at_first: dict[str, Any] = {}

    def install(self) -> None:
        original = Screen._compositor_refresh
        frames = self

        def painted(screen: Screen[Any]) -> None:
            start = time.perf_counter()
            original(screen)
            end_ns, cpu_s = time.monotonic_ns(), time.process_time()
            app = screen.app
            if screen is not app.screen:
                return
            item, text = frames.shown(app), None
            if frames.read_text is not None and frames.read_text(item):
                text = "\n".join(strip.text for strip in screen._compositor.render_strips())
            record = Frame(end_ns, cpu_s, time.perf_counter() - start, type(screen).__name__, item, text)
            frames.records.append(record)
            if frames.first is not None and not frames.at_first and frames.first(record):
                frames.at_first.update(frame=record, hwm_kb=peak_rss_kb(), cpu_s=time.process_time(),
                                       modules=sorted(sys.modules))
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


def shows(frame: Frame, text: str) -> bool:
    """Whether ``frame`` was read back and has ``text`` on it (words compared across line wraps)."""
    if frame.text is None:
        return False
    return " ".join(text.split()) in " ".join(frame.text.split())


def lead(text: str, words: int = 3) -> str:
    """The first few words of ``text``: enough to recognise it, short enough to sit on one screen line."""
    return " ".join(text.split()[:words])


def career_fit_item(app: Any) -> Any:
    """The bank item the current screen shows (its ``item``, or an attribute holding one), else None."""
    schema = sys.modules.get("questions.schema")
    # The app's worker may be importing it at this moment: a partly initialised module lacks the classes.
    kinds = tuple(k for k in (getattr(schema, "RatingItem", None), getattr(schema, "ChoiceItem", None)) if k)
    if len(kinds) < 2:
        return None
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
        RUN_CALLED_CPU_S.append(time.process_time())
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


def first_screen_text(which: str) -> str:
    """What the first screen must show to count as painted: the bare app's Static, career-fit's welcome intro."""
    if which == "bare":
        return "Question 1:"
    strings = sys.modules["quiz.i18n"]  # loaded by the app before its first frame; read only once it is painted
    return lead(strings.t("welcome.intro", "en"))


def startup(which: str, out: Path, enter_at_once: bool = False) -> int:
    shown = bare_item if which == "bare" else career_fit_item
    marker: list[str] = []

    def first(frame: Frame) -> bool:
        if not marker:
            marker.append(first_screen_text(which))
        return shows(frame, marker[0])

    frames = Frames(shown, first)
    frames.install()
    found: dict[str, Any] = {}

    async def autopilot(pilot: Any) -> None:
        app = pilot.app
        try:
            await frames.wait(lambda f: bool(frames.at_first))
            head = frames.at_first["frame"]
            found.update(first_frame_ns=head.end_ns, screen=head.screen, first_frame_hwm_kb=frames.at_first["hwm_kb"],
                         first_frame_cpu_ms=frames.at_first["cpu_s"] * 1000, modules=frames.at_first["modules"],
                         run_called_ns=RUN_CALLED_NS[0], run_called_cpu_ms=RUN_CALLED_CPU_S[0] * 1000)
            if which == "career-fit" and not enter_at_once:
                while not app.ready:
                    await asyncio.sleep(0.005)
                found["ready_ns"] = time.monotonic_ns()
            if not enter_at_once:
                await asyncio.sleep(READ_WELCOME_S)
            frames.read_text = lambda item: item is not None and item != 0  # only the question waited for
            since = len(frames.records)
            start, start_cpu = time.monotonic_ns(), time.process_time()
            key = ("1", "1") if which == "bare" else ("enter", "\r")
            app._driver.send_message(events.Key(*key))
            frame = await frames.wait(lambda f: first_question_shown(which, f), since)
            found.update(key_to_question_ms=(frame.end_ns - start) / 1e6, question_ns=frame.end_ns,
                         key_to_question_cpu_ms=(frame.cpu_s - start_cpu) * 1000,
                         question_screen=frame.screen, item=str(item_key(frame.item)))
        except asyncio.TimeoutError:
            found["error"] = (
                f"no first screen or question within {TIMEOUT_S:.0f} s (last screen: {type(app.screen).__name__})"
            )
        app.exit()

    code = launch(which, autopilot)
    found["exit_code"] = code
    out.write_text(json.dumps(found), encoding="utf-8")
    return 0 if "key_to_question_ms" in found else 3


def first_question_shown(which: str, frame: Frame) -> bool:
    """The bare app's second line, or career-fit's first question with its text painted."""
    if which == "bare":
        return frame.item == 1 and shows(frame, "Question 2:")
    return frame.item is not None and shows(frame, lead(frame.item.text.en))


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
            current = (await frames.wait(lambda f: f.item is not None)).item
            while len(found["steps"]) < limit:
                await pilot.pause()  # untimed: the person reads the next question
                kind = getattr(current, "kind", "rating")
                key = str(rng.randint(1, 3 if kind == "choice" else 5))
                before = item_key(current)
                since = len(frames.records)
                start = time.monotonic_ns()
                app._driver.send_message(events.Key(key, key))
                frame = await frames.wait(lambda f, was=before: item_key(f.item) != was, since)
                ms = (frame.end_ns - start) / 1e6
                if frame.item is None:
                    found["to_results_ms"] = ms
                    found["results_screen"] = frame.screen
                    break
                found["steps"].append(ms)
                current = frame.item
        except asyncio.TimeoutError:
            found["error"] = (
                f"no new frame within {TIMEOUT_S:.0f} s after {len(found['steps'])} answers "
                f"(screen: {type(app.screen).__name__})"
            )
        found["paint_ms"] = [r.paint_s * 1000 for r in frames.records]
        app.exit()

    code = launch(which, autopilot)
    found["exit_code"] = code
    out.write_text(json.dumps(found), encoding="utf-8")
    return 3 if "error" in found or not found["steps"] else 0


def main() -> int:
    mode, which, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    if which not in ("bare", "career-fit") or mode not in ("startup", "startup-enter", "answer"):
        sys.stderr.write("usage: app_driver.py startup|startup-enter|answer bare|career-fit OUT.json\n")
        return 2
    if mode == "answer":
        os.environ.setdefault("CAREER_FIT_SKIP_WELCOME", "1")
        return answer(which, out)
    return startup(which, out, enter_at_once=mode == "startup-enter")


if __name__ == "__main__":
    raise SystemExit(main())
