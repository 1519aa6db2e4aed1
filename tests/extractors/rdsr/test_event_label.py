"""The Irradiation Event Label and its Label Type (TID 10003/10013) are stored, shown and exported."""

import pytest
from django.urls import reverse

from remapp.extractors.router import import_path
from remapp.models import CtIrradiationEvent, IrradiationEventXRayData
from tests.conftest import corpus_file
from tests.exports.conftest import export_workbook

pytestmark = [pytest.mark.django_db, pytest.mark.corpus]


def test_a_ge_ct_report_keeps_each_series_number_label():
    import_path(corpus_file("CT-RDSR-GEPixelMed.dcm"))

    labels = list(
        CtIrradiationEvent.objects.order_by("sequence_number").values_list(
            "irradiation_event_label", "irradiation_event_label_type__code_meaning"
        )
    )
    assert labels[0] == ("1", "Series Number")
    assert all(label for label, _ in labels)


def test_a_ge_oec_report_keeps_each_acquisition_number_and_shows_and_exports_it(client, view_user, tmp_path):
    outcome = import_path(corpus_file("RF-RDSR-GE-OECEliteMiniView.dcm"))
    first = IrradiationEventXRayData.objects.order_by("sequence_number").first()
    assert (first.irradiation_event_label, first.irradiation_event_label_type.code_meaning) == (
        "1",
        "Acquisition Number",
    )

    client.force_login(view_user)
    page = client.get(reverse("study_detail", args=["rf", outcome.study_id])).content.decode()
    assert '<span class="text-muted small">(Acquisition Number 1)</span>' in page

    events = export_workbook(tmp_path, "rf")["Events"]
    header = [cell.value for cell in events[1]]
    first_row = dict(zip(header, [cell.value for cell in events[2]], strict=False))
    assert (first_row["Event label"], first_row["Event label type"]) == ("1", "Acquisition Number")
