"""The benchmark script runs end to end in quick mode (no timing thresholds: CI machines are noisy).

Parts whose code has not landed may show "n/a: …" in the table; the test fails only when a benchmark
crashed (the script then exits non-zero and its table row says CRASHED).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAMILIES = ("Start-up", "Answering", "Scoring one person", "Batch")


def test_benchmarks_quick_mode_runs(tmp_path: Path) -> None:
    report = tmp_path / "bench.json"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--json", str(report)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, f"benchmarks crashed:\n{proc.stdout}\n{proc.stderr}"
    assert proc.stdout.startswith("| benchmark | measured | floor | ratio | target | met? |")
    rows = json.loads(report.read_text(encoding="utf-8"))["rows"]
    names = [row["benchmark"] for row in rows]
    for family in FAMILIES:
        assert any(name.startswith(family) for name in names), f"no {family} row in {names}"
    for row in rows:
        assert not row["measured"].startswith("CRASHED"), row
        assert row["measured"], row
