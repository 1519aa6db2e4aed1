"""The column spec every export is written from: one Column per spreadsheet column, one ExportSpec per export.

A study column's key is a lookup on GeneralStudy read with ``.values()``; an event column's key is a key of
the event dicts the spec's ``load_events`` builds for a chunk of studies. Writers know nothing else.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from remapp.exports.cells import DATE, INTEGER, NUMBER, TEXT, TIME
from remapp.models import SizeSource
from remapp.quantities import quantity


@dataclass(frozen=True)
class Column:
    """One column: its header, where its value comes from, its kind, and an optional unit conversion."""

    header: str
    key: str
    kind: str = TEXT
    convert: Callable | None = None
    # Derived columns are filled by the spec from the study's events, not read from GeneralStudy.
    derived: bool = False

    def value(self, row: dict):
        """The value of this column in a study or event dict, converted to its export unit."""
        value = row.get(self.key)
        if value is not None and self.convert is not None:
            value = self.convert(value)
        return value


@dataclass(frozen=True)
class ExportSpec:
    """What one export writes: which studies, which columns, and how events are loaded per chunk."""

    key: str
    label: str
    modality: str
    study_columns: tuple[Column, ...]
    event_columns: tuple[Column, ...]
    event_model: type
    load_events: Callable[[list[int]], dict[int, list[dict]]]
    formats: tuple[str, ...] = ("csv", "xlsx")
    # CSV layout: "events" puts each study's events in columns E1..En; "study" writes the study columns only;
    # "exposures" writes fixed_rows, one row per exposure.
    csv_layout: str = "events"
    # Fills derived study columns from the study's events (for example fluoroscopy totals by event type).
    add_study_values: Callable[[dict, list[dict]], None] | None = None
    # A fixed external layout ("exposures" CSV layout): its headers, and rows(study number, study, events).
    fixed_headers: tuple[str, ...] = ()
    fixed_rows: Callable[[int, dict, list[dict]], Iterable[list]] | None = None

    @property
    def study_lookups(self) -> list[str]:
        """The GeneralStudy lookups read for each study."""
        return ["pk", *(column.key for column in self.study_columns if not column.derived)]


def measured(label: str, key: str, name: str, derived: bool = False, unit_in_label: bool = False) -> Column:
    """A column of the named quantity (remapp.quantities): headed "label (display unit)", values in that unit.

    Values keep full precision; only the pages round. ``unit_in_label`` for headers such as "kVp" or "mAs"
    that already say their unit.
    """
    unit = quantity(name)
    header = label if unit_in_label else unit.heading(label)
    return Column(header, key, NUMBER, unit.to_display if unit.converts else None, derived)


def dap(label: str, key: str, derived: bool = False) -> Column:
    """A dose-area product column: stored in Gy.m2, exported in the display unit."""
    return measured(label, key, "dap", derived)


def size_source_label(source: str) -> str:
    """'DICOM' or 'RIS file' for a stored height/weight source ('' stays '')."""
    return SizeSource(source).label if source else ""


STUDY_IDENTITY_COLUMNS = (
    Column("Institution", "station__institution_name"),
    Column("Manufacturer", "station__manufacturer"),
    Column("Model", "station__manufacturer_model_name"),
    Column("Station name", "station__station_name"),
    Column("Display name", "station__display_name"),
    Column("Accession number", "accession_number"),
    Column("Study date", "study_date", DATE),
    Column("Study time", "study_time", TIME),
    Column("Age (years)", "patient_study__patient_age_years", NUMBER),
    Column("Sex", "patient__patient_sex"),
    Column("Height (m)", "patient_study__height_m", NUMBER),
    Column("Height source", "patient_study__height_source", convert=size_source_label),
    Column("Weight (kg)", "patient_study__weight_kg", NUMBER),
    Column("Weight source", "patient_study__weight_source", convert=size_source_label),
    Column("RIS file", "patient_study__size_import__original_file_name"),
    Column("Test patient", "test_patient_indicator"),
    Column("Study description", "study_description"),
    Column("Requested procedure", "requested_procedure"),
    Column("Number of events", "number_of_events", INTEGER),
)
