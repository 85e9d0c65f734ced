"""``career-fit template``, ``career-fit score ANSWERS`` and ``career-fit score --batch FILE.jsonl``.

Answers files are YAML or JSON ``{lang, answers: {item_id: 1..5 | option_id}, timings}``; a ``null``
answer (what the template leaves blank) is unanswered. A result JSON (it has ``schema_version``) is
re-scored from the answers it carries. Every bad input is one line on stderr naming the file, the line
and the item, with exit code 2.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from questions.loader import LoadError, Parsed, load_bank, parse_yaml, read_text, validate
from questions.schema import ROLE_IDS, Bank, ChoiceItem, Lang
from quiz.cli import EXIT_OK, EXIT_USAGE, UsageError
from quiz.i18n import t

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
        out.append(f"  # {t('template.item', lang, n=n, text=_one_line(item.text.get(lang)))}")
        if isinstance(item, ChoiceItem):
            out.append(f"  #   {t('template.choice', lang)}")
            for option in item.options:
                out.append(f"  #     {option.id}: {_one_line(option.text.get(lang))}{key(option.role)}")
        else:
            out.append(f"  #   {t('template.rating', lang)}{key(item.role)}")
        out.append(f"  {item.id}:")
    return "\n".join(out) + "\n"


def template(args: argparse.Namespace) -> int:
    """Write the answers template to ``-o FILE`` (never over an existing file without --force) or stdout."""
    text = template_text(_bank(args), args.lang, show_key=bool(getattr(args, "show_key", False)))
    _emit(text, args)
    return EXIT_OK


def _emit(text: str, args: argparse.Namespace) -> None:
    if not args.output:
        sys.stdout.write(text)
        return
    from quiz.export import expand, write_export

    try:
        path = expand(args.output)
    except OSError as exc:
        raise UsageError(f"{args.output}: cannot write: {exc.strerror or exc}") from None
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
    """Read, validate and check an answers file (or a result JSON) against ``bank``. Raises :class:`LoadError`."""
    return read_scorable(path, bank, explicit=True, lang="en")[0]


def read_scorable(path: Path, bank: Bank, *, explicit: bool, lang: Lang) -> tuple[Any, Bank]:
    """Like :func:`read_answers`, also choosing the bank the answers were given on (see ``bank_choice``).

    ``explicit``: ``bank`` was named with ``--bank`` and is the only bank to use. A result JSON is checked
    like ``compare`` checks it (a known schema version, no unknown fields, finite numbers) and is only ever
    scored on the bank it was made with, so its answers are never scored against other questions.
    """
    from quiz.commands.bank_choice import pick_bank
    from scoring.answers import AnswerError, Answers, check_answers

    name = str(path)
    parsed = parse_yaml(read_text(path), name)
    from scoring.document import bank_mismatch, read_document

    is_result = isinstance(parsed.data, dict) and "schema_version" in parsed.data
    document = read_document(parsed) if is_result else None
    bank = pick_bank(parsed.data, bank, explicit=explicit, file=name, lang=lang, line_of=parsed.line_of)
    problem = None if document is None else bank_mismatch(document.bank, bank)
    if problem is not None:
        raise LoadError(name, f"a result {problem}", parsed.line_of(("bank",)))
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

    document = build_document(bank, answers, created=now_utc(), lang=lang)
    _emit(render(document, fmt, lang, bank), args)
    return EXIT_OK


def render(document: Any, fmt: str, lang: Lang, bank: Bank) -> str:
    """The document in ``fmt`` (text, md, json or html), through the export renderers."""
    from quiz.export import render as export_render

    return str(export_render(document, fmt, lang, bank))


# --- batch ------------------------------------------------------------------------------------------------


def _rows(path: Path, bank: Bank) -> Iterator[tuple[int, Any, str | None]]:
    """(line number, numbers or None, error) for every non-blank line, read one line at a time."""
    from pydantic import ValidationError

    from scoring.answers import AnswerError, Answers, check_answers
    from scoring.engine import score_numbers

    name = str(path)
    try:
        fh = path.open("r", encoding="utf-8-sig")
    except OSError as exc:
        raise LoadError(name, f"cannot read: {exc.strerror or exc}") from None
    with fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                data = answers_data(json.loads(line), name, number)
                answers = Answers.model_validate(data)
                check_answers(bank, answers)
            except (ValueError, LoadError) as exc:
                yield number, None, _batch_error(name, number, exc, ValidationError, AnswerError)
                continue
            yield number, score_numbers(bank, answers), None


def _batch_error(name: str, number: int, exc: Exception, validation: type, answer: type) -> str:
    if isinstance(exc, answer):
        return f"{name}:{number}: item {exc.item}: {exc.message}"  # type: ignore[attr-defined]
    if isinstance(exc, LoadError):
        return f"{name}:{number}: {exc.message}"
    if isinstance(exc, validation):
        err = exc.errors(include_url=False)[0]  # type: ignore[attr-defined]
        loc = [str(p) for p in err["loc"]]
        if len(loc) >= 2 and loc[0] in ("answers", "timings"):
            return f"{name}:{number}: item {loc[1]}: {_one_line(str(err['msg']))}"
        field = ".".join(loc) or "line"
        return f"{name}:{number}: {field}: {_one_line(str(err['msg']))}"
    return f"{name}:{number}: not valid JSON: {_one_line(str(exc))}"


def batch(args: argparse.Namespace, fmt: str) -> int:
    """Score one answers object per line; bad lines are reported on stderr and the rest still scored."""
    bank = _bank(args)
    path = Path(args.batch)
    if args.output:
        target = Path(args.output).expanduser()
        if target.exists() and not args.force:
            raise UsageError(t("cli.score.exists", args.lang, file=target))
        folder = target.parent if str(target.parent) else Path(".")
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise UsageError(f"{target}: cannot write: {exc.strerror or exc}") from None
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                os.fchmod(out.fileno(), 0o644)
                failed = _write_rows(out, path, bank, fmt)
                out.flush()
                os.fsync(out.fileno())
            if args.force:
                os.replace(tmp, target)
            else:
                os.link(tmp, target)
                tmp.unlink()
        except FileExistsError:
            raise UsageError(t("cli.score.exists", args.lang, file=target)) from None
        finally:
            tmp.unlink(missing_ok=True)
    else:
        failed = _write_rows(sys.stdout, path, bank, fmt)
    return EXIT_USAGE if failed else EXIT_OK


def _write_rows(out: IO[str], path: Path, bank: Bank, fmt: str) -> int:
    failed = 0
    writer = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
    if writer is not None:
        writer.writerow(["line", "top", "band", *(f"score_{r}" for r in ROLE_IDS), *(f"prob_{r}" for r in ROLE_IDS),
                         "answered", "error"])
    for number, n, error in _rows(path, bank):
        if error is not None:
            failed += 1
            sys.stderr.write(f"career-fit: {error}\n")
            if writer is not None:
                writer.writerow([number, "", "", *([""] * 6), "", error])
            else:
                out.write(json.dumps({"line": number, "error": error}, ensure_ascii=False) + "\n")
            continue
        if writer is not None:
            writer.writerow([number, n.ranking[0], n.band, *(n.scores[r] for r in ROLE_IDS),
                             *(n.probabilities[r] for r in ROLE_IDS), n.answered, ""])
        else:
            row = {"line": number, "ranking": list(n.ranking), "scores": n.scores,
                   "probabilities": n.probabilities, "band": n.band, "answered": n.answered}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return failed


__all__ = ["answers_data", "batch", "read_answers", "read_scorable", "render", "score",
           "template", "template_text"]
