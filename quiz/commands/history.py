"""``career-fit history`` (list past results) and ``career-fit compare A.json B.json`` (how they differ)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from questions.loader import load_bank
from questions.schema import Bank, Lang
from quiz.errors import UsageError
from quiz.i18n import t
from quiz.output import write_stdout

if TYPE_CHECKING:
    from scoring.document import AnyDocument


def _bank(args: argparse.Namespace) -> Bank:
    return load_bank(getattr(args, "bank", None))


def _reading(document: AnyDocument, bank: Bank, lang: Lang) -> str:
    """What a saved result said: its profile's shape and roles (a version-1 result: its top role)."""
    from scoring.result import ResultDocument

    if isinstance(document, ResultDocument):
        profile = document.result.profile
        word = t(f"shape.{profile.shape}", lang)
        if profile.shape not in ("single", "hybrid"):
            return word
        return t("compare.reading.named", lang, shape=word,
                 roles=" + ".join(bank.role(r).name.get(lang) for r in profile.roles))
    top = document.result.top
    return t("compare.reading.v1", lang, role=bank.role(top).name.get(lang))


def history(args: argparse.Namespace) -> int:
    """List the saved results, newest first: date, what each said, and file. Unreadable files are reported."""
    from quiz.export.wrap import pad, widest
    from quiz.history import history_dir, list_results
    from scoring.report.parts import when

    lang: Lang = args.lang
    bank = _bank(args)
    problems: list[str] = []
    try:
        entries = list_results(problems)
    except OSError as exc:  # a folder we cannot list is not an empty history
        raise UsageError(t("history.unreadable", lang, folder=str(history_dir()), reason=exc.strerror or exc)) from None
    for problem in problems:
        sys.stderr.write(f"career-fit: {t('history.skipped', lang, error=problem)}\n")
    if not entries:
        write_stdout(t("history.empty", lang, folder=str(history_dir())) + "\n")
        return 0
    head = (t("history.col.date", lang), t("history.col.reading", lang), t("history.col.file", lang))
    rows = [(when(doc.created), _reading(doc, bank, lang), str(path)) for path, doc in entries]
    widths = [widest([r[i] for r in (head, *rows)]) for i in range(2)]
    lines = [t("history.heading", lang, count=len(rows)), ""]
    for row in (head, *rows):
        lines.append("  ".join([*(pad(row[i], widths[i]) for i in range(2)), row[2]]))
    lines += ["", t("history.hint", lang)]
    write_stdout("\n".join(lines) + "\n")
    return 0


def compare(args: argparse.Namespace) -> int:
    """Print how scores, chances, places and the reading moved between two result files (text or Markdown)."""
    from quiz.export.compare import compare_text
    from quiz.history import load_result
    from scoring.compare import compare as compare_results
    from scoring.document import upgrade

    bank = _bank(args)
    before = upgrade(load_result(Path(args.a)), bank)
    after = upgrade(load_result(Path(args.b)), bank)
    write_stdout(compare_text(compare_results(before, after), bank, args.lang, args.fmt))
    return 0
