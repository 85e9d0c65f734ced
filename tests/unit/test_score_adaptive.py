"""``score --adaptive`` on the command line: the batch path gives each line what scoring it alone gives, its CSV
says how many questions the short form asked, and ``--short`` belongs to taking the quiz only."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from questions.loader import load_bank
from questions.schema import Bank
from scoring.adaptive import replay
from tests.reliability.helpers import run_cli
from tests.unit.test_batch import random_people


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


@pytest.fixture(scope="module")
def crowd(bank: Bank) -> list[dict[str, Any]]:
    return random_people(bank, 12, 23)


def _alone(person: dict[str, Any], folder: Path, n: int) -> dict[str, Any]:
    path = folder / f"one{n}.json"
    path.write_text(json.dumps(person), encoding="utf-8")
    run = run_cli(["score", str(path), "--adaptive", "--format", "json"])
    assert run.code == 0, run.err
    document: dict[str, Any] = json.loads(run.out)
    return document


def test_batch_adaptive_is_each_line_scored_alone(bank: Bank, crowd: list[dict[str, Any]], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREER_FIT_BATCH_WORKERS", "0")
    path = tmp_path / "crowd.jsonl"
    path.write_text("\n".join(json.dumps(p) for p in crowd) + "\nnot json\n", encoding="utf-8")
    run = run_cli(["score", "--batch", str(path), "--adaptive", "--format", "jsonl"])
    assert run.code == 2 and f"{path}:{len(crowd) + 1}:" in run.err  # the bad line is named; the rest scored
    rows = [json.loads(line) for line in run.out.splitlines()]
    assert [r["line"] for r in rows] == list(range(1, len(crowd) + 2)) and "error" in rows[-1]
    for n, (person, row) in enumerate(zip(crowd, rows, strict=False)):
        alone = _alone(person, tmp_path, n)["result"]
        short = replay(bank, person["answers"])
        assert row["form"] == alone["form"] == {"mode": "adaptive", "asked": len(short.asked)}
        assert row["answered"] == alone["answered"] == len(short.answers)
        assert row["ranking"] == alone["ranking"] and row["band"] == alone["band"]
        assert row["probabilities"] == pytest.approx(alone["probabilities"], abs=1e-9)


def test_batch_adaptive_csv_has_the_asked_column(bank: Bank, crowd: list[dict[str, Any]], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREER_FIT_BATCH_WORKERS", "0")
    path = tmp_path / "crowd.jsonl"
    path.write_text("\n".join(json.dumps(p) for p in crowd[:4]) + "\n[\n", encoding="utf-8")
    run = run_cli(["score", "--batch", str(path), "--adaptive", "--format", "csv"])
    table = list(csv.DictReader(io.StringIO(run.out)))
    assert list(table[0])[-2:] == ["asked", "error"]
    for person, row in zip(crowd[:4], table, strict=False):
        assert int(row["asked"]) == len(replay(bank, person["answers"]).asked) and row["error"] == ""
    assert table[-1]["asked"] == "" and table[-1]["error"].startswith(f"{path}:5:")
    plain = run_cli(["score", "--batch", str(path), "--format", "csv"])
    assert "asked" not in plain.out.splitlines()[0], "without --adaptive the CSV is what it always was"


@pytest.mark.parametrize("command", [["template"], ["questions"], ["validate"]])
def test_short_is_for_taking_the_quiz_only(command: list[str]) -> None:
    run = run_cli(["--short", *command])
    assert run.code == 2 and len(run.err.strip().splitlines()) == 1 and "--short" in run.err
