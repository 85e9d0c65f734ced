"""Scoring: a bank and a person's answers in, a :class:`~scoring.result.Result` out.

:func:`scoring.document.build_document` wraps a result in the versioned document that is saved and
exported; :mod:`scoring.report` turns that document into the report every surface renders.

Pure and deterministic: no I/O beyond the shipped result wording (read once, and injectable), no
randomness, no Textual. :func:`score` builds the whole result; :func:`score_numbers` is the fast path
(scores, probabilities, ranking, band) used by ``score --batch`` and the simulation suite.

The measurement model behind the probabilities is stated in :mod:`scoring.model`; its constants and the
band cuts live in :mod:`scoring.thresholds`. Submodules load on first use (PEP 562), so importing a light
one such as :mod:`scoring.catalog` does not pull in pydantic or the model.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from questions.schema import Bank
    from scoring.answers import AnswerError, Answers, check_answers
    from scoring.catalog import Catalog
    from scoring.engine import Numbers, score_numbers
    from scoring.result import Form, ModelInfo, Result

_LAZY = {
    "AnswerError": "scoring.answers",
    "Answers": "scoring.answers",
    "check_answers": "scoring.answers",
    "Numbers": "scoring.engine",
    "score_numbers": "scoring.engine",
    "Result": "scoring.result",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'scoring' has no attribute {name!r}")
    return getattr(import_module(module), name)


def model_info() -> ModelInfo:
    """The stated measurement model (constants from :mod:`scoring.thresholds`)."""
    from scoring import thresholds as th
    from scoring.result import ModelInfo

    return ModelInfo(
        name=th.MODEL_NAME,
        loading=th.LOADING,
        prior_correlation=th.PRIOR_CORRELATION,
        bias_sd=th.BIAS_SD,
        cuts=th.CUTS,
        triad_scale=round(th.TRIAD_SCALE, 6),
    )


def score(bank: Bank, answers: Answers, strings: Catalog | None = None, form: Form | None = None) -> Result:
    """Score ``answers`` against ``bank``: numbers, strength, profile, explanations, how firm it is, flags.

    ``answers`` must fit the bank (:func:`check_answers` raises :class:`AnswerError` otherwise; it is
    called here too). Scores are 0–100 per role, points earned over points possible on the answered items,
    each answer weighted by the evidence the model gives it: a rating 1..5 gives 0..4 points to its role
    (4 possible); a triad gives ``4w`` points to the picked role and counts ``4w`` possible for every role,
    ``w = TRIAD_WEIGHT`` ≈ 0.24 (:mod:`scoring.thresholds`). Probabilities are P(role is the top role)
    under :mod:`scoring.model`. ``form`` says which form asked the questions (default: the full form, every
    answered question asked).
    """
    from scoring import profile as shapes
    from scoring.answers import check_answers
    from scoring.catalog import result_strings
    from scoring.change import what_would_change
    from scoring.engine import index, score_numbers
    from scoring.explain import dimensions, explanations
    from scoring.quality import quality_flags
    from scoring.result import Form, Result

    check_answers(bank, answers)
    s = strings if strings is not None else result_strings()
    raw = dict(answers.answers)
    n = score_numbers(bank, raw)
    dims = dimensions(bank, raw)
    shape = shapes.profile(n)
    strength = None if shape.shape == "insufficient" else shapes.strength(n)
    form = form if form is not None else Form(asked=n.answered)
    return Result(
        ranking=n.ranking,
        tied=n.tied,
        scores=n.scores,
        probabilities=n.probabilities,
        band=n.band,
        close_call=n.close_call,
        answered=n.answered,
        total=n.total,
        strength=strength,
        profile=shape,
        form=form,
        dimensions=dims,
        explanations=explanations(s, bank, n, raw, dims, strength, shape),
        what_would_change=what_would_change(s, bank, index(bank), raw, n, shape),
        quality_flags=quality_flags(s, n, dict(answers.timings), form.asked if form.mode == "adaptive" else None),
        model=model_info(),
    )


__all__ = ["AnswerError", "Answers", "Numbers", "Result", "check_answers", "model_info", "score", "score_numbers"]
