"""The wall clock: the one place that reads the current time (callers take it as an injectable ``now``)."""

from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(timezone.utc)


__all__ = ["utcnow"]
