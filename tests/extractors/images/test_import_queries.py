"""The image import's database work per image is bounded (issue 4: at least 200 images/s on SQLite).

Counted with committed transactions (as in production), so the per-process caches of committed rows (coded
concepts, unique equipment, a study's patient and equipment rows) take effect from the second image on.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from remapp.extractors.images import mammography as mammo
from remapp.extractors.images import radiography as dx
from remapp.extractors.study.rows import clear_caches
from remapp.models import GeneralStudy
from remapp.synthetic import dx_image, mammo_image

pytestmark = pytest.mark.django_db(transaction=True)

STUDY = "1.2.826.0.1.3680043.2.1125.88.1"
VIEWS = [("L", "CC"), ("R", "CC"), ("L", "MLO"), ("R", "MLO")]


@pytest.fixture(autouse=True)
def _fresh_caches():
    clear_caches()
    yield
    clear_caches()


def _queries(importer, dataset) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        outcome = importer.import_dataset(dataset, "image.dcm")
    return outcome.status.value, len(captured.captured_queries)


def test_a_mammography_study_takes_a_bounded_number_of_queries_per_image():
    images = [
        mammo_image(study_instance_uid=STUDY, laterality=side, view=view, instance_number=n, seed=n)
        for n, (side, view) in enumerate(VIEWS)
    ]
    for n, (side, view) in enumerate(VIEWS):  # another study first: coded concepts and equipment now cached
        mammo.import_dataset(mammo_image(laterality=side, view=view, instance_number=n, seed="warm-up"), "warm.dcm")
    first = _queries(mammo, images[0])
    later = [_queries(mammo, image) for image in images[1:]]

    # A new study: BEGIN, study look-up and insert, DoseObject, patient, patient study (with its effective height
    # and weight), equipment, dose record, accumulation, AGD per breast, 6 rows of the event, summary, COMMIT (the
    # unique equipment is cached); on PostgreSQL the study insert also takes a savepoint (concurrent workers),
    # which SQLite's writers do not need.
    assert first == ("imported", 18 if connection.vendor == "sqlite" else 20)
    # A known study: no patient or equipment work; one read of its events (duplicate check and summary alike) and
    # one of its dose record; no aggregate queries. (16 when the first image of the other breast adds its row.)
    assert [status for status, _ in later] == ["imported"] * 3
    assert max(count for _, count in later) <= 16
    study = GeneralStudy.objects.get(study_instance_uid=STUDY)
    assert study.number_of_events == 4


def test_a_radiography_image_of_a_known_study_takes_at_most_fifteen_queries():
    dx.import_dataset(dx_image(study_instance_uid=STUDY, instance_number=1, seed=1), "one.dcm")
    status, count = _queries(dx, dx_image(study_instance_uid=STUDY, instance_number=2, seed=2))
    assert (status, GeneralStudy.objects.get(study_instance_uid=STUDY).number_of_events) == ("imported", 2)
    assert count <= 15


def test_a_cached_unique_equipment_deleted_elsewhere_is_looked_up_again():
    from remapp.models import GeneralEquipment, UniqueEquipment

    first = dx.import_dataset(dx_image(study_instance_uid=STUDY, seed=1), "one.dcm")
    assert first.status.value == "imported"
    # An administrator removes the study and then its (now unused) unique equipment row, which this process
    # still has cached: the next import of that source fails its foreign key once, then looks it up afresh.
    GeneralStudy.objects.all().delete()
    UniqueEquipment.objects.all().delete()
    second = dx.import_dataset(dx_image(study_instance_uid=STUDY + ".2", seed=2), "two.dcm")

    assert second.status.value == "imported"
    [equipment] = GeneralEquipment.objects.all()
    assert UniqueEquipment.objects.filter(pk=equipment.unique_equipment_id).count() == 1
