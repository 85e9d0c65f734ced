"""Stochastic curtailment for the adaptive form: could the rest of the bank still change the top role?

:func:`change_risks` gives the predictive probability that answering every remaining item would put another
role first. After more answers the posterior mean is itself uncertain: by the law of total variance it
varies as N(mode, Σ − Σ_rest), with Σ_rest = (H + I_rest)⁻¹ and I_rest the Fisher information of the
remaining items at the mode (:func:`information` per rating, κ²(diag p − p pᵀ) per triad). The chance that
the final top role differs is one minus the current top role's top-role probability under N(mode, Σ − Σ_rest).

Arrays as in :mod:`scoring.lookahead` (one row per posterior, elementwise along the rows); :func:`change_risk`
is the same code for one posterior.
"""

from __future__ import annotations

import numpy as np

from scoring.laplace import _inverse
from scoring.lookahead import level_table, softmax, stack
from scoring.model import Posterior
from scoring.orthant import Array
from scoring.orthant import top_probabilities as _tops
from scoring.thresholds import LOADING, TRIAD_SCALE


def information(eta: Array) -> Array:
    """Fisher information about η of one ordinal probit rating at η, elementwise."""
    p, slope, _ = level_table(eta)
    terms = np.where(p > 1e-300, slope * slope / np.where(p > 1e-300, p, 1.0), 0.0)
    out: Array = terms[..., 0] + terms[..., 1] + terms[..., 2] + terms[..., 3] + terms[..., 4]
    return out


def change_risks(mode: Array, cov: Array, top: Array, ratings_left: Array, triads_left: Array) -> Array:
    """(n,): P(answering the rest would make a role other than ``top`` (n,) first), per row.

    ``ratings_left`` (n, 3) counts the rating items of each role still to be asked, ``triads_left`` (n,) the
    triads. A row with nothing left has risk 0.
    """
    lam, kap = LOADING, TRIAD_SCALE
    n = len(mode)
    precision = _inverse(cov)
    info = ratings_left * information(lam * mode[:, :3] + mode[:, 3:])
    for r in range(3):
        precision[:, r, r] += info[:, r] * (lam * lam)
        precision[:, r, 3] += info[:, r] * lam
        precision[:, 3, r] += info[:, r] * lam
        precision[:, 3, 3] += info[:, r]
    p = softmax(mode[:, :3])
    spread = triads_left * (kap * kap)
    precision[:, :3, :3] -= (spread[:, None] * p)[:, :, None] * p[:, None, :]
    for r in range(3):
        precision[:, r, r] += spread * p[:, r]
    rest = _inverse(precision)
    tops = _tops(mode[:, :3], cov[:, :3, :3] - rest[:, :3, :3])
    risk = np.maximum(0.0, 1.0 - tops[np.arange(n), top])
    nothing = (ratings_left[:, 0] + ratings_left[:, 1] + ratings_left[:, 2] + triads_left) == 0
    out: Array = np.where(nothing, 0.0, risk)
    return out


def rating_information(eta: float) -> float:
    """Fisher information about η of one ordinal probit rating at linear predictor η."""
    return float(information(np.array([eta]))[0])


def change_risk(post: Posterior, top: int, ratings_left: tuple[int, int, int], triads_left: int) -> float:
    """Predictive probability that answering the remaining items would make a role other than ``top`` first.

    ``ratings_left`` counts the rating items of each role still to be asked, ``triads_left`` the triads.
    """
    mode, cov = stack([post])
    risk = change_risks(mode, cov, np.array([top]), np.array([ratings_left], dtype=np.float64),
                        np.array([triads_left], dtype=np.float64))
    return float(risk[0])
