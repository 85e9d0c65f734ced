"""The quiz's first frame does not wait for the data layer (issue 14); nothing here is timed.

The first frame is the welcome drawn from the UI strings; pydantic, PyYAML, numpy and the bank load on a
worker after it. These tests check *what* is loaded by that frame (``sys.modules`` in a fresh process, at
Textual's Ready event, which comes right after the first frame is painted), that a key pressed before the
data is there is acted on when it arrives, and that a bad bank is still one line on stderr with exit code 2.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from quiz.cli import main

ROOT = Path(__file__).resolve().parents[2]

DATA_LAYER = re.compile(r"^(pydantic|pydantic_core|yaml|numpy)(\.|$)|^questions\.(?!(errors|safe_text)$)")
"""What must not be imported before the first frame: the models' libraries, numpy and the bank (the
``questions`` package loads its submodules lazily; its error type and terminal-safe text are plain Python,
which the command line needs to report any error in one line)."""

# Runs the real command line headless; at the first frame (the Ready event) it records the loaded modules
# and quits before the data worker starts.
FIRST_FRAME = """
import json, sys
import textual.app
from quiz.opening import OpeningApp

seen = {}

def on_ready(self):
    seen["modules"] = sorted(sys.modules)
    seen["screen"] = type(self.screen).__name__
    self.exit()

OpeningApp.on_ready = on_ready
original = textual.app.App.run

def run(self, **kwargs):
    kwargs.update(headless=True, size=(80, 24))
    return original(self, **kwargs)

textual.app.App.run = run
import quiz.terminal  # the headless run stands in for the terminal the quiz otherwise requires

quiz.terminal.require_terminal = lambda lang: None
quiz.terminal._alive = lambda fd: True
from quiz.cli import main

code = main(sys.argv[1:])
print(json.dumps({"code": code, **seen}))
"""


def run_to_first_frame(args: list[str], data_home: Path) -> dict[str, object]:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home), "PYTHONPATH": str(ROOT)}
    env.pop("CAREER_FIT_SKIP_WELCOME", None)
    done = subprocess.run([sys.executable, "-c", FIRST_FRAME, *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    found: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_first_frame_loads_no_data_layer(lang: str, tmp_path: Path) -> None:
    found = run_to_first_frame(["--lang", lang], tmp_path)
    assert found["code"] == 0
    assert found["screen"] == "WelcomeScreen"
    modules = found["modules"]
    assert isinstance(modules, list)
    assert "textual.app" in modules and "quiz.screens.welcome" in modules  # the probe saw a real start
    assert [m for m in modules if DATA_LAYER.match(m)] == []


@pytest.mark.parametrize(("key", "form"), [("enter", "full"), ("f", "full"), ("s", "adaptive")])
def test_a_key_before_the_data_is_acted_on_when_it_arrives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str, form: str
) -> None:
    """The bank is held back until after the key; the quiz then starts in the form the key chose, not lost."""
    import asyncio

    from questions.loader import load_bank
    from quiz import loading
    from quiz.app import CareerFitApp
    from quiz.screens.question import QuestionScreen
    from quiz.screens.welcome import WelcomeScreen
    from quiz.widgets.keybar import KeyLabel

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    release = threading.Event()
    real_load = loading.load_data

    def held_back(*args: object, **kwargs: object) -> loading.Loaded:
        assert release.wait(30)
        return real_load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loading, "load_data", held_back)
    first_id = load_bank().items[0].id

    async def scenario() -> None:
        app = CareerFitApp(None, "en")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, WelcomeScreen) and not app.ready
            # The key bar, empty in the first frame, shows the welcome's keys once the screen reports them.
            assert {label.key for label in app.screen.query(KeyLabel)} >= {"q", "f2"}
            await pilot.press(key)
            assert isinstance(app.screen, WelcomeScreen)  # nothing to start yet
            release.set()
            for _ in range(200):
                await pilot.pause(0.02)
                if isinstance(app.screen, QuestionScreen):
                    break
            assert isinstance(app.screen, QuestionScreen)
            assert app.session.mode == form
            if form == "full":
                assert app.screen.view.item.id == first_id

    try:
        asyncio.run(scenario())
    finally:
        release.set()  # never leave the worker waiting, even when an assertion failed


@pytest.mark.parametrize("content", [None, "items: [\n  - {id: x\n", "not: a bank\n"])
def test_bad_bank_on_the_quiz_path_is_one_line_exit_2(
    content: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``career-fit --bank FILE`` (missing, unparsable, invalid) stops before the app, with one line."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    bank = tmp_path / "bank.yaml"
    if content is not None:
        bank.write_text(content, encoding="utf-8")
    assert main(["--bank", str(bank), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("career-fit: ") and str(bank) in err
    assert "Traceback" not in err


def test_shipped_bank_failing_on_the_worker_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shipped bank loads after the first frame; if that fails, the app exits and the CLI says why."""
    from questions import loader
    from quiz.app import CareerFitApp

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    bad = tmp_path / "broken.yaml"
    bad.write_text("items: [\n", encoding="utf-8")
    real_load_bank = loader.load_bank
    monkeypatch.setattr(loader, "load_bank", lambda path=None: real_load_bank(bad))
    original_run = CareerFitApp.run

    def headless(self: CareerFitApp, **kwargs: object) -> None:
        original_run(self, headless=True, size=(80, 24))

    monkeypatch.setattr(CareerFitApp, "run", headless)
    # The headless run stands in for the terminal the quiz otherwise requires.
    monkeypatch.setattr("quiz.terminal.require_terminal", lambda lang: None)
    monkeypatch.setattr("quiz.terminal._alive", lambda fd: True)
    assert main(["--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("career-fit: ") and str(bad) in err
    assert "Traceback" not in err
