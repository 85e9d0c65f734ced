"""The one atomic writer, whole and streamed, and the one-line text helper (``questions.safe_text``)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from questions.safe_text import shown
from quiz.storage import atomic_open, atomic_write


def test_streamed_write_replaces_the_file_only_when_the_block_ends(tmp_path: Path) -> None:
    target = tmp_path / "rows.csv"
    target.write_text("old\n", encoding="utf-8")
    with atomic_open(target, mode=0o644, newline="") as out:
        out.write("a,b\r\n")
        assert target.read_text(encoding="utf-8") == "old\n"  # nothing visible until the block ends
        out.write("一,二\r\n")
    assert target.read_bytes() == "a,b\r\n一,二\r\n".encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["rows.csv"]


def test_streamed_write_that_fails_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "rows.csv"
    target.write_text("keep me\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_open(target) as out:
        out.write("half")
        raise RuntimeError("the batch failed midway")
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rows.csv"]


def test_streamed_write_never_replaces_an_existing_file_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    atomic_write(target, "first\n", overwrite=False)
    with pytest.raises(FileExistsError), atomic_open(target, overwrite=False) as out:
        out.write("second\n")
    assert target.read_text(encoding="utf-8") == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_whole_write_is_private_by_default(tmp_path: Path) -> None:
    target = tmp_path / "session.json"
    atomic_write(target, b"{}")
    assert target.read_bytes() == b"{}" and stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("two\nlines\r\nand\ttabs", None, "two lines and tabs"),
        ("escape \x1b[31mred\x07", None, "escape \\x1b[31mred\\x07"),
        ("bidi \u202eevil", None, "bidi \\u202eevil"),
        ("emoji 👩\u200d💻 stays whole", None, "emoji 👩\u200d💻 stays whole"),
        ("全角\u3000空格", None, "全角 空格"),
        ("x" * 10, 5, "xxxxx…"),
        ("short", 5, "short"),
    ],
)
def test_one_line(text: str, limit: int | None, expected: str) -> None:
    assert shown(text, limit, fold=True) == expected


def test_a_link_to_a_file_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    """``-o /dev/stdout`` redirected to a file, or a dotfile manager's link: the file it names gets the new
    content; the link itself (possibly in a folder such as /dev) is never replaced."""
    real = tmp_path / "real" / "result.txt"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    links = tmp_path / "links"
    links.mkdir()
    link = links / "result.txt"
    link.symlink_to(real)
    atomic_write(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in links.iterdir()) == ["result.txt"]  # no temporary left beside the link
    with atomic_open(link) as fh:
        fh.write("streamed")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "streamed"
