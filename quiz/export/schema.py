"""The JSON Schema of the result export, generated from :class:`scoring.result.ResultDocument`.

The schema is shipped as ``docs/result.schema.json``; regenerate it after changing the model with::

    python -m quiz.export.schema            # rewrite docs/result.schema.json
    python -m quiz.export.schema --check    # exit 1 if the shipped file is stale

A unit test runs the same comparison, so a stale schema fails the test suite.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from scoring.result import ResultDocument

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "result.schema.json"
"""Where the schema is shipped in a source checkout."""

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def result_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a result JSON file."""
    schema = ResultDocument.model_json_schema()
    return {"$schema": DIALECT, **schema}


def schema_text() -> str:
    """:func:`result_schema` as the text of the shipped file (stable key order, UTF-8, final newline)."""
    return json.dumps(result_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schema file, or with ``--check`` report whether it is up to date."""
    args = sys.argv[1:] if argv is None else argv
    target = SCHEMA_FILE
    if args and args[0] == "--check":
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != schema_text():
            sys.stderr.write(f"{target} is stale; run: python -m quiz.export.schema\n")
            return 1
        return 0
    target.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
