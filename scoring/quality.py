"""Quality flags: reasons to read a result with care. A flagged result is shown, never refused.

- ``straight_lining``: every rating answered identically, with at least ``STRAIGHT_LINE_MIN`` ratings;
- ``too_fast``: timings were given for at least ``TOO_FAST_MIN_TIMED`` items and their median is below
  ``TOO_FAST_SECONDS`` seconds per item;
- ``many_skipped``: more than ``MANY_SKIPPED_SHARE`` of the bank's items unanswered (of the short form's, the
  questions it asked: the ones it never asked were not skipped).
"""

from __future__ import annotations

from scoring import thresholds as th
from scoring.catalog import Catalog
from scoring.engine import Numbers, median_seconds, straight_lined
from scoring.result import QualityFlag
from scoring.wording import fill, number, percent


def quality_flags(s: Catalog, n: Numbers, timings: dict[str, float], asked: int | None = None
                  ) -> tuple[QualityFlag, ...]:
    """The flags that apply to this result, in a fixed order (``asked``: the questions a short form asked)."""
    flags = []
    if straight_lined(n.tally):
        text = fill(s, "flag.straight_lining", n=len(n.tally.ratings), value=n.tally.ratings[0])
        flags.append(QualityFlag(kind="straight_lining", text=text))
    med = median_seconds(timings)
    if med is not None and med < th.TOO_FAST_SECONDS:
        flags.append(QualityFlag(kind="too_fast", text=fill(s, "flag.too_fast", seconds=number(med))))
    total = n.total if asked is None else asked
    skipped = total - n.answered
    if total and skipped / total > th.MANY_SKIPPED_SHARE:
        text = fill(s, "flag.many_skipped", n=skipped, total=total, share=percent(skipped / total))
        flags.append(QualityFlag(kind="many_skipped", text=text))
    return tuple(flags)
