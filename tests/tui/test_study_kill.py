"""A quiz process killed with SIGKILL mid-session keeps every answer it acknowledged."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from quiz import store

DATA = Path(__file__).resolve().parent.parent / "data"

CHILD = textwrap.dedent("""
    import asyncio, sys
    from quiz.config import Settings
    from quiz.tui.app import QuizApp

    async def main():
        app = QuizApp([sys.argv[1]], settings=Settings(typed_answers=False), cursor_blink=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            n = 0
            while True:
                await pilot.press("space", "1")   # Again: the card comes back, the session never ends
                await pilot.pause()
                n += 1
                print(n, flush=True)
                await asyncio.sleep(0.01)

    asyncio.run(main())
""")


def test_kill_9_mid_session_loses_nothing(isolated_data_dir: Path) -> None:
    env = dict(os.environ, QUIZ_DATA_DIR=str(isolated_data_dir))
    acknowledged = 0
    deadline = time.monotonic() + 60
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(DATA / "study_small.yaml")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    ) as proc:
        try:
            assert proc.stdout is not None and proc.stderr is not None
            while acknowledged < 8 and time.monotonic() < deadline:
                line = proc.stdout.readline()
                if not line:
                    break
                acknowledged = int(line)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        errors = proc.stderr.read() if proc.stderr else ""
    assert acknowledged >= 8, errors
    conn = store.connect()
    rows = conn.execute("SELECT COUNT(*) FROM reviews WHERE undone = 0").fetchone()[0]
    check = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    assert rows >= acknowledged
    assert check == "ok"
