"""Django's SQLite backend, making the database file's folder on the first connection rather than at import."""

from pathlib import Path

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        name = str(conn_params["database"])
        # SQLite creates the file but never its folder: a fresh OPENREM_HOME would fail "unable to open".
        if not self.is_in_memory_db() and not name.startswith("file:"):
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        return super().get_new_connection(conn_params)
