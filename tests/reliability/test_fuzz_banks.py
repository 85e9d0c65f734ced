"""Fuzzed banks through ``career-fit validate``: success or one clear line naming the file, never a traceback.

Byte-level damage to the YAML text of the shipped bank (1000 inputs per run, deterministic:
``derandomize=True``), and structural damage to its parsed form (fields dropped, duplicated, retyped,
renamed, roles swapped, unknown sections, huge strings): about 500 single edits chosen so that every
location kind of the bank gets several, plus 100 random combinations. Plus the classic hostile files: YAML
bombs, deep nesting, non-UTF-8 bytes and a 10 MB file, each refused well under a second.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from tests.budget import within_budget
from tests.reliability.helpers import base_bank_data, base_bank_text, check_clean_outcome, dump_yaml, run_cli
from tests.reliability.mutations import byte_mutations, structure_cases, structure_mutations

FUZZ = settings(
    max_examples=1000,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

PER_INPUT_LIMIT = 2.0
"""Seconds one input may take before we call it a hang (typical: a few milliseconds)."""


class Tally:
    """Counts inputs, outcomes and the slowest input of one fuzz run."""

    def __init__(self) -> None:
        self.tried = 0
        self.ok = 0
        self.refused = 0
        self.slowest = 0.0

    def add(self, code: int, seconds: float) -> None:
        self.tried += 1
        self.ok += code == 0
        self.refused += code == 2
        self.slowest = max(self.slowest, seconds)

    def __str__(self) -> str:
        return f"{self.tried} tried, {self.ok} valid, {self.refused} refused, 0 tracebacks, slowest {self.slowest:.3f}s"


def _validate(path: Path, tally: Tally) -> None:
    run = run_cli(["validate", str(path), "--lang", "en"])
    check_clean_outcome(run, path)
    within_budget(run.seconds, PER_INPUT_LIMIT, "validate")
    tally.add(run.code, run.seconds)


def test_fuzz_bank_bytes(tmp_path: Path, figure: Any) -> None:
    """Byte-level mutations of the bank's YAML (syntax damage, bad bytes, tags, anchors)."""
    text = base_bank_text()
    path = tmp_path / "fuzzed bank.yaml"
    tally = Tally()

    @FUZZ
    @given(byte_mutations(text))
    def one(data: bytes) -> None:
        path.write_bytes(data)
        _validate(path, tally)

    one()
    figure("fuzz.bank_bytes", str(tally))
    assert tally.tried >= 1000
    assert tally.refused > 0


def _bank_file(folder: Path, n: int, data: Any) -> Path:
    """``data`` as a bank file: YAML for one case in three (in rotation, so each location kind meets each edit
    in YAML somewhere; and whenever JSON cannot hold a value, such as infinity), JSON otherwise. Both go
    through the same loader and checks; JSON parses 5-10x faster."""
    if (n + n // 3) % 3:
        try:
            path = folder / "bank-структура-结构.json"
            path.write_text(json.dumps(data, ensure_ascii=False, allow_nan=False), encoding="utf-8")
            return path
        except ValueError:
            pass
    path = folder / "bank-структура-结构.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path


def test_fuzz_bank_structure(tmp_path: Path, figure: Any) -> None:
    """Structural damage to the parsed bank, chosen to cover it rather than sampled.

    Every location kind of the bank (one ``items.*.text.zh`` stands for all items': 154 kinds) is dropped,
    retyped and given one more edit in rotation (duplicated, renamed, a role-like value, a huge value); every
    wrong-typed value replaces the whole document; unknown sections are added. Then a sample of one to three
    combined edits. Each case must validate or be refused in one line naming the file.
    """
    base = base_bank_data()
    cases = structure_cases(base)
    tally = Tally()
    kinds: set[str] = set()
    for n, (label, data) in enumerate(cases):
        path = _bank_file(tmp_path, n, data)
        kinds.add(f"{label.split()[0]} {path.suffix}")
        _validate(path, tally)
    combined = Tally()

    @settings(FUZZ, max_examples=COMBINED)
    @given(structure_mutations(base))
    def one(data: Any) -> None:
        _validate(_bank_file(tmp_path, combined.tried, data), combined)

    one()
    figure("fuzz.bank_structure", f"{tally} (single edits covering every location kind); combined edits: {combined}")
    assert tally.tried == len(cases) >= 450 and combined.tried >= COMBINED
    assert {k.split()[0] for k in kinds} >= {"drop", "retype", "duplicate", "rename", "swap_role", "huge", "root"}
    assert {k.split()[1] for k in kinds} == {".json", ".yaml"}
    assert tally.refused > 0 and combined.refused > 0


COMBINED = 100
"""Random combinations of one to three structural edits tried after the single edits."""


def test_fuzz_bank_bytes_pure_python_parser(
    tmp_path: Path, figure: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same byte damage through PyYAML's pure-Python parser (used when libyaml is missing), on the
    loader tests' small bank so that 300 inputs stay fast."""
    import questions.yamlfile
    from tests.reliability.helpers import TINY_BANK

    monkeypatch.setattr(questions.yamlfile, "_FAST", False)
    text = TINY_BANK.read_text(encoding="utf-8")
    path = tmp_path / "tiny fuzzed.yaml"
    tally = Tally()

    @settings(FUZZ, max_examples=300)
    @given(byte_mutations(text))
    def one(data: bytes) -> None:
        path.write_bytes(data)
        _validate(path, tally)

    one()
    figure("fuzz.bank_bytes_pure_python", str(tally))
    assert tally.tried >= 300 and tally.refused > 0
