"""Scoring one chunk of a ``score --batch`` input into its output rows (run in worker processes or inline).

Each line is decoded, parsed and checked on its own, so one bad line is one error row. A line is first
tried on a fast check against precomputed tables; whatever the fast check does not plainly accept goes
through the same validation as a single answers file (:class:`~scoring.answers.Answers` and
:func:`~scoring.answers.check_answers`), which accepts or rejects it with its message. The fast check
only ever accepts what that validation accepts, with the same counts (tests prove it). The accepted
lines are counted with one ``bincount``, fitted together (:func:`scoring.model.top_of_arrays`, bit for bit
what :func:`scoring.model.posterior` gives one person) and ranked by the engine's own code
(:func:`scoring.engine.ranked`, :func:`scoring.engine.band_from`).
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from itertools import chain
from typing import Any

from questions.loader import LoadError
from questions.safe_text import shown
from questions.schema import ROLE_IDS, Bank, ChoiceItem
from quiz.commands.batch_input import MAX_LINE, Chunk
from scoring import thresholds as th

MAX_DEPTH = 40
"""Deepest nesting of a line's JSON (an answers object needs 2)."""

MESSAGE_LIMIT = 120
"""Characters of a validation message shown (it may quote the value it refuses)."""

Slots = list[int]
"""Where each answer of a line counts (see :attr:`Context.slots`), one entry per answer."""

HEADER = ["line", "top", "band", *(f"score_{r}" for r in ROLE_IDS), *(f"prob_{r}" for r in ROLE_IDS), "answered",
          "error"]
ADAPTIVE_HEADER = [*HEADER[:-1], "asked", "error"]
"""With ``--adaptive``: ``answered`` counts the answers the short form used, ``asked`` its questions."""


@dataclass(frozen=True)
class Context:
    """What scoring a chunk needs: the bank, its answers as lookup slots, the file's shown name, the format."""

    bank: Bank
    name: str
    """The input's name, already made safe to print."""
    fmt: str
    slots: dict[tuple[str, Any], int]
    """(item id, answer) -> where it counts: 5 × role + level for ratings, 15 + role for triad options,
    :data:`SKIP` for a null (unanswered) item."""
    items: frozenset[str]
    adaptive: bool = False
    """Score each line as if the adaptive short form had been taken (``score --batch --adaptive``)."""

    @property
    def header(self) -> list[str]:
        """The CSV header."""
        return ADAPTIVE_HEADER if self.adaptive else HEADER

    @classmethod
    def of(cls, bank: Bank, name: str, fmt: str, adaptive: bool = False) -> Context:
        slots: dict[tuple[str, Any], int] = {}
        for item in bank.items:
            slots[(item.id, None)] = SKIP
            if isinstance(item, ChoiceItem):
                for option in item.options:
                    slots[(item.id, option.id)] = 15 + ROLE_IDS.index(option.role)
            else:
                for value in range(1, 6):
                    slots[(item.id, value)] = 5 * ROLE_IDS.index(item.role) + value - 1
        return cls(bank, shown(name, None), fmt, slots, frozenset(i.id for i in bank.items), adaptive)


SKIP = 18
_KEYS = frozenset(("lang", "answers", "timings"))
_PLAIN = frozenset((int, str, type(None)))
"""Answer types the slots may be looked up with (True == 1 and 3.0 == 3 would find a rating's slot)."""


def quick(data: Any, ctx: Context) -> Slots | None:
    """The slots of an answers object that plainly fits the bank, or None to let the full check decide."""
    if type(data) is not dict or not data.keys() <= _KEYS:
        return None
    if "lang" in data and data["lang"] not in ("en", "zh"):
        return None
    timings = data.get("timings")
    if timings is not None:
        if type(timings) is not dict:
            return None
        for key, seconds in timings.items():
            if key not in ctx.items or type(seconds) is not float or not 0.0 <= seconds < math.inf:
                return None
    answers = data.get("answers")
    if answers is None:
        answers = {}
    elif type(answers) is not dict or not set(map(type, answers.values())) <= _PLAIN:
        return None
    hits = list(map(ctx.slots.get, answers.items()))
    return None if None in hits else hits  # type: ignore[return-value]


