"""Indexes the list filters rely on: trigram indexes for text "contains" filters on PostgreSQL, and no index that a
composite one already covers (each costs every import a write)."""

import pytest
from django.db import connection

from remapp.models import CtIrradiationEvent, GeneralStudy, IrradiationEventXRayData

pytestmark = pytest.mark.django_db

TRIGRAM_INDEXES = {
    "study_description_trgm",
    "study_requested_procedure_trgm",
    "study_accession_trgm",
    "ct_event_protocol_trgm",
    "projection_event_protocol_trgm",
}


def _indexed_columns(model) -> list[tuple[str, ...]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return [tuple(c["columns"]) for c in constraints.values() if c["index"] or c["unique"]]


def test_text_filters_have_trigram_indexes_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes exist on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%_trgm"])
        found = {row[0] for row in cursor.fetchall()}
    assert TRIGRAM_INDEXES <= found


@pytest.mark.parametrize("model", [CtIrradiationEvent, IrradiationEventXRayData])
def test_events_have_no_study_index_beside_the_unique_study_and_event_uid_one(model):
    columns = _indexed_columns(model)
    assert ("study_id", "irradiation_event_uid") in columns
    assert ("study_id",) not in columns


def test_the_study_table_has_no_single_column_index_a_modality_composite_covers():
    columns = _indexed_columns(GeneralStudy)
    for single in ("modality", "study_date", "study_description", "total_dlp_mgycm", "total_dap_gym2"):
        assert (single,) not in columns
    assert ("modality", "study_date") in columns
