"""The floor for the batch benchmark: read a JSONL file and ``json.loads`` every line, keeping nothing.

No scorer can be faster than reading and parsing its input, so ``career-fit score --batch`` is measured
as a multiple of this process's time (whole process, interpreter start-up included on both sides).
"""

from __future__ import annotations

import json
import sys


def main(path: str) -> int:
    """Parse every non-blank line of ``path``; print how many there were."""
    count = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                json.loads(line)
                count += 1
    print(count)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
