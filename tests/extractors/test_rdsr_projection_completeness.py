"""Completeness of the projection import: every NUM under the TID 10001 tree of every projection RDSR in the
corpus is stored, with its value changed only by its declared unit.

The file is walked here with plain pydicom (not the importer's reader), each NUM is located by its position
(the n-th accumulated container, the n-th event, the n-th filter of that event) and compared with the stored
row. The measurement columns keep 15 decimal places: a value with more decimals is stored rounded to 15
places, and that rounding is the only other difference allowed. Only the vendor-private Philips NUMs (coding
scheme 99PHI-IXR-XPER: shutter, wedge and beam positions) are not part of the templates and are not stored.
"""

from __future__ import annotations

from decimal import Decimal

import pydicom
import pytest

from remapp.dicom.units import convert
from remapp.models import IrradEventXRaySourceData
from tests.conftest import corpus_file
from tests.extractors.test_rdsr_projection_support import PROJECTION_FILES, events, import_corpus, planes

pytestmark = pytest.mark.django_db

PRIVATE_SCHEMES = {"99PHI-IXR-XPER"}
COLUMN_PLACES = Decimal("1E-15")
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


def _code(item) -> tuple[str, str]:
    concept = item.ConceptNameCodeSequence[0]
    return str(concept.CodeValue), str(concept.CodingSchemeDesignator)


def _num(item) -> tuple[list[Decimal], str | None]:
    """The item's values as the file writes them (several when multi-valued), and its unit code value."""
    measured = item.get("MeasuredValueSequence")
    if not measured:
        return [], None
    raw = measured[0].get("NumericValue")
    raw = [] if raw is None or raw == "" else raw if isinstance(raw, pydicom.multival.MultiValue) else [raw]
    units = measured[0].get("MeasurementUnitsCodeSequence")
    return [Decimal(str(v)) for v in raw], str(units[0].CodeValue) if units else None


def _expected(values: list[Decimal], unit: str | None, to_unit: str) -> list[Decimal]:
    return [convert(v, UNIT_SPELLINGS.get(unit, unit), to_unit) for v in values]


def _nums_in(container, path=()):
    """(path, item) for every NUM in a container; the path holds (container code, its number) per level."""
    numbers: dict[str, int] = {}
    for item in container.get("ContentSequence", []):
        if item.ValueType == "NUM":
            yield path, item
        elif item.ValueType == "CONTAINER":
            code = _code(item)[0]
            numbers[code] = numbers.get(code, -1) + 1
            yield from _nums_in(item, (*path, (code, numbers[code])))
        elif item.get("ContentSequence"):
            yield from _nums_in(item, path)


def _number_of(path, code: str) -> int:
    return next(number for container, number in path if container == code)


def _assert_stored(stored, values, unit, to_unit, where, field, per_pulse=False):
    expected = _expected(values, unit, to_unit)
    assert None not in expected, f"{where}: unit {unit!r} not converted to {to_unit}"
    if not expected:
        assert stored is None, f"{where}: {field} has no value in the file but {stored!r} stored"
        return
    if per_pulse and len(expected) > 1:
        return  # checked against the *_values list by the caller
    [value] = expected
    assert stored is not None, f"{where}: {field} = {value} not stored"
    assert Decimal(stored) == value.quantize(COLUMN_PLACES), f"{where}: {field} stored {stored}, file {value}"


def _event_part(event, part, filter_path):
    if part == "event":
        return event
    if part == "filter":
        return sorted(event.source.filters.all(), key=lambda f: f.id)[_number_of(filter_path, "113771")]
    if part == "distances":
        return event.mechanical.distances
    return getattr(event, part)


def _check_event(event, container, where) -> int:
    checked = 0
    for path, item in _nums_in(container):
        code = _code(item)
        if code[1] in PRIVATE_SCHEMES:
            continue
        part, field, to_unit = EVENT_NUMS[code[0]]
        values, unit = _num(item)
        row = _event_part(event, part, path)
        _assert_stored(getattr(row, field), values, unit, to_unit, where, field, field in PER_PULSE)
        if field in PER_PULSE and len(values) > 1:
            expected = [str(v) for v in _expected(values, unit, to_unit)]
            assert getattr(row, f"{field}_values") == expected, f"{where}: {field}_values"
        checked += 1
    return checked


def _check_accumulated(plane, container, where) -> int:
    checked, agd_number = 0, 0
    totals = getattr(plane, "projection", None) or getattr(plane, "integrated", None)
    for path, item in _nums_in(container):
        code = _code(item)
        if code[1] in PRIVATE_SCHEMES:
            continue
        part, field, to_unit = ACCUMULATED_NUMS[code[0]]
        values, unit = _num(item)
        if part == "mammography":
            row = sorted(plane.mammography.all(), key=lambda m: m.id)[agd_number]
            agd_number += 1
        elif part == "calibration":
            row = sorted(plane.calibrations.all(), key=lambda m: m.id)[_number_of(path, "122505")]
        else:
            row = totals
        stored = getattr(row, field)
        if field == "total_number_of_radiographic_frames":
            assert [stored] == [int(v) for v in values], f"{where}: {field}"
        else:
            _assert_stored(stored, values, unit, to_unit, where, field)
        checked += 1
    return checked


@pytest.mark.parametrize("name", PROJECTION_FILES)
def test_every_numeric_item_of_the_report_is_stored_in_its_declared_unit(name):
    dataset = pydicom.dcmread(corpus_file(name))
    study = import_corpus(name)
    stored_events = events(study, prefetch=("source__filters",))
    stored_planes = planes(study, prefetch=("mammography", "calibrations"))
    event_containers = [i for i in dataset.ContentSequence if _code(i)[0] == "113706"]
    accumulated_containers = [i for i in dataset.ContentSequence if _code(i)[0] == "113702"]
    assert len(stored_events) == len(event_containers)
    assert len(stored_planes) == len(accumulated_containers)
    checked = sum(
        _check_event(event, container, f"{name} event {n}")
        for n, (event, container) in enumerate(zip(stored_events, event_containers, strict=True))
    )
    checked += sum(
        _check_accumulated(plane, container, f"{name} accumulated {n}")
        for n, (plane, container) in enumerate(zip(stored_planes, accumulated_containers, strict=True))
    )
    root_nums = [i for i in dataset.ContentSequence if i.ValueType == "NUM"]
    assert not root_nums, f"{name}: NUM items directly under the root are not expected"
    assert checked > 0
    assert IrradEventXRaySourceData.objects.filter(irradiation_event__study=study).count() <= len(stored_events)
