from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quiz import store
from quiz.deck.load import load_deck
from quiz.deck.model import Deck
from quiz.schedule import Rating, Scheduler
from quiz.session import AnswerKind, Direction, Mode, Session, deck_counts, missed_today

DATA = Path(__file__).parent / "data"
NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def deck() -> Deck:
    return load_deck(DATA / "study_history.yaml", use_cache=False)


@pytest.fixture
def small() -> Deck:
    return load_deck(DATA / "study_small.yaml", use_cache=False)


@pytest.fixture
def conn():  # type: ignore[no-untyped-def]
    c = store.connect(":memory:")
    yield c
    c.close()


def make(conn, decks, **kw) -> Session:  # type: ignore[no-untyped-def]
    kw.setdefault("seed", 1)
    return Session(conn, decks, NOW, scheduler=Scheduler(enable_fuzzing=False), **kw)


def reviews(conn) -> list:  # type: ignore[no-untyped-def]
    return conn.execute("SELECT * FROM reviews ORDER BY id").fetchall()


def test_new_session_asks_every_new_card_once(conn, deck) -> None:  # type: ignore[no-untyped-def]
    s = make(conn, [deck])
    seen = []
    while not s.done:
        seen.append(s.current.card.id)
        s.answer(Rating.EASY, NOW)
    assert sorted(seen) == sorted(c.id for c in deck.cards)
    assert len(reviews(conn)) == len(deck.cards)


