"""The quiz as one visitor's app process (``python -m quiz.serve.child --lang L [--bank FILE]``).

The same quiz as ``career-fit``, with two differences for serving: files it creates are private to the
server's user (umask 077), and it ends itself if the server that started it disappears without ending
it (killed with SIGKILL, say), instead of lingering with nobody connected.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Sequence

ORPHAN_CHECK = 1.0
"""Seconds between checks that the server is still this process's parent."""

ORPHAN_GRACE = 5.0
"""Seconds an orphaned app gets to quit after SIGTERM before it is ended outright."""


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK)
    os.kill(os.getpid(), signal.SIGTERM)  # the web driver turns this into a normal exit
    time.sleep(ORPHAN_GRACE)
    os._exit(1)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the quiz for one visitor; returns the exit code."""
    os.umask(0o077)
    threading.Thread(target=_watch_parent, args=(os.getppid(),), name="orphan-watch", daemon=True).start()
    from quiz.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
