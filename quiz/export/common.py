"""What every export format shares: the figures as strings, citations, dates, bars and cell widths.

The renderers differ only in layout; what they say (and in which order) comes from here so that the
Markdown, HTML and text exports never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.cells import cell_len

from questions.schema import Bank, Citation, Lang, RoleId
from quiz.i18n import t
from scoring.result import Result, ResultDocument

BAR_FULL = "█"
BAR_EMPTY = "░"


def labelled(label: str, value: str, lang: Lang) -> str:
    """``label: value`` with the colon of ``lang`` (full-width in Chinese)."""
    return t("export.label", lang, label=label, value=value)


def label_only(label: str, lang: Lang) -> str:
    """``label:`` with the colon of ``lang``, introducing a list."""
    return t("export.label_only", lang, label=label)


def role_name(role: RoleId, lang: Lang) -> str:
    """The display name of a role."""
    return t(f"role.{role}", lang)


def about_heading(result: Result, lang: Lang, key: str = "export.role.heading") -> str:
    """The heading of the "about the role" part: the top role, or every role tied for first place.

    With a tie for first the explanations describe each tied role, so the heading names them all.
    """
    from scoring.explain import first_place

    firsts = first_place(result.ranking, result.tied)
    if len(firsts) == 1:
        return t(key, lang, role=role_name(firsts[0], lang))
    names = [role_name(r, lang) for r in firsts]
    roles = t("explain.pair" if len(names) == 2 else "explain.triple", lang, a=names[0], b=names[1], c=names[-1])
    return t("explain.about_tied", lang, roles=roles)


def fmt_score(value: float) -> str:
    """A 0–100 score as a whole number (rounded half up, so 72.5 shows as 73)."""
    return str(int(value + 0.5)) if value >= 0 else str(round(value))


def fmt_delta(value: float) -> str:
    """A signed change with one decimal, e.g. ``+4.5``, ``−3.0``, ``±0``."""
    if abs(value) < 0.05:
        return "±0"
    sign = "+" if value > 0 else "−"
    return f"{sign}{abs(value):.1f}"


def fmt_pct(p: float) -> str:
    """A probability as a percentage, worded exactly as in the explanations (never 0 % or 100 %)."""
    from scoring.explain import percent

    return percent(p)


def fmt_pct_delta(delta: float, lang: Lang) -> str:
    """A change in probability in percentage points, e.g. ``+12 pp`` / ``−3 个百分点``."""
    points = delta * 100
    if abs(points) < 0.5:
        return t("export.points", lang, change="±0")
    return t("export.points", lang, change=f"{'+' if points > 0 else '−'}{abs(points):.0f}")


def bar(value: float, width: int = 10) -> str:
    """A text bar for a 0–100 value, e.g. ``███████░░░`` for 72 at width 10."""
    filled = max(0, min(width, int(value / 100 * width + 0.5)))
    return BAR_FULL * filled + BAR_EMPTY * (width - filled)


def when(moment: datetime) -> str:
    """A date and time for people: local time when the moment carries a time zone."""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return local.strftime("%Y-%m-%d %H:%M")


def cite(citation: Citation, lang: Lang, bank: Bank | None) -> str:
    """A citation with its combined sections, e.g. ``《标题》四、工作重心的区别;《…》三、…``."""
    titles = {s.id: s.title.get(lang) for s in bank.sources} if bank is not None else {}
    parts = [
        t("export.cite.one", lang, title=titles.get(c.article, c.article), section=c.section) for c in citation.all()
    ]
    joined = parts[0]
    for part in parts[1:]:
        joined = t("export.cite.two", lang, a=joined, b=part)
    return t("export.cite.line", lang, cites=joined)


def band_label(result: Result, lang: Lang) -> str:
    """The band in a few words; a close call names its two roles."""
    if result.band == "close_call" and result.close_call is not None:
        a, b = result.close_call
        return t("export.band.close_call_between", lang, a=role_name(a, lang), b=role_name(b, lang))
    return t(f"export.band.{result.band}", lang)


def tied_with_other(result: Result, role: RoleId) -> bool:
    """Whether ``role`` shares its place with another role."""
    return any(role in group and len(group) > 1 for group in result.tied)


def places(result: Result) -> dict[RoleId, int]:
    """Each role's place (1-based); roles in one tied group share the better place."""
    out: dict[RoleId, int] = {}
    for n, role in enumerate(result.ranking, start=1):
        group = next((g for g in result.tied if role in g), (role,))
        out[role] = min((out[r] for r in group if r in out), default=n)
    return out


@dataclass(frozen=True)
class RoleRow:
    """One line of the scores table."""

    role: RoleId
    place: int
    name: str
    score: float
    probability: float
    tied: bool


def role_rows(result: Result, lang: Lang) -> list[RoleRow]:
    """The three roles in ranking order, with their figures."""
    where = places(result)
    return [
        RoleRow(
            role=r,
            place=where[r],
            name=role_name(r, lang),
            score=result.scores.get(r, 0.0),
            probability=result.probabilities.get(r, 0.0),
            tied=tied_with_other(result, r),
        )
        for r in result.ranking
    ]


def runner_up(result: Result) -> RoleId:
    """The second role of the ranking (what the contrasts compare the top role with)."""
    return result.ranking[1]


def model_line(document: ResultDocument, lang: Lang) -> str:
    """One sentence stating the measurement model behind the probabilities."""
    m = document.result.model
    return t(
        "export.model.text",
        lang,
        name=m.name,
        loading=f"{m.loading:g}",
        prior_correlation=f"{m.prior_correlation:g}",
        bias_sd=f"{m.bias_sd:g}",
        triad_scale=f"{m.triad_scale:g}",
    )


def generated_line(document: ResultDocument, lang: Lang) -> str:
    """The footer: when, and with which bank."""
    return t(
        "export.generated", lang, date=when(document.created), bank=document.bank.id, version=document.bank.version
    )


def pad(text: str, cells: int) -> str:
    """``text`` padded with spaces to ``cells`` terminal cells (CJK characters count two)."""
    return text + " " * max(0, cells - cell_len(text))


def pad_left(text: str, cells: int) -> str:
    """``text`` right-aligned in ``cells`` terminal cells."""
    return " " * max(0, cells - cell_len(text)) + text


def widest(texts: list[str]) -> int:
    """The width in cells of the widest text."""
    return max((cell_len(x) for x in texts), default=0)