def checked(data: Any, ctx: Context, number: int) -> Slots | str:
    """The full check of one parsed line (the single-file path's models): its slots or its error message."""
    from pydantic import ValidationError

    from scoring.answers import AnswerError, Answers, answers_data, check_answers
    from scoring.engine import index, tally

    try:
        answers = Answers.model_validate(answers_data(data, ctx.name, number))
        check_answers(ctx.bank, answers)
    except AnswerError as exc:
        return f"item {shown(exc.item)}: {shown(exc.message, MESSAGE_LIMIT)}"
    except LoadError as exc:
        return shown(exc.message, MESSAGE_LIMIT)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = [str(p) for p in err["loc"]]
        what = f"item {shown(loc[1])}" if len(loc) >= 2 and loc[0] in ("answers", "timings") else shown(
            ".".join(loc) or "line")
        return f"{what}: {shown(' '.join(str(err['msg']).split()), MESSAGE_LIMIT)}"
    t = tally(index(ctx.bank), answers.answers)
    counted = [c for role in t.counts for c in role] + list(t.picks)
    return [slot for slot, n in enumerate(counted) for _ in range(n)]


def parse(raw: bytes, overlong: bool) -> Any:
    """The JSON value of one line, ``None`` for a blank line, or a :class:`ValueError` naming the problem."""
    if overlong or len(raw) > MAX_LINE:
        return ValueError(f"line longer than {MAX_LINE // 1_000_000} MB; not read")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return ValueError(f"not UTF-8 text (bad byte at offset {exc.start})")
    if not text.strip():
        return None
    try:
        data = json.loads(text)
    except RecursionError:
        return ValueError(f"nesting deeper than {MAX_DEPTH} levels")
    except json.JSONDecodeError as exc:
        return ValueError(f"not valid JSON: {shown(str(exc), MESSAGE_LIMIT)}")
    except ValueError:  # Python's limit on the digits of an integer
        return ValueError("not valid JSON: a number with more than 4300 digits")
    if text.count("[") + text.count("{") > MAX_DEPTH and _deeper(data, MAX_DEPTH):
        return ValueError(f"nesting deeper than {MAX_DEPTH} levels")
    return data


def _deeper(value: Any, limit: int) -> bool:
    """Whether arrays and objects nest more than ``limit`` levels in ``value``."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > limit:
                return True
            stack.extend((v, depth + 1) for v in (item.values() if isinstance(item, dict) else item))
    return False


def score_chunk(chunk: Chunk, ctx: Context) -> tuple[str, list[str]]:
    """The output text of a chunk's lines (CSV rows or JSONL, in line order) and its error lines."""
    rows: list[tuple[int, str | None]] = []
    good: list[Slots] = []
    plain: list[dict[str, Any]] = []
    lines = chunk.data.split(b"\n")
    if chunk.data.endswith(b"\n"):
        lines.pop()
    for offset, raw in enumerate(lines):
        number = chunk.first + offset
        data = parse(raw, number in chunk.overlong)
        if data is None:
            continue
        found = str(data) if isinstance(data, ValueError) else quick(data, ctx) or checked(data, ctx, number)
        if isinstance(found, str):
            rows.append((number, found))
        else:
            rows.append((number, None))
            good.append(found)
            if ctx.adaptive:
                plain.append(_answers_of(data, ctx, number))
    asked = None
    if ctx.adaptive:
        good, asked = _short_forms(plain, ctx)
    return _render(rows, *_numbers(good), ctx, asked)


