"""Fuzzed answers files through ``career-fit score --format json``: a result or one clear line, no traceback.

One generator, 1000 inputs per run (deterministic), mixing three kinds: valid answers (any subset of the
shipped bank's items, any legal values, optional timings), structural damage to them (fields dropped,
retyped, renamed, unknown items, wrong languages) and byte-level damage to their YAML or JSON text.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questions.loader import load_bank
from questions.schema import Bank, ChoiceItem
from tests.budget import within_budget
from tests.reliability.answers_io import score_file
from tests.reliability.helpers import check_clean_outcome, dump_yaml
from tests.reliability.mutations import byte_mutations, structure_mutations

FUZZ = settings(
    max_examples=1000,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@st.composite
def valid_answers(draw: st.DrawFn, bank: Bank) -> dict[str, Any]:
    """Any subset of the bank's items with legal values, in either language, maybe with timings."""
    answers: dict[str, Any] = {}
    timings: dict[str, float] = {}
    for item in bank.items:
        if not draw(st.booleans()):
            continue
        if isinstance(item, ChoiceItem):
            answers[item.id] = draw(st.sampled_from([o.id for o in item.options]))
        else:
            answers[item.id] = draw(st.integers(1, 5))
        if draw(st.booleans()):
            timings[item.id] = draw(st.floats(0, 600, allow_nan=False))
    data: dict[str, Any] = {"lang": draw(st.sampled_from(["zh", "en"])), "answers": answers}
    if timings:
        data["timings"] = timings
    return data


def _serialise(data: Any, as_json: bool) -> str:
    if as_json:
        return json.dumps(data, ensure_ascii=False, allow_nan=True)
    return dump_yaml(data)


@st.composite
def answers_files(draw: st.DrawFn, bank: Bank) -> tuple[str, str, bytes]:
    """(kind, suffix, content) of one answers file: valid, structurally damaged or byte-damaged."""
    kind = draw(st.sampled_from(("valid", "structure", "bytes")))
    as_json = draw(st.booleans())
    suffix = ".json" if as_json else ".yaml"
    data = draw(valid_answers(bank))
    if kind == "valid":
        return kind, suffix, _serialise(data, as_json).encode()
    if kind == "structure":
        return kind, suffix, _serialise(draw(structure_mutations(data)), as_json).encode()
    return kind, suffix, draw(byte_mutations(_serialise(data, as_json)))


def test_fuzz_answers(tmp_path: Path, figure: Any) -> None:
    bank = load_bank()
    counts: dict[str, list[int]] = {"valid": [0, 0], "structure": [0, 0], "bytes": [0, 0]}
    slowest = [0.0]

    @FUZZ
    @given(answers_files(bank))
    def one(case: tuple[str, str, bytes]) -> None:
        kind, suffix, content = case
        path = tmp_path / f"answers 答案{suffix}"
        path.write_bytes(content)
        run = score_file(path, "json")
        check_clean_outcome(run, path)
        within_budget(run.seconds, 2.0, "score")
        slowest[0] = max(slowest[0], run.seconds)
        if kind == "valid":
            assert run.code == 0, run.err
        if run.code == 0:
            doc = json.loads(run.out)
            result = doc["result"]
            assert sorted(result["ranking"]) == sorted(r.id for r in bank.roles)
            assert math.isclose(sum(result["probabilities"].values()), 1.0, abs_tol=1e-6)
            assert all(0 <= s <= 100 for s in result["scores"].values())
        counts[kind][0] += 1
        counts[kind][1] += run.code == 0

    one()
    tried = sum(c[0] for c in counts.values())
    shown = ", ".join(f"{k} {c[0]} ({c[1]} scored)" for k, c in counts.items())
    figure("fuzz.answers", f"{tried} tried: {shown}; 0 tracebacks, slowest {slowest[0]:.3f}s")
    assert tried >= 1000
    assert all(c[0] > 100 for c in counts.values())
