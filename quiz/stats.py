"""Scores across sessions: pure aggregations over the stored review and exercise history.

Everything here takes an open connection, an explicit `now` (aware) and the local
timezone, and returns frozen dataclasses with `to_dict()`. Nothing reads the clock,
the environment or the terminal, so tests pass a fixed history and get known answers.

Times are stored as UTC epoch milliseconds; days are *local* calendar days in `tz`.
To stay fast on large histories (200,000 reviews), SQLite groups answers by local day
itself: the zone's UTC offset changes only at a few instants (DST), found once in Python,
so the local day is one CASE expression over those instants (see `offset_segments`).
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quiz.deck.model import Deck

DAY_MS = 86_400_000
EPOCH = date(1970, 1, 1)
DEFAULT_DESIRED_RETENTION = 0.9
"""The retention FSRS aims for unless the person set another one."""
LEECH_LAPSES = 8
"""A card that lapsed this many times is a leech."""
RETENTION_WINDOWS = (7, 30, 365)
"""Retention is reported over the last N local days (today included)."""
HEATMAP_DAYS = 365
FORECAST_DAYS = 30
RECENT_ROUNDS = 30
"""How many of the latest exercise rounds of each kind feed the sparkline."""
PARALLEL_MIN_ROWS = 50_000
"""Histories at least this long are scanned in two threads when the database is a file."""
TOP_N = 10
"""Length of the hardest-cards and most-misplaced lists."""

STATE_NAMES = {1: "learning", 2: "review", 3: "relearning"}
RATING_AGAIN = 1


# -- results --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TodayStats:
    """What happened on the local day of `now`."""

    date: str
    """The local day, ISO `YYYY-MM-DD`."""
    reviews: int
    """Answers given today (every mode: review, cram, exercise), undone ones excluded."""
    correct: int
    """Of those, answers not rated Again."""
    accuracy: float
    """correct / reviews, 0.0 when there were none."""
    time_ms: int
    """Time spent: answer times of today's reviews plus durations of today's exercise rounds."""
    exercise_rounds: int
    """Exercise rounds finished today."""


@dataclass(frozen=True, slots=True)
class StreakStats:
    """Consecutive local days with at least one review or exercise round."""

    current: int
    """Days in the streak that ends today, or yesterday when today has no study yet."""
    longest: int
    """The longest such run in the whole history."""
    studied_today: bool
    """Whether today already counts."""
    last_study_day: str | None
    """The most recent local day with study, ISO, or None."""
    study_days: int
    """Number of distinct local days with study in the whole history."""


@dataclass(frozen=True, slots=True)
class Heatmap:
    """Reviews per local day for the last year, oldest first."""

    start: str
    """Local day of counts[0], ISO."""
    end: str
    """Local day of counts[-1] (today), ISO."""
    counts: list[int]
    """counts[i] is the number of answers on start + i days (365 entries)."""
    max: int
    """Largest entry of counts."""
    total: int
    """Sum of counts."""
    active_days: int
    """Entries greater than zero."""


@dataclass(frozen=True, slots=True)
class RetentionWindow:
    """Share of review-mode answers not rated Again over the last `days` local days."""

    days: int
    answers: int
    """Review-mode answers in the window (cram and exercise answers do not count)."""
    passed: int
    """Of those, answers rated Hard, Good or Easy."""
    retention: float
    """passed / answers, 0.0 when there were none."""


@dataclass(frozen=True, slots=True)
class RetentionStats:
    desired: float
    """The retention the scheduler aims for."""
    windows: list[RetentionWindow]


@dataclass(frozen=True, slots=True)
class CardCounts:
    """Cards by state; every card is in exactly one of the five groups."""

    total: int
    new: int
    """Cards in the loaded decks with no stored state (never reviewed)."""
    learning: int
    review: int
    relearning: int
    suspended: int
    """Suspended cards, whatever their state."""


@dataclass(frozen=True, slots=True)
class Forecast:
    """Scheduled (non-suspended) cards falling due per local day, starting today."""

    start: str
    """Local day of counts[0] (today), ISO."""
    counts: list[int]
    """counts[i] is the number of cards due on start + i days; counts[0] includes overdue cards."""
    due_now: int
    """Cards due at `now` (overdue included)."""
    total: int
    """Sum of counts."""


@dataclass(frozen=True, slots=True)
class ExerciseKindStats:
    """Scores of one exercise kind. Order rounds score 0-100; the others count correct answers."""

    kind: str
    rounds: int
    best: float
    average: float
    last: float
    """Score of the latest round."""
    last_played: str
    """Local time of the latest round, ISO 8601 with offset."""
    recent: list[float]
    """Scores of up to the 30 latest rounds, oldest first (for a sparkline)."""


@dataclass(frozen=True, slots=True)
class HardCard:
    deck_id: str
    card_id: str
    text: str | None
    """The card's front (event text or prompt) when its deck is loaded, else None."""
    lapses: int
    leech: bool
    """True at LEECH_LAPSES (8) lapses or more."""


