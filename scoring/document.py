"""The result document: built once from a finished quiz, and read back from a file of either version.

:func:`build_document` is the one way a finished quiz (the app, ``career-fit score``) becomes the versioned
:class:`~scoring.result.ResultDocument`. :func:`read_document` validates a parsed result file by its
``schema_version`` (1 or 2; any other is refused in one line naming it), and :func:`upgrade` re-scores a
version-1 file when it was made with the bank in use, so it gains the strength and profile of version 2.
Pure: parsing and reading files is the caller's (see :mod:`questions.loader`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from questions.loader import LoadError, Parsed, validate
from questions.schema import Bank, Lang
from scoring.answers import Answers
from scoring.catalog import Catalog
from scoring.result import READABLE_VERSIONS, BankRef, Form, ResultDocument
from scoring.result_v1 import ResultDocumentV1

AnyDocument = ResultDocument | ResultDocumentV1
"""A result file of either version."""


def build_document(
    bank: Bank, answers: Answers, *, created: datetime, lang: Lang, form: Form | None = None,
    strings: Catalog | None = None,
) -> ResultDocument:
    """Score ``answers`` with ``bank`` and wrap the result with its date, bank, language and answers."""
    import scoring

    result = scoring.score(bank, answers, strings, form)
    return ResultDocument(created=created, bank=BankRef(id=bank.id, version=bank.version), lang=lang,
                          answers=dict(answers.answers), timings=dict(answers.timings), result=result)


def read_document(parsed: Parsed) -> AnyDocument:
    """A parsed result file as the document of its version; raises :class:`LoadError` (file:line) otherwise."""
    data: Any = parsed.data
    version = data.get("schema_version") if isinstance(data, dict) else None
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        shown = "missing" if version is None else repr(version)[:20]
        raise LoadError(parsed.file, f"schema_version {shown}: this career-fit reads result files of version "
                        f"{' and '.join(map(str, READABLE_VERSIONS))}", parsed.line_of(("schema_version",)))
    model: type[AnyDocument] = ResultDocumentV1 if version == 1 else ResultDocument
    return validate(model, parsed)


def bank_mismatch(ref: BankRef, bank: Bank) -> str | None:
    """Why answers recorded with bank ``ref`` cannot be scored with ``bank`` (None when they can)."""
    if ref.id != bank.id:
        return f"made with bank {ref.id!r}, not {bank.id!r}; score it with that bank (--bank FILE)"
    if ref.version != bank.version:
        return (f"made with bank {ref.id} {ref.version}, not {bank.version}; its answers belong to other "
                f"questions, so it cannot be scored again with this bank")
    return None


def answers_of(document: AnyDocument) -> Answers:
    """The answers a result document carries, ready to score again."""
    return Answers(lang=document.lang, answers=dict(document.answers), timings=dict(document.timings))


def upgrade(document: AnyDocument, bank: Bank) -> AnyDocument:
    """A version-1 document re-scored as version 2 when ``bank`` is the bank it was made with; else unchanged."""
    if isinstance(document, ResultDocument) or bank_mismatch(document.bank, bank) is not None:
        return document
    from scoring.answers import AnswerError, check_answers

    answers = answers_of(document)
    try:
        check_answers(bank, answers)
    except AnswerError:
        return document
    return build_document(bank, answers, created=document.created, lang=document.lang)


__all__ = ["AnyDocument", "answers_of", "bank_mismatch", "build_document", "read_document", "upgrade"]
