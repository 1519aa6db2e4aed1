"""Every export OpenREM offers, by the key users and the command line name it: ct, rf, mg, nhsbsp, dx."""

from remapp.exports.columns import ExportSpec
from remapp.exports.ct import CT_EXPORT
from remapp.exports.nhsbsp import NHSBSP_EXPORT
from remapp.exports.projection import DX_EXPORT, MG_EXPORT, RF_EXPORT

EXPORT_SPECS = {spec.key: spec for spec in (CT_EXPORT, RF_EXPORT, MG_EXPORT, NHSBSP_EXPORT, DX_EXPORT)}
FORMAT_LABELS = {"csv": "CSV", "xlsx": "XLSX"}


class UnknownExport(ValueError):
    """No export of that kind and format exists."""


def get_spec(key: str, export_format: str) -> ExportSpec:
    """The spec for this export key and format, or UnknownExport naming what was asked for."""
    spec = EXPORT_SPECS.get(str(key).lower())
    if spec is None:
        raise UnknownExport(f"unknown export '{key}': choose one of {', '.join(EXPORT_SPECS)}")
    if export_format not in spec.formats:
        raise UnknownExport(f"the {spec.label} export has no '{export_format}' format: {', '.join(spec.formats)}")
    return spec


def choices() -> list[tuple[str, str, str]]:
    """(key, format, label) of every export, for forms and pages."""
    return [
        (spec.key, export_format, f"{spec.label} {FORMAT_LABELS[export_format]}")
        for spec in EXPORT_SPECS.values()
        for export_format in spec.formats
    ]
