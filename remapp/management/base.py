"""The base of every openrem_* management command that reads or writes OpenREM data."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from remapp.readiness import database_problem


class DataCommand(BaseCommand):
    """A command that refuses, in one line, to run on a database that is unreachable or not fully migrated."""

    def execute(self, *args, **options):
        problem = database_problem(options.get("database") or DEFAULT_DB_ALIAS)
        if problem:
            raise CommandError(problem)
        return super().execute(*args, **options)
