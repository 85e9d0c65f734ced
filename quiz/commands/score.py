"""``career-fit template``, ``career-fit score ANSWERS`` and ``career-fit score --batch FILE.jsonl``.

Answers files are YAML or JSON ``{lang, answers: {item_id: 1..5 | option_id}, timings}``; a ``null``
answer (what the template leaves blank) is unanswered. A result JSON (it has ``schema_version``) is
re-scored from the answers it carries. Every bad input is one line on stderr naming the file, the line
and the item, with exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from questions.loader import LoadError, Parsed, load_bank, parse_yaml, read_text, validate
from questions.schema import Bank, ChoiceItem, Lang
from questions.strings import t
from quiz.cli import EXIT_OK, UsageError

SINGLE_FORMATS = ("text", "md", "json", "html")
BATCH_FORMATS = ("csv", "jsonl")


def now_utc() -> datetime:
    """The time stamped on a result (tests replace this)."""
    return datetime.now(timezone.utc)


def _bank(args: argparse.Namespace) -> Bank:
    return load_bank(getattr(args, "bank", None))


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- template -----------------------------------------------------------------------------------------


def template_text(bank: Bank, lang: Lang) -> str:
    """A fillable answers file: every item in bank order, its text and options as comments, values blank."""
    out = [f"# {t('template.header', lang)}", f"# {t('template.scale', lang)}", f"# {t('disclaimer', lang)}", ""]
    out.append(f"lang: {lang}  # {t('template.lang', lang)}")
    out.append("answers:")
    for n, item in enumerate(bank.items, start=1):
        out.append(f"  # {t('template.item', lang, n=n, text=_one_line(item.text.get(lang)))}")
        if isinstance(item, ChoiceItem):
            out.append(f"  #   {t('template.choice', lang)}")
            for option in item.options:
                out.append(f"  #     {option.id}: {_one_line(option.text.get(lang))}")
        else:
            out.append(f"  #   {t('template.rating', lang)}")
        out.append(f"  {item.id}:")
    return "\n".join(out) + "\n"


def template(args: argparse.Namespace) -> int:
    """Write the answers template to ``-o FILE`` (never over an existing file without --force) or stdout."""
    text = template_text(_bank(args), args.lang)
    _emit(text, args)
    return EXIT_OK


def _emit(text: str, args: argparse.Namespace) -> None:
    if not args.output:
        sys.stdout.write(text)
        return
    from quiz.export import write_export

    path = Path(args.output).expanduser()
    try:
        write_export(path, text, force=bool(args.force))
    except FileExistsError:
        raise UsageError(t("cli.score.exists", args.lang, file=path)) from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror or exc}") from None


# --- reading answers ----------------------------------------------------------------------------------


def answers_data(data: Any, file: str, line: int | None = None) -> dict[str, Any]:
    """The answers part of a parsed file: result JSONs are unwrapped and ``null`` answers dropped."""
    if not isinstance(data, dict):
        raise LoadError(file, "expected a mapping with 'lang' and 'answers'", line or 1)
    keep = ("lang", "answers", "timings") if "schema_version" in data else tuple(data)
    out = {k: data[k] for k in keep if k in data}
    raw = out.get("answers")
    if raw is None:
        out["answers"] = {}
    elif isinstance(raw, dict):
        out["answers"] = {k: v for k, v in raw.items() if v is not None}
    if out.get("timings") is None:
        out.pop("timings", None)
    return out


def _check_values(data: dict[str, Any], parsed: Parsed) -> None:
    answers = data.get("answers")
    if not isinstance(answers, dict):
        return
    for key, value in answers.items():
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise LoadError(parsed.file, f"an answer must be a rating 1 to 5 or an option id, got {value!r}",
                            parsed.line_of(("answers", key)), str(key))


def read_answers(path: Path, bank: Bank) -> Any:
    """Read, validate and check an answers file (or a result JSON). Raises :class:`LoadError`."""
    from scoring.answers import AnswerError, Answers, check_answers

    name = str(path)
    parsed = parse_yaml(read_text(path), name)
    data = answers_data(parsed.data, name)
    view = Parsed(data=data, lines=parsed.lines, file=name)
    _check_values(data, view)
    answers = validate(Answers, view)
    try:
        check_answers(bank, answers)
    except AnswerError as exc:
        line = view.line_of(("answers", exc.item)) if exc.item in answers.answers else view.line_of(
            ("timings", exc.item))
        raise LoadError(name, exc.message, line, exc.item) from None
    return answers


# --- score ------------------------------------------------------------------------------------------------


def score(args: argparse.Namespace) -> int:
    """``career-fit score``: one answers file, or ``--batch`` JSONL."""
    if args.batch and args.answers:
        raise UsageError(t("cli.score.both_inputs", args.lang))
    if args.batch:
        fmt = args.fmt or "csv"
        if fmt not in BATCH_FORMATS:
            raise UsageError(t("cli.score.bad_format", args.lang, fmt=fmt, mode=t("cli.score.mode_batch", args.lang)))
        return batch(args, fmt)
    if not args.answers:
        raise UsageError(t("cli.score.no_input", args.lang))
    fmt = args.fmt or "text"
    if fmt not in SINGLE_FORMATS:
        raise UsageError(t("cli.score.bad_format", args.lang, fmt=fmt, mode=t("cli.score.mode_single", args.lang)))
    bank = _bank(args)
    answers = read_answers(Path(args.answers), bank)
    # The answers file says which language it was filled in; --lang, when given, overrides it.
    lang: Lang = args.lang if getattr(args, "lang_explicit", True) else answers.lang
    document = build_document(bank, answers, lang)
    _emit(render(document, fmt, lang, bank), args)
    return EXIT_OK


def build_document(bank: Bank, answers: Any, lang: Lang) -> Any:
    """Score ``answers`` and wrap the result in a :class:`~scoring.result.ResultDocument`."""
    import scoring
    from scoring.result import BankRef, ResultDocument

    result = scoring.score(bank, answers)
    return ResultDocument(created=now_utc(), bank=BankRef(id=bank.id, version=bank.version), lang=lang,
                          answers=dict(answers.answers), timings=dict(answers.timings), result=result)


def render(document: Any, fmt: str, lang: Lang, bank: Bank) -> str:
    """The document in ``fmt`` (text, md, json or html), through the export renderers."""
    from quiz.export import render as export_render

    return str(export_render(document, fmt, lang, bank))


# --- batch ------------------------------------------------------------------------------------------------


def batch(args: argparse.Namespace, fmt: str) -> int:
    """``score --batch``: see :mod:`quiz.commands.batch`."""
    from quiz.commands.batch import batch as run_batch

    return run_batch(args, fmt, lambda name: t("cli.score.exists", args.lang, file=name))


__all__ = ["answers_data", "batch", "build_document", "read_answers", "render", "score", "template",
           "template_text"]
