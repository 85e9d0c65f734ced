"""``python -m quiz`` runs the same command line as ``career-fit``."""

from quiz.cli import main

raise SystemExit(main())
