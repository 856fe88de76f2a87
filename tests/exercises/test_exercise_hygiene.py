"""The exercise logic is core: it never imports Textual."""

from __future__ import annotations

import subprocess
import sys


def test_exercises_do_not_import_textual() -> None:
    code = ("import sys, quiz.exercises; "
            "bad = [m for m in sys.modules if m.startswith(('textual', 'quiz.tui'))]; "
            "print(bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
