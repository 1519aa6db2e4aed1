"""The NHSBSP dose-audit CSV: its fifteen columns checked one by one, one row per exposure."""

import datetime
from decimal import Decimal

import pytest

from remapp.exports.nhsbsp import material_symbol, view_code
from tests.exports.conftest import export_rows
from tests.exports.test_projection import _mammography_study

pytestmark = pytest.mark.django_db

EXPECTED_HEADER = [
    "Survey number",
    "Patient number",
    "View code",
    "kV",
    "Anode",
    "Filter",
    "Thickness",
    "mAs",
    "large cassette used",
    "auto/man",
    "Auto mode",
    "Density setting",
    "Age",
    "Comment",
    "AEC density mode",
]


def test_it_writes_the_nhsbsp_layout_column_by_column(tmp_path):
    first = _mammography_study("MG-1", age=Decimal("52.25"))
    second = _mammography_study("MG-2", age=Decimal("61"))
    # Newest first, as the list shows them: make the first study the newer one.
    first.study_datetime += datetime.timedelta(days=1)
    first.save()
    del second
    header, *rows = export_rows(tmp_path, "nhsbsp")
    assert header == EXPECTED_HEADER
    assert len(rows) == 6
    first_exposure = rows[0]
    assert first_exposure[0] == "1"  # survey number
    assert first_exposure[1] == "1"  # patient number: the study's place in the export
    assert first_exposure[2] == "RCC"  # right cranio-caudal
    assert first_exposure[3] == "29"  # kV
    assert first_exposure[4] == "W"  # anode: tungsten
    assert first_exposure[5] == "Rh"  # filter: rhodium
    assert first_exposure[6] == "52"  # compressed breast thickness, mm
    assert first_exposure[7] == "85.3"  # mAs (85300 uAs)
    assert first_exposure[8:12] == ["", "", "", ""]  # cassette, auto/man, auto mode, density: not in DICOM
    assert first_exposure[12] == "52.25"  # age in years
    assert first_exposure[13:] == ["", ""]  # comment, AEC density mode
    assert [row[2] for row in rows] == ["RCC", "LOB", "LLM", "RCC", "LOB", "LLM"]
    assert [row[1] for row in rows] == ["1", "1", "1", "2", "2", "2"]
    assert [row[6] for row in rows[3:]] == ["52", "61", "58"]
    assert [row[12] for row in rows[3:]] == ["61", "61", "61"]
    assert all(len(row) == 15 for row in rows)


@pytest.mark.parametrize(
    ("laterality", "view", "code"),
    [
        ("Right", "cranio-caudal", "RCC"),
        ("Left", "Cranio-Caudal", "LCC"),
        ("Left", "medio-lateral oblique", "LOB"),
        ("Right", "medio-lateral", "RML"),
        ("Right", "latero-medial", "RLM"),
        ("Left", "cleavage", "Lcleavage"),
        (None, None, ""),
    ],
)
def test_view_codes(laterality, view, code):
    assert view_code(laterality, view) == code


@pytest.mark.parametrize(
    ("material", "symbol"),
    [
        ("Tungsten", "W"),
        ("Tungsten or Tungsten compound", "W"),
        ("MOLYBDENUM", "Mo"),
        ("Rhodium or Rhodium compound", "Rh"),
        ("Silver", "Ag"),
        ("Aluminum or Aluminum compound", "Al"),
        ("Beryllium", "Beryllium"),
        (None, ""),
    ],
)
def test_material_symbols(material, symbol):
    assert material_symbol(material) == symbol
