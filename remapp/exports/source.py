"""Rows from the database in chunks: studies stream through one cursor, each chunk's events in two queries.

Memory holds one chunk at a time whatever the size of the export, and the number of queries grows with the
number of chunks, not of studies.
"""

from collections.abc import Callable, Iterator
from itertools import islice

from django.db import connections
from django.db.models import BooleanField, Count, Max, QuerySet
from django.db.models.expressions import RawSQL

from remapp.exports.columns import ExportSpec

CHUNK_SIZE = 500
# Largest IN list sent at once where the database takes one parameter per value (SQLite allows 32,766).
IN_LIST_BATCH = 5000


class Aborted(Exception):
    """The user asked the export to stop; raised between chunks."""


def study_chunks(
    spec: ExportSpec,
    studies: QuerySet,
    chunk_size: int | None = None,
    after_chunk: Callable[[int], None] | None = None,
) -> Iterator[list[tuple[dict, list[dict]]]]:
    """(study dict, its events) in the studies' order, a chunk at a time; ``after_chunk(done)`` runs after each."""
    chunk_size = chunk_size or CHUNK_SIZE
    rows = studies.values(*spec.study_lookups).iterator(chunk_size=chunk_size)
    done = 0
    while chunk := list(islice(rows, chunk_size)):
        events = spec.load_events([study["pk"] for study in chunk])
        pairs = [(study, events.get(study["pk"], [])) for study in chunk]
        if spec.add_study_values is not None:
            for study, study_events in pairs:
                spec.add_study_values(study, study_events)
        yield pairs
        done += len(chunk)
        if after_chunk is not None:
            after_chunk(done)


def most_events_per_study(spec: ExportSpec, studies: QuerySet) -> int:
    """The largest number of events any one of these studies has (sets the E1..En column groups)."""
    counts = (
        spec.event_model.objects.filter(study__in=studies.order_by().values("pk"))
        .values("study_id")
        .annotate(events=Count("id"))
        .order_by()
    )
    return counts.aggregate(most=Max("events"))["most"] or 0


def frequencies(queryset: QuerySet, field_name: str) -> list[tuple[str, int]]:
    """(value, count) of a text field, most frequent first then alphabetical."""
    rows = queryset.order_by().values(field_name).annotate(count=Count("pk")).values_list(field_name, "count")
    return sorted(((value or "", count) for value, count in rows), key=lambda pair: (-pair[1], pair[0].lower()))


def protocol_frequencies(spec: ExportSpec, studies: QuerySet) -> list[tuple[str, int]]:
    """(series protocol, number of series) over these studies, most frequent first."""
    events = spec.event_model.objects.filter(study__in=studies.order_by().values("pk"))
    return frequencies(events, "acquisition_protocol")


def rows_with_ids(queryset: QuerySet, field: str, ids: list[int]) -> list:
    """The rows of ``queryset`` whose ``field`` (a column of its own table) is one of ``ids``, however many.

    PostgreSQL gets the ids as one array parameter: planning an IN list of thousands of parameters costs
    more than running the query. Other databases get IN lists in batches their parameter limits allow.
    """
    if not ids:
        return []
    model = queryset.model
    if connections[queryset.db].vendor == "postgresql":
        column = f'"{model._meta.db_table}"."{model._meta.get_field(field).column}"'
        condition = RawSQL(f"{column} = ANY(%s)", (list(ids),), output_field=BooleanField())
        return list(queryset.filter(condition))
    rows = []
    for start in range(0, len(ids), IN_LIST_BATCH):
        rows.extend(queryset.filter(**{f"{field}__in": ids[start : start + IN_LIST_BATCH]}))
    return rows
