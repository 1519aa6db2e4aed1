"""CSV formula injection (issue 13): files read back with "," and with ";" as the separator, as Excel in most of
Europe opens them, never give a cell that starts a formula, and with "," every text field is one cell."""

import csv
import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from remapp.exports.cells import FORMULA_TRIGGERS
from remapp.exports.registry import get_spec
from remapp.exports.runner import write_export
from remapp.interface.filters import filtered_studies
from tests.exports.conftest import as_dict
from tests.factories import add_ct_event, add_projection_event, make_station, make_study, site_datetime

pytestmark = pytest.mark.django_db

# Text a modality or a user could put in a field, and how it reads back with ",".
HOSTILE_TEXT = {
    ";=1+2;": ";'=1+2;",
    "Chest;+cmd|' /C calc'!A0": "Chest;'+cmd|' /C calc'!A0",
    'Head; ok;"=HYPERLINK(""x"")': 'Head; ok;\'"=HYPERLINK(""x"")',
    "line one\n@SUM(A1)": "line one\n'@SUM(A1)",
    "carriage\r-1": "carriage\r'-1",
    "a,b;c": "a,b;c",
    '=" quoted "': '\'=" quoted "',
    "Copper 0.1 mm; Aluminium 1 mm": "Copper 0.1 mm; Aluminium 1 mm",
}


def _write(tmp_path: Path, key: str) -> Path:
    spec = get_spec(key, "csv")
    path = tmp_path / f"{key}.csv"
    write_export(spec, "csv", filtered_studies(spec.modality, ""), path)
    return path


def _read(path: Path, delimiter: str) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def _assert_no_cell_starts_a_formula(path: Path) -> None:
    for delimiter in (",", ";"):
        for row in _read(path, delimiter):
            for cell in row:
                if cell.startswith(FORMULA_TRIGGERS):
                    assert _is_number(cell), (delimiter, cell)


def test_ct_text_fields_are_one_cell_and_never_a_formula_with_either_separator(tmp_path):
    texts = list(HOSTILE_TEXT)
    for number, text in enumerate(texts):
        one = make_study(
            "CT",
            accession_number=text,
            when=site_datetime(2024, 1, 1) + datetime.timedelta(days=number),
            study_description=text,
            requested_procedure=text,
            station=make_station(text),
            number_of_events=1,
        )
        add_ct_event(one, protocol=text, ctdivol="-1.5", dlp="20", acquisition_type=text)
    path = _write(tmp_path, "ct")
    _assert_no_cell_starts_a_formula(path)
    header, *rows = _read(path, ",")
    assert all(len(row) == len(header) for row in rows)
    # Newest first: the last text's study is the first row.
    for text, row in zip(reversed(texts), rows, strict=True):
        values = as_dict(header, row)
        expected = HOSTILE_TEXT[text]
        fields = ("Accession number", "Study description", "Requested procedure", "Display name")
        assert [values[field] for field in fields] == [expected] * 4
        assert (values["E1 Protocol"], values["E1 Type"]) == (expected, expected)
        # A number we wrote stays a number, even when it starts with a minus sign.
        assert values["E1 CTDIvol (mGy)"] == "-1.5"


def test_text_holding_a_semicolon_is_quoted_so_both_separators_keep_it_in_one_field(tmp_path):
    one = make_study("CT", accession_number="SEMI", study_description="CT; chest", number_of_events=1)
    add_ct_event(one, protocol="Chest", ctdivol="1", dlp="2")
    lines = _write(tmp_path, "ct").read_text(encoding="utf-8-sig").splitlines()
    assert ',"CT; chest",' in lines[1]
    assert ",SEMI," in lines[1]


def test_nhsbsp_fields_are_never_a_formula_with_either_separator(tmp_path):
    one = make_study("MG", accession_number="MG-X", age=Decimal("50"))
    add_projection_event(
        one,
        protocol="Routine",
        laterality="Left",
        image_view="cranio-caudal",
        source__kvp=Decimal("29"),
        source__anode_target_material="Unobtainium;=1+2",
        filters=[("Rh\n-2", "0.05")],
    )
    path = _write(tmp_path, "nhsbsp")
    _assert_no_cell_starts_a_formula(path)
    header, row = _read(path, ",")
    values = as_dict(header, row)
    assert (values["Anode"], values["Filter"]) == ("Unobtainium;'=1+2", "Rh\n'-2")
