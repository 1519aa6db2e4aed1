"""openrem_export: the same filters and writers from the command line."""

import csv
import re

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from remapp.interface.filters import filterset_for
from tests.factories import add_ct_event, make_study, site_datetime

pytestmark = pytest.mark.django_db


def _studies():
    for number, description in enumerate(("CT Head", "CT Chest", "CT Head neck")):
        one = make_study(
            "CT",
            accession_number=f"CMD{number}",
            when=site_datetime(2024, 5, 1 + number),
            study_description=description,
        )
        add_ct_event(one, protocol=description, ctdivol="10", dlp="100")


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
        (
            ["ct", "-o", "{tmp}/x.csv", "--filter", "dlp_min=abc"],
            "invalid filter value dlp_min='abc' (Enter a number.)",
        ),
        (
            ["ct", "-o", "{tmp}/x.csv", "--query", "date_from=2024-13-45"],
            "date_from='2024-13-45' (Enter a valid date.)",
        ),
        (
            ["mg", "-o", "{tmp}/x.csv", "--query", "ordering=sideways&agd_max=lots"],
            "invalid filter values ordering='sideways' (Select a valid choice. sideways is not one of the available "
            "choices.); agd_max='lots' (Enter a number.)",
        ),
    ],
)
def test_bad_arguments_get_a_clear_error_and_no_file(tmp_path, arguments, message):
    _studies()
    arguments = [argument.replace("{tmp}", str(tmp_path)) for argument in arguments]
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("openrem_export", *arguments)
    assert not list(tmp_path.rglob("x.*"))


def test_an_unknown_filter_lists_every_filter_of_that_export(tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("openrem_export", "dx", "-o", str(tmp_path / "x.csv"), "--filter", "dlp_min=10")
    valid = sorted(set(filterset_for("DX").base_filters) | {"page", "per_page"})
    assert str(refused.value) == f"unknown filter dlp_min: choose from {', '.join(valid)}"