@dataclass(frozen=True, slots=True)
class MisplacedEvent:
    deck_id: str
    card_id: str
    text: str | None
    """The event's text when its deck is loaded, else None."""
    times: int
    """Rounds in which this event was put in the wrong place."""
    average_off: float
    """Mean number of positions away from its true place."""
    max_off: int


@dataclass(frozen=True, slots=True)
class Stats:
    """Every figure of the stats screen and `quiz stats --json`."""

    generated_at: str
    """`now` in local time, ISO 8601 with offset."""
    timezone: str
    """Name of the local timezone the days are counted in."""
    decks: list[str] | None
    """Deck ids the figures are restricted to, or None for all history."""
    today: TodayStats
    streak: StreakStats
    heatmap: Heatmap
    retention: RetentionStats
    cards: CardCounts
    forecast: Forecast
    exercises: list[ExerciseKindStats]
    hardest: list[HardCard]
    leeches: int
    """Cards with at least LEECH_LAPSES lapses."""
    misplaced: list[MisplacedEvent]
    totals: dict[str, int] = field(default_factory=dict)
    """All-time counts: reviews, exercise_rounds."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- time helpers ---------------------------------------------------------------------


def local_timezone() -> tzinfo:
    """The machine's timezone, DST-aware when it can be named ($TZ or /etc/localtime)."""
    import os
    from zoneinfo import ZoneInfo

    key = os.environ.get("TZ", "").lstrip(":")
    if key:
        try:
            return ZoneInfo(key)
        except Exception:  # noqa: BLE001 - not an IANA name (a POSIX rule): fall through
            pass
    try:
        with open("/etc/localtime", "rb") as fh:
            return ZoneInfo.from_file(fh, key="localtime")
    except Exception:  # noqa: BLE001 - no zone file (Windows, containers): fixed offset
        return datetime.now().astimezone().tzinfo or UTC


def tz_name(tz: tzinfo, now: datetime) -> str:
    key = getattr(tz, "key", None)
    if key and key != "localtime":
        return str(key)
    return now.astimezone(tz).tzname() or str(tz)


def _midnight_ms(day: date, tz: tzinfo) -> int:
    return int(datetime.combine(day, time(0), tzinfo=tz).timestamp() * 1000)


class _DayIndex:
    """Maps UTC epoch ms to local days by bisecting a table of local midnights."""

    def __init__(self, first: date, last: date, tz: tzinfo) -> None:
        self.first = first
        n = (last - first).days + 2
        self.edges = [_midnight_ms(first + timedelta(days=i), tz) for i in range(n)]

    def offset(self, ms: int) -> int | None:
        """Days since `first` of the local day holding ms, or None when outside the table."""
        i = bisect_right(self.edges, ms) - 1
        if i < 0 or i >= len(self.edges) - 1:
            return None
        return i


# -- aggregation ----------------------------------------------------------------------


def _deck_filter(column: str, deck_ids: Sequence[str] | None) -> tuple[str, list[str]]:
    if deck_ids is None:
        return "", []
    return f" AND {column} IN ({','.join('?' * len(deck_ids)) or 'NULL'})", list(deck_ids)


def _round_filter(deck_ids: Sequence[str] | None) -> tuple[str, list[str]]:
    """Rounds that used any of the decks (deck_ids is a JSON list)."""
    if deck_ids is None:
        return "", []
    marks = ",".join("?" * len(deck_ids)) or "NULL"
    return (
        f" AND EXISTS (SELECT 1 FROM json_each(exercise_rounds.deck_ids) j WHERE j.value IN ({marks}))",
        list(deck_ids),
    )


