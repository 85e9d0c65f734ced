"""Text renderings of a result: the three roles as bars with numbers, and the per-dimension picture.

Meaning is carried by characters and numbers (bar length, rank, score, probability), never by colour
alone, so the results read the same in any theme and with ``NO_COLOR``.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from questions.schema import Bank, Lang
from quiz.i18n import t
from scoring.result import Result

BAR_WIDTH = 20
FULL = "█"
EMPTY = "░"


def bar(value: float, width: int = BAR_WIDTH) -> str:
    """A bar of ``width`` cells filled in proportion to ``value`` (0–100)."""
    filled = round(max(0.0, min(100.0, value)) / 100 * width)
    return FULL * filled + EMPTY * (width - filled)


def probability(p: float) -> str:
    """``= 0.81``; never claims certainty: ``< 0.01`` and ``> 0.99`` at the ends."""
    if p < 0.005:
        return "< 0.01"
    if p > 0.995:
        return "> 0.99"
    return f"= {p:.2f}"


def ranks(result: Result) -> dict[str, str]:
    """The rank shown for each role: 1, 2, 3, with tied roles sharing a rank (``=2``)."""
    shown: dict[str, str] = {}
    place = 1
    for role in result.ranking:
        if role in shown:
            continue
        group = next((g for g in result.tied if role in g), (role,))
        for member in group:
            shown[member] = f"={place}" if len(group) > 1 else str(place)
        place += len(group)
    return shown


def role_table(result: Result, bank: Bank, lang: Lang) -> Table:
    """Rank, role, bar, score 0–100 and probability of being the top role, best first."""
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True)
    place = ranks(result)
    for role in result.ranking:
        top = place[role] == "1"  # a role tied for first is not singled out
        style = "bold" if top else ""
        table.add_row(
            Text(place[role], style=style),
            Text(bank.role(role).name.get(lang), style=style),
            Text(bar(result.scores[role]), style="bold" if top else "dim"),
            Text(f"{result.scores[role]:.0f}", style=style),
            Text(t("results.probability", lang, p=probability(result.probabilities[role])), style=style),
        )
    return table


def dimension_table(result: Result, bank: Bank, lang: Lang) -> Table:
    """Per dimension: which role the answers favoured and by how many points."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    for dim in result.dimensions:
        if dim.answered == 0:
            favoured, margin = t("results.dim_unanswered", lang), ""
        elif dim.favoured is None:
            favoured, margin = t("results.dim_tie", lang), ""
        else:
            favoured = bank.role(dim.favoured).name.get(lang)
            margin = t("results.dim_margin", lang, margin=f"{dim.margin:.0f}")
        table.add_row(Text(dim.name.get(lang)), Text(favoured), Text(margin))
    return table
