"""A person's answers and their validation against a bank (pure: no file access)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from questions.schema import Bank, ChoiceItem, Lang, RatingItem

AnswerInput = StrictInt | StrictStr


class Answers(BaseModel):
    """What the answers file holds: ``{lang, answers: {item_id: 1..5 | option_id}}``.

    Items left out are unanswered. ``timings`` (seconds spent per item) is optional and only used for
    the "too fast" quality flag.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    lang: Lang = "en"
    answers: dict[str, AnswerInput] = Field(default_factory=dict)
    timings: dict[str, Annotated[float, Field(allow_inf_nan=False)]] = Field(default_factory=dict)
    """Seconds per item; finite (an infinite timing could never be written back to a result file)."""


class AnswerError(ValueError):
    """An answer that does not fit the bank; ``item`` names the item."""

    def __init__(self, item: str, message: str) -> None:
        super().__init__(f"item {item}: {message}")
        self.item = item
        self.message = message


def check_answers(bank: Bank, answers: Answers) -> None:
    """Raise :class:`AnswerError` for the first answer that does not fit ``bank`` (in bank order)."""
    known = {i.id: i for i in bank.items}
    for item_id in answers.answers:
        if item_id not in known:
            raise AnswerError(item_id, "no such item in this bank")
    for item in bank.items:
        if item.id not in answers.answers:
            continue
        value = answers.answers[item.id]
        if isinstance(item, RatingItem):
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
                raise AnswerError(item.id, f"a rating must be a whole number from 1 to 5, got {value!r}")
        elif isinstance(item, ChoiceItem):
            if not isinstance(value, str) or item.option(value) is None:
                ids = ", ".join(o.id for o in item.options)
                raise AnswerError(item.id, f"{value!r} is not one of this item's options ({ids})")
    for item_id, seconds in answers.timings.items():
        if item_id not in known:
            raise AnswerError(item_id, "timing given for an item not in this bank")
        if not seconds >= 0:
            raise AnswerError(item_id, f"timing must be zero or more seconds, got {seconds!r}")
