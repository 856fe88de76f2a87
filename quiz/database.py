"""Opening the review database safely: health check, quarantine, daily backups.

The review database holds months of a person's work, so opening it is careful:
- `PRAGMA quick_check` at start; a damaged file is moved aside (never deleted)
  together with its -wal/-shm files, a fresh database is started, and the newest
  backup is named so it can be restored (`quiz restore`).
- A rolling backup through SQLite's online backup API, at most once a day,
  keeping the newest `KEEP_BACKUPS`.
- A data dir that cannot be written gives a clear QuizError, not a traceback.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from quiz import store
from quiz.errors import QuizError

KEEP_BACKUPS = 5
BACKUP_PREFIX = "quiz-"
BACKUP_SUFFIX = ".sqlite3"


@dataclass(slots=True)
class OpenedDatabase:
    """A ready connection and anything the person should be told about it."""

    conn: sqlite3.Connection
    path: Path
    notices: list[str] = field(default_factory=list)
    """One-line messages to show (e.g. a damaged database was moved aside)."""
    quarantined: Path | None = None
    """Where a damaged database was moved, if it was."""
    latest_backup: Path | None = None
    """The newest backup, offered for restore after a quarantine."""


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def list_backups(db_path: Path) -> list[Path]:
    """Backups, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}"), reverse=True)


def _companions(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def is_healthy(path: Path) -> tuple[bool, str]:
    """(ok, reason) from `PRAGMA quick_check` on an existing file."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return False, str(exc)
    if rows and rows[0][0] == "ok":
        return True, "ok"
    return False, "; ".join(str(r[0]) for r in rows[:3]) or "quick_check failed"


def quarantine(path: Path, now: datetime) -> Path:
    """Move a damaged database (and its -wal/-shm) aside; returns the new name of the main file."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    for src in _companions(path):
        if src.exists():
            src.replace(src.with_name(src.name.replace(path.name, target.name, 1)))
    return target


def _friendly_os_error(path: Path, exc: BaseException) -> QuizError:
    text = str(exc).lower()
    folder = path.parent
    if "readonly" in text or "read-only" in text or "permission" in text or "unable to open" in text:
        return QuizError(
            f"cannot write the review database in {folder} (read-only or no permission); "
            "set QUIZ_DATA_DIR to a writable folder",
            title="Data dir not writable",
        )
    if "full" in text or "no space" in text:
        return QuizError(f"the disk holding {folder} is full; free some space and try again", title="Disk full")
    if isinstance(exc, QuizError):
        return exc
    return QuizError(f"cannot open the review database {path}: {exc}", title="Database error")


def open_database(path: Path | None = None, *, now: datetime | None = None) -> OpenedDatabase:
    """Open the review database, checking it first. Raises QuizError only for unusable data dirs."""
    if path is None:
        from quiz.paths import database_path

        try:
            path = database_path()
        except OSError as exc:
            raise _friendly_os_error(Path(str(exc.filename or "data dir")) / "quiz.sqlite3", exc) from None
    now = now or datetime.now(UTC)
    notices: list[str] = []
    quarantined = None
    if path.exists() and path.stat().st_size > 0:
        ok, reason = is_healthy(path)
        if not ok:
            quarantined = quarantine(path, now)
            notices.append(f"The review database was damaged ({reason}); it was moved to {quarantined}.")
    latest = None
    if quarantined is not None:
        backups = list_backups(path)
        latest = backups[0] if backups else None
        if latest is not None:
            notices.append(f"The newest backup is {latest}; run `quiz restore` to use it.")
        else:
            notices.append("No backup was found; starting a new, empty history.")
    try:
        conn = store.connect(path)
        conn.execute("CREATE TABLE IF NOT EXISTS _write_probe (x)")  # fails now, not mid-session
        conn.execute("DROP TABLE _write_probe")
    except QuizError as exc:
        if "locked" in exc.message or "newer quiz" in exc.message:
            raise
        raise _friendly_os_error(path, exc) from None
    except (sqlite3.OperationalError, OSError) as exc:
        raise _friendly_os_error(path, exc) from None
    return OpenedDatabase(conn, path, notices, quarantined, latest)


def backup_if_due(conn: sqlite3.Connection, db_path: Path, now: datetime | None = None) -> Path | None:
    """Back up through the SQLite backup API unless today's backup exists; prune old ones.

    Returns the new backup's path, or None when none was due or it failed (a backup
    failure must never stop studying).
    """
    now = now or datetime.now(UTC)
    folder = backup_dir(db_path)
    name = f"{BACKUP_PREFIX}{now.astimezone(UTC).strftime('%Y%m%d')}{BACKUP_SUFFIX}"
    target = folder / name
    if target.exists():
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        dest = sqlite3.connect(str(tmp))
        try:
            conn.backup(dest)
        finally:
            dest.close()
        tmp.replace(target)
        for old in list_backups(db_path)[KEEP_BACKUPS:]:
            old.unlink(missing_ok=True)
    except (OSError, sqlite3.Error):
        return None
    return target


def choose_backup(db_path: Path, backup: Path | None = None) -> Path:
    """The named backup (checked to exist) or the newest; QuizError when there is none."""
    if backup is None:
        backups = list_backups(db_path)
        if not backups:
            raise QuizError(f"no backups in {backup_dir(db_path)}")
        backup = backups[0]
    if not backup.is_file():
        raise QuizError(f"{backup}: no such backup")
    return backup


def review_summary(path: Path) -> tuple[int, int | None]:
    """(number of reviews, newest review time in UTC ms) of a database file; (0, None) if unreadable."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            count, newest = conn.execute("SELECT count(*), max(reviewed_ms) FROM reviews").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return 0, None
    return int(count), newest


def restore_backup(
    db_path: Path, backup: Path | None = None, now: datetime | None = None
) -> tuple[Path, Path | None]:
    """Replace the database with a backup (the newest by default); the current file is kept aside.

    Returns (backup used, where the previous database was moved or None if there was none).
    QuizError when there is no backup or it is damaged.
    """
    now = now or datetime.now(UTC)
    backup = choose_backup(db_path, backup)
    ok, reason = is_healthy(backup)
    if not ok:
        raise QuizError(f"{backup}: the backup is damaged too ({reason})")
    aside = None
    if db_path.exists():
        stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = db_path.with_name(f"{db_path.name}.before-restore-{stamp}")
        for src in _companions(db_path):
            if src.exists():
                src.replace(src.with_name(src.name.replace(db_path.name, aside.name, 1)))
    shutil.copyfile(backup, db_path)
    return backup, aside
