"""Time to the first screen, appended as a JSON line when ``CAREER_FIT_STARTUP_LOG`` asks for it."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path


def log_startup(path: Path, imported_at: float) -> None:
    """Append ``{since_import_s, since_process_start_s}`` to ``path``; a log that cannot be written is skipped."""
    record: dict[str, float] = {"since_import_s": round(time.perf_counter() - imported_at, 4)}
    since_start = seconds_since_process_start()
    if since_start is not None:
        record["since_process_start_s"] = round(since_start, 3)
    try:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(record) + "\n")
    except OSError:
        pass


def seconds_since_process_start() -> float | None:
    """Seconds since this process started (Linux /proc; None elsewhere)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        ticks = os.sysconf("SC_CLK_TCK")
        return uptime - int(fields[19]) / ticks
    except (OSError, ValueError, IndexError):
        return None


__all__ = ["log_startup", "seconds_since_process_start"]
