"""``career-fit validate`` and ``career-fit questions``: check a bank, print it for reading or tools.

``questions`` shows neither which role an item or option scores for nor where it comes from unless
``--show-key`` is given: people who read the questions before taking the quiz should not see the key, and
an item's citation (say, "运营管理包含哪些关键职能?") gives it away as surely as a role name. ``validate``
reports counts per role, which is the bank author's view.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from typing import Any

from questions.loader import load_bank
from questions.schema import ROLE_IDS, Bank, ChoiceItem, Lang, RatingItem
from quiz.errors import UsageError
from quiz.i18n import t
from quiz.output import write_stdout


def validate(args: argparse.Namespace) -> int:
    """Validate a bank (default: the shipped one) and print a short summary; LoadError → exit 2."""
    given = getattr(args, "bank", None)
    if args.bank_file and given and args.bank_file != given:
        raise UsageError(f"two banks given ({given} and {args.bank_file}); name one")
    path = args.bank_file or given
    bank = load_bank(path)
    lang: Lang = args.lang
    write_stdout(summary(bank, path or "questions/bank/career_fit.yaml", lang))
    return 0


def summary(bank: Bank, name: str, lang: Lang) -> str:
    """A few lines describing a valid bank: items per role and per dimension, languages."""
    ratings = bank.rating_items
    choices = bank.choice_items
    per_role = Counter(i.role for i in ratings)
    lines = [
        t("cli.validate.ok", lang, file=name, id=bank.id, version=bank.version),
        t("cli.validate.items", lang, total=len(bank.items), ratings=len(ratings), choices=len(choices)),
        t(
            "cli.validate.per_role",
            lang,
            roles=("，" if lang == "zh" else ", ").join(
                f"{bank.role(r).name.get(lang)} {per_role[r]}" for r in ROLE_IDS
            ),
        ),
    ]
    lines.append(t("cli.validate.per_dimension", lang))
    for dim in bank.dimensions:
        counts = Counter(i.role for i in ratings if i.dimension == dim.id)
        n_choice = sum(1 for c in choices if c.dimension == dim.id)
        roles = " / ".join(str(counts[r]) for r in ROLE_IDS)
        lines.append(t("cli.validate.dimension_line", lang, name=dim.name.get(lang), roles=roles, choices=n_choice))
    lines.append(t("cli.validate.languages", lang))
    return "\n".join(lines) + "\n"


def questions(args: argparse.Namespace) -> int:
    """Print the bank: readable text in one language, or the validated bank as JSON (key hidden by default)."""
    bank = load_bank(getattr(args, "bank", None))
    show_key = bool(getattr(args, "show_key", False))
    if args.fmt == "json":
        data = bank.model_dump(mode="json") if show_key else without_key(bank)
        write_stdout(json.dumps(data, ensure_ascii=False, indent=2) + "\n", as_json=True)
    else:
        write_stdout(as_text(bank, args.lang, show_key=show_key))
    return 0


def without_key(bank: Bank) -> dict[str, Any]:
    """The bank as JSON data without the scoring key: no ``role`` or ``source`` on items, no ``role`` on
    options, no migrations.

    Options are kept in bank order; their ids (``t01_a``…) say nothing about the role.
    """
    data = bank.model_dump(mode="json", exclude={"migrations"})
    for item in data["items"]:
        item.pop("role", None)
        item.pop("source", None)
        for option in item.get("options", ()):
            option.pop("role", None)
    return data


def _citations(bank: Bank, item: RatingItem | ChoiceItem, lang: Lang) -> str:
    parts = []
    for c in item.source.all():
        where = f"{bank.source(c.article).title.get(lang)} · {c.section}"
        parts.append(f"{where} · {c.question}" if c.question else where)
    return ("；" if lang == "zh" else "; ").join(parts)


def as_text(bank: Bank, lang: Lang, *, show_key: bool = False) -> str:
    """The bank as numbered questions in ``lang``, each with its dimension and options.

    With ``show_key`` each rating item and option is followed by the role it scores for, and each item by
    the article sections it cites.
    """
    out = [bank.title.get(lang), ""]
    total = len(bank.items)
    for n, item in enumerate(bank.items, 1):
        dim = bank.dimension(item.dimension).name.get(lang)
        out.append(f"{n:>2}/{total} [{item.id}] {item.text.get(lang)}")
        if isinstance(item, RatingItem):
            line = t("cli.questions.rating", lang, dimension=dim)
            if show_key:
                line += " · " + t("cli.questions.key", lang, role=bank.role(item.role).name.get(lang))
            out.append(f"      {line}")
        elif isinstance(item, ChoiceItem):
            out.append(f"      {t('cli.questions.choice', lang, dimension=dim)}")
            for k, opt in enumerate(item.options, 1):
                key = f"  ({bank.role(opt.role).name.get(lang)})" if show_key else ""
                out.append(f"      {k}) [{opt.id}] {opt.text.get(lang)}{key}")
        if show_key:
            urls = " ".join(dict.fromkeys(bank.source(c.article).url for c in item.source.all()))
            out.append(f"      {t('cli.questions.source', lang, source=_citations(bank, item, lang), url=urls)}")
    return "\n".join(out) + "\n"
