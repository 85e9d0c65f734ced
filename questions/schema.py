"""The question bank's data model: strict, frozen pydantic models.

Every user-facing text is a :class:`Text` holding both languages. Cross-references (an item's role,
dimension and cited article) are checked in :meth:`Bank.check_references` so that a bad bank fails with
one clear message naming the item, never with a traceback.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

RoleId = Literal["implementation_manager", "project_manager", "operations"]
"""The three roles the quiz compares; the same ids are used in every file and model."""

ROLE_IDS: tuple[RoleId, ...] = ("implementation_manager", "project_manager", "operations")
"""Canonical role order, used only for display and file layout, never to break ties."""

Lang = Literal["zh", "en"]
"""The two first-class languages."""

LANGS: tuple[Lang, ...] = ("zh", "en")

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
"""Ids are short snake_case words so they are safe in files, URLs and CSV headers."""

NonEmpty = Annotated[str, StringConstraints(min_length=1, max_length=2000)]


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

QuestionStr = Annotated[str, StringConstraints(min_length=1, max_length=QUESTION_MAX)]


class QuestionText(Text):
    """The text of a question or an option: like :class:`Text`, at most ``QUESTION_MAX`` characters."""

    zh: QuestionStr
    en: QuestionStr


class Citation(Frozen):
    """Where a piece of the bank comes from: an article of the bank's sources and one of its sections."""

    article: Identifier
    """The id of an entry in ``Bank.sources``."""
    section: NonEmpty
    """A section heading exactly as it appears in the article, e.g. ``四、工作重心的区别``."""
    combines: tuple[Citation, ...] = ()
    """Further sections this item combines (used where implementation vs operations is derived)."""

    def all(self) -> tuple[Citation, ...]:
        """This citation followed by the ones it combines."""
        return (self, *self.combines)


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


class Role(Frozen):
    """One of the three roles, described from the articles."""

    id: RoleId
    name: Text
    summary: Text
    typical_work: tuple[Text, ...] = Field(min_length=1)
    strengths: tuple[Text, ...] = Field(min_length=1)
    evaluated_by: tuple[Text, ...] = Field(min_length=1)
    """How people in the role are usually evaluated."""
    growth_tips: tuple[Text, ...] = Field(min_length=1)
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
    """One option of a choice item; each option stands for one role."""

    id: Identifier
    role: RoleId
    text: QuestionText


class ChoiceItem(Frozen):
    """A triad: three options, one per role; the person picks the one most like them."""

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
    version: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+){0,2}$")]
    title: Text
    minutes: tuple[int, int] = (6, 9)
    """Expected time to answer, lower and upper bound in minutes."""
    sources: tuple[Source, ...] = Field(min_length=1)
    roles: tuple[Role, Role, Role]
    dimensions: tuple[Dimension, ...] = Field(min_length=1)
    items: tuple[Item, ...] = Field(min_length=1)
    pairs: tuple[Pair, ...] = ()
    """Descriptions of the hybrid profiles, at most one per pair of roles (optional)."""

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
            for k, citation in enumerate(pair.sources):
                for m, one in enumerate(citation.all()):
                    where = ("pairs", n, "sources", k) if m == 0 else ("pairs", n, "sources", k, "combines", m - 1)
                    source = next((x for x in self.sources if x.id == one.article), None)
                    if source is None:
                        raise BankError(f"cites unknown source {one.article!r}", (*where, "article"))
                    if one.section not in source.sections:
                        raise BankError(f"cites section {one.section!r}, which is not a heading of source "
                                        f"{source.id!r}", (*where, "section"))
        return self

    def pair(self, a: str, b: str) -> Pair | None:
        """The description of roles ``a`` and ``b`` read together, or None."""
        return next((p for p in self.pairs if set(p.roles) == {a, b}), None)

    def check_references(self) -> None:
        """Raise :class:`BankError` for the first inconsistency found."""
        sources = {s.id: s for s in self.sources}

        def cite(c: Citation, path: tuple[str | int, ...]) -> None:
            for k, one in enumerate(c.all()):
                p = path if k == 0 else (*path, "combines", k - 1)
                src = sources.get(one.article)
                if src is None:
                    raise BankError(f"cites unknown source {one.article!r}", (*p, "article"))
                if one.section not in src.sections:
                    raise BankError(
                        f"cites section {one.section!r}, which is not a heading of source {src.id!r}",
                        (*p, "section"),
                    )

        _unique([s.id for s in self.sources], "source", ("sources",))
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
