"""Every constant of the scoring: the measurement model, the band cuts and the quality-flag rules.

They live here, in one place, so that the model stated in :class:`~scoring.result.ModelInfo`, the bands
a person sees and the simulation suite that checks them can never drift apart.
"""

from __future__ import annotations

import math

# --- The measurement model -------------------------------------------------------------------------

LOADING = 0.7
"""λ: how strongly a role affinity θ_r moves a rating of that role's items (latent scale, noise sd 1)."""

PRIOR_CORRELATION = 0.3
"""ρ: the prior correlation between the three role affinities (each has prior variance 1)."""

BIAS_SD = 0.3
"""Prior sd of the personal agreement bias b, which moves every rating of a person alike."""

CUTS: tuple[float, float, float, float] = (-1.5, -0.5, 0.5, 1.5)
"""Cut points of the ordinal probit: a rating is ``1 + #(λθ_r + b + ε > c)``, ε ~ N(0, 1)."""

TRIAD_SCALE = 0.9 * LOADING
"""κ of the triad logit P(pick r) ∝ exp(κ θ_r) (0.63 at λ = 0.7).

A triad is answered by the largest of ``λθ_r + ε_r`` (a Thurstonian choice). The logit with the same
slope as that normal model where the roles are equal has κ = 9λ / (4√π) ≈ 1.27 λ (d P(pick r) / d θ_r is
λ / (2√π) for the normal model and κ · 2/9 for the logit). At that value each triad weighs about twice
as much as a rating item, and the simulation showed that dropping a single triad changed the top role of
about 4.5 % of people (the gate is 5 %) while a rating item changed about 2.4 %. κ = 0.9 λ balances the
items (triads about 3.5 %, ratings about 2.7 %) at the cost of about one point of ``clear`` share, with
calibration unchanged within the simulation's noise.
"""


def _rating_evidence_per_point() -> float:
    """The optimal linear weight of one rating point: dE[k]/dθ_r over Var(k) at θ = 0, b = 0.

    k = rating − 1 in 0..4 under the ordinal probit; dE[k]/dθ_r = λ Σ_j φ(c_j), and Var(k) comes from the
    level probabilities Φ(c_{k+1}) − Φ(c_k).
    """
    def cdf(x: float) -> float:
        return 0.5 * math.erfc(-x / math.sqrt(2.0))

    bounds = (-math.inf, *CUTS, math.inf)
    probs = [cdf(bounds[k + 1]) - cdf(bounds[k]) for k in range(len(CUTS) + 1)]
    mean = sum(k * p for k, p in enumerate(probs))
    variance = sum((k - mean) ** 2 * p for k, p in enumerate(probs))
    slope = LOADING * sum(math.exp(-0.5 * c * c) / math.sqrt(2.0 * math.pi) for c in CUTS)
    return slope / variance


TRIAD_WEIGHT = TRIAD_SCALE / (4.0 * _rating_evidence_per_point())
"""w: a triad weighs ``w · 4`` points on the fit-score scale, where a rating weighs 0..4 (≈ 0.238 at λ = 0.7).

The fit score is a weighted sum of answers; it agrees best with the model when each answer's weight is its
optimal linear weight (slope over variance of the answer at θ = 0). For a rating point that is
λ Σ φ(c_j) / Var(k) ≈ 0.662; for a triad pick (an indicator with P = 1/3, slope 2κ/9, variance 2/9) it is
κ = 0.63. So one triad pick carries the evidence of about 0.95 rating points, not the 4 points of a 1 → 5
swing: w = κ / (4 · 0.662). In the simulation (λ = 0.7, ρ = 0.3) the role with the highest fit score
differs from the most probable role for about 1.3 % of people with this weight, against 14.5 % with w = 1.
The weight sits on the simulation's optimum: every w from 0.22 to 0.245 gives the same 1.3 % (with no skips,
only the order of rating sums and 4w·picks matters), w = 0.15 gives 3.1 %, and w = 0.25 gives 4.1 % (a
triad worth exactly one rating point makes many fit scores tie).
"""

MODEL_NAME = "ordinal probit ratings + triad logit, Laplace posterior over (θ, bias)"

# --- Bands -------------------------------------------------------------------------------------------

CLEAR = 0.80
"""Top-role probability from which a result is a ``clear`` call."""

LEANING = 0.60
"""Top-role probability from which a result is ``leaning``."""

CLOSE_CALL_PAIR = 0.90
"""``close_call`` when the two most probable roles together reach this probability."""

NEUTRAL = 2.5
"""``low_interest`` when every role's mean rating (1–5) is below this (below neutral)."""

MIN_ANSWERED = 5
"""Fewer answered items than this is too little to say anything: ``undifferentiated``."""

STRAIGHT_LINE_MIN = 5
"""Ratings that are all identical count as straight-lining from this many answered ratings."""

# --- Quality flags -----------------------------------------------------------------------------------

TOO_FAST_SECONDS = 2.0
"""``too_fast`` when the median time per timed item is below this many seconds."""

TOO_FAST_MIN_TIMED = 5
"""``too_fast`` is judged only when at least this many items carry a timing."""

MANY_SKIPPED_SHARE = 0.25
"""``many_skipped`` when more than this share of the bank's items is unanswered."""

# --- What would change -------------------------------------------------------------------------------

MAX_CHANGES = 10
"""The search for answer changes that would put another role first gives up after this many."""

PROBABILITY_DIGITS = 9
"""Probabilities are rounded to this many decimals so that equal evidence compares equal."""

# --- Strength, profile shape and how many answers a result needs --------------------------------------
# Measured in rating STEPS: one step is one point of the 1–5 scale. On the fit-score scale a rating gives
# 0..4 points of 4, so a gap of 25 fit-score points is one step (triads count by their evidence weight).
# The cuts come from the simulation in tests/simulation/test_profiles.py; the README says how.

STEP_POINTS = 25.0
"""Fit-score points per rating step."""

SLIGHT_BELOW = 0.5
"""A preference is ``slight`` when the top role leads the next by less than half a step."""

STRONG_FROM = 1.25
"""A preference is ``strong`` from a lead of 1.25 steps; ``moderate`` between. Liking one role's work (4)
against neutral on the next (3) is one step, so it is moderate, never strong. In the simulation, of the
people called strong, 98 % have a noise-free gap of at least half a step, and 0.3 % of people whose
noise-free gap is slight are called strong."""

FLAT_BELOW = 0.5
"""The roles are not separated (``undifferentiated`` or ``all_round``) when the first and the last are
less than half a step apart."""

LIKED = 3.5
"""``all_round``: every role's activities average at least this, halfway from neutral (3) to like (4)."""

HYBRID_TOP_GAP = 0.75
"""``hybrid``: the first two roles are less than this many steps apart …"""

HYBRID_THIRD_GAP = 0.5
"""… the second is at least this many steps above the third …"""

HYBRID_PAIR = 0.80
"""… and the third role is last with at least this probability (so the pair are the top two)."""

SINGLE = 0.85
"""``single``: the top role is first with at least this probability (and the profile is not hybrid)."""

VERY_RELIABLE = 0.95
"""Certainty from which a ranking is worded "very reliable"; below it, "fairly reliable"."""

MIN_ANSWERS = 12
"""A result needs at least this many answers (or every item of a smaller bank): ``insufficient`` below."""

MIN_PER_ROLE = 2
"""… and at least this many answers bearing on each role (its ratings and every triad answered)."""

FIRM_CHANGES = 3
""""What would change it" is shown only when at most this many answers would put another role first;
a result that needs more is called firm."""
