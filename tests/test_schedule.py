from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from quiz.schedule import LEARNING, REVIEW, Rating, Scheduler, format_interval

NOW = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def sched() -> Scheduler:
    return Scheduler(enable_fuzzing=False)


def test_new_state_is_learning_and_due_now(sched: Scheduler) -> None:
    s = sched.new_state("d", "c", NOW)
    assert (s.deck_id, s.card_id, s.state, s.reps) == ("d", "c", LEARNING, 0)
    assert s.due_ms == int(NOW.timestamp() * 1000)


def test_review_returns_new_state_and_leaves_argument_alone(sched: Scheduler) -> None:
    s = sched.new_state("d", "c", NOW)
    before = s.to_json()
    after, log = sched.review(s, Rating.GOOD, NOW)
    assert s.to_json() == before
    assert after.reps == 1 and after.due_ms > s.due_ms
    assert log["rating"] == 3


def test_easy_goes_to_review_with_days(sched: Scheduler) -> None:
    after, _ = sched.review(sched.new_state("d", "c", NOW), Rating.EASY, NOW)
    assert after.state == REVIEW
    assert after.due_ms - after.updated_ms >= 24 * 3600 * 1000


def test_lapse_counted_when_review_card_forgotten(sched: Scheduler) -> None:
    s, _ = sched.review(sched.new_state("d", "c", NOW), Rating.EASY, NOW)
    later = NOW + timedelta(days=30)
    s2, _ = sched.review(s, Rating.AGAIN, later)
    assert s2.lapses == 1 and s2.state != REVIEW


def test_preview_orders_intervals(sched: Scheduler) -> None:
    p = sched.preview(sched.new_state("d", "c", NOW), NOW)
    assert list(p) == [Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY]
    assert p[Rating.AGAIN] <= p[Rating.HARD] <= p[Rating.GOOD] < p[Rating.EASY]
    assert format_interval(p[Rating.AGAIN]) == "1m"
    assert format_interval(p[Rating.GOOD]) == "10m"


def test_higher_retention_gives_shorter_intervals() -> None:
    lo, hi = Scheduler(0.8, enable_fuzzing=False), Scheduler(0.97, enable_fuzzing=False)
    s = lo.new_state("d", "c", NOW)
    assert lo.preview(s, NOW)[Rating.EASY] > hi.preview(s, NOW)[Rating.EASY]


def test_retention_out_of_range_rejected() -> None:
    with pytest.raises(ValueError):
        Scheduler(1.5)


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(seconds=5), "<1m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=5), "5h"),
        (timedelta(days=3), "3d"),
        (timedelta(days=61), "2mo"),
        (timedelta(days=365), "1y"),
        (timedelta(days=548), "1.5y"),
    ],
)
def test_format_interval(delta: timedelta, text: str) -> None:
    assert format_interval(delta) == text