def _card_labels(decks: Iterable[Deck] | None) -> dict[tuple[str, str], str]:
    labels: dict[tuple[str, str], str] = {}
    for deck in decks or ():
        for card in deck.cards:
            labels[(deck.id, card.id)] = card.front()
    return labels


def compute_stats(
    conn: sqlite3.Connection,
    now: datetime,
    tz: tzinfo,
    *,
    decks: Sequence[Deck] | None = None,
    deck_ids: Sequence[str] | None = None,
    desired_retention: float = DEFAULT_DESIRED_RETENTION,
    db_path: str | None = None,
) -> Stats:
    """Every figure over the stored history, as seen at `now` in timezone `tz`.

    Args:
        conn: an open review database (see `quiz.store.connect`).
        now: the current instant (aware).
        tz: the local timezone days are counted in.
        decks: the loaded decks: they give the count of new cards and the text of cards.
            When None, card counts cover every stored state and `new` is 0.
        deck_ids: restrict every figure to these decks (None: all history).
        desired_retention: shown next to the measured retention.
        db_path: the database file behind `conn`, if it is one: a large history is then scanned
            on two connections in parallel (read only).
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    ids = list(deck_ids) if deck_ids is not None else None
    if ids is not None and decks is not None:
        wanted = set(ids)
        decks = [d for d in decks if d.id in wanted]
    now_ms = int(now.timestamp() * 1000)
    today = now.astimezone(tz).date()
    labels = _card_labels(decks)

    day_stats = _daily(conn, tz, ids, db_path)
    round_days, rounds_today, round_time_today, rounds_total = _round_days(conn, today, tz, ids)

    heat_start = today - timedelta(days=HEATMAP_DAYS - 1)
    heat = [0] * HEATMAP_DAYS
    for day, row in day_stats.items():
        i = (day - heat_start).days
        if 0 <= i < HEATMAP_DAYS:
            heat[i] = row[0]

    t = day_stats.get(today, (0, 0, 0, 0, 0))
    today_stats = TodayStats(
        date=today.isoformat(),
        reviews=t[0],
        correct=t[1],
        accuracy=_ratio(t[1], t[0]),
        time_ms=t[4] + round_time_today,
        exercise_rounds=rounds_today,
    )

    windows = []
    for days in RETENTION_WINDOWS:
        first = today - timedelta(days=days - 1)
        answers = passed = 0
        for day, row in day_stats.items():
            if first <= day <= today:
                answers += row[2]
                passed += row[3]
        windows.append(RetentionWindow(days, answers, passed, _ratio(passed, answers)))

    cards, forecast = _cards_and_forecast(conn, now_ms, today, tz, decks, ids)
    known = {(d.id, c.id) for d in decks for c in d.cards} if decks is not None else None
    hardest, leeches = _hardest(conn, ids, labels, known)

    return Stats(
        generated_at=now.astimezone(tz).isoformat(timespec="seconds"),
        timezone=tz_name(tz, now),
        decks=ids,
        today=today_stats,
        streak=streak_of(set(day_stats) | round_days, today),
        heatmap=Heatmap(
            heat_start.isoformat(),
            today.isoformat(),
            heat,
            max(heat),
            sum(heat),
            sum(1 for c in heat if c),
        ),
        retention=RetentionStats(desired_retention, windows),
        cards=cards,
        forecast=forecast,
        exercises=_exercises(conn, tz, ids),
        hardest=hardest,
        leeches=leeches,
        misplaced=_misplaced(conn, ids, labels, known),
        totals={"reviews": sum(r[0] for r in day_stats.values()), "exercise_rounds": rounds_total},
    )


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _offset_ms(ms: int, tz: tzinfo) -> int:
    offset = datetime.fromtimestamp(ms / 1000, tz).utcoffset()
    return int(offset.total_seconds() * 1000) if offset is not None else 0


def offset_segments(lo_ms: int, hi_ms: int, tz: tzinfo) -> list[tuple[int | None, int]]:
    """The UTC offsets of `tz` between two instants: [(until_ms, offset_ms), ..., (None, offset_ms)].

    Each offset holds from the previous `until_ms` (or lo_ms) up to, not including, its own
    `until_ms`. Sampled every 6 hours, each change found to the millisecond by bisection.
    """
    step = 6 * 3600 * 1000
    segments: list[tuple[int | None, int]] = []
    here, current = lo_ms, _offset_ms(lo_ms, tz)
    while here < hi_ms:
        nxt = min(here + step, hi_ms)
        off = _offset_ms(nxt, tz)
        if off != current:
            a, b = here, nxt  # offset(a) == current, offset(b) != current
            while b - a > 1:
                mid = (a + b) // 2
                if _offset_ms(mid, tz) == current:
                    a = mid
                else:
                    b = mid
            segments.append((b, current))
            current = off
        here = nxt
    segments.append((None, current))
    return segments


def _local_day_sql(conn: sqlite3.Connection, table: str, column: str, tz: tzinfo) -> tuple[str, list[int]]:
    """An SQL expression giving the local day (days since 1970-01-01) of `column`, and its parameters.

    Local wall time is UTC plus the zone's offset, which only changes at a few instants (DST), so
    a CASE over those instants lets SQLite group by local day directly.
    """
    lo, hi = conn.execute(f"SELECT min({column}), max({column}) FROM {table}").fetchone()
    if lo is None:
        return f"{column} / {DAY_MS}", []
    segments = offset_segments(int(lo), int(hi), tz)
    if len(segments) == 1:
        return f"({column} + ?) / {DAY_MS}", [segments[0][1]]
    parts, params = [], []
    for until, off in segments[:-1]:
        parts.append(f"WHEN {column} < ? THEN ({column} + ?) / {DAY_MS}")
        params += [until, off]
    params.append(segments[-1][1])
    return f"CASE {' '.join(parts)} ELSE ({column} + ?) / {DAY_MS} END", params


def _daily(
    conn: sqlite3.Connection, tz: tzinfo, ids: list[str] | None, db_path: str | None = None
) -> dict[date, tuple[int, int, int, int, int]]:
    """Per local day: (answers, not-Again answers, review-mode answers, review-mode passed, elapsed ms).

    With `db_path` and a large history, the scan is split by row id across two connections in
    two threads (SQLite runs them in parallel) and the halves are added up.
    """
    day, day_params = _local_day_sql(conn, "reviews", "reviewed_ms", tz)
    where, params = _deck_filter("deck_id", ids)
    sql = f"""SELECT {day} AS day, count(*), sum(rating > 1), sum(mode = 'review'),
                     sum(mode = 'review' AND rating > 1), total(elapsed_ms)
              FROM reviews WHERE undone = 0 AND id > ? AND id <= ?{where} GROUP BY day"""
    lo, hi = conn.execute("SELECT coalesce(min(id), 1) - 1, coalesce(max(id), 0) FROM reviews").fetchone()
    if db_path and hi - lo >= PARALLEL_MIN_ROWS:
        from concurrent.futures import ThreadPoolExecutor

        mid = (lo + hi) // 2

        def second_half() -> list[Any]:
            from pathlib import Path

            uri = Path(db_path).resolve().as_uri() + "?mode=ro"
            other = sqlite3.connect(uri, uri=True, timeout=10)
            try:
                return other.execute(sql, [*day_params, mid, hi, *params]).fetchall()
            finally:
                other.close()

        with ThreadPoolExecutor(1) as pool:
            future = pool.submit(second_half)
            rows = conn.execute(sql, [*day_params, lo, mid, *params]).fetchall()
            try:
                rows += future.result()
            except sqlite3.Error:  # could not open a second connection: do it here
                rows += conn.execute(sql, [*day_params, mid, hi, *params]).fetchall()
    else:
        rows = conn.execute(sql, [*day_params, lo, hi, *params]).fetchall()
    out: dict[date, tuple[int, ...]] = {}
    for r in rows:
        d = EPOCH + timedelta(days=r[0])
        values = tuple(int(v or 0) for v in r[1:])
        prev = out.get(d)
        out[d] = values if prev is None else tuple(a + b for a, b in zip(prev, values, strict=True))
    return out  # type: ignore[return-value]


def _round_days(
    conn: sqlite3.Connection, today: date, tz: tzinfo, ids: list[str] | None
) -> tuple[set[date], int, int, int]:
    """Local days with exercise rounds, rounds today, their duration today, rounds in all."""
    day, day_params = _local_day_sql(conn, "exercise_rounds", "finished_ms", tz)
    where, params = _round_filter(ids)
    rows = conn.execute(
        f"""SELECT {day} AS day, count(*), total(duration_ms)
            FROM exercise_rounds WHERE 1{where} GROUP BY day""",
        day_params + params,
    ).fetchall()
    days = {EPOCH + timedelta(days=r[0]): (int(r[1]), int(r[2])) for r in rows}
    t = days.get(today, (0, 0))
    return set(days), t[0], t[1], sum(v[0] for v in days.values())


def streak_of(days: Iterable[date], today: date) -> StreakStats:
    """Streaks over a set of local study days.

    The current streak ends today, or yesterday while today has no study yet (so the
    morning does not break it); any day without study before that ends it.
    """
    ordered = sorted(set(days))
    if not ordered:
        return StreakStats(0, 0, False, None, 0)
    longest = run = 1
    for prev, cur in zip(ordered, ordered[1:], strict=False):
        run = run + 1 if (cur - prev).days == 1 else 1
        longest = max(longest, run)
    present = set(ordered)
    studied_today = today in present
    day = today if studied_today else today - timedelta(days=1)
    current = 0
    while day in present:
        current += 1
        day -= timedelta(days=1)
    past = [d for d in ordered if d <= today]
    return StreakStats(
        current, longest, studied_today, past[-1].isoformat() if past else None, len(ordered)
    )


def _cards_and_forecast(
    conn: sqlite3.Connection,
    now_ms: int,
    today: date,
    tz: tzinfo,
    decks: Sequence[Deck] | None,
    ids: list[str] | None,
) -> tuple[CardCounts, Forecast]:
    where, params = _deck_filter("deck_id", ids)
    rows = conn.execute(
        f"""SELECT deck_id, card_id, state, suspended, max(due_ms, coalesce(buried_until_ms, 0))
            FROM card_state WHERE 1{where}""",
        params,
    ).fetchall()
    known: set[tuple[str, str]] | None = None
    if decks is not None:
        known = {(d.id, c.id) for d in decks for c in d.cards}
    counts = {"learning": 0, "review": 0, "relearning": 0, "suspended": 0}
    stored: set[tuple[str, str]] = set()
    index = _DayIndex(today, today + timedelta(days=FORECAST_DAYS), tz)
    forecast = [0] * FORECAST_DAYS
    due_now = 0
    horizon = index.edges[FORECAST_DAYS]
    for deck_id, card_id, state, suspended, due in rows:
        key = (deck_id, card_id)
        if known is not None and key not in known:
            continue  # a card since removed from its deck
        stored.add(key)
        if suspended:
            counts["suspended"] += 1
            continue
        counts[STATE_NAMES.get(state, "learning")] += 1
        if due <= now_ms:
            due_now += 1
        if due < horizon:
            i = index.offset(due)
            forecast[0 if i is None else i] += 1  # before today: overdue, due today
    new = len(known - stored) if known is not None else 0
    total = new + sum(counts.values())
    return (
        CardCounts(total=total, new=new, **counts),
        Forecast(today.isoformat(), forecast, due_now, sum(forecast)),
    )


def _exercises(
    conn: sqlite3.Connection, tz: tzinfo, ids: list[str] | None
) -> list[ExerciseKindStats]:
    where, params = _round_filter(ids)
    summary = conn.execute(
        f"""SELECT kind, count(*), max(score), avg(score), max(finished_ms)
            FROM exercise_rounds WHERE 1{where} GROUP BY kind ORDER BY kind""",
        params,
    ).fetchall()
    recent: dict[str, list[float]] = {}
    for kind, score in conn.execute(
        f"""SELECT kind, score FROM (
                SELECT kind, score, finished_ms, id,
                       row_number() OVER (PARTITION BY kind ORDER BY finished_ms DESC, id DESC) AS rn
                FROM exercise_rounds WHERE 1{where})
            WHERE rn <= {RECENT_ROUNDS} ORDER BY kind, finished_ms, id""",
        params,
    ):
        recent.setdefault(kind, []).append(float(score))
    out = []
    for kind, rounds, best, average, last_ms in summary:
        scores = recent.get(kind, [])
        out.append(
            ExerciseKindStats(
                kind=kind,
                rounds=rounds,
                best=float(best),
                average=round(float(average), 2),
                last=scores[-1] if scores else 0.0,
                last_played=datetime.fromtimestamp(last_ms / 1000, tz).isoformat(
                    timespec="seconds"
                ),
                recent=scores,
            )
        )
    return out


def _hardest(
    conn: sqlite3.Connection,
    ids: list[str] | None,
    labels: dict[tuple[str, str], str],
    known: set[tuple[str, str]] | None,
) -> tuple[list[HardCard], int]:
    """Cards with the most lapses, and the number of leeches; cards no longer in a loaded deck are left out."""
    where, params = _deck_filter("deck_id", ids)
    rows = conn.execute(
        f"""SELECT deck_id, card_id, lapses FROM card_state WHERE lapses > 0{where}
            ORDER BY lapses DESC, deck_id, card_id""",
        params,
    ).fetchall()
    if known is not None:
        rows = [r for r in rows if (r[0], r[1]) in known]
    leeches = sum(1 for r in rows if r[2] >= LEECH_LAPSES)
    hardest = [HardCard(d, c, labels.get((d, c)), n, n >= LEECH_LAPSES) for d, c, n in rows[:TOP_N]]
    return hardest, leeches


def _misplaced(
    conn: sqlite3.Connection,
    ids: list[str] | None,
    labels: dict[tuple[str, str], str],
    known: set[tuple[str, str]] | None,
) -> list[MisplacedEvent]:
    where, params = _deck_filter("deck_id", ids)
    rows = conn.execute(
        f"""SELECT deck_id, card_id, count(*) AS n, avg(abs(off_by)), max(abs(off_by))
            FROM misplacements WHERE 1{where} GROUP BY deck_id, card_id
            ORDER BY n DESC, avg(abs(off_by)) DESC, deck_id, card_id""",
        params,
    ).fetchall()
    if known is not None:
        rows = [r for r in rows if (r[0], r[1]) in known]
    return [
        MisplacedEvent(d, c, labels.get((d, c)), n, round(float(avg), 2), int(mx))
        for d, c, n, avg, mx in rows[:TOP_N]
    ]


# -- text -----------------------------------------------------------------------------


def format_duration(ms: int) -> str:
    minutes, seconds = divmod(round(ms / 1000), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {seconds:02d} s"
    return f"{seconds} s"


def plural(n: int, word: str, many: str | None = None) -> str:
    """`1 day`, `2 days`: the count and the word in the right number."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def format_text(stats: Stats) -> str:
    """The figures as plain text for `quiz stats`."""
    s = stats
    lines = []
    scope = ", ".join(s.decks) if s.decks is not None else "all decks"
    lines.append(f"Stats for {scope}, {s.generated_at} ({s.timezone})")
    lines.append("")
    t = s.today
    lines.append(
        f"Today ({t.date}): {plural(t.reviews, 'review')}, "
        f"{f'{t.accuracy:.0%}' if t.reviews else '-'} correct, "
        f"{format_duration(t.time_ms)} spent, {plural(t.exercise_rounds, 'exercise round')}"
    )
    st = s.streak
    lines.append(
        f"Streak: {st.current} day{'s' if st.current != 1 else ''}"
        f"{'' if st.studied_today or not st.current else ' (study today to keep it)'}; "
        f"longest {st.longest}; {plural(st.study_days, 'study day')} in all"
    )
    h = s.heatmap
    lines.append(
        f"Last year ({h.start} to {h.end}): {plural(h.total, 'review')} on {plural(h.active_days, 'day')}, "
        f"busiest day {h.max}"
    )
    lines.append("")
    lines.append(f"Retention (review answers not Again; desired {s.retention.desired:.0%}):")
    for w in s.retention.windows:
        value = f"{w.retention:.1%}" if w.answers else "-"
        lines.append(f"  last {w.days:>3} days: {value:>6}  ({w.passed}/{w.answers})")
    lines.append("")
    c = s.cards
    lines.append(
        f"Cards: {c.total} total: {c.new} new, {c.learning} learning, {c.review} review, "
        f"{c.relearning} relearning, {c.suspended} suspended"
    )
    f = s.forecast
    week = sum(f.counts[:7])
    lines.append(
        f"Due: {f.due_now} now, {f.counts[0]} today, {week} in 7 days, {f.total} in 30 days"
    )
    start = date.fromisoformat(f.start)
    busy = [(start + timedelta(days=i), n) for i, n in enumerate(f.counts) if n]
    if busy:
        lines.append(
            "  "
            + ", ".join(f"{d:%b %d}: {n}" for d, n in busy[:10])
            + (" ..." if len(busy) > 10 else "")
        )
    lines.append("")
    lines.append("Exercises:")
    if not s.exercises:
        lines.append("  none yet")
    for e in s.exercises:
        lines.append(
            f"  {e.kind:<12} {e.rounds:>5} {'round ' if e.rounds == 1 else 'rounds'}  best {e.best:g}  average {e.average:g}  "
            f"last {e.last:g}"
        )
    lines.append("")
    lines.append(
        f"Hardest cards ({s.leeches} leech{'es' if s.leeches != 1 else ''} at "
        f"{LEECH_LAPSES}+ lapses):"
    )
    if not s.hardest:
        lines.append("  none yet")
    for card in s.hardest:
        flag = " [leech]" if card.leech else ""
        lines.append(
            f"  {card.lapses:>3} lapses{flag}  {card.deck_id}/{card.card_id}"
            f"{'  ' + _short(card.text) if card.text else ''}"
        )
    lines.append("")
    lines.append("Most misplaced events:")
    if not s.misplaced:
        lines.append("  none yet")
    for m in s.misplaced:
        lines.append(
            f"  {m.times:>3} {'time, ' if m.times == 1 else 'times,'} off by {m.average_off:g} on average  "
            f"{m.deck_id}/{m.card_id}{'  ' + _short(m.text) if m.text else ''}"
        )
    return "\n".join(lines)


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# -- the command edge -------------------------------------------------------------------


