"""Reproductions of the red-team findings on ``score --batch`` (reliability review E1, S2, E5, E6, E8).

Each test is the review's reproduction, made exact: one bad line is reported as ``FILE:LINE: …`` on one
short line and every other line is still scored (exit 2); special files are refused quickly; nothing from
the input reaches the terminal raw; the output-side errors say what failed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from questions.loader import load_bank
from tests.reliability.helpers import ROOT, run_cli

BANK = load_bank()
GOOD = json.dumps({"lang": "en", "answers": {i.id: 1 + n % 5 for n, i in enumerate(BANK.rating_items)}})
RAW_UNSAFE = ("\x1b", "\x07", "\r", "\u202e", "\x9b")


def batch_file(tmp_path: Path, middle: bytes, name: str = "cohort.jsonl") -> Path:
    """A three-line batch: a good line, ``middle``, a good line."""
    path = tmp_path / name
    path.write_bytes(GOOD.encode() + b"\n" + middle + b"\n" + GOOD.encode() + b"\n")
    return path


def rows_of(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out)))


def check_one_bad_line(tmp_path: Path, middle: bytes, expected: str) -> str:
    """Line 2 is reported on one short line naming file and line; lines 1 and 3 are scored; exit 2."""
    path = batch_file(tmp_path, middle)
    run = run_cli(["score", "--batch", str(path)])
    assert run.code == 2, run.err[:300]
    assert "unexpected error" not in run.err and "Traceback" not in run.err
    lines = run.err.splitlines()
    assert len(lines) == 1 and len(lines[0]) < 300, run.err[:300]
    assert lines[0].startswith(f"career-fit: {path}:2: ") and expected in lines[0], lines[0]
    rows = rows_of(run.out)
    assert [r["line"] for r in rows] == ["1", "2", "3"]
    assert rows[0]["top"] and rows[2]["top"] and rows[0]["error"] == "" and rows[1]["top"] == ""
    return lines[0]


def test_e1_deep_nesting_is_one_bad_line(tmp_path: Path) -> None:
    check_one_bad_line(tmp_path, b"[" * 100_000, "nesting deeper than")


def test_e1_nesting_below_the_recursion_limit_is_bounded_too(tmp_path: Path) -> None:
    check_one_bad_line(tmp_path, b'{"answers": ' + b"[" * 60 + b"]" * 60 + b"}", "nesting deeper than")


def test_e1_bad_bytes_are_one_bad_line(tmp_path: Path) -> None:
    check_one_bad_line(tmp_path, b"\xff\xfe\x00garbage", "not UTF-8")


def test_e1_a_huge_line_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    check_one_bad_line(tmp_path, b'{"answers": {"' + b"a" * 3_000_000 + b'": 1}}', "longer than")


def test_e1_a_huge_last_line_without_newline(tmp_path: Path) -> None:
    path = tmp_path / "tail.jsonl"
    path.write_bytes(GOOD.encode() + b"\n" + b"x" * 5_000_000)
    run = run_cli(["score", "--batch", str(path)])
    assert run.code == 2 and len(run.err.splitlines()) == 1 and f"{path}:2: " in run.err
    assert [r["line"] for r in rows_of(run.out)] == ["1", "2"]


def test_e8_a_long_number_does_not_show_pythons_hint(tmp_path: Path) -> None:
    line = check_one_bad_line(tmp_path, b'{"answers": {"r01": ' + b"7" * 5000 + b"}}", "not valid JSON")
    assert "set_int_max_str_digits" not in line


def test_e8_a_long_key_is_cut_in_the_error(tmp_path: Path) -> None:
    line = check_one_bad_line(tmp_path, json.dumps({"answers": {"k" * 200_000: 3}}).encode(), "no such item")
    assert "k" * 101 not in line and "…" in line


def test_e8_a_long_value_is_cut_in_the_error(tmp_path: Path) -> None:
    line = check_one_bad_line(tmp_path, json.dumps({"answers": {"r01": "v" * 200_000}}).encode(), "item r01")
    assert "v" * 101 not in line


def test_s2_terminal_escapes_never_reach_stderr_or_the_csv_raw(tmp_path: Path) -> None:
    path = tmp_path / "esc.jsonl"
    path.write_text('{"answers":{"\\u001b]0;PWNED\\u0007\\u001b[31mRED":3}}\n'
                    '{"answers":{"r01\\rFAKE: all good":3}}\n'
                    '{"answers":{"\\u202eevil\\u009b":3}}\n'
                    '{"lang":"\\u001b[2J"}\n', encoding="utf-8")
    for fmt in ("csv", "jsonl"):
        run = run_cli(["score", "--batch", str(path), "--format", fmt])
        assert run.code == 2
        for ch in RAW_UNSAFE:
            assert ch not in run.err, (fmt, ch, run.err)
            assert ch not in run.out, (fmt, ch, run.out)
        assert len(run.err.splitlines()) == 4, run.err
        assert "\\x1b]0;PWNED\\x07" in run.err and "r01\\rFAKE" in run.err and "\\u202eevil" in run.err


def test_s2_a_file_name_with_controls_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "bad\x1b[31mname\r.jsonl"
    path.write_text('{"answers": {"nope": 1}}\n', encoding="utf-8")
    run = run_cli(["score", "--batch", str(path)])
    assert run.code == 2 and "\x1b" not in run.err and "\r" not in run.err and "\\x1b[31mname\\r" in run.err


def _cli(args: list[str], timeout: float = 60, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done: subprocess.CompletedProcess[bytes] = subprocess.run(  # type: ignore[call-overload]
        [sys.executable, "-m", "quiz", *args], cwd=ROOT, env=env, timeout=timeout,
        capture_output="stdout" not in kwargs, **kwargs)
    return done


def test_e1_dev_zero_is_refused_quickly() -> None:
    start = time.monotonic()
    proc = _cli(["score", "--batch", "/dev/zero"], timeout=30)
    assert proc.returncode == 2 and proc.stdout == b""
    err = proc.stderr.decode()
    assert len(err.splitlines()) == 1 and "/dev/zero" in err and "not a regular file" in err, err
    assert time.monotonic() - start < 20


def test_e1_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "ff"
    os.mkfifo(fifo)
    proc = _cli(["score", "--batch", str(fifo)], timeout=30)
    assert proc.returncode == 2 and proc.stdout == b""
    assert "not a regular file" in proc.stderr.decode()


def test_standard_input_named_on_purpose_is_read(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "quiz", "score", "--batch", "-", "--format", "jsonl"], cwd=ROOT,
                          input=(GOOD + "\n" + GOOD + "\n").encode(), capture_output=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["line"] for line in proc.stdout.decode().splitlines()] == [1, 2]


def test_e6_missing_input_prints_nothing_on_stdout(tmp_path: Path) -> None:
    for target in (tmp_path / "missing.jsonl", tmp_path):
        for fmt in ("csv", "jsonl"):
            run = run_cli(["score", "--batch", str(target), "--format", fmt])
            assert run.code == 2 and run.out == "", (target, run.out)
            assert len(run.err.splitlines()) == 1 and str(target) in run.err


def test_e6_missing_input_leaves_no_output_file(tmp_path: Path) -> None:
    out = tmp_path / "rows.csv"
    run = run_cli(["score", "--batch", str(tmp_path / "missing.jsonl"), "-o", str(out)])
    assert run.code == 2 and not out.exists() and not list(tmp_path.iterdir())


@pytest.mark.parametrize("force", [False, True])
def test_e5_output_to_a_directory_is_a_clear_error(tmp_path: Path, force: bool) -> None:
    path = batch_file(tmp_path, GOOD.encode())
    folder = tmp_path / "somedir"
    folder.mkdir()
    run = run_cli(["score", "--batch", str(path), "-o", str(folder), *(["--force"] if force else [])])
    assert run.code == 2 and "unexpected error" not in run.err
    assert len(run.err.splitlines()) == 1 and "is a directory" in run.err and "--force" not in run.err
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_e5_a_full_standard_output_says_so(tmp_path: Path) -> None:
    path = batch_file(tmp_path, GOOD.encode())
    with open("/dev/full", "wb") as full:
        proc = _cli(["score", "--batch", str(path)], stdout=full, stderr=subprocess.PIPE)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert len(err.splitlines()) == 1 and "standard output" in err and "unexpected error" not in err, err


def test_one_bad_line_among_many_keeps_order_with_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With worker processes and small chunks, output order and the bad lines' reports stay exact."""
    monkeypatch.setenv("CAREER_FIT_BATCH_WORKERS", "2")
    monkeypatch.setenv("CAREER_FIT_BATCH_CHUNK", "4096")
    lines = [GOOD.encode()] * 300
    lines[7], lines[150], lines[299] = b"[" * 5000, b"\xff", b'{"answers": {"zz": 1}}'
    path = tmp_path / "many.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    run = run_cli(["score", "--batch", str(path)])
    assert run.code == 2
    assert [e.split(": ")[1] for e in run.err.splitlines()] == [f"{path}:8", f"{path}:151", f"{path}:300"]
    rows = rows_of(run.out)
    assert [r["line"] for r in rows] == [str(n) for n in range(1, 301)]
    assert sum(1 for r in rows if r["error"]) == 3


