"""The machine's processes as the tests see them in ``/proc`` (Linux): parents, descendants, liveness."""

from __future__ import annotations

from pathlib import Path


def parents() -> dict[int, int]:
    """Every process id on the machine and its parent's."""
    found: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        found[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return found


def descendants(roots: list[int]) -> list[int]:
    """``roots`` and every process they started, directly or not."""
    children: dict[int, list[int]] = {}
    for pid, ppid in parents().items():
        children.setdefault(ppid, []).append(pid)
    found: list[int] = []
    todo = list(roots)
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found
