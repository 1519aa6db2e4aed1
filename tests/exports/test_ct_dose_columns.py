"""CT exports carry what is stored and was never exported: dose checks, SSDE, water-equivalent diameter, effective
dose (issue 11); and nothing that no importer writes (slice thickness)."""

from decimal import Decimal

import pytest

from remapp.extractors.router import import_path
from remapp.models import CtDoseCheck
from tests.conftest import corpus_file
from tests.exports.conftest import as_dict, export_rows, export_workbook
from tests.factories import add_ct_event, coded_concept, make_study

pytestmark = pytest.mark.django_db


@pytest.mark.corpus
def test_ct_csv_has_the_toshiba_dose_check_alerts(tmp_path):
    import_path(corpus_file("CT-RDSR-Toshiba_DoseCheck.dcm"))
    header, row = export_rows(tmp_path, "ct")
    values = as_dict(header, row)
    assert (values["Dose check alerts"], values["Dose check notifications"]) == ("2", "0")
    assert values["DLP total (mGy.cm)"] == "502.4"
    for number, estimate in ((1, "251.2"), (2, "502.4")):
        assert values[f"E{number} Dose check alert"] == "Yes"
        assert values[f"E{number} DLP alert value (mGy.cm)"] == "100"
        assert values[f"E{number} CTDIvol alert value (mGy)"] == "10"
        assert values[f"E{number} Accumulated DLP forward estimate (mGy.cm)"] == estimate
        assert values[f"E{number} Alert proceeded by (role)"] == "Irradiation Authorizing"
        assert values[f"E{number} Dose check notification"] == "No"
        assert values[f"E{number} DLP notification value (mGy.cm)"] == ""
    assert values["E1 Accumulated CTDIvol forward estimate (mGy)"] == ""
    assert values["E2 Accumulated CTDIvol forward estimate (mGy)"] == "10.6"


@pytest.mark.corpus
def test_ct_xlsx_has_the_dose_check_values_as_numbers(tmp_path):
    import_path(corpus_file("CT-RDSR-Toshiba_DoseCheck.dcm"))
    workbook = export_workbook(tmp_path, "ct")
    header, row = list(workbook["All data"].iter_rows(values_only=True))
    values = dict(zip(header, row, strict=True))
    assert values["Dose check alerts"] == 2
    assert values["E2 Accumulated DLP forward estimate (mGy.cm)"] == 502.4
    assert values["E2 Accumulated CTDIvol forward estimate (mGy)"] == 10.6
    assert values["E2 Dose check alert"] == "Yes"


def test_ct_exports_carry_reported_ssde_water_equivalent_diameter_and_effective_dose(tmp_path):
    scan = make_study("CT", number_of_events=2)
    add_ct_event(
        scan,
        protocol="Abdomen",
        ctdivol="10.5",
        dlp="400",
        size_specific_dose_estimate_mgy=Decimal("12.3456"),
        water_equivalent_diameter_mm=Decimal("285.5"),
        effective_dose_msv=Decimal("5.678"),
        effective_dose_measurement_method=coded_concept("ICRP Pub 103"),
        effective_dose_conversion_factor=Decimal("0.0142"),
    )
    quiet = add_ct_event(scan, protocol="Chest", ctdivol="8", dlp="300")
    CtDoseCheck.objects.create(
        ct_irradiation_event=quiet, ctdivol_alert_value_configured=True, ctdivol_alert_value_mgy=Decimal("1000")
    )
    header, row = export_rows(tmp_path, "ct")
    values = as_dict(header, row)
    assert values["E1 SSDE (mGy)"] == "12.3456"  # exports keep full precision; only pages round
    assert values["E1 Water equivalent diameter (cm)"] == "28.55"
    assert values["E1 Effective dose (mSv)"] == "5.678"
    assert values["E1 Effective dose method"] == "ICRP Pub 103"
    assert values["E1 Effective dose conversion factor (mSv/(mGy.cm))"] == "0.0142"
    assert values["E2 SSDE (mGy)"] == ""
    # No dose check row: neither answer; a configured check that raised nothing: "No".
    assert (values["E1 Dose check alert"], values["E2 Dose check alert"]) == ("", "No")
    assert values["E2 CTDIvol alert value (mGy)"] == "1000"
    assert values["Dose check alerts"] == "0"
    workbook = export_workbook(tmp_path, "ct")
    sheet_header, sheet_row = list(workbook["Abdomen"].iter_rows(values_only=True))
    sheet_values = dict(zip(sheet_header, sheet_row, strict=True))
    assert sheet_values["Water equivalent diameter (cm)"] == pytest.approx(28.55)
    assert sheet_values["SSDE (mGy)"] == pytest.approx(12.3456)


def test_ct_exports_have_no_slice_thickness_column(tmp_path):
    add_ct_event(make_study("CT"), protocol="Head", ctdivol="50", dlp="800")
    header, _ = export_rows(tmp_path, "ct")
    assert not [name for name in header if "Slice thickness" in name]
