"""``career-fit validate`` and ``career-fit questions``: check a bank, print it for reading or tools."""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from questions.loader import load_bank
from questions.schema import ROLE_IDS, Bank, ChoiceItem, Lang, RatingItem
from quiz.i18n import t


def validate(args: argparse.Namespace) -> int:
    """Validate a bank (default: the shipped one) and print a short summary; LoadError → exit 2."""
    bank = load_bank(args.bank_file)
    lang: Lang = args.lang
    name = args.bank_file or "questions/bank/career_fit.yaml"
    sys.stdout.write(summary(bank, name, lang))
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
    """Print the bank: readable text in one language, or the whole validated bank as JSON."""
    bank = load_bank(args.bank)
    if args.fmt == "json":
        sys.stdout.write(bank.model_dump_json(indent=2) + "\n")
    else:
        sys.stdout.write(as_text(bank, args.lang))
    return 0


def as_text(bank: Bank, lang: Lang) -> str:
    """The bank as numbered questions in ``lang``, each with its dimension, role or options, and source."""
    out = [bank.title.get(lang), ""]
    total = len(bank.items)
    for n, item in enumerate(bank.items, 1):
        src = bank.source(item.source.article)
        cites = "; ".join(f"{bank.source(c.article).title.get(lang)} · {c.section}" for c in item.source.all())
        dim = bank.dimension(item.dimension).name.get(lang)
        if isinstance(item, RatingItem):
            role = bank.role(item.role).name.get(lang)
            out.append(f"{n:>2}/{total} [{item.id}] {item.text.get(lang)}")
            out.append(f"      {t('cli.questions.rating', lang, dimension=dim, role=role)}")
        elif isinstance(item, ChoiceItem):
            out.append(f"{n:>2}/{total} [{item.id}] {item.text.get(lang)}")
            out.append(f"      {t('cli.questions.choice', lang, dimension=dim)}")
            for k, opt in enumerate(item.options, 1):
                role = bank.role(opt.role).name.get(lang)
                out.append(f"      {k}) [{opt.id}] {opt.text.get(lang)}  ({role})")
        out.append(f"      {t('cli.questions.source', lang, source=cites, url=src.url)}")
    return "\n".join(out) + "\n"
