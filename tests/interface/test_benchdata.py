"""The openrem_benchdata command: many consistent synthetic studies through bulk inserts."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Sum

from remapp.models import CtIrradiationEvent, GeneralStudy, IrradiationEventXRayData, PatientStudy

pytestmark = pytest.mark.django_db


def test_it_adds_the_requested_number_of_studies_with_summaries_that_match_their_events():
    call_command("openrem_benchdata", 120, batch=50, seed=3, stdout=io.StringIO())
    assert GeneralStudy.objects.count() == 120
    assert PatientStudy.objects.count() == 120
    assert set(GeneralStudy.objects.values_list("modality", flat=True)) == {"CT", "RF", "MG", "DX"}
    for study in GeneralStudy.objects.filter(modality="CT")[:10]:
        events = CtIrradiationEvent.objects.filter(study=study)
        assert events.count() == study.number_of_events
        assert events.aggregate(total=Sum("dlp_mgycm"))["total"] == pytest.approx(
            study.total_dlp_mgycm, abs=Decimal("0.01")
        )
    for study in GeneralStudy.objects.filter(modality__in=["RF", "DX"])[:10]:
        events = IrradiationEventXRayData.objects.filter(study=study)
        assert events.count() == study.number_of_events
        total = events.aggregate(total=Sum("dose_area_product_gym2"))["total"]
        assert total == pytest.approx(study.total_dap_gym2, abs=Decimal("0.0000001"))
    assert GeneralStudy.objects.filter(station__isnull=True).count() == 0
    assert GeneralStudy.objects.filter(study_datetime__isnull=True).count() == 0


def test_a_second_run_reuses_the_same_sources_and_adds_unique_studies():
    call_command("openrem_benchdata", 20, seed=1, stdout=io.StringIO())
    stations = set(GeneralStudy.objects.values_list("station_id", flat=True).distinct())
    call_command("openrem_benchdata", 20, seed=1, stdout=io.StringIO())
    assert GeneralStudy.objects.count() == 40
    per_uid = GeneralStudy.objects.values("study_instance_uid").annotate(n=Count("id")).filter(n__gt=1)
    assert list(per_uid) == []
    assert stations <= set(GeneralStudy.objects.values_list("station_id", flat=True).distinct())


def test_it_refuses_a_non_positive_count():
    with pytest.raises(CommandError, match="must be positive"):
        call_command("openrem_benchdata", 0)
