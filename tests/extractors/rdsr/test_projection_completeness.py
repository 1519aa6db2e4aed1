"""Completeness of the projection import: every NUM under the TID 10001 tree of every projection RDSR in the
corpus is stored, with its value changed only by its declared unit.

The NUM items are collected with the CT completeness test's ``collect_numbers`` (plain pydicom, not the
importer's reader; vendor-private containers and items, e.g. Philips ``99PHI-IXR-XPER`` shutter and beam
positions, are outside the templates and skipped). Each NUM is located by its position: the n-th accumulated
container, the n-th event, the n-th filter or calibration of that container. Two rules beyond the unit: a
value must come back exactly as the measurement columns keep it (``as_stored`` of the CT completeness test: equal
when it fits their 20 decimal places; on SQLite, which stores doubles, rounded to 15 significant digits); and a
value given per pulse (several values) is kept in full in the ``*_values`` list, its mean in the column.
"""

from __future__ import annotations

from decimal import Decimal

import pydicom
import pytest

from remapp.dicom.units import convert
from remapp.models import IrradiationEventXRaySourceData
from tests.conftest import corpus_file
from tests.extractors.rdsr.test_completeness import NotMapped, NumFact, as_stored, collect_numbers
from tests.extractors.rdsr.test_projection_support import PROJECTION_FILES, events, import_corpus, planes

pytestmark = pytest.mark.django_db

EVENT = ("113706", "DCM")
ACCUMULATED = ("113702", "DCM")
FILTER = ("113771", "DCM")
CALIBRATION = ("122505", "DCM")
UNIT_SPELLINGS = {"pulse/s": "{pulse}/s"}

# (code value, scheme) -> (part of the event or accumulated dose, field, stored unit). Parts of an event:
# "event", "source", "detector", "mechanical", "distances", "filter"; of an accumulated dose: "totals"
# (TID 10004 or 10007, whichever was stored), "mammography", "calibration".
EVENT_NUMS = {
    "122130": ("event", "dose_area_product_gym2", "Gy.m2"),
    "111634": ("event", "half_value_layer_mm", "mm"),
    "111636": ("event", "entrance_exposure_at_rp_mgy", "mGy"),
    "111638": ("event", "patient_equivalent_thickness_mm", "mm"),
    "113845": ("detector", "exposure_index", "1"),
    "113846": ("detector", "target_exposure_index", "1"),
    "113847": ("detector", "deviation_index", "1"),
    "113738": ("source", "dose_rp_gy", "Gy"),
    "111631": ("source", "average_glandular_dose_mgy", "mGy"),
    "113791": ("source", "pulse_rate_per_s", "{pulse}/s"),
    "113768": ("source", "number_of_pulses", "1"),
    "113742": ("source", "irradiation_duration_s", "s"),
    "113767": ("source", "average_xray_tube_current_ma", "mA"),
    "113824": ("source", "exposure_time_ms", "ms"),
    "113735": ("source", "exposure_time_ms", "ms"),
    "113766": ("source", "focal_spot_size_mm", "mm"),
    "113790": ("source", "collimated_field_area_m2", "m2"),
    "113788": ("source", "collimated_field_height_m", "m"),
    "113789": ("source", "collimated_field_width_m", "m"),
    "113733": ("source", "kvp", "kV"),
    "113734": ("source", "xray_tube_current_ma", "mA"),
    "113793": ("source", "pulse_width_ms", "ms"),
    "113736": ("source", "exposure_uas", "uA.s"),
    "112011": ("mechanical", "positioner_primary_angle_deg", "deg"),
    "112012": ("mechanical", "positioner_secondary_angle_deg", "deg"),
    "113739": ("mechanical", "positioner_primary_end_angle_deg", "deg"),
    "113740": ("mechanical", "positioner_secondary_end_angle_deg", "deg"),
    "113770": ("mechanical", "column_angulation_deg", "deg"),
    "113754": ("mechanical", "table_head_tilt_angle_deg", "deg"),
    "113755": ("mechanical", "table_horizontal_rotation_angle_deg", "deg"),
    "113756": ("mechanical", "table_cradle_tilt_angle_deg", "deg"),
    "111633": ("mechanical", "compression_thickness_mm", "mm"),
    "113748": ("distances", "distance_source_to_isocenter_mm", "mm"),
    "113737": ("distances", "distance_source_to_reference_point_mm", "mm"),
    "113750": ("distances", "distance_source_to_detector_mm", "mm"),
    "113751": ("distances", "table_longitudinal_position_mm", "mm"),
    "113752": ("distances", "table_lateral_position_mm", "mm"),
    "113753": ("distances", "table_height_position_mm", "mm"),
    "113758": ("filter", "xray_filter_thickness_minimum_mm", "mm"),
    "113773": ("filter", "xray_filter_thickness_maximum_mm", "mm"),
}
ACCUMULATED_NUMS = {
    "113722": ("totals", "dose_area_product_total_gym2", "Gy.m2"),
    "113725": ("totals", "dose_rp_total_gy", "Gy"),
    "113726": ("totals", "fluoro_dose_area_product_total_gym2", "Gy.m2"),
    "113728": ("totals", "fluoro_dose_rp_total_gy", "Gy"),
    "113730": ("totals", "total_fluoro_time_s", "s"),
    "113727": ("totals", "acquisition_dose_area_product_total_gym2", "Gy.m2"),
    "113729": ("totals", "acquisition_dose_rp_total_gy", "Gy"),
    "113855": ("totals", "total_acquisition_time_s", "s"),
    "113731": ("totals", "total_number_of_radiographic_frames", "1"),
    "113737": ("totals", "distance_source_to_reference_point_mm", "mm"),
    "111637": ("mammography", "accumulated_average_glandular_dose_mgy", "mGy"),
    "122322": ("calibration", "calibration_factor", "1"),
    "113763": ("calibration", "calibration_uncertainty_percent", "%"),
}
PER_PULSE = {"kvp", "xray_tube_current_ma", "pulse_width_ms", "exposure_uas"}


