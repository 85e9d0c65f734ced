"""career-fit: the terminal quiz, its command line, saved progress and exports."""

__version__ = "0.1.0"
