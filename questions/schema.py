"""The question bank's data model: strict, frozen pydantic models.

Every user-facing text is a :class:`Text` holding both languages. Cross-references (an item's role,
dimension and cited article) are checked in :meth:`Bank.check_references` so that a bad bank fails with
one clear message naming the item, never with a traceback.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
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
    model_validator,
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

    @field_validator("compares")
    @classmethod
    def _two_roles(cls, value: tuple[RoleId, RoleId]) -> tuple[RoleId, RoleId]:
        if value[0] == value[1]:
            raise ValueError("an article compares two different roles")
        return value
    sections: tuple[NonEmpty, ...] = Field(min_length=1)
    """The article's section headings, verbatim; citations must name one of these."""
    faq: Faq | None = None
    """The article's FAQ section, when it has one."""
    english: dict[NonEmpty, NonEmpty] = {}
    """Our English renderings of the (Chinese) section headings and FAQ questions, keyed by the original;
    English output shows them instead of the original, which stays the citation's exact key."""

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


class Bank(Frozen):
    """The whole question bank."""

    id: Identifier
    version: Version
    title: Text
    minutes: tuple[Minutes, Minutes] = (6, 9)
    """Expected time to answer, lower and upper bound in minutes."""
    sources: tuple[Source, ...] = Field(min_length=1)
    roles: tuple[Role, Role, Role]
    dimensions: tuple[Dimension, ...] = Field(min_length=1)
    items: tuple[Item, ...] = Field(min_length=1)
    migrations: tuple[Migration, ...] = ()
    """How saved answers from earlier versions of this bank carry over (see :class:`Migration`)."""
    pairs: tuple[Pair, ...] = ()
    """Descriptions of the hybrid profiles, at most one per pair of roles (optional)."""

    @field_validator("minutes")
    @classmethod
    def _minutes_in_order(cls, value: tuple[int, int]) -> tuple[int, int]:
        if value[0] > value[1]:
            raise ValueError("the lower bound comes first (minutes: [low, high])")
        return value

    @model_validator(mode="after")
    def _references(self) -> Bank:
        self.check_references()
        return self

    @model_validator(mode="after")
    def _pairs(self) -> Bank:
        seen: set[frozenset[str]] = set()
        for n, pair in enumerate(self.pairs):
            key = frozenset(pair.roles)
            if len(key) != 2:
                raise BankError("a pair needs two different roles", ("pairs", n, "roles"))
            if key in seen:
                raise BankError(f"the pair {' + '.join(sorted(key))} is described twice", ("pairs", n, "roles"))
            seen.add(key)
            sources = {x.id: x for x in self.sources}
            for k, citation in enumerate(pair.sources):
                _check_citation(citation, sources, ("pairs", n, "sources", k))
        return self

    def pair(self, a: str, b: str) -> Pair | None:
        """The description of roles ``a`` and ``b`` read together, or None."""
        return next((p for p in self.pairs if set(p.roles) == {a, b}), None)

    def check_references(self) -> None:
        """Raise :class:`BankError` for the first inconsistency found."""
        sources = {s.id: s for s in self.sources}

        def cite(c: Citation, path: tuple[str | int, ...]) -> None:
            _check_citation(c, sources, path)

        _unique([s.id for s in self.sources], "source", ("sources",))
        for n, src in enumerate(self.sources):
            if src.faq is not None and src.faq.section not in src.sections:
                raise BankError(f"FAQ section {src.faq.section!r} is not one of its sections", ("sources", n, "faq"))
            known = set(src.sections) | set(src.faq.questions if src.faq else ())
            for original in src.english:
                if original not in known:
                    message = f"{original!r} is not a section or FAQ question of this article"
                    raise BankError(message, ("sources", n, "english"))
        _unique([r.id for r in self.roles], "role", ("roles",))
        _unique([d.id for d in self.dimensions], "dimension", ("dimensions",))
        _unique([i.id for i in self.items], "item", ("items",))
        option_ids = [(n, o.id) for n, i in enumerate(self.items) if isinstance(i, ChoiceItem) for o in i.options]
        item_ids = {i.id for i in self.items}
        seen: set[str] = set()
        for n, oid in option_ids:
            if oid in seen or oid in item_ids:
                raise BankError(f"duplicate option id {oid!r}", ("items", n, "options"))
            seen.add(oid)
        for n, role in enumerate(self.roles):
            for k, c in enumerate(role.sources):
                cite(c, ("roles", n, "sources", k))
        dims = {d.id for d in self.dimensions}
        for n, dim in enumerate(self.dimensions):
            for k, c in enumerate(dim.sources):
                cite(c, ("dimensions", n, "sources", k))
        for n, item in enumerate(self.items):
            if item.dimension not in dims:
                raise BankError(f"unknown dimension {item.dimension!r}", ("items", n, "dimension"))
            cite(item.source, ("items", n, "source"))
            if isinstance(item, ChoiceItem):
                roles = sorted(o.role for o in item.options)
                if roles != sorted(ROLE_IDS):
                    raise BankError("a choice item needs exactly one option per role", ("items", n, "options"))
        per_role = Counter(i.role for i in self.items if isinstance(i, RatingItem))
        counts = {r: per_role.get(r, 0) for r in ROLE_IDS}
        if len(set(counts.values())) != 1:
            shown = ", ".join(f"{r}={c}" for r, c in counts.items())
            raise BankError(f"rating items per role must be equal, got {shown}", ("items",))
        for n, dim in enumerate(self.dimensions):
            have = {i.role for i in self.items if isinstance(i, RatingItem) and i.dimension == dim.id}
            missing = [r for r in ROLE_IDS if r not in have]
            if missing:
                raise BankError(
                    f"dimension {dim.id!r} has no rating item for {', '.join(missing)}", ("dimensions", n)
                )
        _check_migrations(self)

    # Convenience look-ups; small enough to compute on demand.
    def role(self, role_id: str) -> Role:
        """The role with this id."""
        return next(r for r in self.roles if r.id == role_id)

    def dimension(self, dimension_id: str) -> Dimension:
        """The dimension with this id."""
        return next(d for d in self.dimensions if d.id == dimension_id)

    def source(self, source_id: str) -> Source:
        """The source article with this id."""
        return next(s for s in self.sources if s.id == source_id)

    def item(self, item_id: str) -> RatingItem | ChoiceItem | None:
        """The item with this id, or None."""
        return next((i for i in self.items if i.id == item_id), None)

    @property
    def rating_items(self) -> tuple[RatingItem, ...]:
        """The rating items in bank order."""
        return tuple(i for i in self.items if isinstance(i, RatingItem))

    @property
    def choice_items(self) -> tuple[ChoiceItem, ...]:
        """The choice items (triads) in bank order."""
        return tuple(i for i in self.items if isinstance(i, ChoiceItem))


