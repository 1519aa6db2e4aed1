"""Running a save again after a database error that is safe to retry, told apart by error codes, not messages.

Two imports of different studies may create the same new coded concepts in different orders; PostgreSQL then
aborts one with a deadlock, and SQLite may report its database busy past the timeout. Both are safe to run again
from the start. A foreign key that fails at commit means a row a per-process cache pointed at was deleted by
someone else (an administrator removing a unique equipment row): the caches are cleared and the save runs once
more. The database driver's own error codes decide (PostgreSQL SQLSTATE, SQLite extended result codes).
"""

from __future__ import annotations

import logging
import random
import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import DatabaseError, IntegrityError, OperationalError, transaction

from remapp.extractors.study import committed_rows

logger = logging.getLogger(__name__)
T = TypeVar("T")

# PostgreSQL SQLSTATE codes (Appendix A of its manual): deadlock, serialisation failure, lock not available.
_POSTGRES_TRANSIENT = {"40P01", "40001", "55P03"}
_POSTGRES_FOREIGN_KEY = "23503"
_SQLITE_TRANSIENT = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_SQLITE_FOREIGN_KEY = sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY


def _driver_error(error: DatabaseError) -> BaseException | None:
    """The database driver's exception that Django wrapped."""
    return error.__cause__


def _codes(error: DatabaseError) -> tuple[str | None, int | None]:
    """(PostgreSQL SQLSTATE, SQLite result code) of the driver error; None where it is not that driver's."""
    cause = _driver_error(error)
    pgcode = getattr(cause, "pgcode", None)
    sqlite_code = getattr(cause, "sqlite_errorcode", None)
    if sqlite_code is not None and sqlite_code & 0xFF in _SQLITE_TRANSIENT:
        sqlite_code = sqlite_code & 0xFF  # extended codes (SQLITE_BUSY_TIMEOUT, ...) share the primary code's low byte
    return pgcode, sqlite_code


def is_transient(error: DatabaseError) -> bool:
    """A deadlock, serialisation failure or busy/locked database: the same save may succeed when run again."""
    pgcode, sqlite_code = _codes(error)
    return pgcode in _POSTGRES_TRANSIENT or sqlite_code in _SQLITE_TRANSIENT


def is_foreign_key_violation(error: DatabaseError) -> bool:
    """A row referred to is gone (deleted by someone else since it was cached or read)."""
    pgcode, sqlite_code = _codes(error)
    return pgcode == _POSTGRES_FOREIGN_KEY or sqlite_code == _SQLITE_FOREIGN_KEY


def retry_transient(save: Callable[[], T], attempts: int = 4) -> T:
    """Run ``save`` (which opens its own transaction) again after a transient error, or once after stale caches.

    Inside an outer transaction nothing can be retried, so the error is raised.
    """
    for attempt in range(1, attempts + 1):
        try:
            return save()
        except IntegrityError as error:
            stale = is_foreign_key_violation(error) and attempt == 1
            if not stale or transaction.get_connection().in_atomic_block:
                raise
            logger.info("Retrying with fresh caches after %s", error)
            committed_rows.clear()
        except OperationalError as error:
            if not is_transient(error) or attempt == attempts or transaction.get_connection().in_atomic_block:
                raise
            logger.info("Retrying after a transient database error (%s)", error)
            time.sleep(random.uniform(0.01, 0.1) * attempt)
    raise AssertionError("unreachable")