def _answers_of(data: Any, ctx: Context, number: int) -> dict[str, Any]:
    """The answers of an accepted line (a result document's unwrapped, blanks left out)."""
    from scoring.answers import answers_data

    answers: dict[str, Any] = answers_data(data, ctx.name, number)["answers"]
    return answers


def _short_forms(plain: list[dict[str, Any]], ctx: Context) -> tuple[list[Slots], list[int]]:
    """Each accepted line's short form (:func:`scoring.adaptive.replay_many`, the chunk's people stepped together):
    the slots of the answers it used, and how many questions it asked."""
    from scoring.adaptive import replay_many

    runs = replay_many(ctx.bank, plain)
    return [[ctx.slots[pair] for pair in run.answers.items()] for run in runs], [len(run.asked) for run in runs]


def _numbers(good: list[Slots]) -> tuple[list[list[int]], list[list[float]]]:
    """Per accepted line: its counts and its top-role probabilities, the lines fitted together.

    A line's counts are: ratings by role and level (0–14), points (15–17) and points possible (18–20) per
    role, triad picks per role (21–23), items answered (24), and 1 when every rating is the same (25).
    """
    import numpy as np

    from scoring.model import top_of_arrays

    if not good:
        return [], []
    lengths = np.fromiter(map(len, good), dtype=np.intp, count=len(good))
    owner = np.repeat(np.arange(len(good)) * (SKIP + 1), lengths)
    slots = np.fromiter(chain.from_iterable(good), dtype=np.intp, count=int(lengths.sum()))
    table = np.bincount(owner + slots, minlength=len(good) * (SKIP + 1)).reshape(len(good), SKIP + 1)
    counts, picks = table[:, :15].reshape(-1, 3, 5), table[:, 15:18]
    rated = counts.sum(axis=2)
    levels = counts.sum(axis=1)
    straight = ((levels > 0).sum(axis=1) == 1) & (levels.sum(axis=1) >= th.STRAIGHT_LINE_MIN)
    numbers = np.concatenate((table[:, :15], (counts * np.arange(5)).sum(axis=2), 4 * rated, picks,
                              (rated.sum(axis=1) + picks.sum(axis=1))[:, None], straight[:, None]), axis=1)
    tops = top_of_arrays(counts.astype(np.float64), picks.astype(np.float64))
    return numbers.tolist(), tops.tolist()


def _render(rows: list[tuple[int, str | None]], counted: list[list[int]], tops: list[list[float]],
            ctx: Context, asked: list[int] | None = None) -> tuple[str, list[str]]:
    """The chunk's rows; ``asked``: per scored line, the questions its short form asked (``--adaptive``)."""
    from scoring.engine import band_from, ranked

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n") if ctx.fmt == "csv" else None
    errors = []
    next_good = iter(zip(counted, tops, asked if asked is not None else [None] * len(counted), strict=True))
    for number, problem in rows:
        if problem is not None:
            error = f"{ctx.name}:{number}: {problem}"
            errors.append(error)
            if writer is not None:
                writer.writerow([number, *[""] * (len(ctx.header) - 2), error])
            else:
                out.write(json.dumps({"line": number, "error": error}, ensure_ascii=False) + "\n")
            continue
        row, top, count = next(next_good)
        probs, scores, ranking, _ = ranked(top, row[15:18], row[18:21], row[21:24])
        band, _ = band_from((row[0:5], row[5:10], row[10:15]), row[25] == 1, row[24], probs, ranking)
        answered = row[24]
        if writer is not None:  # nothing in a scored row needs CSV quoting
            out.write(f"{number},{ranking[0]},{band},{','.join(map(str, scores.values()))},"
                      f"{','.join(map(str, probs.values()))},{answered},{'' if count is None else f'{count},'}\n")
        else:
            line: dict[str, Any] = {"line": number, "ranking": list(ranking), "scores": scores, "probabilities": probs,
                                    "band": band, "answered": answered}
            if count is not None:
                line["form"] = {"mode": "adaptive", "asked": count}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return out.getvalue(), errors
