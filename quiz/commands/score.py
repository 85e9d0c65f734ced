"""``career-fit template``, ``career-fit score ANSWERS`` and ``career-fit score --batch FILE.jsonl``.

Answers files are YAML or JSON ``{lang, answers: {item_id: 1..5 | option_id}, timings}``; a ``null``
answer (what the template leaves blank) is unanswered. A result JSON (it has ``schema_version``) is
re-scored from the answers it carries. Every bad input is one line on stderr naming the file, the line
and the item, with exit code 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from questions.loader import LoadError, Parsed, load_bank, parse_document, read_text, validate
from questions.safe_text import quoted, shown
from questions.schema import Bank, ChoiceItem, Lang
from quiz.clock import utcnow as now_utc  # a module global, so tests can replace the time stamped on results
from quiz.errors import EXIT_OK, UsageError
from quiz.i18n import t

SINGLE_FORMATS = ("text", "md", "json", "html")
BATCH_FORMATS = ("csv", "jsonl")


def _bank(args: argparse.Namespace) -> Bank:
    return load_bank(getattr(args, "bank", None))


# --- template -----------------------------------------------------------------------------------------


def template_text(bank: Bank, lang: Lang, *, show_key: bool = False) -> str:
    """A fillable answers file: every item in bank order, its text and options as comments, values blank.

    The scoring key (which role an item or option counts for) is left out unless ``show_key``.
    """
    def key(role: str) -> str:
        return f"  ({bank.role(role).name.get(lang)})" if show_key else ""

    # How to answer comes before the first item, as it does on the welcome screen.
    head = [t("template.header", lang), t("template.bank", lang, id=bank.id, version=bank.version),
            t("template.instructions", lang), t("template.prompt", lang), t("template.scale", lang),
            t("disclaimer", lang)]
    out = [f"# {line}" for line in head] + [""]
    out.append(f"lang: {lang}  # {t('template.lang', lang)}")
    out.append("answers:")
    for n, item in enumerate(bank.items, start=1):
        out.append(f"  # {t('template.item', lang, n=n, text=shown(item.text.get(lang), None, fold=True))}")
        if isinstance(item, ChoiceItem):
            out.append(f"  #   {t('template.choice', lang)}")
            for option in item.options:
                out.append(f"  #     {option.id}: {shown(option.text.get(lang), None, fold=True)}{key(option.role)}")
        else:
            out.append(f"  #   {t('template.rating', lang)}{key(item.role)}")
        out.append(f"  {item.id}:")
    return "\n".join(out) + "\n"


def template(args: argparse.Namespace) -> int:
    """Write the answers template to ``-o FILE`` (never over an existing file without --force) or stdout."""
    text = template_text(_bank(args), args.lang, show_key=bool(getattr(args, "show_key", False)))
    _emit(text, args, private=False)  # a blank template holds nothing personal
    return EXIT_OK


def _emit(text: str, args: argparse.Namespace, *, private: bool = True, as_json: bool = False) -> None:
    """Write ``text`` to ``-o FILE`` (a result: private; never over a file without --force; a FIFO or a
    device named with --force is written directly) or to standard output."""
    if not args.output:
        from quiz.output import write_stdout

        write_stdout(text, as_json=as_json)
        return
    from quiz.export import expand, write_export

    try:
        path = expand(args.output)
    except OSError as exc:
        raise UsageError(f"{args.output}: cannot write: {exc.strerror or exc}") from None
    try:
        write_export(path, text, force=bool(args.force), private=private)
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder; give a file name for the output") from None
    except FileExistsError:
        raise UsageError(t("cli.score.exists", args.lang, file=path)) from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror or exc}") from None


# --- reading answers ----------------------------------------------------------------------------------


def _check_values(data: dict[str, Any], parsed: Parsed) -> None:
    answers = data.get("answers")
    if not isinstance(answers, dict):
        return
    for key, value in answers.items():
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise LoadError(parsed.file, f"an answer must be a rating 1 to 5 or an option id, got {quoted(value)}",
                            parsed.line_of(("answers", key)), str(key))


def read_answers(path: Path, bank: Bank) -> Any:
    """Read, validate and check an answers file (or a result JSON) against ``bank``. Raises :class:`LoadError`."""
    return read_scorable(path, bank, explicit=True, lang="en")[0]


def read_scorable(path: Path, bank: Bank, *, explicit: bool, lang: Lang) -> tuple[Any, Bank]:
    """Like :func:`read_answers`, also choosing the bank the answers were given on (see ``bank_choice``).

    ``explicit``: ``bank`` was named with ``--bank`` and is the only bank to use. A result JSON is checked
    like ``compare`` checks it (a known schema version, no unknown fields, finite numbers) and is only ever
    scored on the bank it was made with, so its answers are never scored against other questions.
    """
    from quiz.commands.bank_choice import pick_bank
    from scoring.answers import AnswerError, Answers, answers_data, check_answers

    name = str(path)
    parsed = parse_document(read_text(path, special=True), name)  # named by the person: /dev/stdin is fine
    from scoring.document import bank_mismatch, read_document

    is_result = isinstance(parsed.data, dict) and "schema_version" in parsed.data
    document = read_document(parsed) if is_result else None
    bank = pick_bank(parsed.data, bank, explicit=explicit, file=name, lang=lang, line_of=parsed.line_of)
    problem = None if document is None else bank_mismatch(document.bank, bank)
    if problem is not None:
        raise LoadError(name, f"a result {problem}", parsed.line_of(("bank",)))
    data = answers_data(parsed.data, name)
    view = parsed.with_data(data)
    _check_values(data, view)
    answers = validate(Answers, view)
    try:
        check_answers(bank, answers)
    except AnswerError as exc:
        line = view.line_of(("answers", exc.item)) if exc.item in answers.answers else view.line_of(
            ("timings", exc.item))
        raise LoadError(name, exc.message, line, exc.item) from None
    return answers, bank


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
    explicit = getattr(args, "bank", None) is not None
    answers, bank = read_scorable(Path(args.answers), _bank(args), explicit=explicit, lang=args.lang)
    # The answers file says which language it was filled in; --lang, when given, overrides it.
    lang: Lang = args.lang if getattr(args, "lang_explicit", True) else answers.lang
    from scoring.document import build_document

    form = None
    if getattr(args, "adaptive", False):
        answers, form = short_form(bank, answers)
    document = build_document(bank, answers, created=now_utc(), lang=lang, form=form)
    _emit(render(document, fmt, lang, bank), args, as_json=fmt == "json")
    return EXIT_OK


def short_form(bank: Bank, answers: Any) -> tuple[Any, Any]:
    """The answers the adaptive short form would have used (the selector asks, the file answers, a blank is a
    skip, items it never asks are ignored) and its form: what taking the short form in the app gives."""
    from scoring.adaptive import replay
    from scoring.answers import Answers
    from scoring.result import Form

    run = replay(bank, answers)
    timings = {k: v for k, v in answers.timings.items() if k in set(run.asked)}
    return Answers(lang=answers.lang, answers=run.answers, timings=timings), Form(mode="adaptive", asked=len(run.asked))


def render(document: Any, fmt: str, lang: Lang, bank: Bank) -> str:
    """The document in ``fmt`` (text, md, json or html), through the export renderers."""
    from quiz.export import render as export_render

    return str(export_render(document, fmt, lang, bank))


# --- batch ------------------------------------------------------------------------------------------------


def batch(args: argparse.Namespace, fmt: str) -> int:
    """``score --batch``: see :mod:`quiz.commands.batch`."""
    from quiz.commands.batch import batch as run_batch

    return run_batch(args, fmt, lambda name: t("cli.score.exists", args.lang, file=name))


__all__ = ["batch", "read_answers", "read_scorable", "render", "score", "short_form",
           "template", "template_text"]
