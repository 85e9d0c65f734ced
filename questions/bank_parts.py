"""The parts of a question bank: its constrained values and every model but the bank itself.

Strict, frozen pydantic models: unknown keys are errors, texts hold both languages, ids are short
snake_case words, and a text must show something (not only spaces or zero-width marks). The bank that
holds them, and the checks across them, are :mod:`questions.schema` and :mod:`questions.bank_checks`.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StrictInt,
    StringConstraints,
    field_validator,
    model_serializer,
)

RoleId = Literal["implementation_manager", "project_manager", "operations"]
"""The three roles the quiz compares; the same ids are used in every file and model."""

ROLE_IDS: tuple[RoleId, ...] = ("implementation_manager", "project_manager", "operations")
"""Canonical role order, used only for display and file layout, never to break ties."""

Lang = Literal["zh", "en"]
"""The two first-class languages."""

LANGS: tuple[Lang, ...] = ("zh", "en")

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
"""Ids are short snake_case words so they are safe in files, URLs and CSV headers."""

_INVISIBLE = frozenset(("Cf", "Mn", "Me", "Cc", "Zs", "Zl", "Zp"))
"""Unicode categories that draw nothing on their own: format marks (zero-width space and joiners), combining
marks (variation selectors), controls and spaces."""


def _visible(text: str) -> str:
    if not any(unicodedata.category(c) not in _INVISIBLE for c in text):
        raise ValueError("the text has no visible characters (only spaces or zero-width marks)")
    return text


NonEmpty = Annotated[str, StringConstraints(min_length=1, max_length=2000), AfterValidator(_visible)]

Version = Annotated[str, StringConstraints(pattern=r"^\d{1,6}(\.\d{1,6}){0,2}$")]
"""A bank version such as ``2.0.0`` (each part at most six digits)."""

Minutes = Annotated[StrictInt, Field(ge=1, le=600)]
"""A whole number of minutes a quiz may take (up to ten hours)."""


class Frozen(BaseModel):
    """Base for every bank model: unknown keys are errors and instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Text(Frozen):
    """A piece of user-facing text in both languages."""

    zh: NonEmpty
    """Simplified Chinese."""
    en: NonEmpty
    """English."""

    def get(self, lang: Lang) -> str:
        """The text in ``lang``."""
        return self.zh if lang == "zh" else self.en


QUESTION_MAX = 400
"""Longest question or option text: it must fit one screen, and explanations quote it inside a Text."""

QuestionStr = Annotated[str, StringConstraints(min_length=1, max_length=QUESTION_MAX), AfterValidator(_visible)]


class QuestionText(Text):
    """The text of a question or an option: like :class:`Text`, at most ``QUESTION_MAX`` characters."""

    zh: QuestionStr
    en: QuestionStr


