"""Detail pages over studies imported by the real importers from synthetic RDSRs: every event row is shown."""

from decimal import ROUND_HALF_UP, Decimal

import pytest

from remapp.extractors.router import import_path
from remapp.models import CtIrradiationEvent, GeneralStudy, IrradiationEventXRayData
from remapp.synthetic import ct_rdsr, dx_rdsr, mg_rdsr, rf_rdsr, write
from tests.interface.pages import table_rows

pytestmark = pytest.mark.django_db

GENERATORS = {"ct": ct_rdsr, "rf": rf_rdsr, "mg": mg_rdsr, "dx": dx_rdsr}


def _shown(value: Decimal, decimals: str) -> str:
    """How a page shows a value with a quantity's fixed decimals (half up)."""
    return str(value.quantize(Decimal(decimals), rounding=ROUND_HALF_UP))


def _imported(tmp_path, slug: str, seed: int) -> GeneralStudy:
    path = tmp_path / f"{slug}.dcm"
    write(GENERATORS[slug](seed=seed), str(path))
    outcome = import_path(str(path))
    assert outcome.reason == ""
    return GeneralStudy.objects.get(pk=outcome.study_id)


@pytest.fixture
def viewer_client(client, view_user):
    client.force_login(view_user)
    return client


def test_ct_detail_shows_every_imported_acquisition(viewer_client, tmp_path):
    study = _imported(tmp_path, "ct", seed=21)
    html = viewer_client.get(f"/openrem/ct/{study.pk}/").content.decode()
    rows = table_rows(html, "events")
    events = list(CtIrradiationEvent.objects.filter(study=study))
    assert len(rows) == len(events) == study.number_of_events
    for number, (row, event) in enumerate(zip(rows, events, strict=True), start=1):
        assert row[0] == str(number)
        assert row[2] == event.acquisition_protocol
        assert row[3] == event.ct_acquisition_type.code_meaning
        assert row[4] == _shown(event.mean_ctdivol_mgy, "0.01")
        assert row[5] == _shown(event.dlp_mgycm, "0.1")
    study_row = table_rows(html, "accumulated-doses")[0]
    assert study_row[2] == _shown(study.total_dlp_mgycm, "0.1")


@pytest.mark.parametrize(("slug", "seed"), [("rf", 22), ("mg", 23), ("dx", 24)])
def test_projection_details_show_every_imported_exposure(viewer_client, tmp_path, slug, seed):
    study = _imported(tmp_path, slug, seed=seed)
    html = viewer_client.get(f"/openrem/{slug}/{study.pk}/").content.decode()
    rows = table_rows(html, "events")
    events = list(IrradiationEventXRayData.objects.filter(study=study))
    assert len(rows) == len(events) == study.number_of_events
    protocol_column = 3 if slug == "rf" else 1
    assert [row[protocol_column] for row in rows] == [event.acquisition_protocol for event in events]


def test_fluoroscopy_detail_shows_plane_totals_in_cgycm2(viewer_client, tmp_path):
    study = _imported(tmp_path, "rf", seed=25)
    html = viewer_client.get(f"/openrem/rf/{study.pk}/").content.decode()
    plane = table_rows(html, "accumulated-doses")[0]
    assert plane[7] == _shown(study.total_dap_gym2 * 1_000_000, "0.01")
