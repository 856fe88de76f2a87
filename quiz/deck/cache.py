"""Parsed-deck cache: opening a big deck the second time skips YAML.

Keyed by the resolved path, size, mtime and a BLAKE2 hash of the bytes, so a
stale entry is never trusted. The cache is disposable: its file name carries a
version and any failure to read it is a miss.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from quiz import __version__

if TYPE_CHECKING:
    from quiz.deck.load import LoadResult

CACHE_VERSION = 1


def _entry_path(path: Path) -> Path:
    from quiz.paths import cache_dir

    name = hashlib.blake2b(str(path.resolve()).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
    return cache_dir() / f"deck-v{CACHE_VERSION}-{name}.pickle"


def _key(path: Path, raw: bytes) -> tuple[str, str, int, int, str]:
    st = path.stat()
    digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
    return (__version__, str(path.resolve()), st.st_size, st.st_mtime_ns, digest)


def get(path: Path, raw: bytes) -> LoadResult | None:
    """The cached result for these exact bytes, or None."""
    try:
        key = _key(path, raw)
        with _entry_path(path).open("rb") as fh:
            stored_key, result = pickle.load(fh)
        if stored_key != key:
            return None
        return result
    except Exception:  # noqa: BLE001 - a cache read failure is a miss, whatever it is
        return None


def put(path: Path, raw: bytes, result: LoadResult) -> None:
    """Store a result; failures (read-only data dir, full disk) are ignored."""
    try:
        target = _entry_path(path)
        key = _key(path, raw)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((key, result), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except Exception:  # noqa: BLE001
        return
