"""Whether the golden tests rewrite their files (``pytest --update-goldens``) instead of comparing."""

from __future__ import annotations

UPDATE = False
"""Set from ``--update-goldens`` by ``tests/conftest.py``."""