class Citation(Frozen):
    """Where a piece of the bank comes from: an article of the bank's sources and one of its sections.

    An item rooted in an article's FAQ cites the FAQ heading as ``section`` and the FAQ question whose
    answer it rests on as ``question``; the numbered sections that give the detail go under ``combines``.
    """

    article: Identifier
    """The id of an entry in ``Bank.sources``."""
    section: NonEmpty
    """A section heading exactly as it appears in the article, e.g. ``四、工作重心的区别``."""
    question: NonEmpty | None = None
    """Only with the FAQ heading as ``section``: one of the article's FAQ questions, verbatim."""
    combines: tuple[Citation, ...] = ()
    """Further sections this item draws on (numbered sections giving the detail, the other article)."""

    @model_serializer(mode="wrap")
    def _without_empty_question(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # A citation of a numbered section has no question: leave the key out rather than write null, so
        # files written before FAQ questions existed look the same as before.
        data: dict[str, Any] = handler(self)
        if data.get("question") is None:
            data.pop("question", None)
        return data

    def all(self) -> tuple[Citation, ...]:
        """This citation followed by the ones it combines."""
        return (self, *self.combines)


class Faq(Frozen):
    """An article's FAQ section: its heading and its questions, both verbatim."""

    section: NonEmpty
    """The FAQ heading, one of the source's ``sections`` (e.g. ``相关问答FAQs``)."""
    questions: tuple[NonEmpty, ...] = Field(min_length=1)
    """The FAQ's questions exactly as the article prints them; citations name one of these."""


class Source(Frozen):
    """One source article."""

    id: Identifier
    title: Text
    """The article's title; ``zh`` is the original title."""
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    publisher: NonEmpty
    compares: tuple[RoleId, RoleId]
    """The two roles the article compares."""
    sections: tuple[NonEmpty, ...] = Field(min_length=1)
    """The article's section headings, verbatim; citations must name one of these."""
    faq: Faq | None = None
    """The article's FAQ section, when it has one."""
    english: dict[NonEmpty, NonEmpty] = {}
    """Our English renderings of the (Chinese) section headings and FAQ questions, keyed by the original;
    English output shows them instead of the original, which stays the citation's exact key."""

    @field_validator("compares")
    @classmethod
    def _two_roles(cls, value: tuple[RoleId, RoleId]) -> tuple[RoleId, RoleId]:
        if value[0] == value[1]:
            raise ValueError("an article compares two different roles")
        return value

    def in_english(self, original: str) -> str | None:
        """The English rendering of a heading or FAQ question of this article, when the bank gives one."""
        return self.english.get(original)


class Role(Frozen):
    """One of the three roles.

    Provenance: ``summary``, ``typical_work``, ``strengths`` and ``evaluated_by`` are paraphrased from the
    articles in ``sources`` and say nothing the articles do not. ``growth_tips`` is the project's own career
    advice, not the articles'; anything shown from it must be labelled as such (``OWN_ADVICE``).
    """

    SOURCED: ClassVar[tuple[str, ...]] = ("summary", "typical_work", "strengths", "evaluated_by")
    """The fields that paraphrase the articles."""
    OWN_ADVICE: ClassVar[tuple[str, ...]] = ("growth_tips",)
    """The fields that are the project's own advice."""

    id: RoleId
    name: Text
    summary: Text
    """What the role is, from the articles (a name that needs it may end with one sentence saying what
    the name does not mean)."""
    typical_work: tuple[Text, ...] = Field(min_length=1)
    strengths: tuple[Text, ...] = Field(min_length=1)
    evaluated_by: tuple[Text, ...] = Field(min_length=1)
    """How people in the role are usually evaluated."""
    growth_tips: tuple[Text, ...] = Field(min_length=1)
    """The project's own suggestions for growing towards the role (not from the articles)."""
    sources: tuple[Citation, ...] = Field(min_length=1)


class Dimension(Frozen):
    """A comparison dimension that merges numbered sections of both articles."""

    id: Identifier
    name: Text
    description: Text
    sources: tuple[Citation, ...] = Field(min_length=1)


class RatingItem(Frozen):
    """A work activity rated from 1 (strongly dislike) to 5 (strongly like), keyed to one role."""

    kind: Literal["rating"] = "rating"
    id: Identifier
    dimension: Identifier
    role: RoleId
    text: QuestionText
    source: Citation


class Option(Frozen):
    """One option of a choice item; each option stands for one role (its id must not say which)."""

    id: Identifier
    role: RoleId
    text: QuestionText


class ChoiceItem(Frozen):
    """A triad: three options, one per role; the person picks the one that appeals to them most."""

    kind: Literal["choice"] = "choice"
    id: Identifier
    dimension: Identifier
    text: QuestionText
    """The prompt, e.g. "Which of these would you most like to spend a week on?"."""
    options: tuple[Option, Option, Option]
    source: Citation

    def option(self, option_id: str) -> Option | None:
        """The option with this id, or None."""
        return next((o for o in self.options if o.id == option_id), None)


Item = Annotated[RatingItem | ChoiceItem, Field(discriminator="kind")]


class Migration(Frozen):
    """Which answers given on an earlier version of the bank still count on this one.

    Only items whose meaning was kept are listed; an answer to any other old item is dropped and the new
    item asked afresh. A kept triad maps each of its old option ids to the new option of the same role.
    """

    from_version: Version
    items: dict[Identifier, Identifier] = Field(default_factory=dict)
    """Old item id -> new item id."""
    options: dict[Identifier, dict[Identifier, Identifier]] = Field(default_factory=dict)
    """For each kept triad (by old item id): old option id -> new option id, for every option."""


class Pair(Frozen):
    """Two roles read together: what a hybrid profile of these two roles means (shown with the result)."""

    roles: tuple[RoleId, RoleId]
    description: Text
    """How the two roles work together, as the articles describe it."""
    sources: tuple[Citation, ...] = Field(min_length=1)
    """Where the articles say so; for a pair no article compares, one section about each role."""
    titles: Text
    """Example job titles that combine the two roles: the project's own advice, not the articles'."""


class BankError(ValueError):
    """A bank that parses but is inconsistent; ``path`` locates the offending value."""

    def __init__(self, message: str, path: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


__all__ = [
    "RoleId",
    "ROLE_IDS",
    "Lang",
    "LANGS",
    "Identifier",
    "NonEmpty",
    "Version",
    "Minutes",
    "Frozen",
    "Text",
    "QUESTION_MAX",
    "QuestionStr",
    "QuestionText",
    "Citation",
    "Faq",
    "Source",
    "Role",
    "Dimension",
    "RatingItem",
    "Option",
    "ChoiceItem",
    "Item",
    "Migration",
    "Pair",
    "BankError",
]
