"""The forms of the quiz without Textual: the short form's order, the full form taken on from it, the session's
mode and its migration from version 1."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from questions.loader import load_bank
from questions.schema import ChoiceItem
from quiz.flow import Ask, Finish, Flow, Review, Stay
from quiz.forms import BankOrder, ContinuedOrder, ShortOrder, number, order_for
from quiz.session import SESSION_SCHEMA, Session, reconcile
from quiz.store import SessionStore
from quiz.views import question_view, review_view, welcome_view
from scoring.adaptive import asked_count, next_step, replay
from scoring.answers import AnswerValue

BANK = load_bank()
N = len(BANK.items)
NOW = datetime(2026, 3, 14, 9, 30, tzinfo=timezone.utc)
WHERE = {item.id: n for n, item in enumerate(BANK.items)}


def value(item_id: str) -> AnswerValue:
    """A valid answer that prefers operations a little."""
    item = BANK.item(item_id)
    if isinstance(item, ChoiceItem):
        return next(o.id for o in item.options if o.role == "operations")
    return 4 if item is not None and item.role == "operations" else 3


def short_flow(count: int) -> Flow:
    """A short form with ``count`` questions answered, at the next one."""
    flow = Flow.start(BANK, "en", NOW, mode="adaptive").flow
    for _ in range(count):
        flow = flow.answer(BANK.items[flow.position].id, value(BANK.items[flow.position].id), 2.0, NOW).flow
    return flow


def test_the_short_form_asks_what_the_selector_picks_and_records_the_order() -> None:
    outcome = Flow.start(BANK, "en", NOW, mode="adaptive")
    assert isinstance(outcome.flow.order, ShortOrder) and outcome.flow.session.mode == "adaptive"
    assert outcome.step == Ask(WHERE[next_step(BANK, {}).item or ""])
    flow = short_flow(6)
    asked = flow.session.asked
    assert len(asked) == 6 and set(asked) == set(flow.session.answers)
    assert BANK.items[flow.position].id == next_step(BANK, flow.session.answers).item
    assert flow.order.before(flow.session, flow.position) == WHERE[asked[-1]]
    assert flow.order.before(flow.session, WHERE[asked[0]]) is None
    assert flow.order.after(flow.session, WHERE[asked[2]]) == WHERE[asked[3]]
    assert number(flow.order, flow.session, flow.position, N) == 7
    assert number(flow.order, flow.session, WHERE[asked[2]], N) == 3
    view = question_view(flow)
    assert (view.form, view.number, view.index) == ("adaptive", 7, flow.position)


def test_the_short_form_stops_early_and_reviews_only_what_it_asked() -> None:
    answers = {i.id: value(i.id) for i in BANK.items}
    skip = replay(BANK, answers).asked[13]
    del answers[skip]  # left blank: the replay skips it where the person does
    run = replay(BANK, answers)
    assert skip in run.skipped and len(run.asked) < N
    flow = Flow.start(BANK, "en", NOW, mode="adaptive").flow
    steps = []
    for item_id in run.asked:
        assert BANK.items[flow.position].id == item_id
        if item_id in answers:
            outcome = flow.answer(item_id, answers[item_id], 1.0, NOW)
        else:
            outcome = flow.skip(item_id, 1.0, NOW)
        flow = outcome.flow
        steps.append(outcome.step)
    assert steps[-1] == Review() and all(isinstance(s, Ask) for s in steps[:-1])
    assert flow.session.asked == run.asked and flow.missing() == (skip,)
    review = review_view(flow)
    assert review.total == asked_count(BANK, flow.session.answers, flow.session.skipped) == len(run.asked)
    assert [(e.item_id, e.number) for e in review.entries] == [(skip, 1 + run.asked.index(skip))]
    assert flow.leave_review().step == Ask(WHERE[run.asked[-1]])
    assert flow.forward().step == Review(), "past the last question asked: the selector has stopped"
    picked = flow.pick(skip).flow.answer(skip, value(skip), 1.0, NOW)
    assert picked.step == Finish() and picked.flow.session.asked == run.asked


def test_answering_the_rest_goes_on_in_full_from_the_first_unasked_question() -> None:
    flow = short_flow(12)
    asked = flow.session.asked
    outcome = flow.answer_rest()
    assert outcome.save and outcome.flow.recorded and outcome.flow.result is None
    session = outcome.flow.session
    assert session.mode == "full" and session.asked == asked and session.answers == flow.session.answers
    assert isinstance(outcome.flow.order, ContinuedOrder)
    rest = [i.id for i in BANK.items if i.id not in asked]
    assert outcome.step == Ask(WHERE[rest[0]])
    order = outcome.flow.order
    assert order.sequence(session) == [WHERE[i] for i in (*asked, *rest)]
    assert order.before(session, WHERE[rest[0]]) == WHERE[asked[-1]]
    assert order.after(session, WHERE[rest[-1]]) is None
    assert order.missing(session) == tuple(rest)
    assert number(order, session, WHERE[rest[0]], N) == len(asked) + 1
    more = session.answer(rest[0], value(rest[0]), 1.0, NOW)
    assert more.asked == asked, "the full form records no order of its own"


def test_answering_more_of_a_full_form_lists_what_is_missing() -> None:
    flow = Flow.start(BANK, "en", NOW).flow
    for n in range(5):
        flow = flow.answer(BANK.items[n].id, value(BANK.items[n].id), 1.0, NOW).flow
    outcome = flow.answer_rest()
    assert outcome.step == Review() and outcome.save
    assert isinstance(outcome.flow.order, BankOrder) and outcome.flow.missing() == tuple(i.id for i in BANK.items[5:])


def test_nothing_left_to_answer_is_refused() -> None:
    flow = Flow.start(BANK, "en", NOW).flow
    for item in BANK.items:
        flow = flow.answer(item.id, value(item.id), 1.0, NOW).flow
    assert flow.answer_rest().step == Stay(refused=True)


def test_a_resumed_session_gets_its_form_s_order_back() -> None:
    flow = short_flow(5)
    resumed = Flow.resume(BANK, flow.session, "zh")
    assert isinstance(resumed.flow.order, ShortOrder) and resumed.step == Ask(flow.position)
    assert isinstance(order_for(BANK, flow.session.as_full()), ContinuedOrder)
    assert isinstance(order_for(BANK, Session.new(BANK, "en", NOW)), BankOrder)


def test_only_the_short_form_records_the_order_asked() -> None:
    first, second = BANK.items[0].id, BANK.items[1].id
    full = Session.new(BANK, "en", NOW).answer(first, 3, 1.0).skip(second)
    assert full.asked == ()
    short = Session.new(BANK, "en", NOW, "adaptive").answer(first, 3, 1.0).skip(second).answer(first, 4, 1.0)
    assert short.asked == (first, second)
    assert short.as_full().mode == "full" and short.as_full().asked == short.asked


def test_welcome_view_knows_the_short_form() -> None:
    view = welcome_view(BANK, short_flow(3).session, None, short_first=True)
    assert view.resume_form == "adaptive" and view.short_first and view.short_items < view.items


# --- the session file: version 2 and its migration from version 1 -------------------------------------------


def version_1(tmp_path: Path) -> Path:
    """A save written before the short form existed (schema 1: no mode, no asked)."""
    session = Session.new(BANK, "en", NOW).answer(BANK.items[0].id, 4, 2.0, NOW).at(1)
    data = json.loads(session.model_dump_json())
    data["schema_version"] = 1
    del data["mode"], data["asked"]
    path = tmp_path / "session.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_version_1_save_resumes_as_the_full_form_and_is_saved_as_version_2(tmp_path: Path) -> None:
    path = version_1(tmp_path)
    before = path.read_bytes()
    store = SessionStore(path)
    loaded = store.load(BANK)
    assert loaded.notice is None and loaded.session is not None
    assert path.read_bytes() == before, "loading never rewrites the file"
    session = loaded.session
    assert (session.schema_version, session.mode, session.asked) == (SESSION_SCHEMA, "full", ())
    assert session.answers == {BANK.items[0].id: 4} and session.position == 1
    outcome = Flow.resume(BANK, session, "en")
    assert isinstance(outcome.flow.order, BankOrder) and outcome.step == Ask(1)
    store.save(outcome.flow.answer(BANK.items[1].id, 2, 1.0, NOW).flow.session)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == 2 and data["mode"] == "full"


@pytest.mark.parametrize("change", [{"schema_version": 1, "mode": "adaptive"}, {"schema_version": 3},
                                    {"mode": "quick"}])
def test_a_session_of_no_known_shape_is_kept_aside(tmp_path: Path, change: dict[str, object]) -> None:
    path = tmp_path / "session.json"
    data = {**json.loads(short_flow(2).session.model_dump_json()), **change}
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = SessionStore(path).load(BANK)
    assert loaded.session is None and loaded.notice is not None
    assert not path.exists() and len(list(tmp_path.glob("session.json.*"))) == 1


def test_reconcile_keeps_the_short_form_s_order_of_what_is_still_answered() -> None:
    session = short_flow(4).session
    ghost = session.model_copy(update={"asked": (*session.asked, "no-such-item", session.asked[0])})
    fitted, notice = reconcile(ghost, BANK)
    assert notice is None and fitted.asked == session.asked
