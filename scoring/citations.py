"""Citations that fit a pair of roles: a contrast between two roles cites the article that compares them.

The bank's sources say which two roles each article compares (``Source.compares``). A contrast between
roles a and b cites, from the candidate citations (a dimension's sources), the first one from an article
that compares exactly a and b. When no article compares the two (implementation vs operations in the
shipped bank), it cites one section for each role, from an article about that role. Nothing here assumes
section names: a citation is kept whole (with a FAQ question, if the bank gives one), and only the
sections it combines from the same article travel with it.
"""

from __future__ import annotations

from collections.abc import Iterable

from questions.schema import Bank, Citation, RoleId, Source


def comparing(bank: Bank, a: RoleId, b: RoleId) -> Source | None:
    """The first source that compares exactly roles ``a`` and ``b``, or None."""
    return next((s for s in bank.sources if set(s.compares) == {a, b}), None)


def _own(citation: Citation) -> Citation:
    """``citation`` with only the combined sections of its own article."""
    same = tuple(c for c in citation.combines if c.article == citation.article)
    return citation if same == citation.combines else citation.model_copy(update={"combines": same})


def _from(citations: Iterable[Citation], articles: set[str]) -> Citation | None:
    for citation in citations:
        for part in citation.all():
            if part.article in articles:
                return _own(part) if part is not citation else _own(citation)
    return None


def pair_citations(bank: Bank, a: RoleId, b: RoleId, candidates: tuple[Citation, ...]) -> tuple[Citation, ...]:
    """Citations for a contrast between ``a`` and ``b``: one from the article comparing them, else one per role.

    ``candidates`` are tried first (a dimension's own sources), then the roles' sources. Empty when the bank
    has no fitting section at all.
    """
    direct = comparing(bank, a, b)
    if direct is not None:
        found = _from((*candidates, *bank.role(a).sources, *bank.role(b).sources), {direct.id})
        return (found,) if found is not None else ()
    out: list[Citation] = []
    for role in (a, b):
        about = {s.id for s in bank.sources if role in s.compares}
        found = _from((*candidates, *bank.role(role).sources), about)
        if found is not None and found not in out:
            out.append(found)
    return tuple(out)
