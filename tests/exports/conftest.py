"""Export test helpers: write an export to a temporary file and read it back with a real reader."""

import csv
from pathlib import Path

import openpyxl
import pytest

from remapp.exports.registry import get_spec
from remapp.exports.runner import write_export
from remapp.interface.filters import filtered_studies


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def export_rows(tmp_path: Path, key: str, query: str = "") -> list[list[str]]:
    """Write a CSV export of the studies this list query shows and read it back with the csv module."""
    spec = get_spec(key, "csv")
    path = tmp_path / f"{key}.csv"
    write_export(spec, "csv", filtered_studies(spec.modality, query), path)
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def export_workbook(tmp_path: Path, key: str, query: str = ""):
    """Write an XLSX export and open it with openpyxl."""
    spec = get_spec(key, "xlsx")
    path = tmp_path / f"{key}.xlsx"
    write_export(spec, "xlsx", filtered_studies(spec.modality, query), path)
    return openpyxl.load_workbook(path)


def as_dict(header: list[str], row: list) -> dict:
    return dict(zip(header, row, strict=True))
