"""Architecture checks: the layer contracts hold, no import cycle, the core never loads the UI, data ships."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("module", ["questions", "questions.loader", "scoring", "scoring.catalog"])
def test_core_imports_no_textual(module: str) -> None:
    """A fresh interpreter imports the core module; neither textual nor quiz may be loaded."""
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'quiz', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "", f"{module} imported UI modules: {out.stdout.strip()}"


def test_import_contracts_hold() -> None:
    """``lint-imports`` (import-linter) keeps the layer contracts in pyproject.toml: quiz -> scoring ->
    questions, no Textual below quiz/, none in the flow, widgets never reaching up."""
    lint = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # analyse this tree, not an installed copy
    out = subprocess.run([str(lint)], capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "broken" in out.stdout and " 0 broken" in out.stdout


def test_no_import_cycle_among_project_modules() -> None:
    """No module imports itself through others (function-level and type-checking imports included)."""
    graph = grimp.build_graph("quiz", "scoring", "questions")
    imports = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    assert _cycles(imports) == []


def _cycles(imports: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(imports):
        if root in index:
            continue
        work = [(root, iter(sorted(imports[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    work.append((child, iter(sorted(imports.get(child, ())))))
                elif child in stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_cycle_finder_finds_a_cycle() -> None:
    """The cycle check above can fail: a two-module loop and a three-module loop are both reported."""
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
    assert _cycles({"x": {"y"}, "y": {"z"}, "z": {"x"}, "w": set()}) == [["x", "y", "z"]]
    assert _cycles({"p": {"q"}, "q": set()}) == []


def test_bank_is_package_data() -> None:
    """Without installing anything: pyproject ships every package's data files; data folders are packages."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib  # type: ignore[import-not-found,unused-ignore]  # 3.11+; mypy checks as 3.10
    except ModuleNotFoundError:  # Python 3.10: check the two lines as text
        assert 'include = ["quiz*", "questions*", "scoring*"]' in text
        assert '"*" = ["*.yaml", "*.tcss", "*.json"]' in text
    else:
        tool = tomllib.loads(text)["tool"]["setuptools"]
        assert "questions*" in tool["packages"]["find"]["include"]
        assert "*.yaml" in tool["package-data"]["*"]
        assert "*.tcss" in tool["package-data"]["*"]
        assert "*.json" in tool["package-data"]["*"]
    for pkg in ("questions/bank", "scoring/strings", "quiz/i18n"):
        assert (ROOT / pkg / "__init__.py").is_file(), f"{pkg} must be a package so its data files are included"
    assert (ROOT / "questions" / "bank" / "career_fit.yaml").is_file()
    assert any((ROOT / "scoring" / "strings").glob("*.json"))
    assert any((ROOT / "quiz" / "i18n").glob("*.json"))
