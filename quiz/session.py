"""A study session: which card comes next, how it is asked, and recording each answer.

Plain Python over `store` and `schedule`; the TUI renders what it returns.
Every `answer` is committed to the database before it returns, so whatever
happens to the process afterwards, the review is kept.
"""

from __future__ import annotations

import random
import re
import sqlite3
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from quiz import store
from quiz.dates import PartialDate, Precision, indistinguishable, parse_user_date
from quiz.deck.model import Card, CardKind, Deck
from quiz.grade import Verdict, grade_date, grade_text, normalize
from quiz.schedule import LEARNING, RELEARNING, REVIEW, Rating, Scheduler, format_interval
from quiz.store import CardStateRow, ReviewRecord, now_ms

Key = tuple[str, str]
"""(deck_id, card_id): how cards are keyed in the store."""

LEARN_AHEAD = timedelta(minutes=20)
"""Learning steps due within this window come back in the same session."""


class Direction(StrEnum):
    FORWARD = "forward"
    """Fact / qa: the prompt as written."""
    REVERSE = "reverse"
    """Fact: the deck's reverse prompt."""
    WHEN = "when"
    """Event: given what happened, say when."""
    WHAT = "what"
    """Event: given when, say what happened."""


class AnswerKind(StrEnum):
    DATE = "date"
    """A typed answer is read as a date."""
    TEXT = "text"
    """A typed answer is matched as a name or short text."""
    SELF = "self"
    """Too long to type: reveal and grade yourself."""


class Mode(StrEnum):
    REVIEW = "review"
    """Scheduled study: answers move cards through FSRS."""
    CRAM = "cram"
    """Practice: answers are logged (mode 'cram') but schedules are untouched."""


@dataclass(frozen=True, slots=True)
class Question:
    """One card asked one way."""

    deck: Deck
    card: Card
    direction: Direction
    ask: str
    """The question line (built by quiz, safe to style)."""
    prompt: str
    """Text from the deck shown under `ask` (never markup); may be empty."""
    answer: str
    """The answer shown on the back."""
    kind: AnswerKind
    date: PartialDate | None = None
    accepted: tuple[str, ...] = ()

    @property
    def key(self) -> Key:
        return (self.deck.id, self.card.id)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What `Session.answer` recorded."""

    review_id: int
    question: Question
    rating: Rating
    verdict: Verdict | None
    state_after: CardStateRow | None
    """None in cram mode: the schedule was not touched."""

    @property
    def next_due(self) -> str | None:
        if self.state_after is None:
            return None
        return format_interval(
            store.from_ms(self.state_after.due_ms) - store.from_ms(self.state_after.updated_ms)
        )


@dataclass(frozen=True, slots=True)
class Summary:
    """End-of-session figures."""

    studied: int
    correct: int
    elapsed: timedelta
    next_due_ms: int | None
    mode: Mode

    @property
    def accuracy(self) -> float | None:
        """Share of answers not rated Again (None when nothing was studied)."""
        return self.correct / self.studied if self.studied else None


@dataclass(frozen=True, slots=True)
class DeckCounts:
    new: int
    learning: int
    due: int
    total: int


@dataclass(slots=True)
class _Undo:
    review_id: int
    question: Question
    origin: tuple[str, int]
    before: CardStateRow | None
    relearn: bool
    requeued: bool
    correct: bool


@dataclass(slots=True)
class _Choices:
    options: list[str]
    correct: int
    key: Key = field(default=("", ""))


def day_start_ms(now: datetime) -> int:
    """Local midnight that began `now`'s day, as UTC ms (the new-card limit resets then)."""
    local = now.astimezone()
    return now_ms(local.replace(hour=0, minute=0, second=0, microsecond=0))


def next_day_ms(now: datetime) -> int:
    local = now.astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    return now_ms(local + timedelta(days=1))


def new_introduced_today(conn: sqlite3.Connection, now: datetime) -> int:
    row = conn.execute(
        "SELECT COUNT(DISTINCT deck_id || char(0) || card_id) FROM reviews WHERE mode = 'review' "
        "AND undone = 0 AND state_before IS NULL AND reviewed_ms >= ?",
        (day_start_ms(now),),
    ).fetchone()
    return int(row[0])


