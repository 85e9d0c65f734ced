"""The ``career-fit`` command line.

Heavy modules (Textual, scoring, exports) are imported inside the command that needs them so that each
command starts fast. Exit codes: 0 success, 1 unexpected failure, 2 bad input or usage; errors are one
line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from quiz.errors import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, UsageError


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line (plus a hint) with exit code 2."""

    def error(self, message: str) -> NoReturn:
        from questions.safe_text import shown  # what was typed is echoed: never raw

        sys.stderr.write(f"{self.prog}: error: {shown(message, None)} (see {self.prog} --help)\n")
        raise SystemExit(EXIT_USAGE)


def _lang(parser: argparse.ArgumentParser, *, sub: bool = True) -> None:
    # On a sub-command the default is SUPPRESS, so that `career-fit --lang zh template` keeps the value
    # given before the sub-command instead of argparse writing the sub-parser's default over it.
    parser.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS if sub else None,
                        help="language of the output (default: from the locale)")


def _bank(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bank", metavar="FILE", default=argparse.SUPPRESS,
                        help="use another question bank (validated first)")


def _show_key(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--show-key", action="store_true",
                        help="for bank authors: show which role each item and option scores for, and its sources")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command."""
    p = _Parser(
        prog="career-fit",
        description="Implementation manager, project manager or operations? A bilingual quiz for career exploration.",
    )
    _lang(p, sub=False)
    p.add_argument("--bank", metavar="FILE", help="use another question bank (validated first)")
    p.add_argument("--fresh", action="store_true", help="start a new quiz, ignoring saved progress")
    p.add_argument("--short", action="store_true",
                   help="offer the adaptive short form first (it asks only what it needs; you can answer the rest)")
    p.add_argument("--version", action="version", version="career-fit 0.1.0")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    t = sub.add_parser("template", help="write a fillable answers file (YAML, items as comments)")
    _lang(t)
    _bank(t)
    _show_key(t)
    t.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    t.add_argument("--force", action="store_true", help="overwrite an existing output file")

    s = sub.add_parser("score", help="score an answers file (YAML or JSON) or a result JSON")
    s.add_argument("answers", nargs="?", metavar="ANSWERS", help="answers file, or a result JSON to re-score")
    s.add_argument("--batch", metavar="FILE.jsonl", help="score one answers object per line")
    s.add_argument("--format", dest="fmt", choices=("text", "md", "json", "html", "csv", "jsonl"))
    s.add_argument("--adaptive", action="store_true",
                   help="score as if the adaptive short form had been taken (items it never asks are ignored)")
    _lang(s)
    _bank(s)
    s.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    s.add_argument("--force", action="store_true", help="overwrite an existing output file")

    q = sub.add_parser("questions", help="print the question bank (without the scoring key)")
    q.add_argument("--format", dest="fmt", choices=("text", "json"), default="text")
    _lang(q)
    _bank(q)
    _show_key(q)

    v = sub.add_parser("validate", help="check a question bank (default: the shipped one)")
    v.add_argument("bank_file", nargs="?", metavar="BANK")
    _lang(v)

    h = sub.add_parser("history", help="list your past results")
    _lang(h)
    _bank(h)

    c = sub.add_parser("compare", help="how two results differ")
    c.add_argument("a", metavar="A.json")
    c.add_argument("b", metavar="B.json")
    c.add_argument("--format", dest="fmt", choices=("text", "md"), default="text")
    _lang(c)
    _bank(c)

    w = sub.add_parser("serve", help="the quiz in a web browser, one private session per visitor")
    w.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    w.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000; 0: any free port)")
    w.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS,
                   help="every visitor's language (default: their browser's)")
    _bank(w)
    return p


def detect_lang(explicit: str | None = None) -> str:
    """``--lang`` if given, else zh for a ``zh_*`` locale, else en."""
    if explicit in ("zh", "en"):
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    from questions.errors import LoadError  # light: the loader (PyYAML, pydantic) loads only when needed
    from questions.safe_text import shown
    from quiz.output import flush_stdout

    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show Chinese gets "?" for what it cannot show, never a crash.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    args.lang_explicit = args.lang is not None
    args.lang = detect_lang(args.lang)
    try:
        code = _dispatch(args)
        flush_stdout()
        return code
    except (UsageError, LoadError) as exc:
        # Every message may quote a file name or a value: escaped here, once, for all of them.
        sys.stderr.write(f"career-fit: {shown(str(exc), None)}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("career-fit: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - last line of defence: one line, no traceback
        sys.stderr.write(f"career-fit: unexpected error: {type(exc).__name__}: {shown(str(exc), 300)}\n")
        return EXIT_FAILURE



def _dispatch(args: argparse.Namespace) -> int:
    command = args.command
    for flag in ("fresh", "short"):
        if command is not None and getattr(args, flag):
            raise UsageError(f"--{flag} applies only to taking the quiz (career-fit --{flag}), not to {command}")
    if command is None:
        from quiz.commands.run import run_app  # Textual loads only for the quiz itself

        return run_app(args)
    if command in ("validate", "questions"):
        from quiz.commands import bank  # each command loads only what it needs

        return bank.validate(args) if command == "validate" else bank.questions(args)
    if command in ("template", "score"):
        from quiz.commands import score  # scoring and exports load only for these two

        return score.template(args) if command == "template" else score.score(args)
    if command in ("history", "compare"):
        from quiz.commands import history  # history and compare renderers load only here

        return history.history(args) if command == "history" else history.compare(args)
    if command == "serve":
        from quiz.serve.command import serve

        return serve(args)
    raise UsageError(f"unknown command {command!r}")  # pragma: no cover - argparse rejects it first
