"""Findings of the reliability review outside batch and outside the save: E4, E5, E7, E8, S1, S2/S4, S5.

Each test replays the review's reproduction through the real entry point (in-process, or as a process where
standard output or the umask matter) and failed before the fix:

- E4: valid JSON with surrogate-pair escapes (what ``json.dumps`` and ``jq -a`` write) is read as JSON.
- E5: a full standard output is one line naming standard output, exit 2, for every command.
- E7: ``history`` says so when its folder cannot be read, instead of "no saved results yet".
- E8: a value quoted in an error is cut to about 100 characters; no Python-internal hints.
- S1: ``-o`` naming a FIFO with ``--force`` writes into it (or refuses), never renames a file over it.
- S2/S4: CR, bidi controls and escapes never reach the terminal raw, from banks, results, usage errors and
  ``-o`` names.
- S5: exports are 0600 whatever the umask (results are personal); folders created for the data are never
  world-writable.
"""

from __future__ import annotations

import json
import os
import select
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from questions.loader import load_bank
from questions.schema import Bank
from tests.reliability.helpers import ROOT, TINY_BANK, CliRun, base_bank_data, check_clean_outcome, dump_yaml, run_cli

BANK = load_bank()
RAW = ("\x1b", "\r", "\u202e", "\x07", "\x9b")


def _answers(bank: Bank = BANK) -> dict[str, Any]:
    return {i.id: (4 if i.kind == "rating" else i.options[0].id) for i in bank.items}


def answers_file(folder: Path, bank: Bank = BANK, name: str = "full.json") -> Path:
    path = folder / name
    path.write_text(json.dumps({"lang": "en", "answers": _answers(bank)}), encoding="utf-8")
    return path


def _no_raw(run: CliRun) -> None:
    for char in RAW:
        assert char not in run.err, (char, run.err[:300])
        assert char not in run.out, (char, run.out[:300])


def _one_line(run: CliRun, code: int = 2) -> str:
    assert run.code == code, (run.code, run.err[:400])
    assert "Traceback" not in run.err and "unexpected error" not in run.err, run.err[:400]
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err[:400]
    return lines[0]


def _process(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **kwargs.pop("env", {})}
    done: subprocess.CompletedProcess[bytes] = subprocess.run(
        [sys.executable, "-m", "quiz", *args], env=env, timeout=60, **kwargs)
    return done


# ------------------------------------------------------------------------------------------------- E4


def _emoji_bank(folder: Path) -> Path:
    data = yaml.safe_load(TINY_BANK.read_text(encoding="utf-8"))
    for item in data["items"]:  # the result quotes the questions its explanations rest on
        item["text"]["en"] += " 🙂"
    for role in data["roles"]:
        role["name"]["en"] += " 🙂"
    path = folder / "emoji.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_e4_json_with_surrogate_pair_escapes_is_read_as_json(tmp_path: Path) -> None:
    """A result of a bank with an emoji, passed through ``python -m json.tool`` (ASCII escapes), scores again
    and compares."""
    bank_path = _emoji_bank(tmp_path)
    bank = load_bank(bank_path)
    first = tmp_path / "r1.json"
    run = run_cli(["score", str(answers_file(tmp_path, bank)), "--bank", str(bank_path), "--format", "json",
                   "-o", str(first)])
    assert run.code == 0, run.err
    escaped = tmp_path / "r1-ascii.json"
    escaped.write_text(json.dumps(json.loads(first.read_text(encoding="utf-8")), indent=4), encoding="ascii")
    assert "\\ud83d\\ude42" in escaped.read_text(encoding="ascii")
    again = run_cli(["score", str(escaped), "--bank", str(bank_path), "--format", "json"])
    assert again.code == 0, again.err
    assert json.loads(again.out)["answers"] == json.loads(first.read_text(encoding="utf-8"))["answers"]
    compared = run_cli(["compare", str(first), str(escaped), "--bank", str(bank_path)])
    assert compared.code == 0, compared.err


