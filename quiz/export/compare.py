"""How two results differ, as plain text or Markdown (the comparison itself is :mod:`scoring.compare`).

Role names come from the bank in use; every value read from a result file (bank ids and versions) is
escaped in Markdown.
"""

from __future__ import annotations

from typing import Literal

from rich.cells import cell_len

from questions.schema import Bank, Lang, RoleId
from quiz.export.common import labelled
from quiz.export.markdown import md
from quiz.export.wrap import pad, pad_left, widest, wrap_cells
from quiz.i18n import t
from scoring.compare import Comparison, RoleChange
from scoring.report.parts import when
from scoring.result import BankRef, Shape, StrengthLevel
from scoring.wording import percent, whole


def _delta(before: float, after: float) -> str:
    """The change between two scores as shown (whole numbers), e.g. ``+27``, ``−3``, ``±0``."""
    change = int(whole(after)) - int(whole(before))
    return "±0" if change == 0 else f"{'+' if change > 0 else '−'}{abs(change)}"


def _points(delta: float, lang: Lang) -> str:
    """A change in probability in percentage points, e.g. ``+12 pp`` / ``+12 个百分点``."""
    points = delta * 100
    change = "±0" if abs(points) < 0.5 else f"{'+' if points > 0 else '−'}{abs(points):.0f}"
    return t("compare.points", lang, change=change)


def _moved(change: RoleChange, lang: Lang) -> str:
    if change.places_up > 0:
        return t("compare.rank.up", lang, n=change.places_up)
    if change.places_up < 0:
        return t("compare.rank.down", lang, n=-change.places_up)
    return t("compare.rank.same", lang)


def _reading(bank: Bank, shape: Shape | None, roles: tuple[RoleId, ...], lang: Lang) -> str:
    names = " + ".join(bank.role(r).name.get(lang) for r in roles)
    if shape is None:
        return t("compare.reading.v1", lang, role=names)
    word = t(f"shape.{shape}", lang)
    return t("compare.reading.named", lang, shape=word, roles=names) if shape in ("single", "hybrid") else word


def _ref(ref: BankRef) -> str:
    return f"{ref.id} {ref.version}"


def _summary(c: Comparison, bank: Bank, lang: Lang) -> list[str]:
    before = _reading(bank, c.shape_before, c.named_before, lang)
    after = _reading(bank, c.shape_after, c.named_after, lang)
    out = [t("compare.reading.same", lang, reading=after) if before == after
           else t("compare.reading.changed", lang, before=before, after=after)]
    if c.strength_before is not None and c.strength_after is not None:
        levels: tuple[StrengthLevel, StrengthLevel] = (c.strength_before, c.strength_after)
        words = [t(f"level.{x}", lang) for x in levels]
        out.append(t("compare.strength.same", lang, level=words[1]) if words[0] == words[1]
                   else t("compare.strength.changed", lang, before=words[0], after=words[1]))
    out.append(t("compare.answers.changed", lang, changed=c.answers_changed, both=c.answered_both))
    return out


def compare_text(c: Comparison, bank: Bank, lang: Lang, fmt: Literal["text", "md"] = "text") -> str:
    """A readable account of how the results moved, as plain text or Markdown."""
    is_md = fmt == "md"
    esc = md if is_md else (lambda x: x)

    def para(text: str) -> list[str]:
        return [esc(text), ""] if is_md else wrap_cells(text)

    title = t("compare.title", lang)
    out: list[str] = [f"# {title}", ""] if is_md else [title, "=" * cell_len(title), ""]
    for label, moment, ref in (("compare.before", c.before_created, c.before_bank),
                               ("compare.after", c.after_created, c.after_bank)):
        out.append(("- " if is_md else "") + labelled(t(label, lang), esc(f"{when(moment)} · {_ref(ref)}"), lang))
    out.append("")
    if c.swapped:
        out += para(t("compare.order.swapped", lang, before=when(c.before_created)))
    if not c.same_bank:
        out += para(t("compare.bank.differs", lang, before=_ref(c.before_bank), after=_ref(c.after_bank)))
    for line in _summary(c, bank, lang):
        out += para(line)
    if not is_md:
        out.append("")
    names = {ch.role: bank.role(ch.role).name.get(lang) for ch in c.roles}
    head = (t("compare.role", lang), t("compare.before", lang), t("compare.after", lang), t("compare.change", lang))
    tables = (
        ("compare.scores.heading", [(names[x.role], whole(x.score_before), whole(x.score_after),
                                     _delta(x.score_before, x.score_after)) for x in c.roles]),
        ("compare.probabilities.heading", [(names[x.role], percent(x.probability_before),
                                            percent(x.probability_after), _points(x.probability_delta, lang))
                                           for x in c.roles]),
        ("compare.ranking.heading", [(names[x.role], str(x.place_before), str(x.place_after), _moved(x, lang))
                                     for x in c.roles]),
    )
    for key, rows in tables:
        heading = t(key, lang)
        if is_md:
            out += [f"## {heading}", "", "| " + " | ".join(head) + " |", "| --- | ---: | ---: | ---: |"]
            out += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in rows]
        else:
            out += [heading, "-" * cell_len(heading)]
            widths = [widest([r[i] for r in [head, *rows]]) for i in range(4)]
            for row in [head, *rows]:
                out.append("  ".join([pad(row[0], widths[0]), *(pad_left(row[i], widths[i]) for i in (1, 2, 3))])
                           .rstrip())
        out.append("")
    return "\n".join(out)
