"""Past results: one JSON file per finished quiz in the user data folder, and how two results differ.

Files live in ``data_dir()/history/`` (folder 0700, files 0600), named after the result's creation time
in UTC (``20261123T143005Z.json``). They are the same versioned documents as the JSON export, so any
of them can be re-scored or compared. A file that cannot be read is skipped and reported, never fatal.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from questions.loader import LoadError, parse_yaml, read_text, validate
from questions.schema import Lang, RoleId
from quiz.i18n import t
from quiz.storage import atomic_write, data_dir, ensure_dir
from scoring.result import Band, BankRef, ResultDocument

HISTORY_FOLDER = "history"


def history_dir() -> Path:
    """The folder results are kept in (not created here)."""
    return data_dir() / HISTORY_FOLDER


def _stamp(created: datetime) -> str:
    moment = created.astimezone(timezone.utc) if created.tzinfo is not None else created
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _json(document: ResultDocument) -> str:
    from quiz.export.json_format import render_json

    return render_json(document)


def save_result(document: ResultDocument) -> Path:
    """Keep ``document`` in the history folder and return its file; raises ``OSError`` if impossible.

    Saving the same document twice keeps one file. Two different results created in the same second get
    ``-2``, ``-3``… suffixes.
    """
    folder = ensure_dir(history_dir())
    text = _json(document)
    stem = _stamp(document.created)
    n = 1
    while True:
        path = folder / (f"{stem}.json" if n == 1 else f"{stem}-{n}.json")
        try:
            atomic_write(path, text, overwrite=False)
            return path
        except FileExistsError:
            try:
                if path.read_text(encoding="utf-8") == text:
                    return path
            except (OSError, UnicodeDecodeError):
                pass
        n += 1


def load_result(path: Path) -> ResultDocument:
    """Read one result JSON; a bad file raises :class:`LoadError` naming the file and line."""
    name = str(path)
    parsed = parse_yaml(read_text(path), name)
    return validate(ResultDocument, parsed)


def _sort_key(entry: tuple[Path, ResultDocument]) -> tuple[float, str]:
    path, document = entry
    created = document.created
    when = created.timestamp() if created.tzinfo is not None else created.replace(tzinfo=timezone.utc).timestamp()
    return (when, path.name)


def list_results(problems: list[str] | None = None) -> list[tuple[Path, ResultDocument]]:
    """Every readable saved result, newest first.

    Unreadable or invalid files are skipped; their one-line errors are appended to ``problems`` when
    given. A missing history folder is an empty history.
    """
    folder = history_dir()
    if not folder.is_dir():
        return []
    found: list[tuple[Path, ResultDocument]] = []
    for path in sorted(folder.glob("*.json")):
        try:
            found.append((path, load_result(path)))
        except LoadError as exc:
            if problems is not None:
                problems.append(str(exc))
    found.sort(key=_sort_key, reverse=True)
    return found


def latest_before(document: ResultDocument) -> ResultDocument | None:
    """The newest saved result created before ``document`` (None when there is none)."""
    mine = _sort_key((Path(""), document))[0]
    for path, other in list_results():
        if _sort_key((path, other))[0] < mine:
            return other
    return None


# ------------------------------------------------------------------------------------------- compare


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RoleChange(_Model):
    """How one role moved between two results."""

    role: RoleId
    score_before: float
    score_after: float
    probability_before: float
    probability_after: float
    place_before: int
    place_after: int

    @property
    def score_delta(self) -> float:
        """Change in fit score (points on 0–100)."""
        return self.score_after - self.score_before

    @property
    def probability_delta(self) -> float:
        """Change in the probability of being the top role (0–1)."""
        return self.probability_after - self.probability_before

    @property
    def places_up(self) -> int:
        """Places gained in the ranking (negative when the role dropped)."""
        return self.place_before - self.place_after


class Comparison(_Model):
    """How the scores and the ranking moved from an earlier result to a later one."""

    before_created: datetime
    after_created: datetime
    before_bank: BankRef
    after_bank: BankRef
    roles: tuple[RoleChange, ...]
    """In the later result's ranking order."""
    top_before: RoleId
    top_after: RoleId
    band_before: Band
    band_after: Band
    answered_both: int
    """Items answered in both results."""
    answers_changed: int
    """Of those, how many were answered differently."""
    swapped: bool = False
    """True when the files were given newest first and were put in date order."""

    @property
    def same_bank(self) -> bool:
        """Whether both results used the same bank id and version."""
        return self.before_bank == self.after_bank