def test_e4_a_json_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n "lang": "en",\n "answers": {"q01": 3,}\n}\n', encoding="utf-8")
    line = _one_line(run_cli(["score", str(path)]))
    assert f"{path}:3:" in line and "JSON" in line, line


def test_e4_json_keeps_its_line_numbers_for_content_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"lang": "en", "answers": {"q01": 3, "q02": 9}}, indent=2), encoding="utf-8")
    line = _one_line(run_cli(["score", str(path)]))
    assert line.startswith(f"career-fit: {path}:5: item q02:"), line


# ------------------------------------------------------------------------------------------------- E5


@pytest.mark.parametrize("args", [["score", "ANSWERS"], ["template"], ["questions"], ["validate"]],
                         ids=["score", "template", "questions", "validate"])
def test_e5_a_full_standard_output_is_one_line(args: list[str], tmp_path: Path) -> None:
    args = [str(answers_file(tmp_path)) if a == "ANSWERS" else a for a in args]
    with open("/dev/full", "wb") as full:
        done = _process(args, stdout=full, stderr=subprocess.PIPE)
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert err.count("\n") == 1 and "standard output" in err and "unexpected" not in err, err


def test_e5_an_output_folder_is_refused_in_one_line_with_or_without_force(tmp_path: Path) -> None:
    folder = tmp_path / "somedir"
    folder.mkdir()
    for extra in ([], ["--force"]):
        for command in (["score", str(answers_file(tmp_path))], ["template"]):
            line = _one_line(run_cli([*command, "-o", str(folder), *extra]))
            assert "folder" in line and "--force" not in line, line


# ------------------------------------------------------------------------------------------------- E7


def test_e7_history_that_is_a_file_is_reported(data_home: Path) -> None:
    (data_home / "career-fit").mkdir(parents=True)
    (data_home / "career-fit" / "history").write_text("x\n", encoding="utf-8")
    line = _one_line(run_cli(["history", "--lang", "en"]))
    assert "history" in line and "No saved results" not in line, line


