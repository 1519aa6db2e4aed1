"""Applying checked CSV rows to the studies: batch look-ups, the never-overwrite rule, bulk updates.

Rows are handled in chunks (one transaction each): one query finds the chunk's studies, one locks their
Patient Study rows, one UPDATE ... FROM (VALUES ...) writes what changed. Nothing is ever overwritten, so a
chunk that was applied before an abort or a crash is simply "already present" when the file is run again.
"""

import sqlite3
from collections.abc import Callable

from django.db import connection, transaction
from django.db.models import Subquery

from remapp.models import GeneralStudy, PatientSizeImport, PatientStudy, effective_size_update
from remapp.ptsize.csvfile import SizeRow, SizeTable
from remapp.ptsize.outcomes import (
    IdType,
    ImportSummary,
    RowKind,
    RowOutcome,
    StudyOutcome,
    ValueOutcome,
    ValueResult,
)
from remapp.ptsize.values import CheckedValue, ValueStatus, check_height_cm, check_weight_kg

CHUNK_SIZE = 1000
HEIGHT_FIELD = "patient_height_cm_ris"
WEIGHT_FIELD = "patient_weight_kg_ris"
_ID_FIELD = {IdType.ACCESSION: "accession_number", IdType.STUDY_UID: "study_instance_uid"}


def _value_outcome(patient_study: PatientStudy, field_name: str, quantity: str, checked: CheckedValue):
    """Store the value unless one is already there; returns the outcome and whether the row changed."""
    if checked.status == ValueStatus.BLANK:
        return ValueOutcome(quantity, ValueResult.NOT_GIVEN, checked), False
    if not checked.usable:
        return ValueOutcome(quantity, ValueResult.BAD_VALUE, checked), False
    stored = getattr(patient_study, field_name)
    if stored is not None:
        return ValueOutcome(quantity, ValueResult.ALREADY_PRESENT, checked, kept=stored), False
    setattr(patient_study, field_name, checked.value)
    return ValueOutcome(quantity, ValueResult.INSERTED, checked), True


def _find_studies(identifiers: list[str], id_type: IdType) -> dict[str, list[tuple[int, str]]]:
    """Studies per identifier, as (pk, Study Instance UID); an accession number may name several studies."""
    id_field = _ID_FIELD[id_type]
    found: dict[str, list[tuple[int, str]]] = {}
    matches = GeneralStudy.objects.filter(**{f"{id_field}__in": identifiers}).values_list(
        "pk", id_field, "study_instance_uid"
    )
    for pk, identifier, uid in matches.order_by("pk"):
        found.setdefault(identifier, []).append((pk, uid))
    return found


def _lock_patient_studies(study_pks: set[int]) -> dict[int, PatientStudy]:
    """The Patient Study rows of these studies, locked for this transaction; missing ones are created."""

    def locked(pks) -> dict[int, PatientStudy]:
        rows = PatientStudy.objects.select_for_update().filter(study_id__in=pks)
        return {row.study_id: row for row in rows.only("pk", "study_id", HEIGHT_FIELD, WEIGHT_FIELD)}

    patient_studies = locked(study_pks)
    missing = study_pks - patient_studies.keys()
    if missing:
        PatientStudy.objects.bulk_create([PatientStudy(study_id=pk) for pk in missing], ignore_conflicts=True)
        patient_studies.update(locked(missing))
    return patient_studies


