"""Stats figures against a hand-built history with known answers (see tests/stats_history.py)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stats_history import NOW, TZ, build_history, make_decks, ms, review

from quiz import stats as stats_mod
from quiz.cli import main
from quiz.stats import LEECH_LAPSES, Stats, compute_stats, format_text, streak_of
from quiz.store import connect


@pytest.fixture
def conn() -> sqlite3.Connection:
    c = connect(":memory:")
    build_history(c)
    return c


@pytest.fixture
def stats(conn: sqlite3.Connection) -> Stats:
    return compute_stats(conn, NOW, TZ, decks=make_decks())


@pytest.fixture
def d1_stats(conn: sqlite3.Connection) -> Stats:
    return compute_stats(conn, NOW, TZ, decks=make_decks(), deck_ids=["d1"])


# -- today and streak --------------------------------------------------------------------


def test_today(stats: Stats) -> None:
    t = stats.today
    assert t.date == "2026-06-15"
    assert (t.reviews, t.correct, t.accuracy) == (
        5,
        2,
        0.4,
    )  # cram and d2 answers count; undone do not
    assert t.time_ms == 10_000 + 20_000 + 30_000 + 5_000 + 7_000 + 40_000
    assert t.exercise_rounds == 1


def test_today_for_one_deck(d1_stats: Stats) -> None:
    t = d1_stats.today
    assert (t.reviews, t.correct, t.accuracy, t.time_ms) == (4, 2, 0.5, 65_000 + 40_000)


def test_streak_across_midnight_and_a_missed_day(stats: Stats) -> None:
    # 12th, 13th 23:50, 14th 00:10 (same UTC day as the 13th's), 15th: 4 local days.
    s = stats.streak
    assert s.current == 4
    assert s.studied_today is True
    assert s.last_study_day == "2026-06-15"
    # June 1-4 exercise rounds + June 5-10 reviews; the undone review of the 11th leaves a gap.
    assert s.longest == 10
    assert s.study_days == 18


def test_streak_counts_only_the_filtered_decks(d1_stats: Stats) -> None:
    # The June 4 round used d2 only, so d1's longest run is June 5-10.
    assert (d1_stats.streak.current, d1_stats.streak.longest) == (4, 6)


def test_streak_uses_local_days_not_utc(conn: sqlite3.Connection) -> None:
    # In UTC both late-night reviews fall on June 13: the run 12-15 would have a hole on the 14th.
    utc = compute_stats(conn, NOW, ZoneInfo("UTC"), decks=make_decks())
    # UTC days: 12th, 13th (both late reviews), 15th: the 14th is a hole, so the run is 1 day.
    assert utc.streak.current == 1


@pytest.mark.parametrize(
    ("now", "current", "studied_today"),
    [
        (
            datetime(2026, 6, 16, 8, 0, tzinfo=TZ),
            4,
            False,
        ),  # not yet studied today: yesterday's run holds
        (datetime(2026, 6, 16, 23, 59, tzinfo=TZ), 4, False),
        (datetime(2026, 6, 17, 0, 1, tzinfo=TZ), 0, False),  # a whole day missed: broken
        (datetime(2026, 6, 15, 0, 0, 1, tzinfo=TZ), 4, True),
    ],
)
def test_streak_later(
    conn: sqlite3.Connection, now: datetime, current: int, studied_today: bool
) -> None:
    s = compute_stats(conn, now, TZ, decks=make_decks()).streak
    assert (s.current, s.studied_today) == (current, studied_today)


@pytest.mark.parametrize(
    ("days", "today", "current", "longest"),
    [
        ([], date(2026, 1, 5), 0, 0),
        ([date(2026, 1, 5)], date(2026, 1, 5), 1, 1),
        ([date(2026, 1, 4)], date(2026, 1, 5), 1, 1),
        ([date(2026, 1, 3)], date(2026, 1, 5), 0, 1),
        ([date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1)], date(2026, 1, 1), 3, 3),
        (
            [date(2026, 1, 1), date(2026, 1, 2), date(2026, 1, 4), date(2026, 1, 5)],
            date(2026, 1, 5),
            2,
            2,
        ),
        ([date(2026, 2, 28), date(2026, 3, 1)], date(2026, 3, 1), 2, 2),
    ],
)
def test_streak_of(days: list[date], today: date, current: int, longest: int) -> None:
    s = streak_of(days, today)
    assert (s.current, s.longest) == (current, longest)


# -- heatmap and retention ---------------------------------------------------------------


def test_heatmap(stats: Stats) -> None:
    h = stats.heatmap
    assert (h.start, h.end, len(h.counts)) == ("2025-06-16", "2026-06-15", 365)
    by_day = {date(2025, 6, 16) + timedelta(days=i): n for i, n in enumerate(h.counts) if n}
    assert by_day == {
        **{date(2026, 6, d): 1 for d in (5, 6, 7, 8, 9, 10, 12, 13, 14)},
        date(2026, 6, 15): 5,
        date(2026, 5, 20): 1,
        date(2025, 12, 1): 1,
    }
    assert (h.max, h.total, h.active_days) == (5, 16, 12)


def test_retention_windows(stats: Stats) -> None:
    r = stats.retention
    assert r.desired == 0.9
    got = [(w.days, w.answers, w.passed, w.retention) for w in r.windows]
    assert got == [(7, 9, 6, 0.6667), (30, 14, 10, 0.7143), (365, 15, 11, 0.7333)]


def test_retention_one_deck(d1_stats: Stats) -> None:
    assert (d1_stats.retention.windows[0].answers, d1_stats.retention.windows[0].passed) == (8, 6)


def test_desired_retention_is_passed_through(conn: sqlite3.Connection) -> None:
    assert compute_stats(conn, NOW, TZ, desired_retention=0.85).retention.desired == 0.85


# -- cards and forecast ------------------------------------------------------------------


def test_card_states(stats: Stats) -> None:
    c = stats.cards
    assert (c.new, c.learning, c.review, c.relearning, c.suspended, c.total) == (4, 2, 3, 1, 1, 11)


def test_card_states_without_decks_count_every_stored_card(conn: sqlite3.Connection) -> None:
    c = compute_stats(conn, NOW, TZ).cards
    assert (c.new, c.review, c.total) == (0, 4, 8)  # 'gone' counts when no deck says otherwise


def test_card_states_one_deck(d1_stats: Stats) -> None:
    c = d1_stats.cards
    assert (c.new, c.learning, c.review, c.relearning, c.suspended) == (3, 1, 3, 1, 1)


def test_forecast(stats: Stats) -> None:
    f = stats.forecast
    assert f.start == "2026-06-15" and len(f.counts) == 30
    # today: c1 (overdue) + c2 (22:00); tomorrow: c3 (00:30 local = 22:30 UTC today) + x1; day 29: c4.
    assert {i: n for i, n in enumerate(f.counts) if n} == {0: 2, 1: 2, 29: 1}
    assert f.due_now == 1  # c1; c6 is suspended, 'gone' is not in a deck
    assert f.total == 5


# -- exercises, hardest, misplaced ---------------------------------------------------------


def test_exercises(stats: Stats) -> None:
    got = {e.kind: (e.rounds, e.best, e.average, e.last, e.recent) for e in stats.exercises}
    assert got == {
        "order": (3, 100.0, 80.0, 60.0, [80.0, 100.0, 60.0]),
        "timeline": (1, 1.0, 1.0, 1.0, [1.0]),
        "which_first": (2, 5.0, 4.0, 5.0, [3.0, 5.0]),
    }
    order = stats.exercises[0]
    assert order.last_played == "2026-06-15T09:40:00+02:00"


def test_exercises_one_deck(d1_stats: Stats) -> None:
    got = {e.kind: e.rounds for e in d1_stats.exercises}
    assert got == {"order": 3, "which_first": 1}


def test_recent_rounds_are_capped_and_ordered(conn: sqlite3.Connection) -> None:
    from quiz.store import RoundRecord, record_round

    for i in range(40):
        record_round(
            conn, RoundRecord("speed", ["d1"], [], [], [], float(i), ms(NOW) - 1000 * (40 - i))
        )
    speed = next(e for e in compute_stats(conn, NOW, TZ).exercises if e.kind == "speed")
    assert speed.recent == [float(i) for i in range(10, 40)]
    assert (speed.rounds, speed.best, speed.last) == (40, 39.0, 39.0)


def test_hardest_and_leeches(stats: Stats) -> None:
    got = [(h.deck_id, h.card_id, h.lapses, h.leech, h.text) for h in stats.hardest]
    assert got == [
        ("d1", "c1", 9, True, "Question 1"),
        ("d1", "c2", 8, True, "Question 2"),
        ("d1", "c3", 7, False, "Question 3"),
        ("d2", "x1", 3, False, "Other"),
        ("d1", "c6", 1, False, "Question 6"),
    ]
    assert stats.leeches == 2
    assert LEECH_LAPSES == 8


def test_misplaced(stats: Stats) -> None:
    got = [(m.card_id, m.times, m.average_off, m.max_off, m.text) for m in stats.misplaced]
    assert got == [
        ("e1", 2, 2.0, 2, "[b]Treaty[/b] signed"),
        ("c8", 2, 1.0, 1, "Question 8"),
        ("x2", 1, 4.0, 4, "Other 2"),
    ]


def test_totals(stats: Stats) -> None:
    assert stats.totals == {"reviews": 17, "exercise_rounds": 6}  # 18 stored, 1 undone


def test_empty_history_gives_zeros() -> None:
    s = compute_stats(connect(":memory:"), NOW, TZ)
    d = s.to_dict()
    assert d["today"]["reviews"] == 0 and d["streak"]["current"] == 0
    assert d["heatmap"]["counts"] == [0] * 365
    assert [w["retention"] for w in d["retention"]["windows"]] == [0.0, 0.0, 0.0]
    assert d["forecast"]["counts"] == [0] * 30
    assert d["exercises"] == d["hardest"] == d["misplaced"] == []
    json.dumps(d)


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError):
        compute_stats(connect(":memory:"), datetime(2026, 1, 1), TZ)


def test_to_dict_is_json_and_has_every_documented_key(stats: Stats) -> None:
    d = json.loads(json.dumps(stats.to_dict()))
    assert set(d) == {
        "generated_at",
        "timezone",
        "decks",
        "today",
        "streak",
        "heatmap",
        "retention",
        "cards",
        "forecast",
        "exercises",
        "hardest",
        "leeches",
        "misplaced",
        "totals",
    }
    assert d["generated_at"] == "2026-06-15T10:00:00+02:00" and d["timezone"] == "Europe/Berlin"


def test_format_text(stats: Stats) -> None:
    text = format_text(stats)
    assert "Today (2026-06-15): 5 reviews, 40% correct, 1 min 52 s spent" in text
    assert "Streak: 4 days; longest 10" in text
    assert "last   7 days:  66.7%  (6/9)" in text
    assert "9 lapses [leech]  d1/c1  Question 1" in text
    assert "Jun 16: 2" in text


# -- local days are right in every zone (the 15-minute buckets) -------------------------------

ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/St_Johns",
]


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    offsets=st.lists(st.integers(min_value=0, max_value=400 * 86_400_000), min_size=1, max_size=40),
)
def test_heatmap_matches_naive_local_days(zone: str, offsets: list[int]) -> None:
    tz = ZoneInfo(zone)
    now = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)  # just after a DST change in New York
    conn = connect(":memory:")
    base = ms(now) - 400 * 86_400_000
    for off in offsets:
        review(conn, datetime.fromtimestamp((base + off) / 1000, UTC), 3)
    s = compute_stats(conn, now, tz)
    start = date.fromisoformat(s.heatmap.start)
    got = {start + timedelta(days=i): n for i, n in enumerate(s.heatmap.counts) if n}
    today = now.astimezone(tz).date()
    want = Counter(
        d
        for d in (datetime.fromtimestamp((base + off) / 1000, tz).date() for off in offsets)
        if (today - d).days < 365 and d <= today
    )
    assert got == dict(want)


# -- the command ------------------------------------------------------------------------------


def test_cli_json_on_a_fresh_data_dir_prints_zeros(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--json"]) == 0
    out, err = capsys.readouterr()
    d = json.loads(out)
    assert out.count("\n") == 1
    assert d["today"]["reviews"] == 0 and d["cards"]["total"] == d["cards"]["new"]
    assert d["retention"]["desired"] == 0.9


def test_cli_unknown_deck_is_one_line_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--deck", "no-such-deck"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "no-such-deck" in err


def test_cli_reads_the_data_dir_history(capsys: pytest.CaptureFixture[str]) -> None:
    from quiz.paths import database_path

    c = connect(database_path())
    review(c, datetime.now(UTC) - timedelta(minutes=1), 3, deck="hist", card="k")
    review(c, datetime.now(UTC) - timedelta(minutes=2), 1, deck="other", card="k")
    c.close()
    assert main(["stats", "--json", "--deck", "hist"]) == 0  # known from the history alone
    d = json.loads(capsys.readouterr().out)
    assert d["decks"] == ["hist"] and d["today"]["reviews"] == 1 and d["totals"]["reviews"] == 1
    assert main(["stats"]) == 0
    assert "2 reviews, 50% correct" in capsys.readouterr().out


def test_cli_subprocess_json_and_usage_error(tmp_path: object) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "quiz", "stats", "--json"], capture_output=True, text=True
    )
    assert r.returncode == 0 and json.loads(r.stdout)["totals"] == {
        "reviews": 0,
        "exercise_rounds": 0,
    }
    r = subprocess.run(
        [sys.executable, "-m", "quiz", "stats", "--bogus"], capture_output=True, text=True
    )
    assert r.returncode == 2


def test_stats_module_does_not_import_textual() -> None:
    code = "import sys, quiz.stats, quiz.cli; print(any(m.split('.')[0] in ('textual', 'fsrs') for m in sys.modules))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "False"


def test_local_timezone_reads_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert str(stats_mod.local_timezone()) == "Asia/Tokyo"
    monkeypatch.setenv("TZ", "not/a-zone")  # not an IANA name: the zone file or a fixed offset, no error
    tz = stats_mod.local_timezone()
    assert str(tz) != "Asia/Tokyo" and datetime(2026, 1, 1, tzinfo=tz).utcoffset() is not None


def _paths(value: object, prefix: str = "") -> set[str]:
    out: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            key = f"{prefix}.{k}" if prefix else k
            out.add(key)
            out |= _paths(v, key)
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        out |= _paths(value[0], prefix + "[]")
    return out


def test_every_json_field_is_documented(stats: Stats) -> None:
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "stats.md").read_text()
    documented = set()
    for cell in re.findall(r"^\| ([^|]+) \|", doc, flags=re.M):
        documented |= set(re.findall(r"`([a-z_.\[\]]+)`", cell))
    assert _paths(stats.to_dict()) <= documented


def test_cli_reads_desired_retention_from_settings(capsys: pytest.CaptureFixture[str]) -> None:
    from quiz.config import Settings, save_settings

    save_settings(Settings(desired_retention=0.85))
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["retention"]["desired"] == 0.85


def test_offset_segments_find_dst_changes_to_the_millisecond() -> None:
    lo = ms(datetime(2026, 1, 1, tzinfo=UTC))
    hi = ms(datetime(2026, 12, 31, tzinfo=UTC))
    segs = stats_mod.offset_segments(lo, hi, ZoneInfo("Europe/Berlin"))
    assert segs == [
        (ms(datetime(2026, 3, 29, 1, 0, tzinfo=UTC)), 3_600_000),
        (ms(datetime(2026, 10, 25, 1, 0, tzinfo=UTC)), 7_200_000),
        (None, 3_600_000),
    ]
    assert stats_mod.offset_segments(lo, hi, ZoneInfo("Asia/Kolkata")) == [(None, 19_800_000)]


def test_parallel_scan_of_a_file_database_gives_the_same_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "q.sqlite3"
    c = connect(db)
    build_history(c)
    single = compute_stats(c, NOW, TZ, decks=make_decks()).to_dict()
    monkeypatch.setattr(stats_mod, "PARALLEL_MIN_ROWS", 1)
    calls: list[str] = []
    real_connect = sqlite3.connect
    monkeypatch.setattr(stats_mod.sqlite3, "connect", lambda *a, **k: calls.append(a[0]) or real_connect(*a, **k))
    parallel = compute_stats(c, NOW, TZ, decks=make_decks(), db_path=str(db)).to_dict()
    assert calls and calls[0].endswith("q.sqlite3?mode=ro")
    assert parallel == single


def test_plural_counts_read_right() -> None:
    from quiz.stats import plural

    assert plural(1, "study day") == "1 study day"
    assert plural(2, "study day") == "2 study days"
    assert plural(0, "round") == "0 rounds"


def test_text_on_a_fresh_data_dir_reads_right(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats"]) == 0
    out, _ = capsys.readouterr()
    assert "0 reviews, - correct" in out  # no "0% correct" before anything was answered
    assert "0 study days in all" in out and "0 reviews on 0 days" in out
