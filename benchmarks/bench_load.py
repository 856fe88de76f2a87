"""Deck loading speed: bare C-YAML parse vs quiz's cold load, warm (cached) load and `quiz validate`.

Run: python benchmarks/bench_load.py [--sizes 1000,10000,50000]
Targets (issue 3): 50k cards: cold <= 2x bare parse, warm <= 0.3x bare parse.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from quiz.dates import PartialDate
from quiz.deck.model import Card, CardKind, Deck, SourceRef
from quiz.deck.write import dump_deck


def synthetic_deck(n: int) -> Deck:
    cards = []
    for i in range(n):
        if i % 3 == 0:
            cards.append(Card(id=f"ev-{i:06d}", kind=CardKind.EVENT, date=PartialDate(1900 + i % 120, 1 + i % 12),
                              text=f"Event number {i} happened somewhere in the world with some detail",
                              source=SourceRef(f"doc{i % 500}.txt", 1 + i % 60)))
        elif i % 3 == 1:
            cards.append(Card(id=f"fa-{i:06d}", kind=CardKind.FACT, prompt=f"Who held office number {i}?",
                              answer=f"Person {i}", aliases=(f"P{i}",),
                              source=SourceRef(f"doc{i % 500}.txt", 1 + i % 60)))
        else:
            cards.append(Card(id=f"qa-{i:06d}", kind=CardKind.QA, prompt=f"Question {i}?", answer=f"Answer {i}"))
    return Deck(id=f"bench-{n}", title=f"Benchmark deck with {n} cards", cards=tuple(cards))


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,50000")
    args = ap.parse_args()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    print(f"YAML loader: {loader.__name__}")
    print(f"{'cards':>7} {'bare':>8} {'cold':>8} {'warm':>8} {'validate':>9} {'cold/bare':>10} {'warm/bare':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["QUIZ_DATA_DIR"] = str(Path(tmp) / "data")
        from quiz.deck import cache
        from quiz.deck.load import load_deck

        for n in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"deck-{n}.yaml"
            path.write_text(dump_deck(synthetic_deck(n)), encoding="utf-8")
            repeat = 3 if n <= 10000 else 2
            text = path.read_text(encoding="utf-8")
            bare = best_of(lambda text=text: yaml.load(text, Loader=loader), repeat)  # noqa: S506 - safe loader

            def cold(path: Path = path) -> None:
                for entry in cache._entry_path(path).parent.glob("deck-v*.pickle"):
                    entry.unlink()
                load_deck(path)

            cold_t = best_of(cold, repeat)
            load_deck(path)
            warm_t = best_of(lambda path=path: load_deck(path), repeat + 2)
            samples = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                subprocess.run([sys.executable, "-m", "quiz", "validate", str(path)], check=True,
                               capture_output=True)
                samples.append(time.perf_counter() - t0)
            val = statistics.median(samples)
            print(f"{n:>7} {bare:>7.3f}s {cold_t:>7.3f}s {warm_t:>7.3f}s {val:>8.3f}s "
                  f"{cold_t / bare:>9.2f}x {warm_t / bare:>9.2f}x")
    samples = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "quiz", "--help"], check=True, capture_output=True)
        samples.append(time.perf_counter() - t0)
    print(f"quiz --help: median {statistics.median(samples) * 1000:.0f} ms (target < 300 ms)")


if __name__ == "__main__":
    main()