def test_e7_history_folder_that_cannot_be_read_is_reported(data_home: Path, monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    """``chmod 300`` on the folder; as root (which reads anyway) listing it is made to fail with EACCES."""
    folder = data_home / "career-fit" / "history"
    folder.mkdir(parents=True)
    run = run_cli(["score", str(answers_file(tmp_path)), "--format", "json", "-o", str(folder / "r.json")])
    assert run.code == 0
    folder.chmod(0o300)
    real = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    try:
        line = _one_line(run_cli(["history", "--lang", "en"]))
    finally:
        folder.chmod(0o700)
    assert "Permission denied" in line and "No saved results" not in line, line


# ------------------------------------------------------------------------------------------------- E8


def test_e8_a_long_value_is_cut_in_the_error(tmp_path: Path) -> None:
    path = tmp_path / "long.json"
    triad = BANK.choice_items[0].id
    path.write_text(json.dumps({"lang": "en", "answers": {triad: "a" * 90_000}}), encoding="utf-8")
    line = _one_line(run_cli(["score", str(path)]))
    assert len(line) < 300 and "a" * 101 not in line and f"item {triad}" in line, line[:400]


def test_e8_a_long_key_is_cut_in_the_error(tmp_path: Path) -> None:
    path = tmp_path / "key.yaml"
    path.write_text(yaml.safe_dump({"lang": "en", "answers": {"k" * 50_000: 3}}, width=10**6), encoding="utf-8")
    line = _one_line(run_cli(["score", str(path)]))
    assert len(line) < 300 and "k" * 101 not in line, line[:400]


@pytest.mark.parametrize("suffix", ["json", "yaml"])
def test_e8_a_huge_integer_gets_no_python_hint(suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"digits.{suffix}"
    item, digits = BANK.rating_items[0].id, "7" * 5000
    path.write_text(f'{{"lang": "en", "answers": {{"{item}": {digits}}}}}', encoding="utf-8")
    line = _one_line(run_cli(["score", str(path)]))
    assert "set_int_max_str_digits" not in line and len(line) < 300, line[:400]


# ------------------------------------------------------------------------------------------------- S1


@pytest.fixture()
def fifo(tmp_path: Path) -> Iterator[tuple[Path, list[bytes]]]:
    """A FIFO with a reader already attached (a writer that does not wait finds it), collecting what is
    written into it until the writer closes."""
    path = tmp_path / "pipe"
    os.mkfifo(path)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    got: list[bytes] = []
    done = threading.Event()

    def read() -> None:
        data = b""
        while not done.is_set():
            ready, _, _ = select.select([fd], [], [], 0.05)
            chunk = os.read(fd, 65536) if ready else b""
            if chunk:
                data += chunk
            elif ready and data:  # the writer closed after writing
                break
        got.append(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    yield path, got
    done.set()
    reader.join(timeout=5)
    os.close(fd)


def _received(got: list[bytes]) -> bytes:
    deadline = time.monotonic() + 5
    while not got and time.monotonic() < deadline:
        time.sleep(0.02)
    return got[0] if got else b""


@pytest.mark.parametrize("command", ["score", "template"])
def test_s1_force_into_a_fifo_writes_into_it(command: str, fifo: tuple[Path, list[bytes]], tmp_path: Path) -> None:
    path, got = fifo
    args = ["score", str(answers_file(tmp_path))] if command == "score" else ["template"]
    run = run_cli([*args, "-o", str(path), "--force"])
    assert run.code == 0, run.err
    assert stat.S_ISFIFO(os.lstat(path).st_mode), "the FIFO was replaced by a regular file"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(_received(got)) > 100, got


def test_s1_a_fifo_without_force_is_not_written(fifo: tuple[Path, list[bytes]], tmp_path: Path) -> None:
    path, _ = fifo
    line = _one_line(run_cli(["score", str(answers_file(tmp_path)), "-o", str(path)]))
    assert "--force" in line and stat.S_ISFIFO(os.lstat(path).st_mode)


def test_s1_a_socket_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        line = _one_line(run_cli(["score", str(answers_file(tmp_path)), "-o", str(path), "--force"]))
        assert str(path) in line and stat.S_ISSOCK(os.lstat(path).st_mode), line
    finally:
        server.close()


async def test_s1_the_tui_export_writes_into_a_fifo(fifo: tuple[Path, list[bytes]], tmp_path: Path) -> None:
    from textual.widgets import Input

    from tests.reliability.test_review_results import Host

    path, got = fifo
    app = Host(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(path)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("y")
        await pilot.pause()
        assert app.results == [path]
    assert stat.S_ISFIFO(os.lstat(path).st_mode)
    assert _received(got).startswith(b"#"), got


# ------------------------------------------------------------------------------------------------- S2 / S4


def _bank_with(tmp_path: Path, where: str, text: str) -> Path:
    data = base_bank_data()
    if where == "item":
        data["items"][0]["text"]["en"] = text
    else:
        data["roles"][0]["name"]["en"] = text
    path = tmp_path / f"bank-{where}.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("text", ["Innocent question?\rEVIL OVERWRITE: rate 5", "abc\u202edcba\u202c end",
                                  "left\u2066isolated\u2069", "line\u2028separator"],
                         ids=["cr", "bidi_override", "bidi_isolate", "line_separator"])
@pytest.mark.parametrize("where", ["item", "role"])
def test_s4_cr_and_bidi_controls_in_a_bank_are_refused(text: str, where: str, tmp_path: Path) -> None:
    path = _bank_with(tmp_path, where, text)
    for args in (["validate", str(path)], ["questions", "--bank", str(path)]):
        run = run_cli(args)
        check_clean_outcome(run, path, ok_codes=(2,))
        assert "control character" in run.err, run.err
        _no_raw(run)


def test_s4_compare_refuses_a_cr_in_a_result_and_never_echoes_it(tmp_path: Path) -> None:
    first = tmp_path / "r1.json"
    assert run_cli(["score", str(answers_file(tmp_path)), "--format", "json", "-o", str(first)]).code == 0
    data = json.loads(first.read_text(encoding="utf-8"))
    data["bank"]["version"] = "2.0.0\rFAKE"
    second = tmp_path / "r2.json"
    second.write_text(json.dumps(data), encoding="utf-8")
    run = run_cli(["compare", str(first), str(second)])
    _one_line(run)
    _no_raw(run)


def test_s4_a_bidi_override_in_an_answers_key_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"lang": "en", "answers": {"\u202eevil": 3}}), encoding="utf-8")
    run = run_cli(["score", str(path)])
    line = _one_line(run)
    _no_raw(run)
    assert "\\u202e" in line, line