def _blank_empty_numbers(node) -> None:
    """Give an empty Numeric Value ('' instead of None) so ``collect_numbers`` reads it as no value (Azurion)."""
    for item in node.get("ContentSequence", []):
        for measured in item.get("MeasuredValueSequence") or []:
            # Read the element raw: converting it here would turn a multi-valued number into a list.
            if 0x0040A30A in measured and measured.get_item(0x0040A30A).value in (None, b"", ""):
                measured.NumericValue = ""
        _blank_empty_numbers(item)


_positions: dict[tuple[int, tuple[str, str]], dict[int, int]] = {}


def _number_among(parent, child, concept) -> int:
    """Which of ``parent``'s children with ``concept`` is ``child`` (0 for the first); cached per parent."""
    key = (id(parent), concept)
    if key not in _positions:
        siblings = [i for i in parent.get("ContentSequence", []) if _concept(i) == concept]
        _positions[key] = {id(item): n for n, item in enumerate(siblings)}
    return _positions[key][id(child)]


def _concept(item) -> tuple[str, str]:
    code = item.ConceptNameCodeSequence[0] if item.get("ConceptNameCodeSequence") else None
    return (str(code.CodeValue), str(code.CodingSchemeDesignator)) if code else ("", "")


def _locate(fact: NumFact, dataset, stored_events, stored_planes):
    """(row, field, unit the field stores) for one NUM of the file; NotMapped if the test knows no place."""
    top_concept, top = fact.ancestors[0]
    if top_concept == EVENT:
        event = stored_events[_number_among(dataset, top, EVENT)]
        if fact.concept[0] not in EVENT_NUMS:
            raise NotMapped(fact.concept)
        part, field, unit = EVENT_NUMS[fact.concept[0]]
        if part == "event":
            return event, field, unit
        if part == "filter":
            number = _number_among(top, fact.ancestor(FILTER), FILTER)
            return sorted(event.source.filters.all(), key=lambda f: f.id)[number], field, unit
        if part == "distances":
            return event.mechanical.distances, field, unit
        return getattr(event, part), field, unit
    if top_concept == ACCUMULATED and fact.concept[0] in ACCUMULATED_NUMS:
        plane = stored_planes[_number_among(dataset, top, ACCUMULATED)]
        part, field, unit = ACCUMULATED_NUMS[fact.concept[0]]
        if part == "calibration":
            number = _number_among(top, fact.ancestor(CALIBRATION), CALIBRATION)
            return sorted(plane.calibrations.all(), key=lambda c: c.id)[number], field, unit
        if part == "mammography":
            number = _number_among(top, fact.ancestors[-1][1], fact.concept)
            return sorted(plane.mammography.all(), key=lambda m: m.id)[number], field, unit
        totals = getattr(plane, "projection", None) or getattr(plane, "integrated", None)
        return totals, field, unit
    raise NotMapped(fact.concept)


def _miss(fact: NumFact, row, field: str, unit: str) -> str | None:
    """Why the stored value does not match the file's, or None when it does."""
    expected = [convert(v, UNIT_SPELLINGS.get(fact.unit, fact.unit), unit) for v in fact.values]
    if None in expected:
        return f"unit {fact.unit!r} not converted to {unit}: {fact.describe()}"
    stored = getattr(row, field)
    if field in PER_PULSE and len(expected) > 1:
        every = getattr(row, f"{field}_values")
        return None if every == [str(v) for v in expected] else f"{field}_values {every!r}: {fact.describe()}"
    if field == "total_number_of_radiographic_frames":
        return None if [stored] == [int(v) for v in expected] else f"{field} {stored!r}: {fact.describe()}"
    if not expected:
        return None if stored is None else f"{field} {stored!r} stored for an empty item: {fact.describe()}"
    if stored is None or Decimal(stored) != as_stored(expected[0]):
        return f"{field} stored {stored!r}, expected {expected[0]}: {fact.describe()}"
    return None


@pytest.mark.parametrize("name", PROJECTION_FILES)
def test_every_numeric_item_of_the_report_is_stored_in_its_declared_unit(name):
    _positions.clear()  # object ids are only meaningful for this test's dataset
    dataset = pydicom.dcmread(corpus_file(name))
    _blank_empty_numbers(dataset)
    facts = collect_numbers(dataset)
    study = import_corpus(name)
    stored_events = events(study, prefetch=("source__filters",))
    stored_planes = planes(study, prefetch=("mammography", "calibrations"))
    assert len(stored_events) == len([i for i in dataset.ContentSequence if _concept(i) == EVENT])
    assert len(stored_planes) == len([i for i in dataset.ContentSequence if _concept(i) == ACCUMULATED])
    misses = []
    for fact in facts:
        try:
            row, field, unit = _locate(fact, dataset, stored_events, stored_planes)
        except NotMapped:
            misses.append(f"not stored anywhere: {fact.describe()}")
            continue
        if row is None:
            misses.append(f"no row for {field}: {fact.describe()}")
        elif (why := _miss(fact, row, field, unit)) is not None:
            misses.append(why)
    assert not misses, "\n".join(misses)
    assert len(facts) > 0
    assert IrradiationEventXRaySourceData.objects.filter(irradiation_event__study=study).count() <= len(stored_events)
