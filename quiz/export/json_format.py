"""The JSON export: the versioned :class:`~scoring.result.ResultDocument`, re-scorable later."""

from __future__ import annotations

from scoring.result import ResultDocument


def render_json(document: ResultDocument) -> str:
    """``document`` as indented JSON (UTF-8 text, Chinese kept as is), ending with a newline."""
    return document.model_dump_json(indent=2) + "\n"