def compare(a: ResultDocument, b: ResultDocument) -> Comparison:
    """Compare two results; the earlier one (by ``created``) is "before" whatever the argument order."""
    from quiz.export.common import places

    swapped = _sort_key((Path(""), b))[0] < _sort_key((Path(""), a))[0]
    before, after = (b, a) if swapped else (a, b)
    where_before, where_after = places(before.result), places(after.result)
    roles = tuple(
        RoleChange(
            role=role,
            score_before=before.result.scores.get(role, 0.0),
            score_after=after.result.scores.get(role, 0.0),
            probability_before=before.result.probabilities.get(role, 0.0),
            probability_after=after.result.probabilities.get(role, 0.0),
            place_before=where_before.get(role, 3),
            place_after=where_after.get(role, 3),
        )
        for role in after.result.ranking
    )
    both = [k for k in after.answers if k in before.answers]
    return Comparison(
        before_created=before.created,
        after_created=after.created,
        before_bank=before.bank,
        after_bank=after.bank,
        roles=roles,
        top_before=before.result.top,
        top_after=after.result.top,
        band_before=before.result.band,
        band_after=after.result.band,
        answered_both=len(both),
        answers_changed=sum(1 for k in both if before.answers[k] != after.answers[k]),
        swapped=swapped,
    )


def _moved(change: RoleChange, lang: Lang) -> str:
    if change.places_up > 0:
        return t("compare.rank.up", lang, n=change.places_up)
    if change.places_up < 0:
        return t("compare.rank.down", lang, n=-change.places_up)
    return t("compare.rank.same", lang)


def compare_text(
    a: ResultDocument, b: ResultDocument, lang: Lang, fmt: Literal["text", "md"] = "text"
) -> str:
    """A readable account of how the results moved from ``a`` to ``b``, as plain text or Markdown."""
    from rich.cells import cell_len

    from quiz.export.common import (
        fmt_delta,
        fmt_pct,
        fmt_pct_delta,
        fmt_score,
        labelled,
        pad,
        pad_left,
        role_name,
        when,
        widest,
    )
    from quiz.export.text import WIDTH, wrap_cells

    c = compare(a, b)
    md = fmt == "md"

    def band(value: str) -> str:
        return t(f"export.band.{value}", lang)

    def para(text: str) -> list[str]:
        return [text, ""] if md else wrap_cells(text, WIDTH)

    title = t("compare.title", lang)
    out: list[str] = [f"# {title}", ""] if md else [title, "=" * cell_len(title), ""]
    bullet = "- " if md else ""
    for label, moment, ref in (("compare.before", c.before_created, c.before_bank),
                               ("compare.after", c.after_created, c.after_bank)):
        out.append(bullet + labelled(t(label, lang), f"{when(moment)} · {ref.id} {ref.version}", lang))
    if c.swapped:
        out += para(t("compare.order.swapped", lang, before=when(c.before_created)))
    out.append("")
    if not c.same_bank:
        out += para(
            t("compare.bank.differs", lang, before=f"{c.before_bank.id} {c.before_bank.version}",
              after=f"{c.after_bank.id} {c.after_bank.version}")
        )
        out.append("")
    if c.top_before == c.top_after:
        out += para(t("compare.top.same", lang, role=role_name(c.top_after, lang)))
    else:
        out += para(t("compare.top.changed", lang, before=role_name(c.top_before, lang),
                      after=role_name(c.top_after, lang)))
    if c.band_before == c.band_after:
        out += para(t("compare.band.same", lang, band=band(c.band_after)))
    else:
        out += para(t("compare.band.changed", lang, before=band(c.band_before), after=band(c.band_after)))
    out += para(t("compare.answers.changed", lang, changed=c.answers_changed, both=c.answered_both))
    if not md:
        out.append("")

    names = {ch.role: role_name(ch.role, lang) for ch in c.roles}
    head = [t("compare.role", lang), t("compare.before", lang), t("compare.after", lang), t("compare.change", lang)]
    tables = (
        ("compare.scores.heading",
         [(names[ch.role], fmt_score(ch.score_before), fmt_score(ch.score_after), fmt_delta(ch.score_delta))
          for ch in c.roles]),
        ("compare.probabilities.heading",
         [(names[ch.role], fmt_pct(ch.probability_before), fmt_pct(ch.probability_after),
           fmt_pct_delta(ch.probability_delta, lang)) for ch in c.roles]),
        ("compare.ranking.heading",
         [(names[ch.role], str(ch.place_before), str(ch.place_after), _moved(ch, lang)) for ch in c.roles]),
    )
    for key, rows in tables:
        heading = t(key, lang)
        if md:
            out += [f"## {heading}", "", "| " + " | ".join(head) + " |", "| --- | ---: | ---: | ---: |"]
            out += ["| " + " | ".join(row) + " |" for row in rows]
        else:
            out += [heading, "-" * cell_len(heading)]
            widths = [widest([r[i] for r in [tuple(head), *rows]]) for i in range(4)]
            for row in [tuple(head), *rows]:
                cells = [pad(row[0], widths[0])] + [pad_left(row[i], widths[i]) for i in (1, 2, 3)]
                out.append("  ".join(cells).rstrip())
        out.append("")
    return "\n".join(out)
