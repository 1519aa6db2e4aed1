"""Is the database ready for OpenREM (reachable, every migration applied)? If not, one line saying what to run.

Every command-line entry point asks this first (the import scripts through ``scripts._cli``, the ``openrem_*``
management commands through ``remapp.management.base.DataCommand``), so a database that was never migrated
gets "run python manage.py migrate" rather than "no such table".
"""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.utils import DatabaseError

MIGRATE_COMMAND = "python manage.py migrate"


def database_problem(using: str = DEFAULT_DB_ALIAS) -> str | None:
    """None when the database is reachable and fully migrated, else one line naming it, the problem and the fix."""
    connection = connections[using]
    name = database_name(connection)
    try:
        executor = MigrationExecutor(connection)
        if not executor.recorder.has_table():
            return f"the database {name} is not migrated (it has no tables yet): run `{MIGRATE_COMMAND}`"
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return f"cannot open the database {name}: {reason}"
    if unapplied:
        plural = "s" if len(unapplied) != 1 else ""
        return f"the database {name} has {len(unapplied)} unapplied migration{plural}: run `{MIGRATE_COMMAND}`"
    return None


def database_name(connection) -> str:
    """How a user recognises the database: the SQLite file, or the name and host of a server database."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return "(in-memory SQLite)" if connection.is_in_memory_db() else str(settings["NAME"])
    return f"{settings['NAME']} on {settings.get('HOST') or 'localhost'}"