def _available(state: CardStateRow | None, ms: int) -> bool:
    if state is None:
        return True
    return not state.suspended and not (state.buried_until_ms and state.buried_until_ms > ms)


def deck_counts(
    conn: sqlite3.Connection, decks: Sequence[Deck], now: datetime
) -> dict[str, DeckCounts]:
    """New / learning / due-now / total per deck (suspended and buried cards are not new or due)."""
    states = store.load_states(conn, [d.id for d in decks])
    ms = now_ms(now)
    out: dict[str, DeckCounts] = {}
    for deck in decks:
        new = learning = due = 0
        for card in deck.cards:
            s = states.get((deck.id, card.id))
            if not _available(s, ms):
                continue
            if s is None or s.reps == 0:
                new += 1
            elif s.state in (LEARNING, RELEARNING):
                learning += 1
            elif s.due_ms <= ms:
                due += 1
        out[deck.id] = DeckCounts(new, learning, due, len(deck.cards))
    return out


def missed_today(conn: sqlite3.Connection, now: datetime) -> set[Key]:
    rows = conn.execute(
        "SELECT DISTINCT deck_id, card_id FROM reviews WHERE rating = 1 AND undone = 0 AND reviewed_ms >= ?",
        (day_start_ms(now),),
    ).fetchall()
    return {(r[0], r[1]) for r in rows}


