"""Date-ordering exercises: order them, which came first, timeline builder.

Pure Python (no Textual): selecting events, scoring answers, building the record to store.
"""

from quiz.exercises.feedback import build_record, due_sooner, save_round
from quiz.exercises.ordering import (
    DEFAULT_N,
    MAX_N,
    MIN_N,
    OrderResult,
    OrderRound,
    allowed_span,
    grade_order,
    new_order_round,
    offsets,
    order_score,
    pairs_in_order,
)
from quiz.exercises.select import (
    MENU_DIFFICULTIES,
    Difficulty,
    EventItem,
    NotEnoughEvents,
    Selection,
    chronological,
    definitely_before,
    distinct_count,
    event_pool,
    fits,
    gap_days,
    in_order,
    select_events,
    shuffled,
)
from quiz.exercises.timeline import LIVES, Placement, TimelineGame, allowed_gaps
from quiz.exercises.which_first import Answer, Pair, WhichFirstRun, judge

__all__ = [
    "DEFAULT_N", "LIVES", "MAX_N", "MENU_DIFFICULTIES", "MIN_N",
    "Answer", "Difficulty", "EventItem", "NotEnoughEvents", "OrderResult", "OrderRound", "Pair",
    "Placement", "Selection", "TimelineGame", "WhichFirstRun",
    "allowed_gaps", "allowed_span", "build_record", "chronological", "definitely_before",
    "distinct_count", "due_sooner", "event_pool", "fits", "gap_days", "grade_order", "in_order",
    "judge", "new_order_round", "offsets", "order_score", "pairs_in_order", "save_round",
    "select_events", "shuffled",
]
