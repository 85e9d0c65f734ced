"""Texts of a result, built from this person's own answers: headline, band meaning, evidence, contrasts.

Every sentence comes from the result wording (``scoring/strings/explain.json``) in both languages,
filled with this person's numbers, the bank's item texts and the citation of the section each point draws
on. Nothing here changes a number; language is only a matter of which half of a :class:`Text` is read.
"""

from __future__ import annotations

from questions.schema import LANGS, ROLE_IDS, Bank, Citation, RatingItem, RoleId, Text
from scoring.catalog import Catalog
from scoring.engine import Numbers, mean_rating, role_score, straight_lined
from scoring.result import DimensionResult, Explanations, Point
from scoring.thresholds import MIN_ANSWERED

TextValue = Text | str | int | float


def fill(s: Catalog, key: str, **values: TextValue) -> Text:
    """The string ``key`` in both languages; :class:`Text` values are taken in the matching language."""
    out: dict[str, str] = {}
    for lang in LANGS:
        vals = {k: (v.get(lang) if isinstance(v, Text) else v) for k, v in values.items()}
        out[lang] = s.get(key, lang, **vals)
    return Text(zh=out["zh"], en=out["en"])


def role_name(bank: Bank, role: str, inline: bool = True) -> Text:
    """The role's display name; ``inline`` writes the English one in lower case, for use inside a sentence."""
    name = bank.role(role).name
    return Text(zh=name.zh, en=name.en[:1].lower() + name.en[1:] if inline else name.en)


def percent(p: float) -> str:
    """A probability as a whole percentage, e.g. ``86%``; never "0%" or "100%", which would overclaim."""
    if p > 0.995:
        return ">99%"
    if p < 0.005:
        return "<1%"
    return f"{round(100 * p)}%"


