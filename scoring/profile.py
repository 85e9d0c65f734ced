"""Strength of preference and the profile's shape, from a result's numbers (no texts).

*Strength* is how much more the person likes the top role's work than the next role's, in the answers'
own units: the gap in mean rating, the gap in triad picks, and both combined as a gap in rating steps
(the fit-score gap over :data:`~scoring.thresholds.STEP_POINTS`). It says nothing about how sure the
order is; that is the *certainty*, the probability the model gives the reading (see :class:`Profile`).

The shape is decided by these rules, in order (constants in :mod:`scoring.thresholds`):

1. ``insufficient``: fewer than ``MIN_ANSWERS`` answers (or every item of a smaller bank), or fewer than
   ``MIN_PER_ROLE`` answers bearing on some role;
2. ``low_interest``: every role's activities average below ``NEUTRAL`` (2.5);
3. not separated: the ratings are straight-lined (``undifferentiated``), or the first and last roles are
   less than ``FLAT_BELOW`` steps apart: ``all_round`` when every role averages at least ``LIKED``, else
   ``undifferentiated``;
4. ``hybrid``: the first two are less than ``HYBRID_TOP_GAP`` steps apart, the second is at least
   ``HYBRID_THIRD_GAP`` steps above the third, and the third is last with probability ≥ ``HYBRID_PAIR``;
5. ``single``: the top role is first with probability ≥ ``SINGLE``;
6. otherwise ``undifferentiated``: the roles differ, but not into a shape the answers settle.
"""

from __future__ import annotations

from questions.schema import ROLE_IDS, RoleId
from scoring import thresholds as th
from scoring.engine import Numbers, mean_rating, straight_lined
from scoring.model import Posterior, top_probabilities
from scoring.result import Profile, Strength, StrengthLevel


def steps(n: Numbers, a: RoleId, b: RoleId) -> float:
    """How many rating steps role ``a`` leads role ``b`` by (negative when it trails)."""
    return (n.scores[a] - n.scores[b]) / th.STEP_POINTS


def level(gap: float) -> StrengthLevel:
    """The strength level of a lead of ``gap`` steps."""
    if gap < th.SLIGHT_BELOW:
        return "slight"
    return "moderate" if gap < th.STRONG_FROM else "strong"


def role_mean(n: Numbers, role: RoleId) -> float | None:
    """Mean rating (1–5) of ``role``'s activities, or None when none was rated."""
    return mean_rating(n.tally.counts[ROLE_IDS.index(role)])


def strength(n: Numbers) -> Strength:
    """The top role's lead over the next one, in rating steps, mean rating and triad picks."""
    top, nxt = n.ranking[0], n.ranking[1]
    gap = max(0.0, steps(n, top, nxt))
    mt, mn = role_mean(n, top), role_mean(n, nxt)
    picks = n.tally.picks
    return Strength(
        level=level(gap),
        roles=(top, nxt),
        steps=round(gap, 4),
        rating_gap=round(mt - mn, 4) if mt is not None and mn is not None else None,
        pick_gap=picks[ROLE_IDS.index(top)] - picks[ROLE_IDS.index(nxt)],
        triads=sum(picks),
    )


def last_probabilities(post: Posterior) -> tuple[float, float, float]:
    """P(role r has the smallest affinity), in role order: the top-role probability of the mirrored posterior."""
    mode = post.mode
    cov = [list(row[:3]) for row in post.covariance[:3]]
    low = top_probabilities([-mode[0], -mode[1], -mode[2]], cov)
    return (low[0], low[1], low[2])


def required(total: int) -> int:
    """How many answers a result needs in a bank of ``total`` items."""
    return min(th.MIN_ANSWERS, total)


def more_needed(n: Numbers) -> int:
    """How many more answers would give a result (0 when there are enough)."""
    triads = sum(n.tally.picks)
    short = [max(0, th.MIN_PER_ROLE - sum(n.tally.counts[r]) - triads) for r in range(3)]
    return max(required(n.total) - n.answered, sum(short), 0)


def profile(n: Numbers) -> Profile:
    """The profile's shape, its roles and its certainty (rules in the module docstring)."""
    missing = more_needed(n)
    if missing:
        return Profile(shape="insufficient", more_needed=missing)
    means = [mean_rating(c) for c in n.tally.counts]
    if n.tally.ratings and all(m is None or m < th.NEUTRAL for m in means):
        return Profile(shape="low_interest")
    first, second, third = n.ranking
    if straight_lined(n.tally):
        return Profile(shape="undifferentiated")
    if steps(n, first, third) < th.FLAT_BELOW:
        if all(m is not None and m >= th.LIKED for m in means):
            return Profile(shape="all_round", roles=n.ranking)
        return Profile(shape="undifferentiated")
    last = last_probabilities(n.posterior)[ROLE_IDS.index(third)]
    if (steps(n, first, second) < th.HYBRID_TOP_GAP and steps(n, second, third) >= th.HYBRID_THIRD_GAP
            and last >= th.HYBRID_PAIR):
        return Profile(shape="hybrid", roles=(first, second), certainty=round(last, 6))
    p1 = n.probabilities[first]
    if p1 >= th.SINGLE:
        return Profile(shape="single", roles=(first,), certainty=p1)
    return Profile(shape="undifferentiated")
