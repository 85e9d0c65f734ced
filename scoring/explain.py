"""Texts of a result, built from this person's own answers: headline, band meaning, evidence, contrasts.

Every sentence comes from the strings table (``questions/bank/strings/explain.yaml``) in both languages,
filled with this person's numbers, the bank's item texts and the citation of the section each point draws
on. Nothing here changes a number; language is only a matter of which half of a :class:`Text` is read.
"""

from __future__ import annotations

from questions.schema import LANGS, ROLE_IDS, Bank, Citation, RatingItem, RoleId, Text
from questions.strings import Strings
from scoring.engine import Numbers, mean_rating, role_score, straight_lined
from scoring.result import DimensionResult, Explanations, Point
from scoring.thresholds import MIN_ANSWERED

TextValue = Text | str | int | float


def fill(s: Strings, key: str, **values: TextValue) -> Text:
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
    """A probability as a whole percentage, e.g. ``86%``."""
    return f"{round(100 * p)}%"


def number(x: float) -> str:
    """A score or mean shown with at most one decimal (``72``, ``3.5``)."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def role_list(s: Strings, bank: Bank, roles: tuple[str, ...]) -> Text:
    """Two or three role names joined as a phrase ("a and b", "a, b and c")."""
    names = [role_name(bank, r) for r in roles]
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
                    points[option.role] += 4
                for r in ROLE_IDS:
                    possible[r] += 4
        scores: dict[RoleId, float] = {r: role_score(points[r], possible[r]) for r in ROLE_IDS}
        ranked = sorted((scores[r] for r in ROLE_IDS if possible[r]), reverse=True)
        favoured: RoleId | None = None
        margin = 0.0
        if len(ranked) >= 2 and ranked[0] > ranked[1]:
            favoured = next(r for r in ROLE_IDS if possible[r] and scores[r] == ranked[0])
            margin = round(ranked[0] - ranked[1], 4)
        out.append(DimensionResult(id=dim.id, name=dim.name, scores=scores, favoured=favoured, margin=margin,
                                   answered=answered))
    return tuple(out)


def _headline(s: Strings, bank: Bank, n: Numbers) -> Text:
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
    return fill(s, f"explain.headline.{n.band}")


def _band_meaning(s: Strings, bank: Bank, n: Numbers) -> Text:
    p = n.probabilities
    if n.band in ("clear", "leaning"):
        return fill(s, f"band.meaning.{n.band}", p=percent(p[n.ranking[0]]))
    if n.band == "close_call" and n.close_call is not None:
        a, b = n.close_call
        return fill(s, "band.meaning.close_call", a=role_name(bank, a), b=role_name(bank, b), pa=percent(p[a]),
                    pb=percent(p[b]))
    if n.band == "undifferentiated":
        if straight_lined(n.tally):
            return fill(s, "band.meaning.undifferentiated_straight", value=n.tally.ratings[0])
        if n.answered < MIN_ANSWERED:
            return fill(s, "band.meaning.undifferentiated_few", n=n.answered)
    return fill(s, f"band.meaning.{n.band}")


def _evidence(s: Strings, bank: Bank, n: Numbers, answers: dict[str, int | str]) -> tuple[Point, ...]:
    points: list[Point] = []
    top = n.ranking[0]
    for group in n.tied:
        points.append(Point(text=fill(s, "explain.tied", roles=role_list(s, bank, group))))
    triads = sum(n.tally.picks)
    if triads:
        for role in n.ranking[:2]:
            picks = n.tally.picks[ROLE_IDS.index(role)]
            points.append(Point(text=fill(s, "explain.triads", role=role_name(bank, role), n=picks, total=triads)))
    liked = [
        (int(answers[i.id]), k, i)
        for k, i in enumerate(bank.rating_items)
        if i.role == top and i.id in answers and int(answers[i.id]) >= 4
    ]
    liked.sort(key=lambda t: (-t[0], t[1]))
    for value, _, item in liked[:2]:
        points.append(Point(text=fill(s, "explain.liked", item=item.text, value=value), source=item.source))
    if n.tally.ratings:
        entries = []
        for role in n.ranking:
            mean = mean_rating(n.tally.counts[ROLE_IDS.index(role)])
            if mean is None:
                entries.append(fill(s, "explain.mean_none", role=role_name(bank, role)))
            else:
                entries.append(fill(s, "explain.mean_entry", role=role_name(bank, role), value=number(mean)))
        points.append(Point(text=fill(s, "explain.means", list=fill(s, "explain.mean_list", a=entries[0],
                                                                      b=entries[1], c=entries[2]))))
    best = max(n.scores.values())
    high = [r for r in ROLE_IDS if n.scores[r] == best]
    if len(high) == 1 and high[0] != top and not any(top in g and high[0] in g for g in n.tied):
        points.append(Point(text=fill(s, "explain.score_order", High=role_name(bank, high[0], False),
                                      top=role_name(bank, top), sh=number(best), sl=number(n.scores[top]))))
    return tuple(points)


def _contrasts(s: Strings, bank: Bank, n: Numbers, dims: tuple[DimensionResult, ...]) -> tuple[Point, ...]:
    a, b = n.ranking[0], n.ranking[1]
    diverged = []
    for k, d in enumerate(dims):
        gap = d.scores[a] - d.scores[b]
        if d.answered and gap != 0:
            diverged.append((-abs(gap), k, d))
    diverged.sort(key=lambda t: (t[0], t[1]))
    out = []
    for _, _, d in diverged[:3]:
        favoured = a if d.scores[a] > d.scores[b] else b
        source: Citation = bank.dimension(d.id).sources[0]
        text = fill(s, "explain.contrast", dimension=d.name, favoured=role_name(bank, favoured),
                    a=role_name(bank, a), b=role_name(bank, b), sa=number(d.scores[a]), sb=number(d.scores[b]))
        out.append(Point(text=text, source=source))
    if not out:
        out.append(Point(text=fill(s, "explain.contrast_none", a=role_name(bank, a, False), b=role_name(bank, b))))
    return tuple(out)


def explanations(
    s: Strings, bank: Bank, n: Numbers, answers: dict[str, int | str], dims: tuple[DimensionResult, ...]
) -> Explanations:
    """The explanations of one result, in both languages."""
    role = bank.role(n.ranking[0])
    return Explanations(
        headline=_headline(s, bank, n),
        band_meaning=_band_meaning(s, bank, n),
        evidence=_evidence(s, bank, n, answers),
        contrasts=_contrasts(s, bank, n, dims),
        role_summary=role.summary,
        role_strengths=role.strengths,
        growth_tips=role.growth_tips,
        disclaimer=s.text("disclaimer"),
    )
