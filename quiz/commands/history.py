"""``career-fit history`` (list past results) and ``career-fit compare A.json B.json`` (how they differ)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from questions.schema import Lang
from quiz.i18n import t


def history(args: argparse.Namespace) -> int:
    """List the saved results, newest first: date, top role, band and file. Unreadable files are reported."""
    from quiz.export.common import pad, role_name, when, widest
    from quiz.history import history_dir, list_results

    lang: Lang = args.lang
    problems: list[str] = []
    entries = list_results(problems)
    for problem in problems:
        sys.stderr.write(f"career-fit: {t('history.skipped', lang, error=problem)}\n")
    if not entries:
        sys.stdout.write(t("history.empty", lang, folder=str(history_dir())) + "\n")
        return 0
    head = (t("history.col.date", lang), t("history.col.top", lang), t("history.col.band", lang),
            t("history.col.file", lang))
    rows = [
        (when(doc.created), role_name(doc.result.top, lang), t(f"export.band.{doc.result.band}", lang), str(path))
        for path, doc in entries
    ]
    widths = [widest([r[i] for r in (head, *rows)]) for i in range(3)]
    lines = [t("history.heading", lang, count=len(rows)), ""]
    for row in (head, *rows):
        lines.append("  ".join([*(pad(row[i], widths[i]) for i in range(3)), row[3]]))
    lines += ["", t("history.hint", lang)]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def compare(args: argparse.Namespace) -> int:
    """Print how scores, chances and ranking moved between two result files (text or Markdown)."""
    from quiz.history import compare_text, load_result

    before = load_result(Path(args.a))
    after = load_result(Path(args.b))
    sys.stdout.write(compare_text(before, after, args.lang, args.fmt))
    return 0
