"""Texts of a result, built from this person's own answers: evidence, contrasts, the role descriptions.

Every sentence comes from the result wording (``scoring/strings/*.json``) in both languages, filled with
this person's numbers, the bank's names and item texts, and the citation of the section each point draws
on. The headline and the measures are in :mod:`scoring.headline`. Nothing here changes a number.
"""

from __future__ import annotations

from questions.schema import ROLE_IDS, Bank, RoleId, Text
from scoring.catalog import Catalog
from scoring.citations import pair_citations
from scoring.engine import Numbers, index, mean_rating, role_score, tally
from scoring.headline import headline, measures, profile_text
from scoring.result import DimensionResult, Explanations, Point, Profile, Strength
from scoring.wording import fill, join, one_decimal, role_list, role_name, sentence, whole

# Re-exported for the modules that word results with them.
__all__ = ["dimensions", "explanations", "fill", "first_place", "role_name", "sentence", "top_group"]


def dimensions(bank: Bank, answers: dict[str, int | str]) -> tuple[DimensionResult, ...]:
    """Per dimension: role scores (0–100, same scale as the overall scores) from its items, favoured role.

    The figures come from :func:`scoring.engine.tally` over the dimension's answers, the same count as the
    overall scores. A role is favoured when its score, in whole points as every surface shows it, is highest on
    its own among at least two roles with answers in the dimension; ``margin`` is its lead over the next role
    (unrounded). Otherwise ``favoured`` is None and the margin 0.
    """
    idx = index(bank)
    out = []
    for dim in bank.dimensions:
        mine = {i.id: answers[i.id] for i in idx.items if i.dimension == dim.id and i.id in answers}
        t = tally(idx, mine)
        triads = sum(t.picks)
        scores: dict[RoleId, float] = {
            r: role_score(t.points[k], t.possible[k], t.picks[k], triads) for k, r in enumerate(ROLE_IDS)
        }
        has = tuple(r for k, r in enumerate(ROLE_IDS) if t.possible[k] or triads)
        # A lead counts only if it survives rounding to whole points, as every surface shows the scores:
        # otherwise the table would read "ahead by 1" above 89 against 89.
        shown = sorted(((int(whole(scores[r])), scores[r], r) for r in has), reverse=True)
        favoured: RoleId | None = None
        margin = 0.0
        if len(shown) >= 2 and shown[0][0] > shown[1][0]:
            favoured = shown[0][2]
            margin = round(shown[0][1] - shown[1][1], 4)
        out.append(DimensionResult(id=dim.id, name=dim.name, scores=scores, favoured=favoured, margin=margin,
                                   answered=t.answered, answered_roles=has))
    return tuple(out)


def first_place(ranking: tuple[RoleId, ...], tied: tuple[tuple[RoleId, ...], ...]) -> tuple[RoleId, ...]:
    """The roles sharing first place: the tied group of ``ranking[0]``, or that role alone."""
    for group in tied:
        if ranking[0] in group:
            return group
    return (ranking[0],)


def top_group(n: Numbers) -> tuple[RoleId, ...]:
    """:func:`first_place` of a result's numbers."""
    return first_place(n.ranking, n.tied)


def _times(s: Catalog, count: int) -> Text:
    if count in (0, 1):
        return s.text("explain.times_none" if count == 0 else "explain.times_one")
    return fill(s, "explain.times", n=count)


def _triad_tally(s: Catalog, bank: Bank, n: Numbers) -> Point | None:
    """All three roles' triad picks in one sentence, the most picked first (ties in ranking order)."""
    picks = n.tally.picks
    total = sum(picks)
    if not total:
        return None
    order = sorted(n.ranking, key=lambda r: -picks[ROLE_IDS.index(r)])
    if total == 1:
        return Point(text=fill(s, "explain.triads_one", role=role_name(bank, order[0])))
    if picks[ROLE_IDS.index(order[0])] == total:
        return Point(text=fill(s, "explain.triads_all", total=total, role=role_name(bank, order[0])))
    entries = [fill(s, "explain.triads_entry", role=role_name(bank, r), times=_times(s, picks[ROLE_IDS.index(r)]))
               for r in order]
    listed = fill(s, "explain.triads_list", a=entries[0], b=entries[1], c=entries[2])
    return Point(text=fill(s, "explain.triads", total=total, list=listed))


def _score_order(s: Catalog, bank: Bank, n: Numbers, roles: tuple[RoleId, ...]) -> Point | None:
    """Said when the role named first is not the one with the highest interest score."""
    if len(roles) != 1:
        return None
    top = roles[0]
    best = max(n.scores.values())
    high = tuple(r for r in n.ranking if n.scores[r] == best)
    if top in high and len(high) == 1:
        return None
    why = s.text("explain.score_reason")
    if top in high:
        return Point(text=sentence(fill(s, "explain.score_tie", roles=role_list(s, bank, high),
                                        top=role_name(bank, top), sh=whole(best), why=why)))
    if whole(best) == whole(n.scores[top]):
        return Point(text=sentence(fill(s, "explain.score_close", High=role_list(s, bank, high),
                                        top=role_name(bank, top), sh=whole(best), why=why)))
    key = "explain.score_order" if len(high) == 1 else "explain.score_order_many"
    return Point(text=sentence(fill(s, key, High=role_list(s, bank, high), top=role_name(bank, top),
                                    sh=whole(best), sl=whole(n.scores[top]), why=why)))


