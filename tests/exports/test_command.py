"""openrem_export: the same filters and writers from the command line."""

import csv
import datetime

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from tests.exports.factories import ct_event, study

pytestmark = pytest.mark.django_db


def _studies():
    for number, description in enumerate(("CT Head", "CT Chest", "CT Head neck")):
        one = study(
            "CT", accession=f"CMD{number}", day=datetime.date(2024, 5, 1 + number), study_description=description
        )
        ct_event(one, protocol=description, ctdivol="10", dlp="100")


def test_it_writes_a_filtered_csv(tmp_path, capsys):
    _studies()
    out = tmp_path / "ct.csv"
    call_command(
        "openrem_export",
        "ct",
        "--format",
        "csv",
        "-o",
        str(out),
        "--filter",
        "study_description=head",
        "--query",
        "ordering=study_datetime",
    )
    assert capsys.readouterr().out.strip() == f"Wrote 2 CT studies to {out}"
    with open(out, newline="", encoding="utf-8-sig") as handle:
        header, *rows = list(csv.reader(handle))
    accession = header.index("Accession number")
    assert [row[accession] for row in rows] == ["CMD0", "CMD2"]


def test_it_writes_xlsx(tmp_path):
    _studies()
    out = tmp_path / "ct.xlsx"
    call_command("openrem_export", "ct", "--format", "xlsx", "-o", str(out), "--query", "date_from=2024-05-02")
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Summary", "All data", "Events", "CT Chest", "CT Head neck"]
    assert workbook["Summary"]["B3"].value == 2


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["ct", "-o", "{tmp}/x.csv", "--filter", "colour=red"], "unknown filter colour: choose from"),
        (["ct", "-o", "{tmp}/x.csv", "--filter", "nonsense"], "--filter 'nonsense' is not key=value"),
        (["nhsbsp", "--format", "xlsx", "-o", "{tmp}/x.xlsx"], "has no 'xlsx' format"),
        (["dx", "-o", "{tmp}/missing/x.csv"], "does not exist"),
    ],
)
def test_bad_arguments_get_a_clear_error_and_no_file(tmp_path, arguments, message):
    arguments = [argument.replace("{tmp}", str(tmp_path)) for argument in arguments]
    with pytest.raises(CommandError, match=message.replace("(", r"\(")):
        call_command("openrem_export", *arguments)
    assert not list(tmp_path.rglob("x.*"))
