"""The quiz flow on its own, without Textual: every edge the Pilot tests drive, as pure moves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest

from questions.loader import load_bank
from questions.schema import Bank, ChoiceItem
from quiz.flow import Ask, BankOrder, Finish, Flow, Outcome, Review, Stay
from quiz.session import Session
from quiz.views import question_view, review_view, welcome_view
from scoring.answers import AnswerValue

BANK = load_bank()
N = len(BANK.items)
NOW = datetime(2026, 3, 14, 9, 30, tzinfo=timezone.utc)
IDS = [item.id for item in BANK.items]


def value(index: int) -> AnswerValue:
    """A valid answer to item ``index``."""
    item = BANK.items[index]
    return item.options[0].id if isinstance(item, ChoiceItem) else 4


def answered(count: int) -> Flow:
    """A flow with the first ``count`` items answered, at the question after them."""
    flow = Flow.start(BANK, "en", NOW).flow
    for n in range(count):
        flow = flow.answer(IDS[n], value(n), 3.0, NOW).flow
    return flow


def test_a_new_quiz_opens_on_the_first_question_and_saves_nothing() -> None:
    outcome = Flow.start(BANK, "zh", NOW)
    assert outcome.step == Ask(0)
    assert not outcome.save
    assert not outcome.flow.recorded
    assert outcome.flow.session.lang == "zh" and outcome.flow.session.answers == {}


def test_an_answer_is_recorded_saved_and_moves_on() -> None:
    outcome = Flow.start(BANK, "en", NOW).flow.answer(IDS[0], 5, 2.5, NOW)
    assert outcome.step == Ask(1)
    assert outcome.save
    assert outcome.flow.recorded
    assert outcome.flow.session.answers == {IDS[0]: 5}
    assert outcome.flow.session.timings == {IDS[0]: 2.5}
    assert outcome.flow.position == 1


def test_type_ahead_moves_on_from_the_item_answered_not_from_the_position() -> None:
    """Two keys race: an answer for item 0 arrives after the flow already moved to item 2."""
    flow = answered(2)
    assert flow.position == 2
    outcome = flow.answer(IDS[0], 1, 0.0, NOW)
    assert outcome.step == Ask(1)
    assert outcome.flow.session.answers[IDS[0]] == 1 and IDS[1] in outcome.flow.session.answers


def test_back_shows_the_previous_question_and_changing_it_keeps_later_answers() -> None:
    flow = answered(3)
    back = flow.back().flow.back()
    assert back.step == Ask(1) and back.save  # the position is saved with the answers
    changed = back.flow.answer(IDS[1], 1, 1.0, NOW)
    assert changed.step == Ask(2)
    assert changed.flow.session.answers == {IDS[0]: value(0), IDS[1]: 1, IDS[2]: value(2)}


def test_back_from_the_first_question_stays() -> None:
    outcome = Flow.start(BANK, "en", NOW).flow.back()
    assert outcome.step == Stay() and not outcome.save and outcome.flow.position == 0


def test_forward_only_over_an_answered_or_skipped_question() -> None:
    flow = answered(3).back().flow.back().flow  # at 1, answered
    assert flow.forward().step == Ask(2)
    at_three = flow.forward().flow.forward().flow
    assert at_three.position == 3
    refused = at_three.forward()
    assert refused.step == Stay(refused=True) and not refused.save and refused.flow.position == 3
    skipped = at_three.skip(IDS[3], 1.0, NOW).flow.back().flow
    assert skipped.forward().step == Ask(4)


def test_moves_alone_never_save_before_anything_is_recorded() -> None:
    """``--fresh`` and start-over: the session on disk is replaced only by the first answer."""
    flow = Flow.start(BANK, "en", NOW).flow
    assert not flow.with_lang("zh").save
    assert not flow.back().save and not flow.forward().save


def test_skip_removes_an_earlier_answer_and_moves_on() -> None:
    outcome = answered(1).back().flow.skip(IDS[0], 2.0, NOW)
    assert outcome.step == Ask(1) and outcome.save
    assert outcome.flow.session.skipped == (IDS[0],)
    assert IDS[0] not in outcome.flow.session.answers


def test_past_the_last_question_the_review_lists_what_is_missing() -> None:
    flow = Flow.start(BANK, "en", NOW).flow.skip(IDS[0], 0.0, NOW).flow
    for n in range(1, N):
        outcome = flow.answer(IDS[n], value(n), 1.0, NOW)
        flow = outcome.flow
    assert outcome.step == Review() and outcome.save
    assert flow.missing() == (IDS[0],)
    assert [e.item_id for e in review_view(flow).entries] == [IDS[0]]
    assert review_view(flow).entries[0].number == 1
    assert flow.forward().step == Review()  # → on the last question: the review again


def test_answering_from_the_review_returns_to_it_until_nothing_is_missing() -> None:
    flow = Flow.start(BANK, "en", NOW).flow.skip(IDS[0], 0.0, NOW).flow
    flow = flow.answer(IDS[1], value(1), 1.0, NOW).flow.skip(IDS[2], 0.0, NOW).flow
    for n in range(3, N):
        flow = flow.answer(IDS[n], value(n), 1.0, NOW).flow
    picked = flow.pick(IDS[2])
    assert picked.step == Ask(2) and picked.flow.reviewing
    assert question_view(picked.flow).reviewing and question_view(picked.flow).skipped
    back_to_review = picked.flow.answer(IDS[2], value(2), 1.0, NOW)
    assert back_to_review.step == Review() and back_to_review.flow.missing() == (IDS[0],)
    done = back_to_review.flow.pick(IDS[0]).flow.answer(IDS[0], value(0), 1.0, NOW)
    assert done.step == Finish() and done.save


def test_leaving_the_review_goes_to_the_last_question() -> None:
    flow = Flow.start(BANK, "en", NOW).flow.skip(IDS[0], 0.0, NOW).flow
    outcome = flow.pick(IDS[0]).flow.leave_review()
    assert outcome.step == Ask(N - 1) and not outcome.flow.reviewing


def test_results_now_from_the_review() -> None:
    assert answered(3).finish().step == Finish()


def test_language_switch_keeps_answers_and_position() -> None:
    flow = answered(3)
    outcome = flow.with_lang("zh")
    assert outcome.step == Stay() and outcome.save
    assert outcome.flow.session.lang == "zh"
    assert outcome.flow.session.answers == flow.session.answers
    assert outcome.flow.position == 3


def test_resume_continues_where_it_was_left_in_the_current_language() -> None:
    saved = answered(7).session
    outcome = Flow.resume(BANK, saved, "zh")
    assert outcome.step == Ask(7) and not outcome.save
    assert outcome.flow.recorded  # quitting now asks first
    assert outcome.flow.session.lang == "zh" and outcome.flow.session.answers == saved.answers


def test_a_saved_position_past_the_end_is_clamped() -> None:
    saved = Session.new(BANK, "en", NOW).at(N + 10)
    assert Flow.resume(BANK, saved, "en").step == Ask(N - 1)


def test_a_finished_quiz_ignores_every_move() -> None:
    """A key still in flight after the results were shown changes nothing (no second save, no second result)."""
    flow = answered(N)
    result: object = object()  # the flow keeps the result as it is; scoring is the app's business
    finished = flow.finished(result, kept=True)  # type: ignore[arg-type]
    assert not finished.recorded and finished.result_kept
    for move in (
        finished.answer(IDS[0], 1, 0.0, NOW), finished.skip(IDS[0], 0.0, NOW), finished.back(),
        finished.forward(), finished.pick(IDS[0]), finished.leave_review(), finished.finish(),
    ):
        assert move == Outcome(finished, Stay())
    assert not finished.with_lang("zh").save


def test_a_result_that_missed_history_keeps_the_quiz_recorded() -> None:
    finished = answered(N).finished(object(), kept=False)  # type: ignore[arg-type]
    assert finished.recorded and not finished.result_kept


def test_question_view_marks_the_given_answer() -> None:
    flow = answered(2).back().flow
    view = question_view(flow)
    assert (view.index, view.total, view.answered) == (1, N, 2)
    assert view.chosen == value(1) and not view.skipped and not view.reviewing


def test_welcome_view_offers_resume_only_with_a_saved_session() -> None:
    assert welcome_view(BANK, None, None).resume_answered is None
    view = welcome_view(BANK, answered(4).session, None)
    assert view.resume_answered == 4 and view.items == N
    assert [r.id for r in view.roles] == [r.id for r in BANK.roles]


@dataclass(frozen=True)
class FirstThree:
    """A stand-in for the adaptive short form: asks items 0, 2, 4 and stops early."""

    bank: Bank
    asked: tuple[int, ...] = (0, 2, 4)

    def first(self, session: Session) -> int:
        return self.asked[0]

    def after(self, session: Session, index: int) -> int | None:
        later = [n for n in self.asked if n > index]
        return later[0] if later else None

    def before(self, session: Session, index: int) -> int | None:
        earlier = [n for n in self.asked if n < index]
        return earlier[-1] if earlier else None

    def last(self, session: Session) -> int:
        return self.asked[-1]

    def missing(self, session: Session) -> tuple[str, ...]:
        return tuple(self.bank.items[n].id for n in self.asked if self.bank.items[n].id not in session.answers)


def test_another_order_plugs_in_without_changing_the_flow() -> None:
    order = FirstThree(BANK)
    outcome = Flow.start(BANK, "en", NOW, order)
    assert outcome.step == Ask(0)
    outcome = outcome.flow.answer(IDS[0], value(0), 1.0, NOW)
    assert outcome.step == Ask(2)
    assert outcome.flow.back().step == Ask(0)
    outcome = outcome.flow.skip(IDS[2], 0.0, NOW)
    assert outcome.step == Ask(4)
    outcome = outcome.flow.answer(IDS[4], value(4), 1.0, NOW)
    assert outcome.step == Review() and outcome.flow.missing() == (IDS[2],)
    assert outcome.flow.pick(IDS[2]).flow.answer(IDS[2], value(2), 1.0, NOW).step == Finish()


def test_bank_order_is_the_full_form() -> None:
    order = BankOrder(BANK)
    session = Session.new(BANK, "en", NOW)
    assert order.first(session) == 0 and order.last(session) == N - 1
    assert order.after(session, N - 1) is None and order.before(session, 0) is None
    assert order.missing(session) == tuple(IDS)


@pytest.mark.parametrize("seconds", [0.0, 2.0])
def test_timings_add_up_over_visits(seconds: float) -> None:
    flow = Flow.start(BANK, "en", NOW).flow.answer(IDS[0], 3, 2.0, NOW).flow.back().flow
    later = NOW + timedelta(minutes=1)
    again = flow.answer(IDS[0], 4, seconds, later).flow
    assert again.session.timings[IDS[0]] == pytest.approx(2.0 + seconds)
    assert again.session.updated == later
