"""Pages show every quantity in one display unit with one number of decimals (issue 11), and what is stored."""

from decimal import Decimal

import pytest

from remapp.models import CtAccumulatedDose
from tests.factories import add_ct_event, add_projection_event, coded_concept, make_study
from tests.interface.pages import table_headings, table_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer_client(client, view_user):
    client.force_login(view_user)
    return client


def _column(rows: list[list[str]], heading: str, headings: list[str]) -> list[str]:
    return [row[headings.index(heading)] for row in rows]


def test_a_ct_list_column_shows_every_value_with_the_same_decimals(viewer_client):
    make_study("CT", accession_number="A", total_dlp_mgycm=Decimal("548"), max_ctdivol_mgy=Decimal("63"))
    make_study("CT", accession_number="B", total_dlp_mgycm=Decimal("596.10"), max_ctdivol_mgy=Decimal("9.6"))
    html = viewer_client.get("/openrem/ct/?ordering=study_datetime").content.decode()
    headings, rows = table_headings(html, "study-table"), table_rows(html, "study-table")
    assert _column(rows, "Total DLP (mGy.cm)", headings) == ["548.0", "596.1"]
    assert _column(rows, "Max CTDIvol (mGy)", headings) == ["63.00", "9.60"]


def test_dose_at_the_reference_point_is_shown_in_mgy_on_the_list_and_the_detail(viewer_client):
    study = make_study("RF", total_dap_gym2=Decimal("0.0001"), total_dose_rp_gy=Decimal("0.25"))
    event = add_projection_event(study, protocol="Run 1", dose_area_product_gym2=Decimal("0.000000136"))
    event.source.dose_rp_gy = Decimal("0.0000125")
    event.source.save()
    html = viewer_client.get("/openrem/rf/").content.decode()
    headings, rows = table_headings(html, "study-table"), table_rows(html, "study-table")
    assert _column(rows, "Total dose at RP (mGy)", headings) == ["250.00"]
    assert _column(rows, "Total DAP (cGy.cm²)", headings) == ["100.00"]
    detail = viewer_client.get(f"/openrem/rf/{study.pk}/").content.decode()
    assert "dose at RP <strong>250.00</strong> mGy" in detail
    headings, rows = table_headings(detail, "events"), table_rows(detail, "events")
    assert _column(rows, "Dose at RP (mGy)", headings) == ["0.01"]
    assert _column(rows, "DAP (cGy.cm²)", headings) == ["0.14"]


def test_radiography_shows_small_exposures_and_filters_without_losing_them(viewer_client):
    study = make_study("DX")
    event = add_projection_event(
        study, protocol="Hand PA", dose_area_product_gym2=Decimal("0.0000001364"), source__kvp=Decimal("81")
    )
    event.source.exposure_uas = Decimal("365.508")
    event.source.save()
    html = viewer_client.get(f"/openrem/dx/{study.pk}/").content.decode()
    headings, rows = table_headings(html, "events"), table_rows(html, "events")
    assert _column(rows, "Exposure (mAs)", headings) == ["0.37"]
    assert _column(rows, "DAP (cGy.cm²)", headings) == ["0.14"]
    assert _column(rows, "kVp (kV)", headings) == ["81"]


def test_ct_detail_shows_reported_ssde_water_equivalent_diameter_and_effective_dose(viewer_client):
    study = make_study("CT")
    event = add_ct_event(study, protocol="Abdomen")
    event.size_specific_dose_estimate_mgy = Decimal("12.345")
    event.water_equivalent_diameter_mm = Decimal("285")
    event.effective_dose_msv = Decimal("5.678")
    event.effective_dose_measurement_method = coded_concept("ICRP Pub 103")
    event.effective_dose_conversion_factor = Decimal("0.014")
    event.save()
    add_ct_event(study, protocol="Topogram")  # an event of the same study without them: empty cells
    report = study.ct_radiation_doses.get()
    CtAccumulatedDose.objects.create(ct_radiation_dose=report, ct_effective_dose_total_msv=Decimal("6.1"))
    html = viewer_client.get(f"/openrem/ct/{study.pk}/").content.decode()
    headings, rows = table_headings(html, "events"), table_rows(html, "events")
    assert _column(rows, "SSDE (mGy)", headings) == ["12.35", ""]
    assert _column(rows, "Water equivalent diameter (cm)", headings) == ["28.5", ""]
    assert _column(rows, "Effective dose (mSv)", headings) == ["5.68", ""]
    assert _column(rows, "Effective dose method", headings) == ["ICRP Pub 103", ""]
    assert _column(rows, "Effective dose conversion factor (mSv/(mGy.cm))", headings) == ["0.0140", ""]
    accumulated = table_rows(html, "accumulated-doses")
    assert "Effective dose total (mSv)" in table_headings(html, "accumulated-doses")
    assert accumulated[1][-1] == "6.10"


def test_a_ct_report_without_ssde_or_effective_dose_gets_no_empty_columns(viewer_client):
    study = make_study("CT")
    add_ct_event(study)
    CtAccumulatedDose.objects.create(ct_radiation_dose=study.ct_radiation_doses.get())
    html = viewer_client.get(f"/openrem/ct/{study.pk}/").content.decode()
    headings = table_headings(html, "events") + table_headings(html, "accumulated-doses")
    assert not [heading for heading in headings if "SSDE" in heading or "Effective dose" in heading]
    assert not [heading for heading in headings if "diameter" in heading or "Dose check" in heading]


def test_nothing_shows_a_slice_thickness_no_importer_writes(viewer_client):
    study = make_study("CT")
    add_ct_event(study)
    html = viewer_client.get(f"/openrem/ct/{study.pk}/").content.decode()
    assert "Slice thickness" not in html
