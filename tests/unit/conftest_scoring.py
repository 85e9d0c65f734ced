"""A synthetic bank for the scoring tests, built in code (imported explicitly, not a pytest conftest).

Its shape follows the shipped bank: 7 dimensions, 12 rating items per role, 9 triads with one option per
role. ``roles`` relabels the roles, so a test can swap which role every item belongs to.
"""

from __future__ import annotations

from typing import Any

from questions.loader import validate_bank_data
from questions.schema import ROLE_IDS, Bank

SECTIONS = ["S1", "S2", "S3", "S4", "S5", "S6", "S7"]
DIMENSIONS = ["d1", "d2", "d3", "d4", "d5", "d6", "d7"]


def _text(tag: str) -> dict[str, str]:
    return {"zh": f"中文{tag}", "en": f"English {tag}"}


def bank_data(per_role: int = 12, triads: int = 9, roles: dict[str, str] | None = None) -> dict[str, Any]:
    """The data of a synthetic bank; ``roles`` maps each canonical role to the role its items get."""
    relabel = roles or {r: r for r in ROLE_IDS}
    cite = {"article": "src", "section": "S1"}
    role_entries = [
        {
            "id": r,
            "name": {"zh": f"角色{k}", "en": f"Role {k}"},
            "summary": _text(f"summary {r}"),
            "typical_work": [_text(f"work {r}")],
            "strengths": [_text(f"strength {r}")],
            "evaluated_by": [_text(f"kpi {r}")],
            "growth_tips": [_text(f"tip {r}")],
            "sources": [cite],
        }
        for k, r in enumerate(ROLE_IDS)
    ]
    items: list[dict[str, Any]] = []
    n = 0
    for k in range(per_role):
        for r in ROLE_IDS:
            n += 1
            items.append({
                "kind": "rating",
                "id": f"r{n:02d}",
                "dimension": DIMENSIONS[k % len(DIMENSIONS)],
                "role": relabel[r],
                "text": _text(f"item {n}"),
                "source": {"article": "src", "section": SECTIONS[k % len(SECTIONS)]},
            })
        if k < triads:
            options = [
                {"id": f"c{k + 1:02d}_{j}", "role": relabel[r], "text": _text(f"option {k + 1} {j}")}
                for j, r in enumerate(ROLE_IDS)
            ]
            items.append({
                "kind": "choice",
                "id": f"c{k + 1:02d}",
                "dimension": DIMENSIONS[k % len(DIMENSIONS)],
                "text": _text(f"triad {k + 1}"),
                "options": options,
                "source": cite,
            })
    for k in range(per_role, triads):
        options = [{"id": f"c{k + 1:02d}_{j}", "role": relabel[r], "text": _text(f"option {k + 1} {j}")}
                   for j, r in enumerate(ROLE_IDS)]
        items.append({"kind": "choice", "id": f"c{k + 1:02d}", "dimension": "d1", "text": _text(f"triad {k + 1}"),
                      "options": options, "source": cite})
    return {
        "id": "synthetic",
        "version": "1.0",
        "title": _text("title"),
        "sources": [{
            "id": "src",
            "title": _text("source"),
            "url": "https://example.org/a",
            "publisher": "Example",
            "compares": ["implementation_manager", "project_manager"],
            "sections": SECTIONS,
        }],
        "roles": role_entries,
        "dimensions": [
            {"id": d, "name": _text(f"dimension {d}"), "description": _text(f"about {d}"),
             "sources": [{"article": "src", "section": SECTIONS[k]}]}
            for k, d in enumerate(DIMENSIONS)
        ],
        "items": items,
    }


def make_bank(per_role: int = 12, triads: int = 9, roles: dict[str, str] | None = None) -> Bank:
    """A validated synthetic bank."""
    return validate_bank_data(bank_data(per_role, triads, roles))
