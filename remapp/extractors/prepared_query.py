"""A read-only ``values_list`` query compiled once per database and run again with another parameter value.

The image import runs the same few look-ups for every image, differing only in the study's id; building and
compiling a Django query with several joins costs more than running it. ``PreparedQuery(build)`` compiles
``build(SENTINEL)`` once per database connection alias, then substitutes the value for the sentinel and applies
the same result converters the ORM would (decimals, datetimes), so the rows are what ``build(value)`` gives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

SENTINEL = -7_919_170_003  # an id no row has; it must appear exactly once among the compiled parameters


@dataclass
class _Compiled:
    compiler: object
    sql: str
    params: list
    position: int
    converters: dict


class PreparedQuery:
    """``rows(value)``: the rows of ``build(value)`` (a values_list queryset filtered on one value)."""

    def __init__(self, build: Callable[[object], QuerySet], sentinel: object = SENTINEL) -> None:
        self._build = build
        self._sentinel = sentinel
        self._compiled: dict[tuple[str, str], _Compiled | None] = {}

    def _compile(self, alias: str) -> _Compiled | None:
        compiler = self._build(self._sentinel).query.get_compiler(alias)
        sql, params = compiler.as_sql()
        positions = [n for n, param in enumerate(params) if param == self._sentinel]
        if len(positions) != 1:
            return None  # the ORM's own path then
        fields = [selected[0] for selected in compiler.select[0 : compiler.col_count]]
        return _Compiled(compiler, sql, list(params), positions[0], compiler.get_converters(fields))

    def _for(self, alias: str) -> _Compiled | None:
        key = (alias, connections[alias].vendor)
        if key not in self._compiled:
            self._compiled[key] = self._compile(alias)
        return self._compiled[key]

    def first_instance(self, value: object, alias: str = DEFAULT_DB_ALIAS):
        """The first model instance of ``build(value)`` (a plain model queryset, no select_related), or None."""
        compiled = self._for(alias)
        if compiled is None:
            return next(iter(self._build(value)), None)
        rows = self._run(compiled, value, alias)
        if not rows:
            return None
        names = [selected[0].target.attname for selected in compiled.compiler.select[0 : compiled.compiler.col_count]]
        return compiled.compiler.query.model.from_db(alias, names, rows[0])

    def rows(self, value: object, alias: str = DEFAULT_DB_ALIAS) -> list[tuple]:
        """The rows of ``build(value)``, as tuples."""
        compiled = self._for(alias)
        if compiled is None:
            return [tuple(row) for row in self._build(value)]
        return self._run(compiled, value, alias)

    def _run(self, compiled: _Compiled, value: object, alias: str) -> list[tuple]:
        connection = connections[alias]
        params = list(compiled.params)
        params[compiled.position] = value
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = compiled.compiler.apply_converters(rows, compiled.converters)
        return [tuple(row) for row in rows]
