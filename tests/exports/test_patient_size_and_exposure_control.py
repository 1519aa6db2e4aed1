"""Every export carries each study's effective height and weight with its source, and mammography and radiography
exports the exposure control mode (which the NHSBSP layout needs for its auto/man and Auto mode columns)."""

from decimal import Decimal

import pytest

from remapp.extractors.router import import_path
from remapp.models import PatientSizeImport, PatientStudy
from remapp.ptsize import apply_size_table, read_size_table
from remapp.synthetic import ct_rdsr
from tests.conftest import corpus_file
from tests.exports.conftest import as_dict, export_rows

pytestmark = pytest.mark.django_db


def test_a_ris_height_and_weight_reach_every_export_with_their_source(tmp_path):
    from remapp.extractors.router import import_dataset

    outcome = import_dataset(ct_rdsr(seed=5, accession_number="ACC-RIS", patient_weight_kg=77), "ct.dcm")
    csv_file = tmp_path / "ris.csv"
    csv_file.write_text("Accession,Height,Weight\nACC-RIS,172,81.5\n", encoding="utf-8")
    job = PatientSizeImport.objects.create(original_file_name="ris-2024-03.csv")
    apply_size_table(read_size_table(csv_file, "Accession", "Height", "Weight"), "accession", import_id=job.pk)

    header, row = export_rows(tmp_path, "ct")
    values = as_dict(header, row)

    assert (values["Height (m)"], values["Height source"]) == ("1.72", "RIS file")
    assert (values["Weight (kg)"], values["Weight source"]) == ("77", "DICOM")  # DICOM first by default
    assert values["RIS file"] == "ris-2024-03.csv"
    assert PatientStudy.objects.get(study_id=outcome.study_id).weight_kg == Decimal("77.00")


@pytest.mark.corpus
def test_mammography_exports_carry_the_exposure_control_mode(tmp_path):
    import_path(corpus_file("MG-Im-GE_Seno_1_ForPresentation.dcm"))
    import_path(corpus_file("MG-Im-Hologic-PropProj.dcm"))

    header, *rows = export_rows(tmp_path, "nhsbsp")
    by_mode = sorted((row[header.index("auto/man")], row[header.index("Auto mode")]) for row in rows)
    assert by_mode == [("AUTO", "AOP standard"), ("MAN", "")]

    header, *rows = export_rows(tmp_path, "mg")
    modes = {row[header.index("E1 Exposure control mode")] for row in rows}
    assert modes == {"AUTOMATIC", "MANUAL"}
