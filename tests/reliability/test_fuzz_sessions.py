"""Fuzzed save files through ``SessionStore.load``: never an exception, and never a byte lost.

Each input is a valid session file damaged at byte level or in structure. Loading must either give a
usable session (file left untouched) or keep the file aside byte for byte and say so in one line.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("quiz.session", reason="quiz/session.py (SessionStore) has not landed yet")

from questions.loader import load_bank  # noqa: E402
from quiz.i18n import t  # noqa: E402
from quiz.session import Session  # noqa: E402
from quiz.store import SessionStore  # noqa: E402
from scoring.answers import valid_answer  # noqa: E402
from tests.reliability.mutations import byte_mutations, structure_mutations  # noqa: E402
from tests.reliability.pilot import expected_value  # noqa: E402

BANK = load_bank()
FIXED = datetime(2026, 11, 24, 12, 0, tzinfo=timezone.utc)


def _session_json(answered: int) -> dict[str, Any]:
    session = Session.new(BANK, "en", now=FIXED)
    for n in range(answered):
        session = session.answer(BANK.items[n].id, expected_value(BANK, n), 1.5, now=FIXED)
    data: dict[str, Any] = json.loads(session.model_dump_json())
    return data


@st.composite
def session_files(draw: st.DrawFn) -> tuple[str, bytes]:
    base = _session_json(draw(st.integers(0, len(BANK.items))))
    kind = draw(st.sampled_from(("structure", "bytes")))
    if kind == "structure":
        return kind, json.dumps(draw(structure_mutations(base)), ensure_ascii=False).encode()
    return kind, draw(byte_mutations(json.dumps(base, indent=1)))


def test_fuzz_session_files(tmp_path: Path, figure: Any) -> None:
    tally = {"usable": 0, "kept_aside": 0, "moved_to_own_bank_file": 0}

    @settings(max_examples=1000, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(session_files())
    def one(case: tuple[str, bytes]) -> None:
        _kind, content = case
        folder = tmp_path / "data"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        path = folder / "session.json"
        path.write_bytes(content)
        outcome = SessionStore(path, now=lambda: FIXED).load(BANK)
        others = sorted(p.name for p in folder.iterdir() if p.name != "session.json")
        if outcome.session is not None:
            assert path.read_bytes() == content, "a usable save was changed by loading it"
            notice = outcome.notice
            if notice is not None and notice.values.get("copy"):
                # A save from another bank version that loses answers is first copied, byte for byte.
                assert others == [Path(str(notice.values["copy"])).name], others
                assert (folder / others[0]).read_bytes() == content
            else:
                assert others == []
            for item_id, value in outcome.session.answers.items():
                item = BANK.item(item_id)
                assert item is not None and valid_answer(item, value), (item_id, value)
            tally["usable"] += 1
        else:
            assert outcome.notice is not None
            assert not path.exists(), "an unusable save was left in place (it would be overwritten)"
            # Another bank's save moves to that bank's own file (one save per bank); anything else unusable
            # is kept aside as corrupt. Either way byte for byte, and the one-line notice names the file.
            moved = outcome.notice.key == "session.moved_bank"
            expected = f"session.{outcome.notice.values['bank']}.json" if moved else "session.json.corrupt-"
            assert len(others) == 1 and others[0].startswith(expected), others
            assert (folder / others[0]).read_bytes() == content
            message = t(outcome.notice.key, "en", **outcome.notice.values)
            assert "\n" not in message and others[0] in message
            tally["moved_to_own_bank_file" if moved else "kept_aside"] += 1

    one()
    figure("fuzz.session_files", f"{sum(tally.values())} tried: {tally['usable']} usable (untouched), "
           f"{tally['kept_aside']} kept aside byte for byte, {tally['moved_to_own_bank_file']} moved to their "
           f"bank's own file; 0 exceptions")
    assert sum(tally.values()) >= 1000 and tally["kept_aside"] > 0
