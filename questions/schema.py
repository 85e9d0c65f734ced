"""The question bank's data model: strict, frozen pydantic models.

Every user-facing text is a :class:`Text` holding both languages. The bank's parts (texts, sources, roles,
dimensions, items, migrations) are :mod:`questions.bank_parts`, re-exported here; cross-references (an
item's role, dimension and cited article) are checked by :mod:`questions.bank_checks` so that a bad bank
fails with one clear message naming the item, never with a traceback.
"""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from questions.bank_checks import check_pairs, check_references
from questions.bank_parts import (
    LANGS,
    QUESTION_MAX,
    ROLE_IDS,
    BankError,
    ChoiceItem,
    Citation,
    Dimension,
    Faq,
    Frozen,
    Identifier,
    Item,
    Lang,
    Migration,
    Minutes,
    NonEmpty,
    Option,
    Pair,
    QuestionStr,
    QuestionText,
    RatingItem,
    Role,
    RoleId,
    Source,
    Text,
    Version,
)


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
        check_pairs(self)
        return self

    def pair(self, a: str, b: str) -> Pair | None:
        """The description of roles ``a`` and ``b`` read together, or None."""
        return next((p for p in self.pairs if set(p.roles) == {a, b}), None)

    def check_references(self) -> None:
        """Raise :class:`BankError` for the first inconsistency found (see :mod:`questions.bank_checks`)."""
        check_references(self)

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


__all__ = [
    "Bank",
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