def test_s4_an_output_name_with_controls_is_escaped(tmp_path: Path) -> None:
    name = tmp_path / "exists\n2nd line\x1b[31mRED.txt"
    name.write_text("mine", encoding="utf-8")
    run = run_cli(["score", str(answers_file(tmp_path)), "-o", str(name)])
    line = _one_line(run)
    _no_raw(run)
    assert "\\n2nd line\\x1b[31mRED" in line and "--force" in line, line


def test_s4_usage_errors_escape_what_was_typed() -> None:
    run = run_cli(["\x1b]0;PWNED\x07\rFAKE"])
    _one_line(run)
    _no_raw(run)


def test_s4_a_bank_file_name_with_controls_is_escaped_in_validate(tmp_path: Path) -> None:
    path = tmp_path / "bank\x1b[2J\r.yaml"
    path.write_text(TINY_BANK.read_text(encoding="utf-8"), encoding="utf-8")
    run = run_cli(["validate", str(path)])
    assert run.code == 0, run.err
    _no_raw(run)
    assert "bank\\x1b[2J\\r.yaml" in run.out


def test_s4_history_escapes_a_result_file_name(data_home: Path, tmp_path: Path) -> None:
    folder = data_home / "career-fit" / "history"
    folder.mkdir(parents=True)
    target = folder / "20261130T230000Z\x1b[31m.json"
    assert run_cli(["score", str(answers_file(tmp_path)), "--format", "json", "-o", str(target)]).code == 0
    run = run_cli(["history", "--lang", "en"])
    assert run.code == 0, run.err
    _no_raw(run)
    assert "20261130T230000Z\\x1b[31m.json" in run.out


# ------------------------------------------------------------------------------------------------- S5


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("umask", [0o077, 0o022])
def test_s5_exports_are_private_whatever_the_umask(umask: int, tmp_path: Path) -> None:
    answers = answers_file(tmp_path)
    batch = tmp_path / "b.jsonl"
    batch.write_text(json.dumps({"answers": _answers()}) + "\n", encoding="utf-8")
    outputs = {"score": tmp_path / "u.txt", "batch": tmp_path / "u.csv", "template": tmp_path / "u.yaml"}
    commands = {"score": ["score", str(answers)], "batch": ["score", "--batch", str(batch)], "template": ["template"]}
    for name, args in commands.items():
        done = _process([*args, "-o", str(outputs[name])], capture_output=True,
                        preexec_fn=lambda: os.umask(umask))
        assert done.returncode == 0, done.stderr
    assert _mode(outputs["score"]) == 0o600 and _mode(outputs["batch"]) == 0o600
    assert _mode(outputs["template"]) == 0o666 & ~umask, oct(_mode(outputs["template"]))


def test_s5_a_missing_data_folder_chain_is_never_world_writable(tmp_path: Path) -> None:
    home = tmp_path / "umask0" / "a" / "b" / "data"
    session = ("from questions.loader import load_bank; from quiz.session import Session; "
               "from quiz.store import SessionStore; b = load_bank(); SessionStore().save(Session.new(b, 'en'))")
    done = subprocess.run([sys.executable, "-c", session], env={**os.environ, "PYTHONPATH": str(ROOT),
                          "XDG_DATA_HOME": str(home)}, preexec_fn=lambda: os.umask(0), capture_output=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    for folder in (tmp_path / "umask0", tmp_path / "umask0" / "a", tmp_path / "umask0" / "a" / "b", home,
                   home / "career-fit"):
        assert _mode(folder) & 0o022 == 0, f"{folder} is {oct(_mode(folder))}"
    assert _mode(home / "career-fit") == 0o700
