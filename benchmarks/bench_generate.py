"""Speed of `quiz generate` on a synthetic corpus of 500 documents (target: >= 200 documents/s).

    python benchmarks/bench_generate.py [--docs 500] [--seed 1]

Builds the corpus in a temporary directory: news-style pages with a byline or
dateline, navigation and copyright noise, a timeline box (shared between some
pages, as real sites do), dated prose sentences and role/acronym/member-list
facts. Prints documents/s for the whole command (read, extract, merge, write).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quiz.generate.pipeline import generate  # noqa: E402

COUNTRIES = [
    "Ruritania",
    "Freedonia",
    "Latveria",
    "Genovia",
    "Elbonia",
    "Sokovia",
    "Wakanda",
    "Zamunda",
]
ADJ = {
    "Ruritania": "Ruritanian",
    "Freedonia": "Freedonian",
    "Latveria": "Latverian",
    "Genovia": "Genovian",
    "Elbonia": "Elbonian",
    "Sokovia": "Sokovian",
    "Wakanda": "Wakandan",
    "Zamunda": "Zamundan",
}
FIRST = [
    "Anna",
    "Boris",
    "Carla",
    "Dmitri",
    "Elena",
    "Farid",
    "Greta",
    "Hiro",
    "Ines",
    "Jonas",
    "Kofi",
    "Lena",
]
LAST = [
    "Petrov",
    "Okafor",
    "Lindqvist",
    "Tanaka",
    "Moreau",
    "Silva",
    "Novak",
    "Haddad",
    "Kowalski",
    "Brennan",
]
ROLES = ["Foreign Minister", "President", "Prime Minister", "Defence Minister", "envoy", "leader"]
VERBS = [
    "signs a trade deal with",
    "closes its border with",
    "holds talks with",
    "recalls its ambassador from",
    "launches a satellite watched by",
    "agrees to share water with",
    "opens a railway to",
    "sanctions",
]
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
FULL = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
NAV = [
    "Has the housing bubble burst?",
    "How an old tree defied an empire",
    "Why a famous dancer quit",
    "Ten things we learned this week",
    "The best photos of the year",
]


def make_doc(rng: random.Random, i: int, boxes: list[list[str]]) -> str:
    year = rng.randint(1995, 2020)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    a, b = rng.sample(COUNTRIES, 2)
    lines = []
    if rng.random() < 0.5:
        lines.append(
            f"Page last updated at 10:{i % 60:02d} GMT, Friday, {day} {FULL[month - 1]} {year} 11:12 UK"
        )
    else:
        lines.append("UNITED - Make a donation in support of our newsroom!")
    lines += ["", f"{a} and {b} in new dispute over border {i}", ""]
    lines += [f"Image of the {a} border crossing", "Officials say the talks continue", ""]
    if lines[0].startswith("UNITED"):
        lines += [
            f"{day:02d}/{month:02d}/{year} 14:25 CAPITAL, {FULL[month - 1]} {day} (Agency) - "
            f"The talks between {a} and {b} will resume soon, the foreign minister said Wednesday.",
            "",
        ]
    for _ in range(rng.randint(3, 7)):
        who = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        role = rng.choice(ROLES)
        m = rng.randint(1, month)
        shape = rng.random()
        if shape < 0.25:
            s = f"On {FULL[m - 1]} {rng.randint(1, 28)}, {a} {rng.choice(VERBS)} {b}, officials said."
        elif shape < 0.5:
            s = f"{a}'s {role} {who} said the talks launched in {year - rng.randint(1, 9)} had stalled."
        elif shape < 0.7:
            s = f"Last year {a} {rng.choice(VERBS)} {b} after months of talks."
        elif shape < 0.85:
            s = (
                f"The four-nation talks - which include {a}, {b}, {rng.choice(COUNTRIES)} and "
                f"{rng.choice(COUNTRIES)} - were held in {FULL[m - 1]}."
            )
        else:
            s = f"The statement was carried by the {a} National Broadcasting Agency ({a[0]}NBA) on {FULL[m - 1]} 3."
        lines += [s, ""]
    box = (
        rng.choice(boxes)
        if rng.random() < 0.6
        else [
            f"{rng.choice(MONTHS)} {year - k} - {rng.choice(COUNTRIES)} {rng.choice(VERBS)} {rng.choice(COUNTRIES)}"
            for k in range(rng.randint(3, 8), 0, -1)
        ]
    )
    lines += box + [""]
    lines += [
        f"{ADJ[a]} {rng.choice(ROLES)} {rng.choice(FIRST)} {rng.choice(LAST)} met the {ADJ[b]} delegation.",
        "",
    ]
    lines += (
        ["Print Sponsor", ""]
        + rng.sample(NAV, 3)
        + ["", "Copyright © 2017 Example. Read more.", ""]
    )
    lines += ["Home News Sport Weather Travel"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    boxes = [
        [
            f"{rng.choice(MONTHS)} {2000 + k} - {rng.choice(COUNTRIES)} {rng.choice(VERBS)} {rng.choice(COUNTRIES)}"
            for k in range(8)
        ]
        for _ in range(20)
    ]
    with tempfile.TemporaryDirectory(prefix="bench_generate_") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for i in range(args.docs):
            (corpus / f"{i:04d}.txt").write_text(make_doc(rng, i, boxes), encoding="utf-8")
        t0, c0 = time.perf_counter(), time.process_time()
        summary = generate(corpus, Path(tmp) / "decks", progress=None)
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(summary.line())
    print(
        f"{args.docs} documents in {secs:.2f} s: {args.docs / secs:.0f} documents/s "
        f"(CPU {cpu:.2f} s: {args.docs / cpu:.0f} documents/s on one core)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
