"""Read banks, answers files and results into validated models, with errors that name the file, the line
and the item.

Files are read by the one bounded reader (:mod:`questions.files`) and parsed as JSON
(:mod:`questions.jsonfile`) or YAML (:mod:`questions.yamlfile`, PyYAML's safe loader only), both recording
each value's line; pydantic's error locations are then mapped back to those lines. Size, nesting depth and
alias expansion are bounded so hostile files are refused quickly instead of exhausting memory.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from questions.errors import LoadError, UnreadableFile
from questions.files import MAX_BYTES, read_text
from questions.jsonfile import parse_json
from questions.parsed import Parsed
from questions.schema import Bank, BankError
from questions.yamlfile import parse_yaml

BANK_PACKAGE = "questions.bank"
BANK_FILE = "career_fit.yaml"

M = TypeVar("M", bound=BaseModel)


def parse_document(text: str, file: str) -> Parsed:
    """Parse an answers file, a result or a bank: JSON as JSON, anything else as YAML.

    A file named ``*.json`` must be JSON. Another file that holds valid JSON is read as JSON too (the same
    values whichever way it is named); one that does not is read as YAML (of which JSON is nearly a subset).
    """
    if file.lower().endswith(".json"):
        return parse_json(text, file)
    if text.lstrip()[:1] in ("{", "["):
        try:
            return parse_json(text, file)
        except LoadError as exc:
            if not exc.message.startswith("not valid JSON"):
                raise
    return parse_yaml(text, file)


def validate(model: type[M], parsed: Parsed, list_key: str = "items") -> M:
    """Validate parsed data as ``model``; the first error becomes a one-line :class:`LoadError`."""
    try:
        return model.model_validate(parsed.data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc: tuple[str | int, ...] = tuple(err["loc"])
        loc = tuple(p for p in loc if p not in ("rating", "choice"))  # discriminator tags are not keys
        message = str(err["msg"])
        ctx_error = (err.get("ctx") or {}).get("error")
        if isinstance(ctx_error, BankError):
            loc = (*loc, *ctx_error.path)
            message = ctx_error.message
        else:
            message = _describe(err["type"], message, loc)
        raise LoadError(parsed.file, message, parsed.line_of(loc), parsed.item_of(loc, list_key)) from None


def _describe(kind: str, message: str, loc: tuple[str | int, ...]) -> str:
    field = ".".join(str(p) for p in loc) or "document"
    if kind == "missing":
        if loc and loc[-1] in ("zh", "en"):
            return f"missing the {loc[-1]} text at {field}"
        return f"missing field {field}"
    if kind == "extra_forbidden":
        return f"unknown field {field}"
    if kind == "literal_error" and loc and loc[-1] == "role":
        return f"unknown role at {field}: {message}"
    return f"{field}: {message}"


def load_bank(path: str | Path | None = None) -> Bank:
    """Load and validate a bank file; the shipped bank when ``path`` is None. Raises :class:`LoadError`."""
    if path is None:
        name = f"{BANK_PACKAGE.replace('.', '/')}/{BANK_FILE}"
        try:
            text = resources.files(BANK_PACKAGE).joinpath(BANK_FILE).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise LoadError(name, f"the shipped bank cannot be read ({exc}); reinstall career-fit") from None
    else:
        text = read_text(Path(path), special=True)  # named by the person: a FIFO or /dev/stdin is read too
        name = str(path)
    return _bank_from_text(text, name)


@lru_cache(maxsize=4)
def _bank_from_text(text: str, name: str) -> Bank:
    # Banks are frozen, so one parsed from the same text under the same name can be shared: commands
    # that load the shipped bank more than once in a process (tests, batch tools) parse it once.
    # The text is read every time, so a changed file is always parsed afresh.
    return validate(Bank, parse_document(text, name))


def bank_from_text(text: str, name: str) -> Bank:
    """Parse and validate a bank given as text; ``name`` is how errors refer to it."""
    return _bank_from_text(text, name)


def validate_bank_data(data: Any, file: str = "<bank>") -> Bank:
    """Validate an already-parsed bank structure (used by tests and tools)."""
    try:
        return Bank.model_validate(data)
    except ValidationError:
        return validate(Bank, Parsed(data=data, lines={}, file=file))


__all__ = ["MAX_BYTES", "BankError", "LoadError", "Parsed", "UnreadableFile", "bank_from_text", "load_bank",
           "parse_document", "parse_json", "parse_yaml", "read_text", "validate"]
