"""career-fit's benchmarks, each measured as a ratio against its floor in the same run.

    python benchmarks/run.py [--quick] [--repeat N] [--batch-lines N] [--only NAMES] [--json FILE]

Machines are noisy (and shared), so absolute times mean little; every figure that has a floor is compared
with it side by side, runs interleaved. Each figure is a median over whole-process runs (or over many
calls inside one process where the thing measured is a function call or a key press).

- start-up: process start → first screen painted (career-fit: the welcome's intro, before the bank has
  loaded), headless 80×24, against a bare Textual app (Header, Static, Footer) started the same way; peak
  RSS of both at that frame and over the whole run; Enter (bare: a key) → first question painted once the
  bank has loaded, and Enter pressed at the first frame → first question painted; what the path to the
  first frame imports beyond the bare app (``python -X importtime``), and that the data layer (pydantic,
  PyYAML, numpy, the bank) and scoring/export/CLI-only modules are not among it.
- answering: every item answered by key events; key → first frame showing the next question.
- scoring: ``scoring.score(bank, answers)`` for one person (probabilities, explanations, what would
  change), caches cold and warm.
- adaptive: ``scoring.adaptive.next_step`` after every answer of the short form, as the app calls it and
  with caches cleared; ``replay`` of one whole answer set (what ``score --adaptive`` pays per person).
- batch: ``career-fit score --batch FILE --format csv -o OUT`` over generated JSONL against a process
  that only reads the file and ``json.loads`` each line; peak RSS at a tenth of the input vs all of it.

Prints a Markdown table (benchmark, measured, floor, ratio, target, met?) and notes. ``--quick`` uses tiny
sizes and one repeat: it checks that every benchmark runs and exits 0 unless one crashed (parts whose
code has not landed show "n/a: …"); targets are never asserted.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable

# Modules that must not be loaded before the first frame: the data layer (pydantic, PyYAML, numpy, the bank
# and the models built on them), which loads on a worker right after it; scoring proper, exports, history
# and other commands; the screens and dialogs only reached after the last answer. (scoring.catalog and
# scoring.strings are the stdlib-JSON result wording the UI's string table is layered on; questions.errors and
# questions.safe_text are plain Python the command line needs to report any error in one line, and the
# questions package itself loads its submodules lazily.)
DEFERRED = re.compile(
    r"^(pydantic|pydantic_core|yaml|numpy)(\.|$)|^questions\.(?!errors$|safe_text$)\w+"
    r"|^(scoring\.(?!catalog$|strings$)\w+|quiz\.(session|flow|finish)$|quiz\.export(\.|$)|quiz\.history$"
    r"|quiz\.commands\.(?!run$)\w+|quiz\.screens\.(results|review)$|quiz\.dialogs\.export$"
    r"|quiz\.widgets\.rolebars$)"
)


@dataclass
class Row:
    """One line of the table."""

    benchmark: str
    measured: str
    floor: str = "—"
    ratio: str = "—"
    target: str = "—"
    met: bool | None = None
    values: dict[str, Any] = field(default_factory=dict)
    """The raw numbers behind the row (for ``--json``)."""


class Crash(Exception):
    """A benchmark that was available but could not run; the run exits non-zero."""


@dataclass
class Proc:
    """How one child process went."""

    code: int
    wall_s: float
    maxrss_kb: int
    cpu_s: float
    """User + system CPU time of the child: less sensitive than wall time to other load on the machine."""
    start_ns: int
    stderr: str


def run_process(
    cmd: Sequence[str], env: dict[str, str] | None = None, timeout: float = 600, stdout: Any = None
) -> Proc:
    """Run ``cmd`` to completion; wall time and the child's own peak RSS (``wait4``)."""
    with tempfile.TemporaryFile() as err:
        start_ns = time.monotonic_ns()
        child = subprocess.Popen(
            list(cmd), env=env, stdout=stdout or subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL, cwd=ROOT
        )
        timer = threading.Timer(timeout, lambda: os.kill(child.pid, signal.SIGKILL))
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        wall = (time.monotonic_ns() - start_ns) / 1e9
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return Proc(child.returncode, wall, int(usage.ru_maxrss), usage.ru_utime + usage.ru_stime, start_ns, text)


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a child: this one, English locale, no Textual debugging, plus ``extra``.

    Bytecode writing stays on (the warm-up run compiles once, as an installed package would be), and the
    Textual switches that add work or change behaviour are removed.
    """
    env = dict(os.environ)
    for noisy in ("TEXTUAL_DEBUG", "TEXTUAL_LOG", "TEXTUAL_PRESS", "TEXTUAL_SCREENSHOT", "NO_COLOR"):
        env.pop(noisy, None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(LANG="en_US.UTF-8", LC_ALL="en_US.UTF-8", **extra)
    return env


def tail(text: str, lines: int = 3) -> str:
    return " | ".join(text.strip().splitlines()[-lines:])


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def ms(value: float) -> str:
    return f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def secs(value: float) -> str:
    return f"{value:.2f} s"


def mib(kb: float) -> str:
    return f"{kb / 1024:.1f} MiB"


def ratio_row(name: str, measured: float, floor: float, fmt: Callable[[float], str], limit: float) -> Row:
    """A row whose target is a ratio to its floor."""
    ratio = measured / floor
    return Row(
        name,
        fmt(measured),
        fmt(floor),
        f"{ratio:.2f}×",
        f"≤ {limit:g}×",
        ratio <= limit,
        {"measured": measured, "floor": floor, "ratio": ratio, "limit": limit},
    )


def has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def bank_available() -> bool:
    spec = importlib.util.find_spec("questions.bank")
    if spec is None or not spec.submodule_search_locations:
        return False
    return any((Path(p) / "career_fit.yaml").is_file() for p in spec.submodule_search_locations)


def load_bank() -> Any:
    from questions.loader import load_bank as load

    return load()


# --------------------------------------------------------------------------------------------- start-up


def startup_once(
    which: str, work: Path, importtime: bool = False, enter_at_once: bool = False
) -> tuple[Proc, dict[str, Any]]:
    out = work / f"startup-{which}.json"
    out.unlink(missing_ok=True)
    data = work / "xdg-startup"
    shutil.rmtree(data, ignore_errors=True)
    log = work / "startup.log"
    log.unlink(missing_ok=True)
    env = child_env(XDG_DATA_HOME=str(data), CAREER_FIT_STARTUP_LOG=str(log))
    env.pop("CAREER_FIT_SKIP_WELCOME", None)
    flags = ["-X", "importtime"] if importtime else []
    mode = "startup-enter" if enter_at_once else "startup"
    proc = run_process([PY, *flags, str(HERE / "app_driver.py"), mode, which, str(out)], env, timeout=120)
    if proc.code != 0 or not out.is_file():
        detail = json.loads(out.read_text()) if out.is_file() else {}
        raise Crash(f"{which} start-up failed (exit {proc.code}): {detail.get('error') or tail(proc.stderr)}")
    found = json.loads(out.read_text())
    found["elapsed_ms"] = (found["first_frame_ns"] - proc.start_ns) / 1e6
    found["to_run_ms"] = (found["run_called_ns"] - proc.start_ns) / 1e6
    found["frame_to_question_ms"] = (found["question_ns"] - found["first_frame_ns"]) / 1e6
    if "ready_ns" in found:
        found["frame_to_ready_ms"] = (found["ready_ns"] - found["first_frame_ns"]) / 1e6
    if log.is_file():
        found["app_startup_log"] = log.read_text(encoding="utf-8", errors="replace").strip()[:200]
    return proc, found


def parse_importtime(stderr: str) -> dict[str, tuple[int, int]]:
    """``{module: (self µs, cumulative µs)}`` from ``-X importtime`` output."""
    times: dict[str, tuple[int, int]] = {}
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            times[m.group(4)] = (int(m.group(1)), int(m.group(2)))
    return times


APPS = ("bare", "career-fit")


def bench_startup(repeat: int, work: Path, notes: list[str], layers: bool = True) -> list[Row]:
    if not has_module("quiz.app"):
        return [Row("Start-up: process start → first screen", "n/a: quiz.app not available yet")]
    keys = ("elapsed_ms", "to_run_ms", "first_frame_hwm_kb", "first_frame_cpu_ms", "key_to_question_ms",
            "frame_to_ready_ms")
    got: dict[str, dict[str, list[float]]] = {w: {k: [] for k in (*keys, "rss_kb", "cpu_s", "at_once_ms")}
                                              for w in APPS}
    found: dict[str, dict[str, Any]] = {}
    for which in APPS:  # one discarded warm-up each: bytecode and file cache
        startup_once(which, work)
    for n in range(repeat):
        order = APPS if n % 2 == 0 else APPS[::-1]
        for which in order:
            proc, found[which] = startup_once(which, work)
            for key in keys:
                if key in found[which]:
                    got[which][key].append(found[which][key])
            got[which]["rss_kb"].append(proc.maxrss_kb)
            got[which]["cpu_s"].append(proc.cpu_s)
        for which in order[::-1]:  # Enter the moment the first frame is painted: the question waits for the bank
            _, at_once = startup_once(which, work, enter_at_once=True)
            got[which]["at_once_ms"].append(at_once["frame_to_question_ms"])
    cf, bare = got["career-fit"], got["bare"]
    rows = [
        ratio_row("Start-up: process start → first screen painted", median(cf["elapsed_ms"]),
                  median(bare["elapsed_ms"]), ms, 1.15),
        ratio_row("Start-up: peak RSS at the first frame", median(cf["first_frame_hwm_kb"]),
                  median(bare["first_frame_hwm_kb"]), mib, 1.2),
        ratio_row("Start-up: peak RSS of the whole run (to the first question)", median(cf["rss_kb"]),
                  median(bare["rss_kb"]), mib, 1.2),
        Row("Start-up: Enter → first question painted (bank loaded), median", ms(median(cf["key_to_question_ms"])),
            ms(median(bare["key_to_question_ms"])),
            f"{median(cf['key_to_question_ms']) / median(bare['key_to_question_ms']):.2f}×", "≤ 16 ms",
            median(cf["key_to_question_ms"]) <= 16,
            {"median_ms": median(cf["key_to_question_ms"]), "runs_ms": cf["key_to_question_ms"],
             "floor_runs_ms": bare["key_to_question_ms"]}),
        Row("Start-up: Enter at the first frame → first question painted, median", ms(median(cf["at_once_ms"])),
            ms(median(bare["at_once_ms"])), values={"runs_ms": cf["at_once_ms"], "floor_runs_ms": bare["at_once_ms"]}),
    ]
    rows[0].values.update(runs=repeat, career_fit_ms=cf["elapsed_ms"], bare_ms=bare["elapsed_ms"],
                          career_fit_cpu_s=cf["cpu_s"], bare_cpu_s=bare["cpu_s"])
    rows[1].values.update(career_fit_kb=cf["first_frame_hwm_kb"], bare_kb=bare["first_frame_hwm_kb"])
    rows[2].values.update(career_fit_kb=cf["rss_kb"], bare_kb=bare["rss_kb"])
    last = found["career-fit"]
    notes.append(
        f"Start-up: {repeat} interleaved runs each after one warm-up; first screen `{last['screen']}` (its intro "
        f"painted, bank not loaded yet); min career-fit {min(cf['elapsed_ms']):.0f} ms vs bare "
        f"{min(bare['elapsed_ms']):.0f} ms; first frame → bank loaded (welcome complete) median "
        f"{median(cf['frame_to_ready_ms']):.0f} ms; Enter → first question p95 {p95(cf['key_to_question_ms']):.1f} ms, "
        f"max {max(cf['key_to_question_ms']):.1f} ms (first question `{last['item']}`)."
    )
    notes.append(
        f"Start-up CPU time to the first frame (the process's user+sys at that frame, medians; other load on the "
        f"machine disturbs it less than wall time): career-fit {median(cf['first_frame_cpu_ms']):.0f} ms vs bare "
        f"{median(bare['first_frame_cpu_ms']):.0f} ms = "
        f"{median(cf['first_frame_cpu_ms']) / median(bare['first_frame_cpu_ms']):.2f}×."
    )
    notes.append(
        f"Start-up CPU time (user+sys, whole process to the first question, medians): career-fit "
        f"{median(cf['cpu_s']) * 1000:.0f} ms vs bare {median(bare['cpu_s']) * 1000:.0f} ms = "
        f"{median(cf['cpu_s']) / median(bare['cpu_s']):.2f}× (includes loading the bank after the first frame)."
    )
    split = {w: (median(got[w]["to_run_ms"]), median(got[w]["elapsed_ms"]) - median(got[w]["to_run_ms"])) for w in APPS}
    notes.append(
        "Start-up split (medians): process start → `App.run` called (imports, set-up) then → first frame: "
        f"career-fit {split['career-fit'][0]:.0f} + {split['career-fit'][1]:.0f} ms, "
        f"bare {split['bare'][0]:.0f} + {split['bare'][1]:.0f} ms."
    )
    if "app_startup_log" in last:
        notes.append(f"Start-up: the app's own CAREER_FIT_STARTUP_LOG said: `{last['app_startup_log']}`")
    notes.extend(start_path_report(work, set(found["bare"]["modules"]), set(last["modules"])))
    if layers:
        notes.append(start_path_layers(repeat))
    return rows


def start_path_report(work: Path, bare: set[str], career_fit: set[str]) -> list[str]:
    extra = career_fit - bare
    deferred = sorted(m for m in career_fit if DEFERRED.match(m))
    lines = [
        "Start path: modules loaded before the first frame that should wait until after it: "
        + (
            ", ".join(f"`{m}`" for m in deferred)
            if deferred
            else "none (no pydantic, PyYAML, numpy or bank; scoring, export and CLI-only modules deferred)"
        )
        + "."
    ]
    own_modules = sorted(m for m in career_fit if m.split(".")[0] in ("quiz", "questions", "scoring"))
    lines.append("Start path: project modules loaded by the first frame: " + ", ".join(f"`{m}`" for m in own_modules)
                 + ".")
    proc, _ = startup_once("career-fit", work, importtime=True)
    times = parse_importtime(proc.stderr)
    own = {m: times[m] for m in extra if m in times}
    total_self = sum(s for s, _ in own.values()) / 1000
    by_package: dict[str, int] = {}
    for name, (self_us, _) in own.items():
        top = name.split(".")[0]
        by_package[top] = by_package.get(top, 0) + self_us
    packages = sorted(by_package.items(), key=lambda kv: -kv[1])[:8]
    lines.append(
        f"Start path: {len(extra)} modules beyond the bare app by the first frame, {total_self:.0f} ms of import "
        "self-time under "
        "-X importtime (inflated by the tracing); by top-level package: "
        + ", ".join(f"{p} {us / 1000:.1f} ms" for p, us in packages)
        + "."
    )
    # The roots of what career-fit adds: extra modules whose parent package is not itself extra.
    roots = [m for m in own if m.rpartition(".")[0] not in extra]
    top = sorted(roots, key=lambda m: -own[m][1])[:10]
    lines.append(
        "Start path: largest imports career-fit adds (cumulative): "
        + ", ".join(f"`{m}` {own[m][1] / 1000:.1f} ms" for m in top)
        + "."
    )
    return lines


# Cumulative layers of career-fit's start path, each a whole process (interpreter start to exit): the
# first three are what comes before the first frame, the rest what the worker loads right after it.
LAYERS = (
    ("Textual + Header/Static/Footer", "import textual.app; from textual.widgets import Footer, Header, Static"),
    ("+ strings()", "from quiz.i18n import ui_strings; ui_strings()"),
    ("+ quiz.cli, quiz.app (the first frame's imports)", "import quiz.cli, quiz.app"),
    ("+ pydantic BaseModel (after the first frame)", "from pydantic import BaseModel"),
    ("+ PyYAML", "import yaml"),
    ("+ questions (bank models, loader)", "import questions.loader"),
    ("+ load_bank()", "questions.loader.load_bank()"),
    ("+ quiz.flow, quiz.session", "import quiz.flow, quiz.session"),
)


def start_path_layers(repeat: int) -> str:
    """What each layer of the start path adds to a bare "import Textual" process: CPU time and peak RSS.

    CPU time (user + system) rather than wall time: these processes are short and single-threaded, and
    CPU time is far less disturbed by other load on a shared machine.
    """
    codes = ["; ".join(code for _, code in LAYERS[: n + 1]) for n in range(len(LAYERS))]
    cpu: list[list[float]] = [[] for _ in LAYERS]
    rss: list[list[int]] = [[] for _ in LAYERS]
    for n in range(repeat):
        order = range(len(LAYERS)) if n % 2 == 0 else reversed(range(len(LAYERS)))
        for k in order:
            proc = run_process([PY, "-c", codes[k]], child_env(), timeout=60)
            if proc.code != 0:
                raise Crash(f"start-path layer {LAYERS[k][0]!r} failed: {tail(proc.stderr)}")
            cpu[k].append(proc.cpu_s * 1000)
            rss[k].append(proc.maxrss_kb)
    base_ms, base_kb = median(cpu[0]), median(rss[0])
    parts = [f"{LAYERS[0][0]} {base_ms:.0f} ms / {mib(base_kb)}"]
    for k in range(1, len(LAYERS)):
        parts.append(
            f"{LAYERS[k][0]} {median(cpu[k]) - base_ms:+.0f} ms / {(median(rss[k]) - base_kb) / 1024:+.1f} MiB"
        )
    return (
        f"Start path layers (CPU time and peak RSS of whole processes, medians of {repeat}, cumulative vs the "
        "first): " + "; ".join(parts) + "."
    )


# --------------------------------------------------------------------------------------------- answering


def answer_once(which: str, work: Path) -> dict[str, Any]:
    out = work / f"answer-{which}.json"
    out.unlink(missing_ok=True)
    data = work / "xdg-answer"
    shutil.rmtree(data, ignore_errors=True)
    env = child_env(XDG_DATA_HOME=str(data), CAREER_FIT_SKIP_WELCOME="1")
    proc = run_process([PY, str(HERE / "app_driver.py"), "answer", which, str(out)], env, timeout=300)
    found = json.loads(out.read_text()) if out.is_file() else {}
    if proc.code != 0 or not found.get("steps"):
        raise Crash(f"{which} answering failed (exit {proc.code}): {found.get('error') or tail(proc.stderr)}")
    return found


def bench_answering(runs: int, work: Path, notes: list[str]) -> list[Row]:
    if not has_module("quiz.app") or not bank_available():
        return [Row("Answering: key → next question painted", "n/a: quiz.app or the bank not available yet")]
    steps: dict[str, list[float]] = {"bare": [], "career-fit": []}
    to_results: list[float] = []
    paints: list[float] = []
    for n in range(runs):
        for which in ("bare", "career-fit") if n % 2 == 0 else ("career-fit", "bare"):
            found = answer_once(which, work)
            steps[which].extend(found["steps"])
            if which == "career-fit":
                paints.extend(found["paint_ms"])
                if "to_results_ms" in found:
                    to_results.append(found["to_results_ms"])
    cf, bare = steps["career-fit"], steps["bare"]
    med = Row(
        "Answering: key → next question painted, median",
        ms(median(cf)),
        ms(median(bare)),
        f"{median(cf) / median(bare):.2f}×",
        "≤ 16 ms",
        median(cf) <= 16,
        {"median_ms": median(cf), "floor_median_ms": median(bare), "steps": len(cf), "runs": runs},
    )
    tail95 = Row(
        "Answering: key → next question painted, 95th percentile",
        ms(p95(cf)),
        ms(p95(bare)),
        f"{p95(cf) / p95(bare):.2f}×",
        values={"p95_ms": p95(cf), "floor_p95_ms": p95(bare), "max_ms": max(cf)},
    )
    rows = [med, tail95]
    if to_results:
        rows.append(
            Row(
                "Answering: last answer → results painted (scores once)",
                ms(median(to_results)),
                values={"ms": to_results},
            )
        )
    else:
        notes.append("Answering: the run did not reach a results screen after the last answer.")
    notes.append(
        f"Answering: {len(cf)} key presses over {runs} whole quiz(zes) (floor: the bare app's keys 1–5 replacing "
        f"its Static); career-fit frame paint median {median(paints):.2f} ms, max {max(paints):.1f} ms. "
        "Headless: the terminal write itself is not included."
    )
    return rows


# --------------------------------------------------------------------------------------------- scoring


def run_driver(name: str, script: str, people: int, seed: int, work: Path) -> dict[str, Any] | str:
    """Run a benchmark driver in its own process; its JSON findings, or why it could not measure."""
    if not bank_available():
        return "the bank not available yet"
    out = work / f"{name}.json"
    out.unlink(missing_ok=True)
    proc = run_process([PY, str(HERE / script), str(out), str(people), str(seed)], child_env(), timeout=900)
    if proc.code != 0 or not out.is_file():
        raise Crash(f"{name} benchmark failed (exit {proc.code}): {tail(proc.stderr)}")
    found: dict[str, Any] = json.loads(out.read_text())
    return str(found["na"]) if "na" in found else found


def bench_scoring(people: int, work: Path, notes: list[str]) -> list[Row]:
    found = run_driver("scoring", "score_driver.py", people, 7, work)
    if isinstance(found, str):
        return [Row("Scoring one person", f"n/a: {found}")]
    rows = []
    for kind, label in (("warm", "warm"), ("cold", "caches cleared")):
        values = found[f"{kind}_ms"]
        rows.append(
            Row(
                f"Scoring one person ({label}), median",
                ms(median(values)),
                target="≤ 5 ms",
                met=median(values) <= 5,
                values={"median_ms": median(values), "p95_ms": p95(values), "people": len(values)},
            )
        )
    notes.append(
        f"Scoring: {people} varied answer sets per kind; p95 warm {p95(found['warm_ms']):.2f} ms, cold "
        f"{p95(found['cold_ms']):.2f} ms; first call in a fresh process {found['first_ms']:.1f} ms; "
        f"{found['caches_cleared']} caches (functools and scoring.engine's per-bank index) cleared before each cold "
        "call."
    )
    return rows


# --------------------------------------------------------------------------------------------- adaptive


def bench_adaptive(people: int, work: Path, notes: list[str]) -> list[Row]:
    found = run_driver("adaptive", "adaptive_driver.py", people, 11, work)
    if isinstance(found, str):
        return [Row("Adaptive: next item", f"n/a: {found}")]
    chosen = {k: [t for t, phase in found[k] if phase in ("select", "coverage")] for k in ("warm", "cold")}
    every = {k: [t for t, _ in found[k]] for k in ("warm", "cold")}
    rows = []
    for kind, label in (("warm", "as in the app"), ("cold", "caches cleared")):
        values = chosen[kind]
        rows.append(
            Row(
                f"Adaptive: next item chosen by look-ahead ({label}), median",
                ms(median(values)),
                target="≤ 50 ms",
                met=median(values) <= 50,
                values={"median_ms": median(values), "p95_ms": p95(values), "max_ms": max(values),
                        "calls": len(values), "all_calls_median_ms": median(every[kind])},
            )
        )
    replays = found["replay_ms"]
    rows.append(Row("Adaptive: replay of one answer set (score --adaptive), median", ms(median(replays)),
                    values={"median_ms": median(replays), "p95_ms": p95(replays), "people": len(replays)}))
    asked = sorted(found["asked"])
    notes.append(
        f"Adaptive: {len(chosen['warm'])} look-ahead choices over {len(asked)} people stepped as the app does "
        f"(p95 {p95(chosen['warm']):.2f} ms, max {max(chosen['warm']):.1f} ms), {len(chosen['cold'])} with caches "
        f"cleared (p95 {p95(chosen['cold']):.2f} ms); every next_step call, start and stop included: median "
        f"{median(every['warm']):.2f} ms warm, {median(every['cold']):.2f} ms cold; first call in a fresh process "
        f"{found['first_ms']:.1f} ms; items asked of {found['items']}: mean {statistics.mean(asked):.1f}, "
        f"median {median(asked):g} (benchmark answer sets, not the simulation's gate population)."
    )
    return rows


# --------------------------------------------------------------------------------------------- batch


def career_fit_cmd() -> list[str]:
    script = Path(PY).parent / "career-fit"
    return [str(script)] if script.is_file() else [PY, "-m", "quiz"]


def count_lines(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for line in fh if line.strip())


def batch_once(source: Path, work: Path) -> Proc:
    out = work / "batch-out.csv"
    out.unlink(missing_ok=True)
    proc = run_process(
        [*career_fit_cmd(), "score", "--batch", str(source), "--format", "csv", "-o", str(out)],
        child_env(),
        timeout=3600,
    )
    if proc.code != 0:
        raise Crash(f"career-fit score --batch failed (exit {proc.code}): {tail(proc.stderr)}")
    rows = count_lines(out) if out.is_file() else 0
    expected = count_lines(source)
    if rows != expected + 1:
        raise Crash(f"career-fit score --batch wrote {rows} CSV lines for {expected} answer sets (+1 header)")
    return proc


def bench_batch(lines: int, runs: int, work: Path, notes: list[str]) -> list[Row]:
    if not has_module("quiz.commands.score") or not bank_available():
        return [Row("Batch: score --batch → CSV", "n/a: quiz.commands.score or the bank not available yet")]
    bank = load_bank()
    sys.path.insert(0, str(HERE))
    from answersets import write_jsonl

    big = work / "answers-big.jsonl"
    small = work / "answers-small.jsonl"
    size = write_jsonl(bank, big, lines, seed=1)
    write_jsonl(bank, small, max(1, lines // 10), seed=1)
    times: dict[str, list[float]] = {"batch": [], "floor": []}
    cpu: dict[str, list[float]] = {"batch": [], "floor": []}
    rss_big: list[int] = []
    rss_small: list[int] = []
    floor_rss: list[int] = []
    for n in range(runs):
        for which in ("batch", "floor") if n % 2 == 0 else ("floor", "batch"):
            if which == "batch":
                proc = batch_once(big, work)
                rss_big.append(proc.maxrss_kb)
            else:
                proc = run_process([PY, str(HERE / "json_floor.py"), str(big)], child_env(), timeout=900)
                if proc.code != 0:
                    raise Crash(f"JSON floor failed: {tail(proc.stderr)}")
                floor_rss.append(proc.maxrss_kb)
            times[which].append(proc.wall_s)
            cpu[which].append(proc.cpu_s)
        small_proc = batch_once(small, work)
        rss_small.append(small_proc.maxrss_kb)
    batch, floor = median(times["batch"]), median(times["floor"])
    rows = [
        ratio_row(f"Batch: score --batch {lines:,} answer sets → CSV (whole process)", batch, floor, secs, 3.0),
        Row(
            f"Batch: peak RSS at {lines:,} vs {max(1, lines // 10):,} answer sets",
            mib(median(rss_big)),
            mib(median(rss_small)),
            f"{median(rss_big) / median(rss_small):.2f}×",
            "≤ 1.1× (flat)",
            median(rss_big) / median(rss_small) <= 1.1,
            {"big_kb": rss_big, "small_kb": rss_small, "floor_kb": floor_rss},
        ),
    ]
    rows[0].values.update(
        batch_s=times["batch"],
        floor_s=times["floor"],
        batch_cpu_s=cpu["batch"],
        floor_cpu_s=cpu["floor"],
        input_bytes=size,
    )
    affinity = getattr(os, "sched_getaffinity", None)
    cores = len(affinity(0)) if affinity is not None else os.cpu_count() or 1
    workers = os.environ.get("CAREER_FIT_BATCH_WORKERS") or f"{min(cores, 8)} (one per core)"
    notes.append(
        f"Batch: {workers} worker process(es) for inputs over one chunk; peak RSS is the largest single "
        "process of the run (wait4), the workers being forked copies of the parent."
    )
    notes.append(
        f"Batch: input {size / 1e6:.1f} MB, {runs} interleaved run(s); {lines / batch:,.0f} answer sets/s "
        f"({batch / lines * 1e6:.0f} µs each, floor {floor / lines * 1e6:.1f} µs); floor peak RSS "
        f"{mib(median(floor_rss))}; CPU time (user+sys) {median(cpu['batch']):.2f} s vs floor "
        f"{median(cpu['floor']):.2f} s = {median(cpu['batch']) / median(cpu['floor']):.1f}×."
    )
    return rows


# --------------------------------------------------------------------------------------------- output


def table(rows: Sequence[Row]) -> str:
    head = "| benchmark | measured | floor | ratio | target | met? |\n|---|---|---|---|---|---|"
    body = [
        f"| {r.benchmark} | {r.measured} | {r.floor} | {r.ratio} | {r.target} | "
        f"{'—' if r.met is None else 'yes' if r.met else 'NO'} |"
        for r in rows
    ]
    return "\n".join([head, *body])


def machine_line(load_before: tuple[float, ...]) -> str:
    from importlib.metadata import version

    load_after = os.getloadavg()
    return (
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"Textual {version('textual')}; load average {load_before[0]:.2f} at start, {load_after[0]:.2f} at end "
        "(shared machine: figures are medians of interleaved runs; compare ratios, not absolutes)."
    )


BENCHMARKS = ("startup", "answer", "scoring", "adaptive", "batch")
LABELS = {
    "startup": "Start-up", "answer": "Answering", "scoring": "Scoring one person", "adaptive": "Adaptive",
    "batch": "Batch",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one repeat: check that everything runs")
    parser.add_argument("--repeat", type=int, help="whole-process runs per start-up variant (default 10, quick 1)")
    parser.add_argument("--batch-lines", type=int, help="answer sets in the batch input (default 100000, quick 1000)")
    parser.add_argument("--only", help=f"comma-separated subset of {','.join(BENCHMARKS)}")
    parser.add_argument("--json", metavar="FILE", help="also write the rows and notes as JSON")
    args = parser.parse_args(argv)
    repeat = args.repeat or (1 if args.quick else 10)
    lines = args.batch_lines or (1000 if args.quick else 100_000)
    chosen = set(args.only.split(",")) if args.only else set(BENCHMARKS)
    unknown = chosen - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    load_before = os.getloadavg()
    rows: list[Row] = []
    notes: list[str] = []
    crashed: list[str] = []
    plan: list[tuple[str, Callable[[Path], list[Row]]]] = [
        ("startup", lambda w: bench_startup(repeat, w, notes, layers=not args.quick)),
        ("answer", lambda w: bench_answering(1 if args.quick else max(2, repeat // 3), w, notes)),
        ("scoring", lambda w: bench_scoring(20 if args.quick else 300, w, notes)),
        ("adaptive", lambda w: bench_adaptive(4 if args.quick else 100, w, notes)),
        ("batch", lambda w: bench_batch(lines, 1 if args.quick else 3, w, notes)),
    ]
    with tempfile.TemporaryDirectory(prefix="career-fit-bench-") as tmp:
        os.environ["XDG_DATA_HOME"] = str(Path(tmp) / "xdg")  # no child touches the real data dir
        for name, bench in plan:
            if name not in chosen:
                continue
            started = time.monotonic()
            try:
                rows.extend(bench(Path(tmp)))
            except Crash as exc:
                crashed.append(name)
                rows.append(Row(LABELS[name], f"CRASHED: {exc}"))
            except Exception as exc:  # noqa: BLE001 - report and carry on with the other benchmarks
                crashed.append(name)
                rows.append(Row(LABELS[name], f"CRASHED: {type(exc).__name__}: {exc}"))
            sys.stderr.write(f"benchmarks: {name} done in {time.monotonic() - started:.1f} s\n")
    notes.append(machine_line(load_before))
    print(table(rows))
    print()
    for note in notes:
        print(f"- {note}")
    if args.json:
        doc = {"quick": args.quick, "repeat": repeat, "rows": [asdict(r) for r in rows], "notes": notes}
        Path(args.json).write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if crashed else 0


if __name__ == "__main__":
    raise SystemExit(main())
