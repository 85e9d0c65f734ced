"""The headline, the profile's description and the two measures (strength and certainty) in words.

Strength (how much more the top role is liked) and certainty (how likely the reading is right) are said
separately and named in plain words; the headline combines them ("项目经理 · 明显偏好 · 排序很可靠").
No role is headlined when the answers are too few, flat, or low everywhere, and nothing here speaks of
"fit": the quiz measures which work a person likes, not how suited they are.
"""

from __future__ import annotations

from questions.schema import ROLE_IDS, Bank, RoleId, Text
from scoring import thresholds as th
from scoring.catalog import Catalog
from scoring.engine import Numbers, mean_rating, straight_lined
from scoring.profile import level, required, role_mean, steps
from scoring.result import Profile, Strength
from scoring.wording import fill, one_decimal, percent, role_name, sentence, whole


def _certainty_word(s: Catalog, p: float) -> Text:
    return s.text("certainty.high" if p >= th.VERY_RELIABLE else "certainty.fair")


def _gap_word(s: Catalog, n: Numbers) -> Text:
    gap = steps(n, n.ranking[1], n.ranking[2])
    return s.text("gap.strong" if level(gap) == "strong" else "gap.moderate")


def headline(s: Catalog, bank: Bank, n: Numbers, strength: Strength | None, shape: Profile) -> Text:
    """The result in one line."""
    if shape.shape == "single" and strength is not None and shape.certainty is not None:
        top = shape.roles[0]
        return fill(s, "headline.single", Role=role_name(bank, top, False),
                    strength=s.text(f"strength.{strength.level}"), certainty=_certainty_word(s, shape.certainty))
    if shape.shape == "hybrid" and shape.certainty is not None:
        a, b = shape.roles
        return fill(s, "headline.hybrid", A=role_name(bank, a, False), b=role_name(bank, b),
                    c=role_name(bank, n.ranking[2]), gap=_gap_word(s, n),
                    certainty=_certainty_word(s, shape.certainty))
    if shape.shape == "insufficient":
        return fill(s, "headline.insufficient", more=shape.more_needed or 0)
    return s.text(f"headline.{shape.shape}")


def profile_text(s: Catalog, bank: Bank, n: Numbers, shape: Profile) -> Text:
    """What the shape means for this person, in a sentence or two."""
    first, second, third = n.ranking
    if shape.shape == "single":
        return fill(s, "profile.single", role=role_name(bank, first))
    if shape.shape == "hybrid":
        return fill(s, "profile.hybrid", a=role_name(bank, first), b=role_name(bank, second),
                    c=role_name(bank, third), gap=_gap_word(s, n))
    if shape.shape == "all_round":
        low = min(m for m in (mean_rating(c) for c in n.tally.counts) if m is not None)
        return fill(s, "profile.all_round", low=one_decimal(low))
    if shape.shape == "low_interest":
        rated = [(m, -k, r) for k, r in enumerate(n.ranking) if (m := role_mean(n, r)) is not None]
        mean, _, best = max(rated)
        return fill(s, "profile.low_interest", role=role_name(bank, best), mean=one_decimal(mean))
    if shape.shape == "insufficient":
        return fill(s, "profile.insufficient", n=n.answered, total=n.total, need=required(n.total),
                    more=shape.more_needed or 0)
    if straight_lined(n.tally):
        return fill(s, "profile.undifferentiated_straight", value=n.tally.ratings[0])
    if steps(n, first, third) < th.FLAT_BELOW:
        return s.text("profile.undifferentiated_flat")
    return fill(s, "profile.undifferentiated_unsettled", role=role_name(bank, first),
                p=percent(n.probabilities[first]))


def _times(s: Catalog, count: int) -> Text:
    if count in (0, 1):
        return s.text("explain.times_none" if count == 0 else "explain.times_one")
    return fill(s, "explain.times", n=count)


def _detail(s: Catalog, bank: Bank, n: Numbers, a: RoleId, b: RoleId) -> Text:
    """The gap between roles ``a`` and ``b`` in the answers' own units: mean ratings and triad picks."""
    parts: list[Text] = []
    ma, mb = role_mean(n, a), role_mean(n, b)
    if ma is not None and mb is not None:
        parts.append(fill(s, "strength.ratings", a=role_name(bank, a), b=role_name(bank, b),
                          ma=one_decimal(ma), mb=one_decimal(mb)))
    triads = sum(n.tally.picks)
    if triads:
        pa, pb = n.tally.picks[ROLE_IDS.index(a)], n.tally.picks[ROLE_IDS.index(b)]
        parts.append(fill(s, "strength.picks", triads=triads, a=role_name(bank, a), b=role_name(bank, b),
                          pa=_times(s, pa), pb=_times(s, pb)))
    if len(parts) == 2:
        return fill(s, "strength.both", first=parts[0], second=parts[1])
    if parts:
        return parts[0]
    return fill(s, "strength.scores", a=role_name(bank, a), b=role_name(bank, b),
                sa=whole(n.scores[a]), sb=whole(n.scores[b]))


def measures(s: Catalog, bank: Bank, n: Numbers, strength: Strength | None,
             shape: Profile) -> tuple[Text | None, Text | None]:
    """The strength and the certainty sentences (None where the shape names no role to measure)."""
    if strength is None or shape.certainty is None or shape.shape not in ("single", "hybrid"):
        return None, None
    p = shape.certainty
    k = min(99, max(1, round(100 * p)))
    word = _certainty_word(s, p)
    if shape.shape == "single":
        top, nxt = strength.roles
        text = fill(s, "strength.single", level=s.text(f"level.{strength.level}"),
                    detail=sentence(_detail(s, bank, n, top, nxt)))
        sure = fill(s, "certainty.single", p=percent(p), word=word, k=k, role=role_name(bank, top))
        return sentence(text), sure
    a, b = shape.roles
    gap = round(max(0.0, steps(n, b, n.ranking[2])), 1)
    text = fill(s, "strength.hybrid", a=role_name(bank, a), b=role_name(bank, b), c=role_name(bank, n.ranking[2]),
                level=s.text(f"strength.{strength.level}"), detail=_detail(s, bank, n, a, b),
                gap=_gap_word(s, n), steps=one_decimal(gap))
    sure = fill(s, "certainty.hybrid", p=percent(p), word=word, k=k, a=role_name(bank, a), b=role_name(bank, b))
    return sentence(text), sure
