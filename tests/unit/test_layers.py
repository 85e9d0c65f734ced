"""Architecture checks: the core layers never pull in the UI, and the bank ships as package data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def test_core_sources_do_not_import_ui() -> None:
    """Static check as well: no import statement of textual or quiz anywhere in questions/ or scoring/."""
    offenders = []
    for folder in ("questions", "scoring"):
        for path in (ROOT / folder).rglob("*.py"):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                stripped = line.strip()
                if stripped.startswith(("import textual", "from textual", "import quiz", "from quiz")):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}")
    assert offenders == []


def test_bank_is_package_data() -> None:
    """Without installing anything: pyproject ships every package's data files; data folders are packages."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib
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