class Session:
    """A queue of cards from some decks, asked one at a time.

    Args:
        conn: the review database.
        decks: decks to study.
        now: when the session starts (aware UTC).
        scheduler: FSRS wrapper (desired retention lives there).
        mode: review (scheduled) or cram (schedule untouched).
        new_per_day: new cards a day, across all decks.
        only: restrict to these keys (e.g. `missed_today`), used with cram.
        seed: for the direction and choice draws (tests).
        typed: whether date and text questions are answered by typing (the UI toggles it).
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        decks: Sequence[Deck],
        now: datetime,
        *,
        scheduler: Scheduler | None = None,
        mode: Mode | str = Mode.REVIEW,
        new_per_day: int = 20,
        only: Iterable[Key] | None = None,
        seed: int | None = None,
    ) -> None:
        self.conn = conn
        self.decks = list(decks)
        self.mode = Mode(mode)
        self.scheduler = scheduler or Scheduler()
        self.started = now
        self._rng = random.Random(seed)
        self._cards: dict[Key, tuple[Deck, Card]] = {
            (d.id, c.id): (d, c) for d in self.decks for c in d.cards
        }
        self._states = store.load_states(conn, [d.id for d in self.decks])
        self._queue: deque[Key] = deque()
        self._learning: list[tuple[int, Key]] = []
        self._undo: list[_Undo] = []
        self._ambiguous_dates = self._find_ambiguous_dates()
        self._choices: _Choices | None = None
        self._last_sets: dict[Key, frozenset[str]] = {}
        self._pools: dict[str, list[tuple[Key, str]]] | None = None
        self.studied = 0
        self.correct = 0
        self._build(now, new_per_day, set(only) if only is not None else None)
        self.current: Question | None = None
        self._origin: tuple[str, int] = ("queue", 0)
        self._advance(now)

    # -- queue ------------------------------------------------------------------------------

    def _build(self, now: datetime, new_per_day: int, only: set[Key] | None) -> None:
        ms = now_ms(now)
        if self.mode is Mode.CRAM:
            keys = [
                k
                for k in self._cards
                if (only is None or k in only)
                and not (self._states.get(k) and self._states[k].suspended)
            ]
            self._rng.shuffle(keys)
            self._queue.extend(keys)
            return
        due: list[tuple[int, Key]] = []
        new: list[Key] = []
        for key in self._cards:
            if only is not None and key not in only:
                continue
            s = self._states.get(key)
            if not _available(s, ms):
                continue
            if s is None or s.reps == 0:
                new.append(key)
            elif s.due_ms <= ms + (LEARN_AHEAD.total_seconds() * 1000 if s.state != REVIEW else 0):
                due.append((s.due_ms, key))
        due.sort()
        budget = max(0, new_per_day - new_introduced_today(self.conn, now))
        new = self._interleave_decks(new)[:budget]
        reviews = [k for _, k in due]
        # Spread new cards evenly among the reviews.
        every = max(1, len(reviews) // len(new)) if new else 0
        out: list[Key] = []
        ni = 0
        for i, key in enumerate(reviews):
            out.append(key)
            if ni < len(new) and (i + 1) % every == 0:
                out.append(new[ni])
                ni += 1
        out.extend(new[ni:])
        self._queue.extend(out)

    def _interleave_decks(self, keys: list[Key]) -> list[Key]:
        """New cards round-robin across decks, each deck in file order."""
        by_deck: dict[str, deque[Key]] = {}
        for k in keys:
            by_deck.setdefault(k[0], deque()).append(k)
        out: list[Key] = []
        lanes = list(by_deck.values())
        while lanes:
            for lane in lanes:
                out.append(lane.popleft())
            lanes = [lane for lane in lanes if lane]
        return out

    @property
    def remaining(self) -> int:
        """Cards left after the current one (learning steps included)."""
        return len(self._queue) + len(self._learning)

    @property
    def done(self) -> bool:
        return self.current is None

    def _advance(self, now: datetime) -> None:
        self._choices = None
        ms = now_ms(now)
        self._learning.sort()
        if self._learning and self._learning[0][0] <= ms:
            due, key = self._learning.pop(0)
            self._origin = ("learning", due)
        elif self._queue:
            key = self._queue.popleft()
            self._origin = ("queue", 0)
        elif self._learning:
            due, key = self._learning.pop(0)
            self._origin = ("learning", due)
        else:
            self.current = None
            return
        self.current = self._ask(key)

    def _unpop(self) -> None:
        if self.current is None:
            return
        kind, due = self._origin
        if kind == "learning":
            self._learning.append((due, self.current.key))
        else:
            self._queue.appendleft(self.current.key)

    # -- asking -----------------------------------------------------------------------------

    def _find_ambiguous_dates(self) -> set[tuple[str, str]]:
        """(deck id, card id) of events whose date does not pick them out in their deck.

        "What happened in 2006?" is unfair when another event of the deck is `2006-10-09`:
        dates equal at their common precision are indistinguishable.
        """
        ambiguous: set[tuple[str, str]] = set()
        for deck in self.decks:
            by_year: dict[int, list[Card]] = {}
            for c in deck.cards:
                if c.kind is CardKind.EVENT and c.date is not None:
                    by_year.setdefault(c.date.year, []).append(c)
            for same_year in by_year.values():
                for i, a in enumerate(same_year):
                    for b in same_year[i + 1:]:
                        if indistinguishable(a.date, b.date):  # type: ignore[arg-type]
                            ambiguous.add((deck.id, a.id))
                            ambiguous.add((deck.id, b.id))
        return ambiguous

    def _ask(self, key: Key) -> Question:
        deck, card = self._cards[key]
        if card.kind is CardKind.EVENT and card.date is not None:
            can_what = (deck.id, card.id) not in self._ambiguous_dates
            if can_what and self._rng.random() < 0.5:
                return Question(
                    deck,
                    card,
                    Direction.WHAT,
                    f"What happened {'on' if card.date.precision is Precision.DAY else 'in'} {card.date.human()}?",
                    "",
                    card.text or "",
                    AnswerKind.SELF,
                    card.date,
                    (card.text or "",),
                )
            return Question(
                deck,
                card,
                Direction.WHEN,
                "When did this happen?",
                card.text or "",
                card.date.human(),
                AnswerKind.DATE,
                card.date,
            )
        if (
            card.kind is CardKind.FACT
            and card.reverse
            and card.reverse_answer
            and self._rng.random() < 0.5
        ):
            return Question(
                deck,
                card,
                Direction.REVERSE,
                "",
                card.reverse,
                card.reverse_answer,
                _text_kind(card.reverse_answer),
                _answer_date(card.reverse_answer),
                (card.reverse_answer,),
            )
        answer = card.answer or ""
        return Question(
            deck,
            card,
            Direction.FORWARD,
            "",
            card.prompt or "",
            answer,
            _text_kind(answer),
            _answer_date(answer),
            card.accepted_answers(),
        )

    def grade(self, typed: str) -> Verdict:
        """Grade a typed answer to the current question (no side effects)."""
        q = self._require()
        if q.kind is AnswerKind.DATE and q.date is not None:
            return grade_date(typed, q.date)
        return grade_text(typed, q.accepted or (q.answer,), self._other_answers())

    def _other_answers(self) -> list[str]:
        return [a for _, a in self._pool("text")]

    def preview(self, now: datetime) -> dict[Rating, str]:
        """Next interval per rating for the current card (empty in cram mode)."""
        q = self._require()
        if self.mode is Mode.CRAM:
            return {}
        state = self._states.get(q.key) or self.scheduler.new_state(q.deck.id, q.card.id, now)
        return {r: format_interval(d) for r, d in self.scheduler.preview(state, now).items()}

    def _require(self) -> Question:
        if self.current is None:
            raise RuntimeError("the session is over")
        return self.current

    # -- multiple choice --------------------------------------------------------------------

    def _pool(self, kind: str) -> list[tuple[Key, str]]:
        if self._pools is None:
            pools: dict[str, list[tuple[Key, str]]] = {"text": [], "event": []}
            for key, (_, card) in self._cards.items():
                if card.kind is CardKind.EVENT:
                    if card.text:
                        pools["event"].append((key, card.text))
                else:
                    if card.answer:
                        pools["text"].append((key, card.answer))
                    if card.reverse_answer:
                        pools["text"].append((key, card.reverse_answer))
            self._pools = pools
        return self._pools[kind]

    def choices(self, n: int = 4) -> tuple[list[str], int]:
        """Options for the current question and the index of the right one.

        Distractors are of the same type (dates near the answer, other events, answers that look
        like the right one); the same card never gets the same set twice in a row.
        """
        q = self._require()
        if self._choices is not None and self._choices.key == q.key:
            return self._choices.options, self._choices.correct
        last = self._last_sets.get(q.key)
        options: list[str] = []
        for _ in range(12):
            distractors = self._distractors(q, n - 1)
            options = [_option_text(q), *distractors]
            if frozenset(options) != last or len(distractors) < n - 1:
                break
        self._rng.shuffle(options)
        self._last_sets[q.key] = frozenset(options)
        self._choices = _Choices(options, options.index(_option_text(q)), q.key)
        return options, self._choices.correct

    def _distractors(self, q: Question, k: int) -> list[str]:
        taken = {normalize(q.answer), normalize(_option_text(q))} | {
            normalize(a) for a in q.accepted
        }
        out: list[str] = []

        def add(candidates: Iterable[str]) -> None:
            for c in candidates:
                if len(out) >= k:
                    return
                if normalize(c) not in taken:
                    taken.add(normalize(c))
                    out.append(c)

        if q.kind is AnswerKind.DATE and q.date is not None:
            near = _near_dates(q.date, self._event_dates(q.date.precision))
            add(self._rng.sample(near, len(near)))
            add(_synthetic_dates(q.date, self._rng))
        elif q.direction is Direction.WHAT and q.date is not None:
            events = [
                (abs(_days(c.date) - _days(q.date)), c.text or "")
                for _, c in self._cards.values()
                if c.kind is CardKind.EVENT and c.date is not None and str(c.date) != str(q.date)
            ]
            events.sort()
            near = [t for _, t in events[: k * 3]]
            add(self._rng.sample(near, len(near)))
        else:
            shape = _shape(q.answer)
            pool = [a for key, a in self._pool("text") if key != q.key]
            same = [a for a in pool if _shape(a) == shape]
            add(self._rng.sample(same, min(len(same), k * 3)))
            add(self._rng.sample(pool, min(len(pool), k * 3)))
        return out

    def _event_dates(self, precision: Precision) -> list[PartialDate]:
        return [
            c.date.truncate(precision)
            for _, c in self._cards.values()
            if c.kind is CardKind.EVENT and c.date is not None and c.date.precision >= precision
        ]

    def choose(self, index: int) -> Verdict:
        """Grade a multiple-choice pick (Good when right, Again when not)."""
        options, correct = self.choices()
        picked = options[index]
        if index == correct:
            return Verdict(Rating.GOOD, "right", picked)
        return Verdict(Rating.AGAIN, f"you picked {picked}; answer {options[correct]}", picked)

    # -- answering --------------------------------------------------------------------------

    def answer(
        self,
        rating: Rating | int,
        now: datetime,
        *,
        typed: str | None = None,
        verdict: Verdict | None = None,
        answer_mode: str = "reveal",
        elapsed_ms: int | None = None,
    ) -> Outcome:
        """Record the answer to the current question (committed when this returns), then move on."""
        q = self._require()
        rating = Rating(int(rating))
        key = q.key
        before = self._states.get(key)
        after: CardStateRow | None = None
        if self.mode is Mode.REVIEW:
            base = before or self.scheduler.new_state(q.deck.id, q.card.id, now)
            after, _ = self.scheduler.review(base, rating, now, elapsed_ms)
        record = ReviewRecord(
            card_id=q.card.id,
            deck_id=q.deck.id,
            reviewed_ms=now_ms(now),
            rating=int(rating),
            mode=self.mode.value,
            direction=q.direction.value,
            answer_mode=answer_mode,
            typed_answer=typed,
            suggested_rating=int(verdict.rating) if verdict else None,
            overridden=verdict is not None and verdict.rating != rating,
            elapsed_ms=elapsed_ms,
        )
        review_id = store.record_review(self.conn, record, before, after)
        relearn = requeued = False
        if after is not None:
            self._states[key] = after
            if after.due_ms <= now_ms(now + LEARN_AHEAD):
                self._learning.append((after.due_ms, key))
                relearn = True
        elif rating == Rating.AGAIN:
            self._queue.append(key)
            requeued = True
        correct = rating != Rating.AGAIN
        self.studied += 1
        self.correct += int(correct)
        self._undo.append(_Undo(review_id, q, self._origin, before, relearn, requeued, correct))
        self._advance(now)
        return Outcome(review_id, q, rating, verdict, after)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> Question | None:
        """Take back the last answer: the review is marked undone, the card's state restored,
        and its question asked again. Returns that question (None when there is nothing to undo)."""
        if not self._undo:
            return None
        u = self._undo.pop()
        store.undo_review(self.conn, u.review_id)
        key = u.question.key
        if self.mode is Mode.REVIEW:
            if u.before is None:
                self._states.pop(key, None)
            else:
                self._states[key] = u.before
        if u.relearn:
            for i in range(len(self._learning) - 1, -1, -1):
                if self._learning[i][1] == key:
                    del self._learning[i]
                    break
        self._unpop()
        if u.requeued:
            for i in range(len(self._queue) - 1, -1, -1):
                if self._queue[i] == key:
                    del self._queue[i]
                    break
        self.studied -= 1
        self.correct -= int(u.correct)
        self.current = u.question
        self._origin = u.origin
        self._choices = None
        return u.question

    def suspend(self, now: datetime) -> None:
        """Suspend the current card (it leaves every queue until unsuspended) and move on."""
        self._set_flag(now, suspended=True)

    def bury(self, now: datetime) -> None:
        """Hide the current card until tomorrow and move on."""
        self._set_flag(now, buried_until_ms=next_day_ms(now))

    def _set_flag(self, now: datetime, **changes: object) -> None:
        q = self._require()
        state = self._states.get(q.key) or self.scheduler.new_state(q.deck.id, q.card.id, now)
        state = replace(state, updated_ms=now_ms(now), **changes)  # type: ignore[arg-type]
        store.set_flags(self.conn, state)
        self._states[q.key] = state
        # Undo stops here: an earlier answer is no longer the last thing that happened to the queue.
        self._undo.clear()
        self._advance(now)

    def summary(self, now: datetime) -> Summary:
        ids = [d.id for d in self.decks]
        row = (
            self.conn.execute(
                f"SELECT MIN(due_ms) FROM card_state WHERE suspended = 0 AND deck_id IN "
                f"({','.join('?' * len(ids))})",
                ids,
            ).fetchone()
            if ids
            else None
        )
        return Summary(
            self.studied, self.correct, now - self.started, row[0] if row else None, self.mode
        )


# -- helpers ----------------------------------------------------------------------------------


def _option_text(q: Question) -> str:
    """The right answer as an option: dates in the same short form as their distractors."""
    if q.kind is AnswerKind.DATE and q.date is not None:
        return q.date.start_only().human()
    return q.answer


_DATE_LIKE = re.compile(r"^[\w ,./-]*\b\d{4}\b[\w ,./-]*$")


def _answer_date(answer: str) -> PartialDate | None:
    """The answer as a date when it is one ("April 2009", "2007-02"), so typed dates grade by distance."""
    if not _DATE_LIKE.match(answer.strip()) or len(answer.split()) > 4:
        return None
    try:
        return parse_user_date(answer)
    except ValueError:
        return None


def _text_kind(answer: str) -> AnswerKind:
    if _answer_date(answer) is not None:
        return AnswerKind.DATE
    return AnswerKind.TEXT if len(answer.split()) <= 8 else AnswerKind.SELF


def _shape(text: str) -> str:
    """A rough type for an answer, so distractors look alike: year, number, person, proper, other."""
    words = text.split()
    if text.replace(",", "").replace(".", "").strip().isdigit():
        return "year" if len(text.strip()) == 4 else "number"
    if all(w[:1].isupper() for w in words):
        return "person" if 2 <= len(words) <= 3 else "proper" if len(words) == 1 else "other"
    return "other"


def _days(d: PartialDate | None) -> int:
    return d.first_day().toordinal() if d is not None else 0


def _near_dates(answer: PartialDate, dates: list[PartialDate]) -> list[str]:
    target = answer.start_only().human()
    by_distance = sorted(
        ((abs(_days(d) - _days(answer)), d.human()) for d in dates if d.human() != target),
    )
    seen: list[str] = []
    for _, h in by_distance:
        if h not in seen:
            seen.append(h)
        if len(seen) >= 8:
            break
    return seen


def _synthetic_dates(answer: PartialDate, rng: random.Random) -> list[str]:
    """Dates one, two, three units either side of the answer, shuffled."""
    base = answer.start_only()
    out: list[str] = []
    for step in (1, -1, 2, -2, 3, -3, 5, -5):
        try:
            if base.precision is Precision.YEAR:
                d = PartialDate(base.year + step)
            elif base.precision is Precision.MONTH:
                m = base.year * 12 + (base.month or 1) - 1 + step
                d = PartialDate(m // 12, m % 12 + 1)
            else:
                d = PartialDate.from_date(base.first_day() + timedelta(days=step))
        except ValueError:
            continue
        out.append(d.human())
    head, tail = out[:4], out[4:]
    rng.shuffle(head)
    return head + tail


def open_decks(args: Sequence[str]) -> tuple[list[Deck], list[str]]:
    """Decks named on the command line (files, folders or deck ids; none = the default folders).

    Returns the decks and one readable line per problem; never raises for bad input.
    """
    from pathlib import Path

    from quiz.deck.load import load_decks
    from quiz.paths import default_deck_dirs

    paths: list[Path] = []
    ids: list[str] = []
    messages: list[str] = []
    for arg in args:
        p = Path(arg).expanduser()
        if p.exists():
            paths.append(p)
        elif "/" in arg or arg.endswith((".yaml", ".yml")):
            messages.append(f"{arg}: no such file or folder")
        else:
            ids.append(arg)
    if not args:
        paths = default_deck_dirs()
    decks, problems = load_decks(paths)
    messages.extend(str(p) for p in problems if p.severity == "error")
    if ids:
        known, more = load_decks(default_deck_dirs())
        messages.extend(str(p) for p in more if p.severity == "error")
        by_id = {d.id: d for d in known}
        have = {d.id for d in decks}
        for deck_id in ids:
            if deck_id in by_id and deck_id not in have:
                decks.append(by_id[deck_id])
                have.add(deck_id)
            elif deck_id not in by_id:
                hint = ", ".join(sorted(by_id)[:5]) or "none found"
                messages.append(
                    f"{deck_id}: no deck file or deck id by that name (deck ids: {hint})"
                )
    return decks, messages
