"""Completeness: every numeric content item of every CT dose report in the corpus is stored, changed only by
its declared unit.

The numbers are collected straight from pydicom (not through the importer's own walker), so a NUM that
the importer overlooks fails here. Vendor-private containers (coding scheme "99...") are outside the
templates and are skipped with everything under them.

Reusable for other templates: ``collect_numbers(dataset)`` lists the NUM items with their ancestors, and
``assert_every_number_stored(facts, locate)`` checks each one with a ``locate(fact) -> (stored, unit)``
that the template's test supplies (raising ``NotMapped`` for a concept it does not know).

Exactness: ``as_stored(value)`` is what the database can give back. A value that fits the measurement
columns' 20 decimal places must come back equal (PostgreSQL numeric keeps it exactly); a value with more
decimals comes back rounded at the 20th. SQLite has no decimal type: it stores a double, and Django reads it
back rounded to 15 significant digits, so on SQLite (only) the expected value is rounded the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal

import pydicom
import pytest
from django.db import connection
from pydicom.dataset import Dataset

from remapp.dicom.units import convert
from remapp.extractors import Status
from remapp.extractors.router import import_path
from remapp.models import CtAccumulatedDose, CtIrradiationEvent
from remapp.models.fields import MEASUREMENT_DECIMAL_PLACES
from tests.conftest import CORPUS_DIR, corpus_file

pytestmark = pytest.mark.django_db

Concept = tuple[str, str]  # (code value, coding scheme)


COLUMN_PLACES = Decimal(1).scaleb(-MEASUREMENT_DECIMAL_PLACES)
SQLITE_DIGITS = Context(prec=15)  # what Django's SQLite decimal converter keeps of a stored double


def as_stored(value: Decimal | None) -> Decimal | None:
    """``value`` as the measurement columns of this database return it (see the module docstring)."""
    if value is None:
        return None
    if value.as_tuple().exponent < -MEASUREMENT_DECIMAL_PLACES:
        value = value.quantize(COLUMN_PLACES)
    if connection.vendor == "sqlite":
        value = SQLITE_DIGITS.create_decimal_from_float(float(value))
    return value


class NotMapped(LookupError):
    """The template test does not know where this concept is stored."""


@dataclass
class NumFact:
    """One NUM content item as found in the file."""

    concept: Concept
    meaning: str
    values: tuple[Decimal, ...]
    unit: str
    ancestors: list[tuple[Concept, Dataset]]  # outermost first, the NUM's own dataset last

    def ancestor(self, concept: Concept) -> Dataset | None:
        return next((ds for key, ds in reversed(self.ancestors) if key == concept), None)

    def describe(self) -> str:
        path = " / ".join(key[0] for key, _ in self.ancestors)
        return f"{self.meaning} ({self.concept[0]}) = {self.values} [{self.unit}] at {path}"


def _concept(item: Dataset) -> Concept:
    code = item.ConceptNameCodeSequence[0] if item.get("ConceptNameCodeSequence") else None
    return (str(code.CodeValue), str(code.CodingSchemeDesignator)) if code else ("", "")


def _raw_number(measured: Dataset) -> str:
    raw = measured.get_item(0x0040A30A)
    value = raw.value
    return value.decode("ascii").strip(" \x00") if isinstance(value, bytes) else str(value)


def collect_numbers(dataset: Dataset, skip_private: bool = True) -> list[NumFact]:
    """Every NUM item of the SR content tree (outside vendor-private containers) with its ancestors."""
    facts: list[NumFact] = []

    def walk(node: Dataset, ancestors: list[tuple[Concept, Dataset]]) -> None:
        for item in node.get("ContentSequence", []):
            concept = _concept(item)
            if skip_private and concept[1].startswith("99"):
                continue
            here = [*ancestors, (concept, item)]
            if item.get("ValueType") == "NUM" and item.get("MeasuredValueSequence"):
                measured = item.MeasuredValueSequence[0]
                text = _raw_number(measured)
                values = tuple(Decimal(v) for v in text.replace("/", "\\").split("\\") if v.strip())
                unit = str(measured.MeasurementUnitsCodeSequence[0].CodeValue)
                facts.append(NumFact(concept, str(item.ConceptNameCodeSequence[0].CodeMeaning), values, unit, here))
            walk(item, here)

    walk(dataset, [])
    return facts


def child_value(node: Dataset | None, concept: Concept, attribute: str) -> str:
    """The value (UID, TextValue) of the first child of ``node`` with ``concept``."""
    for item in (node or Dataset()).get("ContentSequence", []):
        if _concept(item) == concept:
            return str(item.get(attribute, ""))
    return ""


def assert_every_number_stored(facts: list[NumFact], locate) -> int:
    """Check each fact against the database; returns how many were checked. Fails listing every miss."""
    missing = []
    for fact in facts:
        try:
            stored, unit = locate(fact)
        except NotMapped:
            missing.append(f"not stored anywhere: {fact.describe()}")
            continue
        expected = as_stored(convert(fact.values[0], fact.unit, unit)) if len(fact.values) == 1 else None
        if stored != expected:
            missing.append(f"stored {stored!r}, expected {expected!r}: {fact.describe()}")
    assert not missing, "\n".join(missing)
    return len(facts)


# --- CT (TID 10011-10015) ------------------------------------------------------------------------------

CT_ACQUISITION = ("113819", "DCM")
CT_ACCUMULATED = ("113811", "DCM")
SOURCE_PARAMETERS = ("113831", "DCM")
IDENTIFICATION_OF_SOURCE = ("113832", "DCM")
IRRADIATION_EVENT_UID = ("113769", "DCM")
DOSE_CHECK = {("113900", "DCM"), ("113908", "DCM")}

# concept -> (where, field, unit the field stores)
CT_NUMBERS: dict[Concept, tuple[str, str, str]] = {
    ("113812", "DCM"): ("accumulated", "total_number_of_irradiation_events", "1"),
    ("113813", "DCM"): ("accumulated", "ct_dose_length_product_total_mgycm", "mGy.cm"),
    ("113814", "DCM"): ("accumulated", "ct_effective_dose_total_msv", "mSv"),
    ("113824", "DCM"): ("event", "exposure_time_s", "s"),
    ("113825", "DCM"): ("event", "scanning_length_mm", "mm"),
    ("113893", "DCM"): ("event", "length_of_reconstructable_volume_mm", "mm"),
    ("113899", "DCM"): ("event", "exposed_range_mm", "mm"),
    ("113895", "DCM"): ("event", "top_z_location_of_reconstructable_volume_mm", "mm"),
    ("113896", "DCM"): ("event", "bottom_z_location_of_reconstructable_volume_mm", "mm"),
    ("113897", "DCM"): ("event", "top_z_location_of_scanning_length_mm", "mm"),
    ("113898", "DCM"): ("event", "bottom_z_location_of_scanning_length_mm", "mm"),
    ("113826", "DCM"): ("event", "nominal_single_collimation_width_mm", "mm"),
    ("113827", "DCM"): ("event", "nominal_total_collimation_width_mm", "mm"),
    ("113828", "DCM"): ("event", "pitch_factor", "1"),
    ("113823", "DCM"): ("event", "number_of_xray_sources", "1"),
    ("113830", "DCM"): ("event", "mean_ctdivol_mgy", "mGy"),
    ("113836", "DCM"): ("event", "ctdifreeair_calculation_factor", "mGy/mA.s"),
    ("113837", "DCM"): ("event", "mean_ctdifreeair_mgy", "mGy"),
    ("113838", "DCM"): ("event", "dlp_mgycm", "mGy.cm"),
    ("113839", "DCM"): ("event", "effective_dose_msv", "mSv"),
    ("113840", "DCM"): ("event", "effective_dose_conversion_factor", "mSv/mGy.cm"),
    ("113930", "DCM"): ("event", "size_specific_dose_estimate_mgy", "mGy"),
    ("113980", "DCM"): ("event", "water_equivalent_diameter_mm", "mm"),
    ("113733", "DCM"): ("source", "kvp", "kV"),
    ("113833", "DCM"): ("source", "maximum_xray_tube_current_ma", "mA"),
    ("113734", "DCM"): ("source", "xray_tube_current_ma", "mA"),
    ("113834", "DCM"): ("source", "exposure_time_per_rotation_s", "s"),
    ("113821", "DCM"): ("source", "xray_filter_aluminum_equivalent_mm", "mm"),
    ("113903", "DCM"): ("dose_check", "dlp_alert_value_mgycm", "mGy.cm"),
    ("113904", "DCM"): ("dose_check", "ctdivol_alert_value_mgy", "mGy"),
    ("113905", "DCM"): ("dose_check", "accumulated_dlp_forward_estimate_mgycm", "mGy.cm"),
    ("113906", "DCM"): ("dose_check", "accumulated_ctdivol_forward_estimate_mgy", "mGy"),
    ("113911", "DCM"): ("dose_check", "dlp_notification_value_mgycm", "mGy.cm"),
    ("113912", "DCM"): ("dose_check", "ctdivol_notification_value_mgy", "mGy"),
    ("113913", "DCM"): ("dose_check", "dlp_forward_estimate_mgycm", "mGy.cm"),
    ("113914", "DCM"): ("dose_check", "ctdivol_forward_estimate_mgy", "mGy"),
}

CT_REPORTS = sorted(p.name for p in CORPUS_DIR.glob("CT-*.dcm") if "RDSR" in p.name or "ESR" in p.name)


def _as_decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def _locate_ct(fact: NumFact) -> tuple[Decimal | None, str]:
    if fact.concept not in CT_NUMBERS:
        raise NotMapped(fact.concept)
    where, field, unit = CT_NUMBERS[fact.concept]
    if where == "accumulated":
        if fact.ancestor(CT_ACCUMULATED) is None:
            raise NotMapped(fact.concept)
        return _as_decimal(getattr(CtAccumulatedDose.objects.get(), field)), unit
    event_node = fact.ancestor(CT_ACQUISITION)
    if event_node is None:
        raise NotMapped(fact.concept)
    event = CtIrradiationEvent.objects.get(irradiation_event_uid=child_value(event_node, IRRADIATION_EVENT_UID, "UID"))
    if where == "event":
        return _as_decimal(getattr(event, field)), unit
    if where == "source":
        label = child_value(fact.ancestor(SOURCE_PARAMETERS), IDENTIFICATION_OF_SOURCE, "TextValue")
        return _as_decimal(getattr(event.sources.get(identification_of_xray_source=label), field)), unit
    if not any(fact.ancestor(key) is not None for key in DOSE_CHECK):
        raise NotMapped(fact.concept)
    return _as_decimal(getattr(event.dose_check, field)), unit


def test_the_corpus_has_ct_reports():
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"vendor DICOM corpus not found at {CORPUS_DIR}")
    assert len(CT_REPORTS) == 13


@pytest.mark.parametrize("name", CT_REPORTS)
def test_every_number_of_the_ct_report_is_stored(name):
    path = corpus_file(name)
    facts = collect_numbers(pydicom.dcmread(path))

    assert import_path(path).status == Status.IMPORTED

    assert assert_every_number_stored(facts, _locate_ct) == len(facts) > 0