def test_answer_is_committed_before_it_returns(conn, deck, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "db.sqlite3"
    c = store.connect(path)
    s = make(c, [deck])
    first = s.current
    s.answer(Rating.GOOD, NOW, typed="feb 2007", answer_mode="typed")
    # A different connection (another process could do the same) sees it at once.
    other = store.connect(path)
    rows = other.execute(
        "SELECT card_id, rating, typed_answer, state_after FROM reviews"
    ).fetchall()
    assert [(r[0], r[1], r[2]) for r in rows] == [(first.card.id, 3, "feb 2007")]
    assert rows[0][3] is not None
    assert store.load_states(other)[("study-history", first.card.id)].reps == 1


def test_new_per_day_limit_counts_cards_introduced_today(conn, deck) -> None:  # type: ignore[no-untyped-def]
    s = make(conn, [deck], new_per_day=2)
    assert s.remaining == 1  # current + 1
    s.answer(Rating.EASY, NOW)
    s.answer(Rating.EASY, NOW)
    assert s.done
    again = make(conn, [deck], new_per_day=2)
    assert again.done  # the day's budget is spent
    tomorrow = Session(conn, [deck], NOW + timedelta(days=1), new_per_day=2, seed=1)
    assert not tomorrow.done


def test_again_comes_back_in_the_same_session(conn, small) -> None:  # type: ignore[no-untyped-def]
    s = make(conn, [small])
    first = s.current.card.id
    s.answer(Rating.AGAIN, NOW)
    asked = []
    while not s.done:
        asked.append(s.current.card.id)
        s.answer(Rating.EASY, NOW + timedelta(minutes=2))
    assert asked.count(first) == 1 and len(asked) == 3


def test_due_reviews_come_before_untouched_ones_and_counts(conn, small) -> None:  # type: ignore[no-untyped-def]
    s = make(conn, [small])
    while not s.done:
        s.answer(Rating.EASY, NOW)
    counts = deck_counts(conn, [small], NOW)["study-small"]
    assert (counts.new, counts.learning, counts.due, counts.total) == (0, 0, 0, 3)
    later = NOW + timedelta(days=60)
    assert deck_counts(conn, [small], later)["study-small"].due == 3
    s2 = make(conn, [small])
    assert s2.done  # nothing due yet
    s3 = Session(conn, [small], later, scheduler=Scheduler(enable_fuzzing=False), seed=1)
    assert s3.remaining + 1 == 3


def test_new_cards_are_interleaved_with_reviews(conn, small, deck) -> None:  # type: ignore[no-untyped-def]
    s = make(conn, [small])
    while not s.done:
        s.answer(Rating.EASY, NOW)
    later = NOW + timedelta(days=60)
    s2 = Session(conn, [small, deck], later, scheduler=Scheduler(enable_fuzzing=False), seed=1)
    order = []
    while not s2.done:
        order.append(s2.current.deck.id)
        s2.answer(Rating.EASY, later)
    # small's three due cards are not all asked before the first new card
    assert order.index("study-history") < 3


def test_undo_restores_state_and_asks_again(conn, small) -> None:  # type: ignore[no-untyped-def]
    s = make(conn, [small])
    q1 = s.current
    s.answer(Rating.EASY, NOW)
    q2 = s.current
    assert store.load_states(conn)[q1.key].reps == 1
    back = s.undo()
    assert back == q1 and s.current == q1
    assert q1.key not in store.load_states(conn)
    assert reviews(conn)[0]["undone"] == 1
    assert s.studied == 0
    s.answer(Rating.GOOD, NOW)
    assert s.current == q2
    assert s.undo() is not None and s.undo() is None


def test_undo_twice_goes_back_two_cards(conn, small) -> None:  # type: ignore[no-untyped-def]
    s = make(conn, [small])
    q1 = s.current
    s.answer(Rating.AGAIN, NOW)
    q2 = s.current
    s.answer(Rating.EASY, NOW)
    assert s.undo() == q2
    assert s.undo() == q1
    assert s.remaining == 2
    seen = []
    while not s.done:
        seen.append(s.current.key)
        s.answer(Rating.EASY, NOW)
    assert sorted(seen) == sorted([q1.key, q2.key, (small.id, "qa-3")]) or len(seen) == 3


def test_cram_leaves_schedule_alone_and_repeats_misses(conn, small) -> None:  # type: ignore[no-untyped-def]
    s = make(conn, [small], mode=Mode.CRAM)
    first = s.current.key
    out = s.answer(Rating.AGAIN, NOW)
    assert out.state_after is None
    n = 1
    while not s.done:
        s.answer(Rating.GOOD, NOW)
        n += 1
    assert n == 4
    assert store.load_states(conn) == {}
    rows = reviews(conn)
    assert {r["mode"] for r in rows} == {"cram"} and all(r["state_after"] is None for r in rows)
    assert missed_today(conn, NOW) == {first}


def test_retake_misses_only(conn, small) -> None:  # type: ignore[no-untyped-def]
    s = make(conn, [small])
    miss = s.current.key
    s.answer(Rating.AGAIN, NOW)
    cram = make(conn, [small], mode="cram", only=missed_today(conn, NOW))
    assert cram.current.key == miss and cram.remaining == 0


def test_suspend_and_bury(conn, small) -> None:  # type: ignore[no-untyped-def]
    s = make(conn, [small])
    a = s.current.key
    s.suspend(NOW)
    b = s.current.key
    s.bury(NOW)
    states = store.load_states(conn)
    assert states[a].suspended and states[b].buried_until_ms > store.now_ms(NOW)
    assert deck_counts(conn, [small], NOW)["study-small"].new == 1
    s2 = make(conn, [small])
    assert s2.current.key not in (a, b) and s2.remaining == 0
    assert deck_counts(conn, [small], NOW + timedelta(days=2))["study-small"].new == 2


def test_directions(conn, deck) -> None:  # type: ignore[no-untyped-def]
    seen = set()
    for seed in range(12):
        s = Session(conn, [deck], NOW, seed=seed)
        while not s.done:
            q = s.current
            seen.add((q.card.id, q.direction))
            if q.direction is Direction.WHEN:
                assert (
                    q.ask == "When did this happen?"
                    and q.prompt == q.card.text
                    and q.kind is AnswerKind.DATE
                )
            if q.direction is Direction.WHAT:
                assert (
                    q.ask.startswith("What happened ")
                    and q.card.date.human() in q.ask
                    and q.answer == q.card.text
                )
            if q.direction is Direction.REVERSE:
                assert q.prompt == q.card.reverse and q.answer == q.card.reverse_answer
            s._advance(NOW)  # look at every card without answering
    assert ("ev-1", Direction.WHAT) in seen and ("ev-1", Direction.WHEN) in seen
    assert ("fa-1", Direction.REVERSE) in seen and ("fa-1", Direction.FORWARD) in seen
    assert ("fa-2", Direction.REVERSE) not in seen


def test_grade_through_session(conn, deck) -> None:  # type: ignore[no-untyped-def]
    s = make(conn, [deck])
    while s.current.card.id != "fa-2" or s.current.direction is not Direction.FORWARD:
        s._advance(NOW) if not s.done else pytest.fail("fa-2 never asked")
        if s.done:
            s = Session(conn, [deck], NOW, seed=7)
    assert s.grade("kim jong il").rating is Rating.GOOD
    v = s.grade("Lavrov")
    assert v.rating is Rating.AGAIN
    out = s.answer(Rating.GOOD, NOW, typed="Lavrov", verdict=v, answer_mode="typed")
    row = reviews(conn)[-1]
    assert (row["suggested_rating"], row["rating"], row["overridden"]) == (1, 3, 1)
    assert out.verdict is v


def test_choices_same_type_and_never_same_set_twice(conn, deck) -> None:  # type: ignore[no-untyped-def]
    s = make(conn, [deck])
    while s.current.direction is not Direction.WHEN:
        s._advance(NOW)
    q = s.current
    opts, right = s.choices()
    assert opts[right] == q.answer and len(set(opts)) == 4
    assert s.choices() == (opts, right)  # stable while the card is shown
    assert s.choose(right).rating is Rating.GOOD
    assert s.choose((right + 1) % 4).rating is Rating.AGAIN
    sets = [frozenset(opts)]
    for _ in range(6):
        s._choices = None  # ask the same card again
        o, r = s.choices()
        assert o[r] == q.answer
        sets.append(frozenset(o))
    assert all(a != b for a, b in zip(sets, sets[1:], strict=False))


def test_choices_for_names_prefer_names(conn, deck) -> None:  # type: ignore[no-untyped-def]
    s = make(conn, [deck])
    while not (s.current.card.id == "fa-2"):
        s._advance(NOW)
        if s.done:
            pytest.fail("fa-2 not asked")
    opts, right = s.choices(n=3)
    assert opts[right] == "Kim Jong-il"
    assert "Sergei Lavrov" in opts  # the only other person's name


def test_summary(conn, small) -> None:  # type: ignore[no-untyped-def]
    s = make(conn, [small])
    s.answer(Rating.AGAIN, NOW)
    s.answer(Rating.GOOD, NOW)
    sm = s.summary(NOW + timedelta(minutes=3))
    assert (sm.studied, sm.correct, sm.elapsed) == (2, 1, timedelta(minutes=3))
    assert sm.accuracy == 0.5 and sm.next_due_ms == store.now_ms(NOW + timedelta(minutes=1))


def test_history_follows_card_ids_when_deck_changes(conn, small, tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = make(conn, [small])
    while not s.done:
        s.answer(Rating.EASY, NOW)
    text = (DATA / "study_small.yaml").read_text().replace('answer: "Tokyo"', 'answer: "Tōkyō"')
    text = text.replace(
        '  - id: qa-3\n    kind: qa\n    prompt: "Capital of Peru?"\n    answer: "Lima"\n', ""
    )
    (tmp_path / "d.yaml").write_text(text)
    changed = load_deck(tmp_path / "d.yaml", use_cache=False)
    assert deck_counts(conn, [changed], NOW)["study-small"].new == 0
    assert len(store.load_states(conn)) == 3  # qa-3 keeps its history


def test_core_does_not_import_textual() -> None:
    code = (
        "import sys, quiz.session, quiz.grade, quiz.schedule, quiz.config; "
        "print(any(m.startswith('textual') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_two_processes_sharing_a_database_lose_nothing(small, deck, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "shared.sqlite3"
    a = Session(store.connect(path), [small], NOW, seed=1)
    b = Session(store.connect(path), [deck], NOW, seed=2)
    n = 0
    while not (a.done and b.done):
        for s in (a, b):
            if not s.done:
                s.answer(Rating.EASY, NOW)
                n += 1
    check = store.connect(path)
    assert check.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == n == 9
    assert len(store.load_states(check)) == 9


def test_settings_round_trip_and_bad_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from quiz.config import Settings, load_settings, save_settings

    path = tmp_path / "settings.json"
    save_settings(Settings(desired_retention=0.85, new_per_day=5, typed_answers=False), path)
    assert load_settings(path) == Settings(0.85, 5, False)
    path.write_text('{"desired_retention": 7, "new_per_day": "many"}')
    assert load_settings(path) == Settings()
    path.write_text("not json")
    assert load_settings(path) == Settings()


def test_fact_with_a_date_answer_is_graded_as_a_date(conn, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "d.yaml").write_text(
        "format: 1\ndeck: {id: dd, title: D}\ncards:\n"
        '  - {id: f1, kind: fact, prompt: "When did X resign?", answer: "April 2009"}\n'
        '  - {id: e1, kind: event, date: "2006-10-18", end: "2006-10-19", text: "A two-day thing"}\n'
        '  - {id: e2, kind: event, date: "2006-10-18", text: "Same day, so never asked as what"}\n'
    )
    d = load_deck(tmp_path / "d.yaml", use_cache=False)
    s = make(conn, [d])
    seen = {}
    while not s.done:
        seen[s.current.card.id] = s.current
        if s.current.card.id == "f1":
            assert s.current.kind is AnswerKind.DATE
            assert s.grade("apr 2009").rating is Rating.GOOD
            assert "1 month off" in s.grade("may 2009").message
        opts, right = s.choices()
        if s.current.kind is AnswerKind.DATE:
            # the right option looks like the others: no range, same short form
            assert " - " not in opts[right] and len({len(o.split()) for o in opts}) == 1
        s._advance(NOW)
    assert set(seen) == {"f1", "e1", "e2"}


def test_what_happened_only_when_the_date_picks_the_event_out(conn) -> None:  # type: ignore[no-untyped-def]
    from quiz.dates import PartialDate
    from quiz.deck.model import Card, CardKind, Deck

    cards = (
        Card(id="y", kind=CardKind.EVENT, text="An atomic test", date=PartialDate(2006)),
        Card(id="d", kind=CardKind.EVENT, text="A test announced", date=PartialDate(2006, 10, 9)),
        Card(id="m", kind=CardKind.EVENT, text="Talks resume", date=PartialDate(2007, 2)),
    )
    deck = Deck(id="amb", title="Ambiguous", cards=cards)
    asked = set()
    for seed in range(16):
        s = Session(conn, [deck], NOW, seed=seed)
        while not s.done:
            asked.add((s.current.card.id, s.current.direction))
            s._advance(NOW)
    assert ("y", Direction.WHAT) not in asked and ("d", Direction.WHAT) not in asked  # 2006 ~ 2006-10-09
    assert ("m", Direction.WHAT) in asked
