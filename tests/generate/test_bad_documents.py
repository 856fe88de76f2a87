"""Documents no generator should choke on: bounded time and memory, no crash, a clear summary."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quiz.generate.pipeline import generate


def _run(corpus: Path, out: Path) -> tuple[subprocess.CompletedProcess[str], float, int]:
    code = (
        "import resource, sys\n"
        "from quiz.cli import main\n"
        "rc = main(['generate', sys.argv[1], '-o', sys.argv[2]])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
        "raise SystemExit(rc)\n"
    )
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", code, str(corpus), str(out)], capture_output=True, text=True,
                       timeout=300, env=os.environ.copy())
    elapsed = time.perf_counter() - t0
    maxrss_kb = int(r.stderr.strip().splitlines()[-1]) if r.stderr.strip() else 0
    return r, elapsed, maxrss_kb


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("blank.txt", b"\n\n   \n\t\n"),
        ("binary.txt", bytes(range(256)) * 64),
        ("latin1.txt", "Le 14 juillet 1789, la Bastille est prise. Caf\u00e9 cr\u00e8me.\n".encode("latin-1")),
        ("no-dates.md", b"# Notes\n\nThis page talks about nothing in particular.\n\nIt has no dates at all.\n"),
        ("markup.txt", b"Feb 2007 - [bold]North Korea[/] agrees [@click=app.quit]x[/] \x1b[31mred\x1b[0m\n"),
    ],
)
def test_odd_documents_do_not_crash(tmp_path: Path, name: str, content: bytes) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / name).write_bytes(content)
    summary = generate(corpus, tmp_path / "out", progress=None)
    assert summary.line()
    from quiz.deck.validate import validate_paths

    problems, _ = validate_paths([tmp_path / "out"]) if any((tmp_path / "out").glob("*.yaml")) else ([], 0)
    assert [p for p in problems if p.severity == "error"] == []


def test_markup_in_a_document_stays_text(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "m.txt").write_text("Page last updated at 10:12 GMT, Friday, 24 April 2009\n\n"
                                  "Feb 2007 - North Korea [bold]agrees[/] to close its main nuclear reactor\n"
                                  "June 2007 - North Korea shuts its main Yongbyon reactor\n")
    generate(corpus, tmp_path / "out", progress=None)
    text = "".join(p.read_text() for p in (tmp_path / "out").glob("*.yaml"))
    assert "[bold]agrees[/]" in text


def test_huge_document_with_thousands_of_dates_is_bounded(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    lines = ["Page last updated at 10:12 GMT, Friday, 24 April 2009", ""]
    i = size = 0
    while size < 10_000_000:  # 10 MB
        y = 1900 + (i // 12) % 100
        lines.append(f"{months[i % 12]} {y} - Delegation {i} from city {i % 977} signs treaty number {i}")
        if i % 5 == 0:
            lines.append(f"On {months[i % 12]} {1 + i % 27}, {y}, the council of region {i} voted on motion {i}.")
        size += len(lines[-1]) + 1
        i += 1
    (corpus / "huge.txt").write_text("\n".join(lines))
    r, elapsed, maxrss_kb = _run(corpus, tmp_path / "out")
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Traceback" not in r.stderr
    # Generous bounds for a loaded 2-core CI box (about 25 s and 500 MB here); the point is
    # "near-linear, and memory stays a small multiple of the input". Before the merge step was
    # indexed by year and number signature this took over 5 minutes.
    assert elapsed < 120, f"took {elapsed:.0f}s"
    assert maxrss_kb < 2_000_000, f"used {maxrss_kb / 1024:.0f} MB"


def test_unreadable_corpus_is_one_line(tmp_path: Path) -> None:
    from quiz.cli import main

    missing = tmp_path / "nope"
    r = subprocess.run([sys.executable, "-m", "quiz", "generate", str(missing), "-o", str(tmp_path / "o")],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert main is not None

