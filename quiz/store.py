"""The review database: SQLite in the data dir, WAL, one short transaction per answer.

The review log is append-only and is the source of truth; `card_state` is the
latest FSRS state per card (it can be rebuilt by replaying the log). Times are
stored as UTC epoch milliseconds. The schema is versioned with
`PRAGMA user_version` and migrated forward, never dropped.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from quiz.errors import QuizError

BUSY_TIMEOUT_MS = 10_000

# Each entry migrates from version i to i+1. Append; never edit a released one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE card_state (
        deck_id      TEXT NOT NULL,
        card_id      TEXT NOT NULL,              -- unique within its deck
        fsrs         TEXT NOT NULL,              -- JSON of fsrs.Card.to_dict()
        state        INTEGER NOT NULL,           -- fsrs.State: 1 learning, 2 review, 3 relearning
        due_ms       INTEGER NOT NULL,           -- UTC epoch ms
        reps         INTEGER NOT NULL DEFAULT 0,
        lapses       INTEGER NOT NULL DEFAULT 0,
        suspended    INTEGER NOT NULL DEFAULT 0,
        buried_until_ms INTEGER,
        updated_ms   INTEGER NOT NULL,
        PRIMARY KEY (deck_id, card_id)
    );
    CREATE INDEX card_state_due ON card_state(due_ms);

    CREATE TABLE reviews (
        id              INTEGER PRIMARY KEY,
        card_id         TEXT NOT NULL,
        deck_id         TEXT NOT NULL,
        reviewed_ms     INTEGER NOT NULL,        -- UTC epoch ms
        rating          INTEGER NOT NULL,        -- 1 Again, 2 Hard, 3 Good, 4 Easy
        mode            TEXT NOT NULL DEFAULT 'review',  -- review | cram | exercise
        direction       TEXT,                    -- how the card was asked (forward, reverse, when, what)
        answer_mode     TEXT,                    -- reveal | typed | choice
        typed_answer    TEXT,
        suggested_rating INTEGER,                -- what the grader proposed
        overridden      INTEGER NOT NULL DEFAULT 0,  -- 1 when the person overrode the suggestion
        elapsed_ms      INTEGER,
        state_before    TEXT,                    -- JSON card_state row before, NULL for a new card
        state_after     TEXT,                    -- JSON card_state row after
        undone          INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX reviews_time ON reviews(reviewed_ms);
    CREATE INDEX reviews_card ON reviews(deck_id, card_id);

    CREATE TABLE exercise_rounds (
        id           INTEGER PRIMARY KEY,
        kind         TEXT NOT NULL,              -- order | which_first | timeline
        deck_ids     TEXT NOT NULL,              -- JSON list
        difficulty   TEXT,
        shown        TEXT NOT NULL,              -- JSON list of card ids in the order shown
        truth        TEXT NOT NULL,              -- JSON list of card ids in true order
        answer       TEXT NOT NULL,              -- JSON: the person's answer
        score        REAL NOT NULL,              -- 0-100 for order, count for the others
        detail       TEXT,                       -- JSON, exercise specific
        duration_ms  INTEGER,
        finished_ms  INTEGER NOT NULL            -- UTC epoch ms
    );
    CREATE INDEX exercise_rounds_time ON exercise_rounds(finished_ms);

    CREATE TABLE misplacements (
        round_id   INTEGER NOT NULL REFERENCES exercise_rounds(id),
        card_id    TEXT NOT NULL,
        deck_id    TEXT NOT NULL,
        off_by     INTEGER NOT NULL              -- positions away from the true place
    );
    CREATE INDEX misplacements_card ON misplacements(deck_id, card_id);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def now_ms(now: datetime | None = None) -> int:
    now = now or datetime.now(UTC)
    return int(now.timestamp() * 1000)


def from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def connect(path: Path | str | None = None) -> sqlite3.Connection:
    """Open (creating and migrating) the review database. `:memory:` for tests.

    Raises QuizError with a readable message when the file cannot be opened.
    """
    if path is None:
        from quiz.paths import database_path

        path = database_path()
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if str(path) != ":memory:":
            _retry_busy(lambda: conn.execute("PRAGMA journal_mode = WAL"))
        # WAL + NORMAL: a committed answer survives a killed process; only power loss can drop
        # the last few, and the database is never corrupted by it.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        _retry_busy(lambda: migrate(conn))
    except sqlite3.DatabaseError as exc:
        raise QuizError(f"cannot open the review database {path}: {exc}", title="Database error") from None
    return conn


def _retry_busy(action: Callable[[], object], seconds: float = BUSY_TIMEOUT_MS / 1000) -> None:
    """Run `action`, retrying while another process holds the lock.

    Switching a new database to WAL needs an exclusive lock and SQLite does not always wait
    for it through busy_timeout (two processes creating the database at once).
    """
    deadline = time.monotonic() + seconds
    while True:
        try:
            action()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _rollback(conn: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open (SQLite ends some itself, e.g. on a full disk)."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema to SCHEMA_VERSION, one migration per transaction."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise QuizError(
            f"the review database was written by a newer quiz (schema {version}, this one knows {SCHEMA_VERSION}); upgrade quiz",
            title="Database error",
        )
    while version < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the lock: another process may have migrated meanwhile.
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            if current == version:
                for statement in MIGRATIONS[version].split(";\n"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise
        version = conn.execute("PRAGMA user_version").fetchone()[0]


# -- card state and reviews ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CardStateRow:
    """The stored scheduling state of one card."""

    card_id: str
    deck_id: str
    fsrs: dict[str, Any]
    """fsrs.Card.to_dict()."""
    state: int
    due_ms: int
    reps: int
    lapses: int
    suspended: bool
    buried_until_ms: int | None
    updated_ms: int

    def to_json(self) -> str:
        return json.dumps({
            "card_id": self.card_id, "deck_id": self.deck_id, "fsrs": self.fsrs, "state": self.state,
            "due_ms": self.due_ms, "reps": self.reps, "lapses": self.lapses,
            "suspended": self.suspended, "buried_until_ms": self.buried_until_ms,
            "updated_ms": self.updated_ms,
        }, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> CardStateRow:
        d = json.loads(text)
        return cls(**d)

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> CardStateRow:
        return cls(row["card_id"], row["deck_id"], json.loads(row["fsrs"]), row["state"], row["due_ms"],
                   row["reps"], row["lapses"], bool(row["suspended"]), row["buried_until_ms"],
                   row["updated_ms"])


def load_states(
    conn: sqlite3.Connection, deck_ids: Iterable[str] | None = None
) -> dict[tuple[str, str], CardStateRow]:
    """Stored states keyed by (deck_id, card_id): all, or those of the given decks."""
    if deck_ids is None:
        rows = conn.execute("SELECT * FROM card_state").fetchall()
    else:
        ids = list(deck_ids)
        rows = conn.execute(
            f"SELECT * FROM card_state WHERE deck_id IN ({','.join('?' * len(ids))})", ids
        ).fetchall() if ids else []
    return {(r["deck_id"], r["card_id"]): CardStateRow.from_row(r) for r in rows}


def _upsert_state(conn: sqlite3.Connection, s: CardStateRow) -> None:
    conn.execute(
        """INSERT INTO card_state (card_id, deck_id, fsrs, state, due_ms, reps, lapses, suspended,
                                   buried_until_ms, updated_ms)
           VALUES (?,?,?,?,?,?,?,?,?,?)
           ON CONFLICT(deck_id, card_id) DO UPDATE SET fsrs=excluded.fsrs,
             state=excluded.state, due_ms=excluded.due_ms, reps=excluded.reps, lapses=excluded.lapses,
             suspended=excluded.suspended, buried_until_ms=excluded.buried_until_ms,
             updated_ms=excluded.updated_ms""",
        (s.card_id, s.deck_id, json.dumps(s.fsrs, sort_keys=True), s.state, s.due_ms, s.reps, s.lapses,
         int(s.suspended), s.buried_until_ms, s.updated_ms),
    )


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """One answer to store."""

    card_id: str
    deck_id: str
    reviewed_ms: int
    rating: int
    mode: str = "review"
    direction: str | None = None
    answer_mode: str | None = None
    typed_answer: str | None = None
    suggested_rating: int | None = None
    overridden: bool = False
    elapsed_ms: int | None = None


def record_review(
    conn: sqlite3.Connection,
    review: ReviewRecord,
    before: CardStateRow | None,
    after: CardStateRow | None,
) -> int:
    """Append the review and (unless `after` is None, as in cram) store the new state, in ONE transaction.

    Returns the review's row id. When this returns, the answer is on disk.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        cur = conn.execute(
            """INSERT INTO reviews (card_id, deck_id, reviewed_ms, rating, mode, direction, answer_mode,
                   typed_answer, suggested_rating, overridden, elapsed_ms, state_before, state_after)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (review.card_id, review.deck_id, review.reviewed_ms, review.rating, review.mode,
             review.direction, review.answer_mode, review.typed_answer, review.suggested_rating,
             int(review.overridden), review.elapsed_ms,
             before.to_json() if before else None, after.to_json() if after else None),
        )
        if after is not None:
            _upsert_state(conn, after)
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise
    return int(cur.lastrowid or 0)


def undo_review(conn: sqlite3.Connection, review_id: int) -> CardStateRow | None:
    """Mark a review undone and restore the card's state from before it, in one transaction.

    Returns the restored state (None when the card was new before that review).
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute(
            "SELECT deck_id, card_id, state_before, state_after, undone FROM reviews WHERE id = ?",
            (review_id,),
        ).fetchone()
        if row is None or row["undone"]:
            conn.execute("ROLLBACK")
            return None
        conn.execute("UPDATE reviews SET undone = 1 WHERE id = ?", (review_id,))
        restored = CardStateRow.from_json(row["state_before"]) if row["state_before"] else None
        if row["state_after"] is not None:  # cram reviews never touched the state
            if restored is None:
                conn.execute("DELETE FROM card_state WHERE deck_id = ? AND card_id = ?",
                             (row["deck_id"], row["card_id"]))
            else:
                _upsert_state(conn, restored)
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise
    return restored


