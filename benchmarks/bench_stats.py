"""Stats on a big history: `quiz stats --json` (target < 0.5 s) and the Stats screen (< 0.3 s).

Builds, in a temporary QUIZ_DATA_DIR, 5 decks of 1,000 cards, a year of 200,000 reviews,
card states for 4,000 cards and 5,000 exercise rounds with misplaced events, then times:
- `quiz stats --json` as a subprocess (the first run also fills the deck cache; the median of
  the following runs is the figure), and `compute_stats` alone;
- the Stats screen: from push to the figures painted, in a headless app.

Prints the figures; no asserts. Run: python benchmarks/bench_stats.py
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REVIEWS = 200_000
ROUNDS = 5_000
DECKS = 5
CARDS_PER_DECK = 1_000
STUDIED = 4_000
DAY_MS = 86_400_000


def write_decks(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for d in range(DECKS):
        lines = ["format: 1", "deck:", f"  id: bench-{d}", f'  title: "Bench deck {d}"', "cards:"]
        for c in range(CARDS_PER_DECK):
            lines += [f"  - id: ev-{c:05d}", "    kind: event", f'    date: "{1900 + c % 120}-{1 + c % 12:02d}"',
                      f'    text: "Event number {c} of deck {d}"']
        (folder / f"bench-{d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def build_history(db: Path, now: datetime) -> None:
    from quiz.store import connect

    rng = random.Random(7)
    now_ms = int(now.timestamp() * 1000)
    conn = connect(db)
    cards = [(f"bench-{i % DECKS}", f"ev-{i // DECKS:05d}") for i in range(STUDIED)]
    conn.execute("BEGIN")
    reviews = []
    for _ in range(REVIEWS):
        deck, card = rng.choice(cards)
        when = now_ms - rng.randrange(365 * DAY_MS)
        mode = "review" if rng.random() < 0.85 else rng.choice(("cram", "exercise"))
        reviews.append((card, deck, when, rng.choices((1, 2, 3, 4), (12, 10, 70, 8))[0], mode,
                        rng.randrange(2_000, 30_000), int(rng.random() < 0.01)))
    conn.executemany(
        "INSERT INTO reviews (card_id, deck_id, reviewed_ms, rating, mode, elapsed_ms, undone)"
        " VALUES (?,?,?,?,?,?,?)", reviews)
    conn.executemany(
        "INSERT INTO card_state (card_id, deck_id, fsrs, state, due_ms, reps, lapses, suspended,"
        " updated_ms) VALUES (?,?,'{}',?,?,?,?,?,?)",
        [(card, deck, rng.choice((1, 2, 2, 2, 3)), now_ms + rng.randrange(-5 * DAY_MS, 60 * DAY_MS),
          rng.randrange(1, 40), min(12, int(rng.expovariate(0.6))), int(rng.random() < 0.02), now_ms)
         for deck, card in cards])
    for _ in range(ROUNDS):
        kind = rng.choice(("order", "which_first", "timeline"))
        decks = json.dumps([f"bench-{rng.randrange(DECKS)}"])
        cur = conn.execute(
            "INSERT INTO exercise_rounds (kind, deck_ids, shown, truth, answer, score, duration_ms,"
            " finished_ms) VALUES (?,?,'[]','[]','[]',?,?,?)",
            (kind, decks, rng.uniform(20, 100) if kind == "order" else rng.randrange(0, 11),
             rng.randrange(20_000, 120_000), now_ms - rng.randrange(365 * DAY_MS)))
        conn.executemany("INSERT INTO misplacements (round_id, card_id, deck_id, off_by) VALUES (?,?,?,?)",
                         [(cur.lastrowid, *reversed(rng.choice(cards)), rng.randrange(1, 6))
                          for _ in range(rng.randrange(0, 4))])
    conn.execute("COMMIT")
    conn.close()


def time_cli(runs: int = 7) -> tuple[float, list[float]]:
    cmd = [sys.executable, "-m", "quiz", "stats", "--json"]
    first = 0.0
    times = []
    for i in range(runs + 1):
        t0 = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        elapsed = time.perf_counter() - t0
        json.loads(out)
        if i == 0:
            first = elapsed
        else:
            times.append(elapsed)
    return first, times


async def time_screen(db: Path, runs: int = 5) -> list[float]:
    from textual.app import App
    from textual.widgets import Static

    from quiz.deck.load import load_decks
    from quiz.paths import default_deck_dirs
    from quiz.store import connect
    from quiz.tui.screens.stats import StatsScreen

    decks, _ = load_decks(default_deck_dirs())

    class BenchApp(App[None]):
        def __init__(self) -> None:
            super().__init__()
            self.conn = connect(db)
            self.decks = decks

        def clock(self) -> datetime:
            return datetime.now(UTC)

        def compose(self):  # type: ignore[no-untyped-def]
            yield Static("home")

    times = []
    app = BenchApp()
    async with app.run_test(size=(110, 60)) as pilot:
        for _ in range(runs):
            t0 = time.perf_counter()
            screen = StatsScreen()
            await app.push_screen(screen)
            while screen.stats is None:
                await asyncio.sleep(0.001)
            painted = asyncio.get_running_loop().create_future()
            screen.call_after_refresh(lambda f=painted: f.done() or f.set_result(None))
            await painted  # the figures laid out and painted
            times.append(time.perf_counter() - t0)
            await app.pop_screen()
            await pilot.pause()
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["QUIZ_DATA_DIR"] = tmp
        from quiz.paths import data_dir, database_path

        write_decks(data_dir() / "decks")
        now = datetime.now(UTC)
        t0 = time.perf_counter()
        build_history(database_path(), now)
        print(f"history: {REVIEWS:,} reviews, {ROUNDS:,} exercise rounds, {DECKS * CARDS_PER_DECK:,} cards "
              f"(built in {time.perf_counter() - t0:.1f} s)")

        from quiz.deck.load import load_decks
        from quiz.paths import default_deck_dirs
        from quiz.stats import compute_stats, local_timezone
        from quiz.store import connect

        first, runs = time_cli()
        print(f"quiz stats --json: first run {first:.3f} s (fills the deck cache); "
              f"median {statistics.median(runs):.3f} s, best {min(runs):.3f} s over {len(runs)} runs "
              "(target < 0.5 s)")

        decks, _ = load_decks(default_deck_dirs())
        conn = connect(database_path())
        tz = local_timezone()
        samples = []
        for _ in range(5):
            t0 = time.perf_counter()
            stats = compute_stats(conn, now + timedelta(seconds=1), tz, decks=decks,
                                  db_path=str(database_path()))
            samples.append(time.perf_counter() - t0)
        conn.close()
        print(f"compute_stats alone: median {statistics.median(samples) * 1000:.0f} ms "
              f"({stats.totals['reviews']:,} answers counted)")

        screen = asyncio.run(time_screen(database_path()))
        print(f"Stats screen, push to painted: median {statistics.median(screen):.3f} s, "
              f"best {min(screen):.3f} s over {len(screen)} runs (target < 0.3 s)")


if __name__ == "__main__":
    main()
