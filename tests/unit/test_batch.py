"""``score --batch``: the same numbers as scoring one person, the fast check never decides differently from
the full one, worker processes change nothing, and the reader keeps line numbers whatever the chunk size."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path
from typing import Any, cast

import pytest

from questions.loader import load_bank
from questions.schema import ROLE_IDS, Bank, ChoiceItem
from quiz.commands import batch_rows
from quiz.commands.batch_input import MAX_LINE, chunks
from quiz.commands.batch_rows import SKIP, Context, checked, quick
from scoring.engine import score_numbers
from scoring.model import Stats
from tests.reliability.helpers import run_cli


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def random_people(bank: Bank, n: int, seed: int) -> list[dict[str, Any]]:
    """Varied answer sets: random, skewed, straight-lined, sparse, empty, extreme, some with timings."""
    rng = random.Random(seed)
    out = []
    for k in range(n):
        style = rng.choice(["random", "skew", "straight", "sparse", "extreme", "random"])
        favour = rng.choice(ROLE_IDS)
        level = rng.randint(1, 5)
        answers: dict[str, Any] = {}
        for item in bank.items:
            if style == "sparse" and rng.random() < 0.8:
                continue
            if isinstance(item, ChoiceItem):
                pick = [o for o in item.options if o.role == favour] if style in ("skew", "extreme") else item.options
                answers[item.id] = rng.choice(pick).id
            elif style == "straight":
                answers[item.id] = level
            elif style == "extreme":
                answers[item.id] = 5 if item.role == favour else 1
            elif style == "skew":
                answers[item.id] = min(5, max(1, rng.randint(1, 5) + (1 if item.role == favour else -1)))
            else:
                answers[item.id] = rng.randint(1, 5)
        person: dict[str, Any] = {"lang": "zh" if k % 2 else "en", "answers": answers}
        if k % 7 == 0:
            person["timings"] = {item.id: round(rng.uniform(0.5, 9), 2) for item in bank.items[:5]}
        out.append(person)
    return out


def run_batch(path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch, workers: int, chunk: int = 0) -> str:
    monkeypatch.setenv("CAREER_FIT_BATCH_WORKERS", str(workers))
    monkeypatch.setenv("CAREER_FIT_BATCH_CHUNK", str(chunk))
    run = run_cli(["score", "--batch", str(path), "--format", fmt])
    assert run.code in (0, 2), run.err[:500]
    return run.out


def test_batch_and_single_agree_to_1e9_on_1000_random_people(
    bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = random_people(bank, 1000, 14)
    path = tmp_path / "people.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in people), encoding="utf-8")
    pooled = run_batch(path, "jsonl", monkeypatch, workers=2, chunk=20_000)
    inline = run_batch(path, "jsonl", monkeypatch, workers=0)
    assert pooled == inline
    rows = [json.loads(line) for line in pooled.splitlines()]
    assert [r["line"] for r in rows] == list(range(1, 1001))
    bands = set()
    for person, row in zip(people, rows, strict=True):
        n = score_numbers(bank, person["answers"])
        assert tuple(row["ranking"]) == n.ranking and row["band"] == n.band and row["answered"] == n.answered
        for role in ROLE_IDS:
            assert abs(row["scores"][role] - n.scores[role]) <= 1e-9
            assert abs(row["probabilities"][role] - n.probabilities[role]) <= 1e-9
        bands.add(n.band)
    assert bands == {"clear", "leaning", "close_call", "undifferentiated", "low_interest"}
    csv_rows = list(csv.DictReader(io.StringIO(run_batch(path, "csv", monkeypatch, workers=2, chunk=30_000))))
    for row, jrow in zip(csv_rows, rows, strict=True):
        assert row["top"] == jrow["ranking"][0] and float(row["prob_operations"]) == jrow["probabilities"]["operations"]


def hostile_values(bank: Bank) -> list[Any]:
    """Parsed lines that are valid, nearly valid and hostile, for the fast and the full check."""
    rating = bank.rating_items[0].id
    choice = bank.choice_items[0]
    other = bank.choice_items[1].options[0].id
    good = {rating: 3, choice.id: choice.options[0].id}
    values: list[Any] = [None, 1, "x", [], [good], {}, {"answers": None}, {"answers": {}}, {"answers": []},
                         {"answers": good}, {"lang": "zh", "answers": good}, {"lang": "fr", "answers": good},
                         {"lang": None, "answers": good}, {"lang": ["en"], "answers": good}, {"lang": 1},
                         {"answers": good, "extra": 1}, {"schema_version": 1, "answers": good, "result": {}},
                         {"answers": good, "timings": None}, {"answers": good, "timings": {}}]
    bad: object
    for bad in (0, 6, -1, 10**30, 3.0, "3", True, False, [3], {"a": 3}, "", choice.options[0].id):
        values.append({"answers": {**good, rating: bad}})
    for bad in (3, "nope", other, None, True, [choice.options[0].id], ""):
        values.append({"answers": {**good, choice.id: bad}})
    for key in ("nope", "", "R01", rating + " ", "\x1b[31m"):
        values.append({"answers": {**good, key: 3}})
    for seconds in (1.5, 0.0, 3, -1.0, float("nan"), float("inf"), "2", True, None, 10**400):
        values.append({"answers": good, "timings": {rating: seconds}})
    values.append({"answers": good, "timings": {"nope": 1.0}})
    values.append({"answers": good, "timings": [1.0]})
    values.append({"answers": {rating: None, choice.id: None}})
    return values


def test_the_fast_check_accepts_only_what_the_full_check_accepts(bank: Bank) -> None:
    ctx = Context.of(bank, "f.jsonl", "csv")
    values = hostile_values(bank) + random_people(bank, 200, 3)
    accepted = 0
    for value in values:
        fast = quick(value, ctx)
        full = checked(value, ctx, 1)
        if fast is not None:
            accepted += 1
            assert sorted(full) == sorted(s for s in fast if s != SKIP), value
    assert accepted > 200 and sum(1 for v in values if isinstance(checked(v, ctx, 1), str)) >= 35


def test_the_fast_check_changes_no_output(bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole batch, with and without the fast check: the same rows, errors and messages, byte for byte."""
    lines = [json.dumps(v) for v in hostile_values(bank) + random_people(bank, 50, 5)]
    lines += ["not json", '{"answers": {"r01": 5', "[" * 100, '{"answers": {"r01": 1e999}}']
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for fmt in ("csv", "jsonl"):
        fast = run_cli(["score", "--batch", str(path), "--format", fmt])
        monkeypatch.setattr(batch_rows, "quick", lambda data, ctx: None)
        full = run_cli(["score", "--batch", str(path), "--format", fmt])
        monkeypatch.undo()
        assert (fast.code, fast.out, fast.err) == (full.code, full.out, full.err)
        assert fast.code == 2 and len(fast.err.splitlines()) > 40