def set_flags(conn: sqlite3.Connection, state: CardStateRow) -> None:
    """Store a state change that is not a review (suspend, bury, exercise feedback)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        _upsert_state(conn, state)
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise


# -- exercises ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoundRecord:
    """One finished exercise round."""

    kind: str
    deck_ids: Sequence[str]
    shown: Sequence[str]
    truth: Sequence[str]
    answer: Any
    score: float
    finished_ms: int
    difficulty: str | None = None
    detail: Any = None
    duration_ms: int | None = None
    misplaced: Sequence[tuple[str, str, int]] = ()
    """(card_id, deck_id, positions off) for each event the person got wrong."""


def record_round(conn: sqlite3.Connection, rnd: RoundRecord,
                 states: Sequence[CardStateRow] = ()) -> int:
    """Store a finished round, its misplaced events and any state changes, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        cur = conn.execute(
            """INSERT INTO exercise_rounds (kind, deck_ids, difficulty, shown, truth, answer, score,
                   detail, duration_ms, finished_ms) VALUES (?,?,?,?,?,?,?,?,?,?)""",
            (rnd.kind, json.dumps(list(rnd.deck_ids)), rnd.difficulty, json.dumps(list(rnd.shown)),
             json.dumps(list(rnd.truth)), json.dumps(rnd.answer), float(rnd.score),
             json.dumps(rnd.detail) if rnd.detail is not None else None, rnd.duration_ms,
             rnd.finished_ms),
        )
        round_id = int(cur.lastrowid or 0)
        conn.executemany(
            "INSERT INTO misplacements (round_id, card_id, deck_id, off_by) VALUES (?,?,?,?)",
            [(round_id, c, d, off) for c, d, off in rnd.misplaced],
        )
        for s in states:
            _upsert_state(conn, s)
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise
    return round_id