def _unique(ids: list[str], what: str, path: tuple[str | int, ...]) -> None:
    seen: dict[str, int] = {}
    for n, i in enumerate(ids):
        if i in seen:
            raise BankError(f"duplicate {what} id {i!r}", (*path, n, "id"))
        seen[i] = n


def _check_citation(c: Citation, sources: dict[str, Source], path: tuple[str | int, ...]) -> None:
    """A citation (and each it combines) names a source, one of its headings and any FAQ question verbatim."""
    for k, one in enumerate(c.all()):
        p = path if k == 0 else (*path, "combines", k - 1)
        src = sources.get(one.article)
        if src is None:
            raise BankError(f"cites unknown source {one.article!r}", (*p, "article"))
        if one.section not in src.sections:
            raise BankError(
                f"cites section {one.section!r}, which is not a heading of source {src.id!r}", (*p, "section")
            )
        if one.question is not None and (
            src.faq is None or one.section != src.faq.section or one.question not in src.faq.questions
        ):
            raise BankError(
                f"cites {one.question!r}, which is not a question of the FAQ of source {src.id!r}", (*p, "question")
            )


def _check_migrations(bank: Bank) -> None:
    """Each migration maps onto items of ``bank``, one old id per new id; a kept triad maps all its options."""
    items = {i.id: i for i in bank.items}
    seen: set[str] = set()
    for n, m in enumerate(bank.migrations):
        path: tuple[str | int, ...] = ("migrations", n)
        if m.from_version == bank.version or m.from_version in seen:
            raise BankError(f"a second migration from version {m.from_version!r}", (*path, "from_version"))
        seen.add(m.from_version)
        doubled = [new for new, k in Counter(m.items.values()).items() if k > 1]
        if doubled:
            raise BankError(f"two old items map to {doubled[0]!r}", (*path, "items"))
        for old, new in m.items.items():
            item = items.get(new)
            if item is None:
                raise BankError(f"maps {old!r} to {new!r}, which is not an item of this bank", (*path, "items", old))
            given = m.options.get(old, {})
            wanted = {o.id for o in item.options} if isinstance(item, ChoiceItem) else set()
            if sorted(given.values()) != sorted(wanted):
                raise BankError(f"the options of {old!r} must map one to one onto those of {new!r}",
                                (*path, "options", old) if old in m.options else (*path, "items", old))
        for old in m.options:
            if old not in m.items:
                raise BankError(f"maps options of {old!r}, which is not a kept item", (*path, "options", old))
