"""The checks across a bank's parts: unique ids, citations that name a source's own headings and FAQ
questions, one option per role in a triad, as many rating items per role, every dimension covered, and
migrations that map onto this bank's items. Each raises :class:`BankError` naming the offending value.
"""

from __future__ import annotations

from collections import Counter
from typing import Protocol

from questions.bank_parts import (
    ROLE_IDS,
    BankError,
    ChoiceItem,
    Citation,
    Dimension,
    Migration,
    Pair,
    RatingItem,
    Role,
    Source,
)


class Bank(Protocol):
    """What the checks read of a :class:`questions.schema.Bank` (named so here: the bank imports these checks)."""

    @property
    def version(self) -> str: ...
    @property
    def sources(self) -> tuple[Source, ...]: ...
    @property
    def roles(self) -> tuple[Role, Role, Role]: ...
    @property
    def dimensions(self) -> tuple[Dimension, ...]: ...
    @property
    def items(self) -> tuple[RatingItem | ChoiceItem, ...]: ...
    @property
    def migrations(self) -> tuple[Migration, ...]: ...
    @property
    def pairs(self) -> tuple[Pair, ...]: ...


def check_references(bank: Bank) -> None:
    """Raise :class:`BankError` for the first inconsistency of ``bank``: ids, citations, roles, dimensions."""
    sources = {s.id: s for s in bank.sources}

    def cite(c: Citation, path: tuple[str | int, ...]) -> None:
        check_citation(c, sources, path)

    _unique([s.id for s in bank.sources], "source", ("sources",))
    for n, src in enumerate(bank.sources):
        if src.faq is not None and src.faq.section not in src.sections:
            raise BankError(f"FAQ section {src.faq.section!r} is not one of its sections", ("sources", n, "faq"))
        known = set(src.sections) | set(src.faq.questions if src.faq else ())
        for original in src.english:
            if original not in known:
                message = f"{original!r} is not a section or FAQ question of this article"
                raise BankError(message, ("sources", n, "english"))
    _unique([r.id for r in bank.roles], "role", ("roles",))
    _unique([d.id for d in bank.dimensions], "dimension", ("dimensions",))
    _unique([i.id for i in bank.items], "item", ("items",))
    option_ids = [(n, o.id) for n, i in enumerate(bank.items) if isinstance(i, ChoiceItem) for o in i.options]
    item_ids = {i.id for i in bank.items}
    seen: set[str] = set()
    for n, oid in option_ids:
        if oid in seen or oid in item_ids:
            raise BankError(f"duplicate option id {oid!r}", ("items", n, "options"))
        seen.add(oid)
    for n, role in enumerate(bank.roles):
        for k, c in enumerate(role.sources):
            cite(c, ("roles", n, "sources", k))
    dims = {d.id for d in bank.dimensions}
    for n, dim in enumerate(bank.dimensions):
        for k, c in enumerate(dim.sources):
            cite(c, ("dimensions", n, "sources", k))
    for n, item in enumerate(bank.items):
        if item.dimension not in dims:
            raise BankError(f"unknown dimension {item.dimension!r}", ("items", n, "dimension"))
        cite(item.source, ("items", n, "source"))
        if isinstance(item, ChoiceItem):
            roles = sorted(o.role for o in item.options)
            if roles != sorted(ROLE_IDS):
                raise BankError("a choice item needs exactly one option per role", ("items", n, "options"))
    per_role = Counter(i.role for i in bank.items if isinstance(i, RatingItem))
    counts = {r: per_role.get(r, 0) for r in ROLE_IDS}
    if len(set(counts.values())) != 1:
        shown = ", ".join(f"{r}={c}" for r, c in counts.items())
        raise BankError(f"rating items per role must be equal, got {shown}", ("items",))
    for n, dim in enumerate(bank.dimensions):
        have = {i.role for i in bank.items if isinstance(i, RatingItem) and i.dimension == dim.id}
        missing = [r for r in ROLE_IDS if r not in have]
        if missing:
            raise BankError(
                f"dimension {dim.id!r} has no rating item for {', '.join(missing)}", ("dimensions", n)
            )
    _check_migrations(bank)


def check_pairs(bank: Bank) -> None:
    """Raise :class:`BankError` unless each pair joins two different roles, once, citing known sections."""
    seen: set[frozenset[str]] = set()
    for n, pair in enumerate(bank.pairs):
        key = frozenset(pair.roles)
        if len(key) != 2:
            raise BankError("a pair needs two different roles", ("pairs", n, "roles"))
        if key in seen:
            raise BankError(f"the pair {' + '.join(sorted(key))} is described twice", ("pairs", n, "roles"))
        seen.add(key)
        sources = {x.id: x for x in bank.sources}
        for k, citation in enumerate(pair.sources):
            check_citation(citation, sources, ("pairs", n, "sources", k))


def _unique(ids: list[str], what: str, path: tuple[str | int, ...]) -> None:
    seen: dict[str, int] = {}
    for n, i in enumerate(ids):
        if i in seen:
            raise BankError(f"duplicate {what} id {i!r}", (*path, n, "id"))
        seen[i] = n


def check_citation(c: Citation, sources: dict[str, Source], path: tuple[str | int, ...]) -> None:
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


__all__ = ["check_citation", "check_pairs", "check_references"]