def _write_sizes(patient_studies: list[PatientStudy]) -> None:
    """One UPDATE for the whole chunk; COALESCE keeps any value stored meanwhile (never overwrite).

    Django's bulk_update builds a CASE expression per row in Python, which took most of the import time
    (about 2 s per 1000 rows); a VALUES list is one small statement on PostgreSQL and SQLite 3.33+ alike.
    """
    if connection.vendor not in ("postgresql", "sqlite") or sqlite3.sqlite_version_info < (3, 33):
        PatientStudy.objects.bulk_update(patient_studies, [HEIGHT_FIELD, WEIGHT_FIELD])
        return
    meta, quote = PatientStudy._meta, connection.ops.quote_name
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    height, weight = quote(meta.get_field(HEIGHT_FIELD).column), quote(meta.get_field(WEIGHT_FIELD).column)
    placeholders = ", ".join(["(%s, %s, %s)"] * len(patient_studies))
    params = []
    for patient_study in patient_studies:
        params += [patient_study.pk, getattr(patient_study, HEIGHT_FIELD), getattr(patient_study, WEIGHT_FIELD)]
    # VALUES columns are called column1, column2, ... on both PostgreSQL and SQLite.
    sql = (
        f"UPDATE {table} SET {height} = COALESCE({table}.{height}, CAST(v.column2 AS NUMERIC)), "
        f"{weight} = COALESCE({table}.{weight}, CAST(v.column3 AS NUMERIC)) "
        f"FROM (VALUES {placeholders}) AS v WHERE {table}.{pk} = v.column1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _apply_chunk(
    chunk: list[SizeRow], id_type: IdType, first_rows: dict[str, int], import_id: int | None
) -> list[RowOutcome]:
    outcomes: dict[int, RowOutcome] = {}
    fresh: list[SizeRow] = []
    for row in chunk:
        if not row.identifier:
            outcomes[row.number] = RowOutcome(row, RowKind.NO_IDENTIFIER, id_type)
        elif row.identifier in first_rows:
            first = first_rows[row.identifier]
            outcomes[row.number] = RowOutcome(row, RowKind.REPEATED, id_type, first_row=first)
        else:
            first_rows[row.identifier] = row.number
            fresh.append(row)

    with transaction.atomic():
        studies = _find_studies([row.identifier for row in fresh], id_type)
        patient_studies = _lock_patient_studies({pk for matches in studies.values() for pk, _ in matches})
        changed: dict[int, PatientStudy] = {}
        for row in fresh:
            matches = studies.get(row.identifier)
            if not matches:
                outcomes[row.number] = RowOutcome(row, RowKind.NO_MATCH, id_type)
                continue
            height, weight = check_height_cm(row.height), check_weight_kg(row.weight)
            per_study = []
            for pk, uid in matches:
                patient_study = patient_studies[pk]
                height_outcome, height_changed = _value_outcome(patient_study, HEIGHT_FIELD, "height", height)
                weight_outcome, weight_changed = _value_outcome(patient_study, WEIGHT_FIELD, "weight", weight)
                if height_changed or weight_changed:
                    changed[patient_study.pk] = patient_study
                per_study.append(StudyOutcome(uid, height_outcome, weight_outcome))
            outcomes[row.number] = RowOutcome(row, RowKind.MATCHED, id_type, studies=tuple(per_study))
        if changed:
            _write_sizes(list(changed.values()))
            # The new RIS values may be the studies' effective height and weight now (the site's precedence).
            upload = PatientSizeImport.objects.filter(pk=import_id).values("pk")  # NULL if deleted meanwhile
            rows = PatientStudy.objects.filter(pk__in=list(changed))
            rows.update(size_import_id=Subquery(upload), **effective_size_update())
    return [outcomes[row.number] for row in chunk]


def apply_size_table(
    table: SizeTable,
    id_type: IdType | str,
    on_row: Callable[[RowOutcome], None] | None = None,
    before_chunk: Callable[[int, int], bool] | None = None,
    chunk_size: int = CHUNK_SIZE,
    import_id: int | None = None,
) -> ImportSummary:
    """Apply every row; ``before_chunk(first_row_number, total)`` may return False to stop (abort).

    ``import_id``: the PatientSizeImport this file is, recorded on each study it gave a height or weight.
    """
    id_type = IdType(id_type)
    summary = ImportSummary(total_rows=len(table.rows))
    first_rows: dict[str, int] = {}
    for start in range(0, len(table.rows), chunk_size):
        if before_chunk is not None and not before_chunk(start + 1, summary.total_rows):
            summary.aborted = True
            break
        for outcome in _apply_chunk(table.rows[start : start + chunk_size], id_type, first_rows, import_id):
            summary.add(outcome)
            if on_row is not None:
                on_row(outcome)
    return summary
