"""Helpers for the reliability tests: running the CLI in-process, the banks to mutate, hostile strings."""

from __future__ import annotations

import contextlib
import copy
import io
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

FIGURES: list[tuple[str, object]] = []
"""Figures measured in this process, printed at the end of the run."""

ROOT = Path(__file__).resolve().parents[2]
TINY_BANK = ROOT / "tests" / "unit" / "tiny_bank.yaml"


@dataclass(frozen=True)
class CliRun:
    """What one in-process ``career-fit`` call did."""

    code: int
    out: str
    err: str
    seconds: float


def run_cli(argv: list[str]) -> CliRun:
    """Call ``quiz.cli.main(argv)`` in this process, capturing stdout/stderr and the time taken."""
    from quiz.cli import main

    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 1
    return CliRun(code, out.getvalue(), err.getvalue(), time.perf_counter() - start)


def check_clean_outcome(run: CliRun, file: Path, ok_codes: tuple[int, ...] = (0, 2)) -> None:
    """Assert ``run`` ended in success or one clear line naming ``file``, never a traceback."""
    where = f"exit {run.code}, stderr={run.err[:400]!r}"
    assert run.code in ok_codes, where
    assert "Traceback" not in run.err and "Traceback" not in run.out, where
    assert "unexpected error" not in run.err, where
    if run.code != 0:
        assert run.err.endswith("\n") and run.err.count("\n") == 1, f"not exactly one line: {where}"
        assert str(file) in run.err, f"error does not name the file: {where}"


def shipped_bank_text() -> str | None:
    """The shipped bank's YAML text, or None while it has not landed yet."""
    try:
        return resources.files("questions.bank").joinpath("career_fit.yaml").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None


def base_bank_text() -> str:
    """The bank to mutate: the shipped one when present, else the loader tests' tiny bank."""
    return shipped_bank_text() or TINY_BANK.read_text(encoding="utf-8")


def base_bank_data() -> dict[str, Any]:
    """The parsed bank to mutate (a fresh deep copy each call)."""
    return copy.deepcopy(_parsed(base_bank_text()))


_CACHE: dict[str, Any] = {}


def _parsed(text: str) -> Any:
    if text not in _CACHE:
        _CACHE[text] = yaml.safe_load(text)
    return _CACHE[text]


def dump_yaml(data: Any) -> str:
    """YAML text of ``data`` (unicode kept, key order kept); libyaml's emitter when present (5x faster)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10_000)


HOSTILE: dict[str, str] = {
    "rich_markup": "[bold red]x[/]",
    "rich_link": "[link=http://e.x]y[/link]",
    "rich_unbalanced": "[/] [bold] [/bold] [[escaped]] \\[not]",
    "textual_variable": "$accent [@click=app.quit]quit[/] [on red]bg[/]",
    "ansi_escape": "\x1b[31mred\x1b[0m",
    "ansi_clear": "\x1b[2J\x1b[H cleared",
    "bell_backspace": "bell\x07 back\x08space",
    "nul": "nul\x00byte",
    "c1_csi": "c1\x9b31m",
    "long_line": "w" * 10_000,
    "long_words": " ".join(["长句子"] * 3000),
    "cjk": "实施经理与项目经理的区别：工作重心、考核方式、职业发展",
    "emoji": "🚀👩🏽‍💻🧑‍🤝‍🧑🇨🇳 ✅",
    "arabic_rtl": "مدير المشروع يخطط الجدول الزمني",
    "hebrew_rtl": "מנהל פרויקט מתכנן לוח זמנים",
    "bidi_override": "abc\u202edcba\u202c end",
    "combining": "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗̻̈ ̶̡̛̯",
    "html": "<script>alert(1)</script><img src=x onerror=alert(2)>&amp;\"'",
    "markdown": "# heading\n| a | b |\n[link](javascript:alert(1)) **bold** `code`",
    "format_braces": "{0} {name} {{}} %s %(x)s",
    "zero_width": "zero\u200bwidth\ufeffbom",
}
"""Hostile strings, by name; the ones with control characters must be refused by the loader."""

CONTROL_NAMES = frozenset({"ansi_escape", "ansi_clear", "bell_backspace", "nul", "c1_csi", "bidi_override"})
"""Names of :data:`HOSTILE` strings that contain control characters (bidirectional overrides too: they reorder
what a terminal shows, see the review's S4 and ``test_s4_cr_and_bidi_controls_in_a_bank_are_refused``)."""