def _liked(s: Catalog, bank: Bank, roles: tuple[RoleId, ...], answers: dict[str, int | str]) -> list[Point]:
    """The strongest-liked rating items (4 or 5) of each headlined role, at most two per role."""
    out: list[Point] = []
    for role in roles:
        liked = [
            (int(answers[i.id]), k, i)
            for k, i in enumerate(bank.rating_items)
            if i.role == role and i.id in answers and int(answers[i.id]) >= 4
        ]
        liked.sort(key=lambda t: (-t[0], t[1]))
        for value, _, item in liked[:2]:
            text = fill(s, "explain.liked", item=item.text, value=value, role=role_name(bank, role))
            out.append(Point(text=text, source=item.source))
    return out


def _means(s: Catalog, bank: Bank, n: Numbers) -> Point | None:
    if not n.tally.ratings:
        return None
    entries = []
    for role in n.ranking:
        mean = mean_rating(n.tally.counts[ROLE_IDS.index(role)])
        if mean is None:
            entries.append(fill(s, "explain.mean_none", role=role_name(bank, role)))
        else:
            entries.append(fill(s, "explain.mean_entry", role=role_name(bank, role), value=one_decimal(mean)))
    listed = fill(s, "explain.mean_list", a=entries[0], b=entries[1], c=entries[2])
    return Point(text=fill(s, "explain.means", list=listed))


def _evidence(s: Catalog, bank: Bank, n: Numbers, shape: Profile, answers: dict[str, int | str]) -> tuple[Point, ...]:
    if shape.shape == "insufficient":
        return ()
    points: list[Point] = []
    for point in (_score_order(s, bank, n, shape.roles if shape.shape == "single" else ()), _triad_tally(s, bank, n)):
        if point is not None:
            points.append(point)
    if shape.shape in ("single", "hybrid"):
        points += _liked(s, bank, shape.roles, answers)
    means = _means(s, bank, n)
    if means is not None:
        points.append(means)
    for group in n.tied:
        points.append(Point(text=sentence(fill(s, "explain.tied", roles=role_list(s, bank, group)))))
    return tuple(points)


def _contrasts(s: Catalog, bank: Bank, n: Numbers, dims: tuple[DimensionResult, ...],
               shape: Profile) -> tuple[Point, ...]:
    """Top role against the next, on the dimensions where both were answered and the answers diverged."""
    if shape.shape not in ("single", "hybrid"):
        return ()
    a, b = n.ranking[0], n.ranking[1]
    diverged = []
    compared = False
    for k, d in enumerate(dims):
        # Only dimensions where both roles were answered: an unanswered role's 0 is no evidence against it.
        if not {a, b} <= set(d.answered_roles):
            continue
        compared = True
        if whole(d.scores[a]) != whole(d.scores[b]):
            diverged.append((-abs(d.scores[a] - d.scores[b]), k, d))
    diverged.sort(key=lambda t: (t[0], t[1]))
    out = []
    for _, _, d in diverged[:3]:
        favoured, other = (a, b) if d.scores[a] > d.scores[b] else (b, a)
        cites = pair_citations(bank, a, b, bank.dimension(d.id).sources)
        text = fill(s, "explain.contrast", dimension=d.name, favoured=role_name(bank, favoured),
                    other=role_name(bank, other), sf=whole(d.scores[favoured]), so=whole(d.scores[other]))
        out.append(Point(text=text, source=cites[0] if cites else None, also=cites[1:]))
    if not out:
        key = "explain.contrast_none" if compared else "explain.contrast_unanswered"
        out.append(Point(text=sentence(fill(s, key, a=role_name(bank, a), b=role_name(bank, b)))))
    return tuple(out)


def _about(s: Catalog, bank: Bank, n: Numbers, shape: Profile) -> tuple[Text, tuple[Text, ...], tuple[Text, ...]]:
    """Summary, strengths and growth tips of the headlined role(s); of all three roles, summaries only, else.

    When several roles are described, each part is led by the role's name, so none is singled out.
    """
    if shape.shape == "single":
        role = bank.role(shape.roles[0])
        return role.summary, role.strengths, role.growth_tips

    def led(role: str, text: Text) -> Text:
        return fill(s, "explain.role_lead", Role=role_name(bank, role, False), text=text)

    roles = shape.roles if shape.shape == "hybrid" else tuple(r.id for r in bank.roles)
    summary = join([led(r, bank.role(r).summary) for r in roles])
    if shape.shape != "hybrid":
        return summary, (), ()
    strengths = tuple(led(r, x) for r in roles for x in bank.role(r).strengths)
    tips = tuple(led(r, x) for r in roles for x in bank.role(r).growth_tips)
    return summary, strengths, tips


def explanations(
    s: Catalog, bank: Bank, n: Numbers, answers: dict[str, int | str], dims: tuple[DimensionResult, ...],
    strength: Strength | None, shape: Profile,
) -> Explanations:
    """The explanations of one result, in both languages."""
    summary, strengths, tips = _about(s, bank, n, shape)
    strength_text, certainty_text = measures(s, bank, n, strength, shape)
    return Explanations(
        headline=headline(s, bank, n, strength, shape),
        profile=profile_text(s, bank, n, shape),
        strength=strength_text,
        certainty=certainty_text,
        evidence=_evidence(s, bank, n, shape, answers),
        contrasts=_contrasts(s, bank, n, dims, shape),
        role_summary=summary,
        role_strengths=strengths,
        growth_tips=tips,
        disclaimer=s.text("disclaimer"),
    )
