"""The kinds of item the adaptive form chooses between (light: no model, no numpy).

Rating items of one role are exchangeable under the model, so the look-ahead (:mod:`scoring.lookahead`) and
the selector (:mod:`scoring.adaptive`) weigh kinds, not items: a rating of role 0, 1 or 2 (its index in
``ROLE_IDS``), or a triad.
"""

from __future__ import annotations

from scoring.thresholds import CUTS

TRIAD = 3
"""The kind of a triad; kinds 0..2 are a rating item of that role."""

KINDS = 4
LEVELS = len(CUTS) + 1
"""Rating levels (a rating of 1..5 is level 0..4)."""
CANDIDATES = 3 * LEVELS + 3
"""Hypothetical answers the look-ahead weighs per posterior: each level of a rating of each role, then each
triad pick."""

__all__ = ["CANDIDATES", "KINDS", "LEVELS", "TRIAD"]
