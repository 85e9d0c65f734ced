"""Issue 6, "nothing lost, nothing crashes": fuzzed banks, answers and save files, hostile files and text,
corrupt and foreign saves, unwritable data folders, SIGKILL at any answer (real process in tmux), odd
terminal sizes, safe YAML, no network, private file modes.

Run ``pytest -p no:xdist tests/reliability`` to see the measured figures in a "reliability figures"
section at the end (under xdist each worker keeps its own, so the section is not shown).
"""