def test_every_hostile_line_is_one_short_safe_error(tmp_path: Path, figure: Any,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Every bomb of the hostile-files suite and every hostile string (as an item id and as an answer),
    each between good lines, with and without worker processes: one short, safe error each."""
    from tests.reliability.bombs import BOMBS
    from tests.reliability.helpers import HOSTILE

    bad: list[bytes] = []
    for content in BOMBS.values():
        bad.extend(line for line in content.split(b"\n") if line.strip())
    for text in HOSTILE.values():
        bad.append(json.dumps({"answers": {text: 3}}).encode())
        bad.append(json.dumps({"answers": {BANK.rating_items[0].id: text}}).encode())
        bad.append(json.dumps({"lang": text}).encode())
    lines = [GOOD.encode()]
    for line in bad:
        lines += [line, GOOD.encode()]
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    outputs = []
    for workers, chunk in (("0", "0"), ("2", "65536")):
        monkeypatch.setenv("CAREER_FIT_BATCH_WORKERS", workers)
        monkeypatch.setenv("CAREER_FIT_BATCH_CHUNK", chunk)
        run = run_cli(["score", "--batch", str(path), "--format", "jsonl"])
        assert run.code == 2 and "Traceback" not in run.err and "unexpected error" not in run.err
        errors = run.err.splitlines()
        rows = [json.loads(line) for line in run.out.splitlines()]
        scored = [r for r in rows if "error" not in r]
        assert len(scored) == len(bad) + 1 and all(r["line"] % 2 == 1 for r in scored)
        assert len(errors) == len(rows) - len(scored) <= len(bad)
        assert max(len(e) for e in errors) < 400
        assert not any(ch in run.err or ch in run.out for ch in RAW_UNSAFE)
        outputs.append(run.out)
    assert outputs[0] == outputs[1]
    figure("batch.hostile_lines", f"{len(bad)} hostile lines between good ones, {len(errors)} refused in one "
                                  f"short escaped line each, every good line scored, inline and with 2 workers")


def test_e5_an_output_under_an_unknown_home_is_a_usage_error(tmp_path: Path) -> None:
    path = batch_file(tmp_path, GOOD.encode())
    run = run_cli(["score", "--batch", str(path), "-o", "~nosuchuser-career-fit/x.csv"])
    assert run.code == 2 and "unexpected error" not in run.err and len(run.err.splitlines()) == 1
    assert "~nosuchuser-career-fit" in run.err and run.out == ""
