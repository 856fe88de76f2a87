"""Study benchmarks: prints figures, asserts nothing about time.

    python benchmarks/bench_study.py            # everything
    python benchmarks/bench_study.py paint      # or: grade, reviews

- first paint of `quiz study` (bundled decks, then a 50k-card deck with a warm deck cache) against a bare
  Textual app showing one line, in the same run: wall time from spawning the interpreter to the first
  frame (the app exits right after it), median of several runs;
- next card after a grade, including the SQLite commit (Pilot, file database in WAL mode);
- 10,000 simulated reviews through `Session` with persistence.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5

LISTED = """
import sys
from quiz.tui.app import QuizApp
class Listed(QuizApp):
    def _decks_loaded(self, *args):
        super()._decks_loaded(*args)
        self.call_after_refresh(self.exit)
Listed(sys.argv[1:]).run(headless=True)
"""

BARE = """
import sys
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self.exit)
Bare().run(headless=True)
"""

QUIZ = """
import sys
from quiz.tui.app import QuizApp
class First(QuizApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self.exit)
First(sys.argv[1:]).run(headless=True)
"""


def _spawn(code: str, args: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - t0


def _median(code: str, args: list[str], env: dict[str, str]) -> float:
    _spawn(code, args, env)  # warm the OS file cache and the deck cache
    return statistics.median(_spawn(code, args, env) for _ in range(RUNS))


def _big_deck(path: Path, n: int) -> None:
    lines = [
        "format: 1",
        "deck:",
        "  id: bench-50k",
        '  title: "Benchmark: 50,000 cards"',
        "cards:",
    ]
    for i in range(n):
        if i % 2:
            lines += [
                f"  - id: ev-{i}",
                "    kind: event",
                f'    date: "{1900 + i % 120}-{1 + i % 12:02d}"',
                f'    text: "Event number {i} happens somewhere"',
            ]
        else:
            lines += [
                f"  - id: qa-{i}",
                "    kind: qa",
                f'    prompt: "Question {i}?"',
                f'    answer: "Answer {i}"',
            ]
    path.write_text("\n".join(lines) + "\n")


def bench_paint() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QUIZ_DATA_DIR=tmp)
        bare = _median(BARE, [], env)
        bundled = _median(QUIZ, [], env)
        print(f"first paint, bare Textual app:          {bare * 1000:7.1f} ms")
        print(
            f"first paint, quiz study (bundled decks): {bundled * 1000:7.1f} ms  = {bundled / bare:.2f}x (target <= 1.5x)"
        )
        big = Path(tmp) / "big.yaml"
        _big_deck(big, 50_000)
        t0 = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from quiz.deck.load import load_decks; load_decks([sys.argv[1]])",
                str(big),
            ],
            env=env,
            check=True,
        )
        print(
            f"(50k deck: first load, filling the cache: {(time.perf_counter() - t0) * 1000:.0f} ms)"
        )
        large = _median(QUIZ, [str(big)], env)
        print(
            f"first paint, quiz study (50k-card deck): {large * 1000:7.1f} ms  = {large / bare:.2f}x (target <= 2.5x)"
        )
        listed = _median(LISTED, [str(big)], env)
        print(f"deck list with counts shown, 50k-card deck (cached): {listed * 1000:7.1f} ms")


def bench_grade() -> None:
    from quiz.config import Settings
    from quiz.tui.app import QuizApp

    async def run(tmp: str) -> list[float]:
        deck = Path(tmp) / "d.yaml"
        lines = ["format: 1", "deck: {id: bench, title: Bench}", "cards:"]
        lines += [
            f'  - {{id: q{i}, kind: qa, prompt: "Q{i}?", answer: "A{i}"}}' for i in range(300)
        ]
        deck.write_text("\n".join(lines) + "\n")
        app = QuizApp(
            [str(deck)], settings=Settings(typed_answers=False, new_per_day=300), cursor_blink=False
        )
        times: list[float] = []
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            for _ in range(200):
                await pilot.press("space")
                await pilot.pause()
                screen = app.screen
                t0 = time.perf_counter()
                screen.action_rate(3)  # type: ignore[attr-defined]  # commit, then the next card
                painted = asyncio.Event()
                app.call_after_refresh(painted.set)  # runs once the next card has been drawn
                await painted.wait()
                times.append(time.perf_counter() - t0)
                await pilot.pause()
        return times

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["QUIZ_DATA_DIR"] = tmp
        times = asyncio.run(run(tmp))
    times.sort()
    print(
        f"next card after a grade (commit + repaint), {len(times)} grades: median "
        f"{statistics.median(times) * 1000:.1f} ms, p95 {times[int(len(times) * 0.95)] * 1000:.1f} ms "
        "(target median < 30 ms)"
    )


def bench_reviews(n: int = 10_000) -> None:
    from quiz import store
    from quiz.deck.model import Card, CardKind, Deck
    from quiz.schedule import Rating, Scheduler
    from quiz.session import Session

    cards = tuple(
        Card(id=f"q{i}", kind=CardKind.QA, prompt=f"Q{i}?", answer=f"A{i}") for i in range(n)
    )
    deck = Deck(id="bench", title="Bench", cards=cards)
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        conn = store.connect(Path(tmp) / "quiz.sqlite3")
        now = datetime(2024, 5, 1, 12, tzinfo=UTC)
        t0 = time.perf_counter()
        s = Session(conn, [deck], now, scheduler=Scheduler(), new_per_day=n, seed=1)
        setup = time.perf_counter() - t0
        done = 0
        t0 = time.perf_counter()
        while done < n and not s.done:
            s.answer(
                rng.choice((Rating.GOOD, Rating.GOOD, Rating.EASY, Rating.HARD, Rating.AGAIN)), now
            )
            done += 1
            now += timedelta(seconds=1)
        elapsed = time.perf_counter() - t0
        stored = conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]
        conn.close()
    print(
        f"{done} reviews through Session with persistence: {elapsed:.2f} s = {done / elapsed:,.0f} reviews/s "
        f"(target >= 5,000/s; queue setup {setup * 1000:.0f} ms; {stored} rows stored)"
    )


def main() -> None:
    which = sys.argv[1:] or ["paint", "grade", "reviews"]
    sys.path.insert(0, str(ROOT))
    if "paint" in which:
        bench_paint()
    if "grade" in which:
        bench_grade()
    if "reviews" in which:
        bench_reviews()


if __name__ == "__main__":
    main()
