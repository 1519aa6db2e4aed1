"""List pages cost the same number of queries whatever the page size; the home page too, whatever the sources."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import add_ct_event, add_projection_event, make_station, make_study

pytestmark = pytest.mark.django_db

# Session, user, groups (rights), count, matching ids (only when there are few), page rows.
LIST_QUERIES = 6


@pytest.fixture
def viewer_client(client, view_user):
    client.force_login(view_user)
    return client


@pytest.mark.parametrize("modality", ["ct", "rf", "mg", "dx"])
@pytest.mark.parametrize("per_page", [10, 200])
def test_list_page_query_count_does_not_grow_with_page_size(
    viewer_client, django_assert_max_num_queries, modality, per_page
):
    stations = [make_station(f"Room {n}") for n in range(3)]
    for n in range(30):
        study = make_study(
            modality.upper(),
            station=stations[n % 3],
            study_description="CT Head",
            age=Decimal(n),
            total_dlp_mgycm=Decimal(n),
        )
        if n % 5 == 0:
            add_ct_event(study) if modality == "ct" else add_projection_event(study)
    with django_assert_max_num_queries(LIST_QUERIES):
        response = viewer_client.get(
            f"/openrem/{modality}/?per_page={per_page}&study_description=ct&ordering=study_datetime"
        )
    assert len(response.context["studies"]) == min(per_page, 30)


def test_home_page_query_count_does_not_grow_with_sources(viewer_client, django_assert_max_num_queries):
    for n in range(12):
        make_study(["CT", "RF", "MG", "DX"][n % 4], station=make_station(f"Source {n}"))
    # Session, user, groups (rights), newest study id, count per source, modality probes, sources.
    with django_assert_max_num_queries(7):
        response = viewer_client.get("/openrem/")
    assert response.context["total_studies"] == 12


@pytest.mark.parametrize("modality", ["ct", "rf", "mg", "dx"])
def test_detail_page_query_count_does_not_grow_with_events(viewer_client, modality):
    counts = []
    for events in (1, 12):
        study = make_study(modality.upper())
        for _ in range(events):
            add_ct_event(study) if modality == "ct" else add_projection_event(
                study, source__average_glandular_dose_mgy=Decimal("1.0")
            )
        with CaptureQueriesContext(connection) as queries:
            response = viewer_client.get(f"/openrem/{modality}/{study.pk}/")
        assert len(response.context["events"]) == events
        counts.append(len(queries))
    assert counts[0] == counts[1]