def desired_retention_setting() -> float:
    """The person's desired retention from settings.json (quiz.config), else the default."""
    try:
        from quiz.config import load_settings

        value = load_settings().desired_retention
    except Exception:  # noqa: BLE001 - unreadable settings must not break stats
        return DEFAULT_DESIRED_RETENTION
    return float(value) if 0 < value < 1 else DEFAULT_DESIRED_RETENTION


def unknown_deck_ids(
    conn: sqlite3.Connection, decks: Sequence[Deck], wanted: Iterable[str]
) -> list[str]:
    """Ids in `wanted` that are neither a loaded deck nor present in the stored history."""
    loaded = {d.id for d in decks}
    missing = []
    for deck_id in wanted:
        if deck_id in loaded:
            continue
        found = conn.execute(
            """SELECT EXISTS (SELECT 1 FROM card_state WHERE deck_id = ?)
                   OR EXISTS (SELECT 1 FROM reviews WHERE deck_id = ?)
                   OR EXISTS (SELECT 1 FROM misplacements WHERE deck_id = ?)""",
            (deck_id, deck_id, deck_id),
        ).fetchone()[0]
        if not found:
            missing.append(deck_id)
    return missing


def run_stats_command(deck_ids: Sequence[str] | None, *, as_json: bool) -> int:
    """`quiz stats [--deck ID] [--json]`: print the figures; 1 for an unknown deck id."""
    import json
    import sys

    from quiz.deck.load import load_decks
    from quiz.errors import QuizError
    from quiz.paths import database_path, default_deck_dirs
    from quiz.store import connect

    decks, _problems = load_decks(default_deck_dirs())
    conn = connect(database_path())
    try:
        if deck_ids:
            missing = unknown_deck_ids(conn, decks, deck_ids)
            if missing:
                known = ", ".join(sorted(d.id for d in decks)) or "none loaded"
                raise QuizError(f"unknown deck id '{missing[0]}' (known: {known})")
        tz = local_timezone()
        stats = compute_stats(
            conn,
            datetime.now(UTC),
            tz,
            decks=decks or None,
            deck_ids=list(dict.fromkeys(deck_ids)) if deck_ids else None,
            desired_retention=desired_retention_setting(), db_path=str(database_path()),
        )
    finally:
        conn.close()
    if as_json:
        sys.stdout.write(json.dumps(stats.to_dict(), ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(format_text(stats) + "\n")
    return 0