@pytest.mark.parametrize("size", [7, 64, 4096, 1 << 20])
def test_chunks_keep_whole_lines_and_their_numbers(tmp_path: Path, size: int) -> None:
    lines = [b'{"a": %d}' % n for n in range(50)]
    lines[10] = b"x" * (MAX_LINE + 5)
    lines[20] = b""
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b"\n".join(lines))
    seen: dict[int, bytes] = {}
    overlong: set[int] = set()
    with path.open("rb", buffering=0) as fh:
        found = list(chunks(fh, size))
    for chunk in found:
        parts = chunk.data.split(b"\n")
        if chunk.data.endswith(b"\n"):
            parts.pop()
        for offset, part in enumerate(parts):
            seen[chunk.first + offset] = part
        overlong |= chunk.overlong
    assert sorted(seen) == list(range(1, 51))
    assert all(seen[n + 1] == lines[n] for n in range(50) if n != 10)
    # The overlong line is skipped by the reader when it spans reads, else left for the scorer to refuse.
    assert (overlong == {11} and seen[11] == b"") or (not overlong and seen[11] == lines[10])


def test_csv_rows_are_what_the_csv_module_writes(bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Scored rows are joined by hand (nothing in them needs quoting): the bytes equal csv.writer's."""
    lines = [json.dumps(p) for p in random_people(bank, 60, 9)] + ['{"answers": {"a,\\"b": 1}}', "x"]
    path = tmp_path / "some.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = run_batch(path, "csv", monkeypatch, workers=0)
    again = io.StringIO()
    csv.writer(again, lineterminator="\n").writerows(csv.reader(io.StringIO(out)))
    assert again.getvalue() == out


def test_the_batch_fit_is_the_single_fit_bit_for_bit(bank: Bank) -> None:
    """scoring.model.top_many (whole arrays: canonical order, fit, ties evened) equals posterior().top exactly."""
    from scoring import model
    from scoring.engine import index, tally

    stats = [tally(index(bank), p["answers"]).stats for p in random_people(bank, 300, 21)]
    same, other = ((1, 2, 3, 4, 2), 4), ((2, 2, 2, 2, 2), 1)
    stats += [(same, same, same), (same, other, same), (other, same, same), (same, same, other)]
    rng = random.Random(8)
    stats += [cast(Stats, tuple((tuple(rng.choice([0, 1, 2, 60]) for _ in range(5)), rng.choice([0, 3]))
                                for _ in range(3))) for _ in range(100)]
    together = model.top_many(stats)
    model.cache_clear()
    assert together == [model.posterior(s).top for s in stats]
