"""A person's answers and their validation against a bank (pure: no file access)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from questions.loader import LoadError
from questions.safe_text import quoted
from questions.schema import Bank, ChoiceItem, Lang, RatingItem

AnswerValue = StrictInt | StrictStr
"""An answer: 1..5 for a rating item, an option id for a choice item (the one definition every layer uses)."""


class Answers(BaseModel):
    """What the answers file holds: ``{lang, answers: {item_id: 1..5 | option_id}}``.

    Items left out are unanswered. ``timings`` (seconds spent per item) is optional and only used for
    the "too fast" quality flag.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    lang: Lang = "en"
    answers: dict[str, AnswerValue] = Field(default_factory=dict)
    timings: dict[str, Annotated[float, Field(allow_inf_nan=False)]] = Field(default_factory=dict)
    """Seconds per item; finite (an infinite timing could never be written back to a result file)."""


class AnswerError(ValueError):
    """An answer that does not fit the bank; ``item`` names the item."""

    def __init__(self, item: str, message: str) -> None:
        super().__init__(f"item {item}: {message}")
        self.item = item
        self.message = message


def answer_problem(item: RatingItem | ChoiceItem, value: object) -> str | None:
    """Why ``value`` is not an acceptable answer to ``item``, or None when it is (the one answer check)."""
    if isinstance(item, RatingItem):
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            return f"a rating must be a whole number from 1 to 5, got {quoted(value)}"
        return None
    if not isinstance(value, str) or item.option(value) is None:
        ids = ", ".join(o.id for o in item.options)
        return f"{quoted(value)} is not one of this item's options ({ids})"
    return None


def valid_answer(item: RatingItem | ChoiceItem, value: object) -> bool:
    """Whether ``value`` is an acceptable answer to ``item``."""
    return answer_problem(item, value) is None


def check_answers(bank: Bank, answers: Answers) -> None:
    """Raise :class:`AnswerError` for the first answer that does not fit ``bank`` (in bank order)."""
    known = {i.id: i for i in bank.items}
    for item_id in answers.answers:
        if item_id not in known:
            raise AnswerError(item_id, "no such item in this bank")
    for item in bank.items:
        if item.id not in answers.answers:
            continue
        problem = answer_problem(item, answers.answers[item.id])
        if problem is not None:
            raise AnswerError(item.id, problem)
    for item_id, seconds in answers.timings.items():
        if item_id not in known:
            raise AnswerError(item_id, "timing given for an item not in this bank")
        if not seconds >= 0:
            raise AnswerError(item_id, f"timing must be zero or more seconds, got {quoted(seconds)}")


def answers_data(data: Any, file: str, line: int | None = None) -> dict[str, Any]:
    """The answers part of a parsed file: result JSONs are unwrapped and ``null`` answers dropped."""
    if not isinstance(data, dict):
        raise LoadError(file, "expected a mapping with 'lang' and 'answers'", line or 1)
    keep = ("lang", "answers", "timings") if "schema_version" in data else tuple(data)
    out = {k: data[k] for k in keep if k in data}
    raw = out.get("answers")
    if raw is None:
        out["answers"] = {}
    elif isinstance(raw, dict):
        out["answers"] = {k: v for k, v in raw.items() if v is not None}
    if out.get("timings") is None:
        out.pop("timings", None)
    return out
