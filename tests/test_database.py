"""Opening the review database: damage is detected and moved aside, backups roll, bad dirs are clear."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quiz import store
from quiz.database import (
    KEEP_BACKUPS,
    backup_if_due,
    is_healthy,
    list_backups,
    open_database,
    restore_backup,
)
from quiz.errors import QuizError

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _with_reviews(db: Path, n: int) -> None:
    opened = open_database(db, now=NOW)
    for i in range(n):
        store.record_review(opened.conn, store.ReviewRecord(f"c{i}", "d", store.now_ms(NOW), 3), None, None)
    opened.conn.close()


def test_fresh_database_has_no_notices(tmp_path: Path) -> None:
    opened = open_database(tmp_path / "quiz.sqlite3", now=NOW)
    assert opened.notices == [] and opened.quarantined is None
    assert opened.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_garbage_file_is_moved_aside_not_deleted(tmp_path: Path) -> None:
    db = tmp_path / "quiz.sqlite3"
    db.write_bytes(b"this is not sqlite" * 100)
    opened = open_database(db, now=NOW)
    assert opened.quarantined is not None and opened.quarantined.read_bytes().startswith(b"this is not sqlite")
    assert "damaged" in opened.notices[0]
    assert "No backup was found" in opened.notices[1]
    assert opened.conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0


def test_truncated_database_is_detected_and_backup_offered(tmp_path: Path) -> None:
    db = tmp_path / "quiz.sqlite3"
    _with_reviews(db, 3000)
    opened = open_database(db, now=NOW)
    assert backup_if_due(opened.conn, db, NOW) is not None
    opened.conn.close()
    raw = db.read_bytes()
    db.write_bytes(raw[: len(raw) // 2])
    assert not is_healthy(db)[0]
    reopened = open_database(db, now=NOW + timedelta(minutes=1))
    assert reopened.quarantined is not None
    assert reopened.latest_backup == list_backups(db)[0]
    assert "quiz restore" in reopened.notices[1]
    reopened.conn.close()
    restore_backup(db, now=NOW + timedelta(minutes=2))
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 3000


def test_backups_once_a_day_and_pruned(tmp_path: Path) -> None:
    db = tmp_path / "quiz.sqlite3"
    opened = open_database(db, now=NOW)
    assert backup_if_due(opened.conn, db, NOW) is not None
    assert backup_if_due(opened.conn, db, NOW + timedelta(hours=2)) is None  # same day: none due
    for day in range(1, KEEP_BACKUPS + 3):
        backup_if_due(opened.conn, db, NOW + timedelta(days=day))
    backups = list_backups(db)
    assert len(backups) == KEEP_BACKUPS
    assert backups[0].name == f"quiz-{(NOW + timedelta(days=KEEP_BACKUPS + 2)):%Y%m%d}.sqlite3"
    assert all(is_healthy(b)[0] for b in backups)


def test_restore_without_backups_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(QuizError, match="no backups"):
        restore_backup(tmp_path / "quiz.sqlite3")


def test_unwritable_data_dir_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(QuizError, match="set QUIZ_DATA_DIR to a writable folder"):
        open_database(blocker / "quiz.sqlite3", now=NOW)


def test_full_disk_during_an_answer_keeps_earlier_answers(tmp_path: Path) -> None:
    db = tmp_path / "quiz.sqlite3"
    opened = open_database(db, now=NOW)
    conn = opened.conn
    store.record_review(conn, store.ReviewRecord("c0", "d", 1, 3), None, None)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # the "disk" is now full
    with pytest.raises(sqlite3.OperationalError, match="full"):
        for i in range(1, 500):
            store.record_review(conn, store.ReviewRecord(f"c{i}", "d", 1, 3, typed_answer="x" * 500), None, None)
    assert not conn.in_transaction
    assert conn.execute("SELECT count(*) FROM reviews WHERE card_id = 'c0'").fetchone()[0] == 1


def test_cli_restore(isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from quiz.cli import main

    assert main(["restore"]) == 1
    assert "no backups in" in capsys.readouterr().err
    db = isolated_data_dir / "quiz.sqlite3"
    _with_reviews(db, 5)
    opened = open_database(db, now=NOW)
    backup = backup_if_due(opened.conn, db, NOW)
    store.record_review(opened.conn, store.ReviewRecord("late", "d", 1, 3), None, None)
    opened.conn.close()
    assert main(["restore", "--list"]) == 0
    assert capsys.readouterr().out.strip() == str(backup)
    capsys.readouterr()
    assert main(["restore"]) == 1  # no terminal to confirm on: nothing is replaced without --yes
    err = capsys.readouterr().err
    assert "current history: 6 reviews" in err and "backup quiz-20260301.sqlite3: 5 reviews" in err
    assert "--yes" in err
    assert sqlite3.connect(db).execute("SELECT count(*) FROM reviews").fetchone()[0] == 6
    assert main(["restore", "--yes"]) == 0
    assert sqlite3.connect(db).execute("SELECT count(*) FROM reviews").fetchone()[0] == 5
    kept = [p for p in isolated_data_dir.glob("quiz.sqlite3.before-restore-*")
            if not p.name.endswith(("-wal", "-shm"))]  # its WAL files move with it
    assert len(kept) == 1
    assert f"kept as {kept[0]}" in capsys.readouterr().err