def number(x: float) -> str:
    """A quantity shown with at most one decimal (``2``, ``1.5``), e.g. seconds per item."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def whole(x: float) -> str:
    """Points on the 0–100 scale as a whole number, rounded half up like the score tables (72.5 → ``73``)."""
    return str(int(x + 0.5)) if x >= 0 else str(round(x))


def one_decimal(x: float) -> str:
    """A mean rating with exactly one decimal (``4.0``, ``3.5``)."""
    return f"{x:.1f}"


def sentence(text: Text) -> Text:
    """``text`` as the start of a sentence: the English half begins with a capital letter."""
    return Text(zh=text.zh, en=text.en[:1].upper() + text.en[1:])


def role_list(s: Catalog, bank: Bank, roles: tuple[str, ...]) -> Text:
    """One, two or three role names as a phrase ("a", "a and b", "a, b and c")."""
    names = [role_name(bank, r) for r in roles]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return fill(s, "explain.pair", a=names[0], b=names[1])
    return fill(s, "explain.triple", a=names[0], b=names[1], c=names[2])


def dimensions(bank: Bank, answers: dict[str, int | str]) -> tuple[DimensionResult, ...]:
    """Per dimension: role scores (0–100, same scale as the overall scores) from its items, favoured role.

    A role is favoured when it scores highest on its own among at least two roles with answers in the
    dimension; otherwise ``favoured`` is None and the margin 0.
    """
    out = []
    for dim in bank.dimensions:
        points = dict.fromkeys(ROLE_IDS, 0)
        possible = dict.fromkeys(ROLE_IDS, 0)
        picks = dict.fromkeys(ROLE_IDS, 0)
        triads = 0
        answered = 0
        for item in bank.items:
            if item.dimension != dim.id or item.id not in answers:
                continue
            answered += 1
            value = answers[item.id]
            if isinstance(item, RatingItem):
                points[item.role] += int(value) - 1
                possible[item.role] += 4
            else:
                option = item.option(str(value))
                if option is not None:
                    picks[option.role] += 1
                triads += 1
        scores: dict[RoleId, float] = {r: role_score(points[r], possible[r], picks[r], triads) for r in ROLE_IDS}
        has = {r: bool(possible[r] or triads) for r in ROLE_IDS}
        ranked = sorted((scores[r] for r in ROLE_IDS if has[r]), reverse=True)
        favoured: RoleId | None = None
        margin = 0.0
        if len(ranked) >= 2 and ranked[0] > ranked[1]:
            favoured = next(r for r in ROLE_IDS if has[r] and scores[r] == ranked[0])
            margin = round(ranked[0] - ranked[1], 4)
        out.append(DimensionResult(id=dim.id, name=dim.name, scores=scores, favoured=favoured, margin=margin,
                                   answered=answered))
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


def _headline(s: Catalog, bank: Bank, n: Numbers) -> Text:
    top = n.ranking[0]
    if n.band == "clear":
        return fill(s, "explain.headline.clear", role=role_name(bank, top), Role=role_name(bank, top, False))
    if n.band == "leaning":
        return fill(s, "explain.headline.leaning", role=role_name(bank, top))
    if n.band == "close_call" and n.close_call is not None:
        a, b = n.close_call
        tied = n.probabilities[a] == n.probabilities[b]
        key = "explain.headline.close_call_tied" if tied else "explain.headline.close_call"
        return fill(s, key, a=role_name(bank, a), b=role_name(bank, b))
    firsts = top_group(n)
    if len(firsts) == 3:
        return fill(s, f"explain.headline.{n.band}_tied_all")
    if len(firsts) == 2:
        return fill(s, f"explain.headline.{n.band}_tied", roles=role_list(s, bank, firsts))
    return fill(s, f"explain.headline.{n.band}")


def _band_meaning(s: Catalog, bank: Bank, n: Numbers) -> Text:
    p = n.probabilities
    if n.band in ("clear", "leaning"):
        return fill(s, f"band.meaning.{n.band}", p=percent(p[n.ranking[0]]))
    if n.band == "close_call" and n.close_call is not None:
        a, b = n.close_call
        return sentence(fill(s, "band.meaning.close_call", a=role_name(bank, a), b=role_name(bank, b),
                             pa=percent(p[a]), pb=percent(p[b])))
    if n.band == "undifferentiated":
        if straight_lined(n.tally):
            return fill(s, "band.meaning.undifferentiated_straight", value=n.tally.ratings[0])
        if n.answered < MIN_ANSWERED:
            return fill(s, "band.meaning.undifferentiated_few", n=n.answered, total=n.total)
    return fill(s, f"band.meaning.{n.band}")


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


def _score_order(s: Catalog, bank: Bank, n: Numbers) -> Point | None:
    """Said whenever the roles with the highest fit score are not the roles with the highest probability."""
    firsts = top_group(n)
    best = max(n.scores.values())
    high = tuple(r for r in n.ranking if n.scores[r] == best)
    if set(high) == set(firsts):
        return None
    top = firsts[0]
    why = s.text("explain.score_reason")
    if len(firsts) > 1 and top in high:
        # Roles tied on probability have identical evidence and so identical scores: all of them are in ``high``.
        return Point(text=sentence(fill(s, "explain.score_tie_tied", roles=role_list(s, bank, high),
                                        tops=role_list(s, bank, firsts), sh=whole(best), why=why)))
    if len(firsts) > 1:
        return Point(text=sentence(fill(s, "explain.score_order_tied", High=role_list(s, bank, high),
                                        tops=role_list(s, bank, firsts), sh=whole(best),
                                        sl=whole(n.scores[top]), why=why)))
    if top in high:
        return Point(text=sentence(fill(s, "explain.score_tie", roles=role_list(s, bank, high),
                                        top=role_name(bank, top), sh=whole(best), why=why)))
    if whole(best) == whole(n.scores[top]):
        return Point(text=sentence(fill(s, "explain.score_close", High=role_list(s, bank, high),
                                        top=role_name(bank, top), sh=whole(best), why=why)))
    key = "explain.score_order" if len(high) == 1 else "explain.score_order_many"
    return Point(text=sentence(fill(s, key, High=role_list(s, bank, high), top=role_name(bank, top),
                                    sh=whole(best), sl=whole(n.scores[top]), why=why)))


def _liked(s: Catalog, bank: Bank, n: Numbers, answers: dict[str, int | str]) -> list[Point]:
    """The strongest-liked rating items (4 or 5) of each role in first place, at most two per role."""
    firsts = top_group(n)
    if len(firsts) > 2:
        return []
    out: list[Point] = []
    for role in firsts:
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


def _evidence(s: Catalog, bank: Bank, n: Numbers, answers: dict[str, int | str]) -> tuple[Point, ...]:
    points: list[Point] = []
    for group in n.tied:
        points.append(Point(text=sentence(fill(s, "explain.tied", roles=role_list(s, bank, group)))))
    for point in (_score_order(s, bank, n), _triad_tally(s, bank, n)):
        if point is not None:
            points.append(point)
    points += _liked(s, bank, n, answers)
    means = _means(s, bank, n)
    if means is not None:
        points.append(means)
    return tuple(points)


def _answered_roles(bank: Bank, answers: dict[str, int | str], dimension: str) -> set[str]:
    """Roles that some answer in ``dimension`` bears on (a rating of the role, or any answered triad)."""
    roles: set[str] = set()
    for item in bank.items:
        if item.dimension == dimension and item.id in answers:
            roles.update([item.role] if isinstance(item, RatingItem) else ROLE_IDS)
    return roles


def _contrasts(s: Catalog, bank: Bank, n: Numbers, dims: tuple[DimensionResult, ...],
               answers: dict[str, int | str]) -> tuple[Point, ...]:
    a, b = n.ranking[0], n.ranking[1]
    diverged = []
    compared = False
    for k, d in enumerate(dims):
        gap = d.scores[a] - d.scores[b]
        # Only dimensions where both roles were answered: an unanswered role's 0 is no evidence against it.
        if not {a, b} <= _answered_roles(bank, answers, d.id):
            continue
        compared = True
        if whole(d.scores[a]) != whole(d.scores[b]):
            diverged.append((-abs(gap), k, d))
    diverged.sort(key=lambda t: (t[0], t[1]))
    out = []
    for _, _, d in diverged[:3]:
        favoured, other = (a, b) if d.scores[a] > d.scores[b] else (b, a)
        source: Citation = bank.dimension(d.id).sources[0]
        text = fill(s, "explain.contrast", dimension=d.name, favoured=role_name(bank, favoured),
                    other=role_name(bank, other), sf=whole(d.scores[favoured]), so=whole(d.scores[other]))
        out.append(Point(text=text, source=source))
    if not out:
        key = "explain.contrast_none" if compared else "explain.contrast_unanswered"
        out.append(Point(text=sentence(fill(s, key, a=role_name(bank, a), b=role_name(bank, b)))))
    return tuple(out)


def _about(s: Catalog, bank: Bank, n: Numbers) -> tuple[Text, tuple[Text, ...], tuple[Text, ...]]:
    """Summary, strengths and growth tips of the role in first place; of each role when several share it.

    With a tie for first, every tied role is described, each part led by the role's name, so no role is
    singled out by list order.
    """
    firsts = top_group(n)
    if len(firsts) == 1:
        role = bank.role(firsts[0])
        return role.summary, role.strengths, role.growth_tips

    def led(role: str, text: Text) -> Text:
        return fill(s, "explain.role_lead", Role=role_name(bank, role, False), text=text)

    summaries = [led(r, bank.role(r).summary) for r in firsts]
    summary = Text(zh="".join(t.zh for t in summaries), en=" ".join(t.en for t in summaries))
    strengths = tuple(led(r, x) for r in firsts for x in bank.role(r).strengths)
    tips = tuple(led(r, x) for r in firsts for x in bank.role(r).growth_tips)
    return summary, strengths, tips


def explanations(
    s: Catalog, bank: Bank, n: Numbers, answers: dict[str, int | str], dims: tuple[DimensionResult, ...]
) -> Explanations:
    """The explanations of one result, in both languages."""
    summary, strengths, tips = _about(s, bank, n)
    return Explanations(
        headline=_headline(s, bank, n),
        band_meaning=_band_meaning(s, bank, n),
        evidence=_evidence(s, bank, n, answers),
        contrasts=_contrasts(s, bank, n, dims, answers),
        role_summary=summary,
        role_strengths=strengths,
        growth_tips=tips,
        disclaimer=s.text("disclaimer"),
    )
