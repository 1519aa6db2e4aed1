"""Projection RDSR parsing on built content trees and synthetic reports: biplane totals, units as declared,
per-pulse values, the modality rule, events without UIDs and later reports of the same study."""

from __future__ import annotations

import logging
import random
from datetime import datetime
from decimal import Decimal

import pydicom
import pytest
from pydicom.sr.coding import Code

from remapp.dicom import concepts as c
from remapp.dicom.content import ContentItem
from remapp.extractors.rdsr.projection import parse_projection, projection_modality
from remapp.extractors.router import import_path
from remapp.models import AccumulatedXRayDose, GeneralStudy, IrradiationEventXRayData
from remapp.synthetic import ProjectionEvent, rf_rdsr, write

UCUM = "UCUM"


def num(concept: Code, value: str, unit: str, *children: ContentItem) -> ContentItem:
    values = tuple(Decimal(v) for v in value.split("\\")) if value else ()
    return ContentItem(concept, "NUM", "CONTAINS", values, Code(unit, UCUM, unit), None, list(children))


def coded(concept: Code, value: Code, relationship: str = "CONTAINS", *children: ContentItem) -> ContentItem:
    return ContentItem(concept, "CODE", relationship, value, children=list(children))


def container(concept: Code, *children: ContentItem) -> ContentItem:
    return ContentItem(concept, "CONTAINER", "CONTAINS", children=list(children))


def report(*children: ContentItem) -> ContentItem:
    return ContentItem(c.DCM.XRayRadiationDoseReport, "CONTAINER", "", children=list(children))


def event(*children: ContentItem, event_type: Code = c.DCM.StationaryAcquisition) -> ContentItem:
    return container(c.IRRADIATION_EVENT_XRAY_DATA, coded(c.IRRADIATION_EVENT_TYPE, event_type), *children)


def test_it_converts_each_number_from_the_unit_its_item_declares():
    parsed = parse_projection(
        report(
            container(
                c.ACCUMULATED_XRAY_DOSE_DATA,
                num(c.DOSE_AREA_PRODUCT_TOTAL, "123.4", "dGy.cm2"),
                num(c.DOSE_RP_TOTAL, "250", "mGy"),
                num(c.ACQUISITION_DOSE_AREA_PRODUCT_TOTAL, "0.00001234", "Gym2"),
                num(c.TOTAL_ACQUISITION_TIME, "1500", "ms"),
            ),
            event(
                num(c.DOSE_AREA_PRODUCT, "5", "cGy.cm2"),
                num(c.DOSE_RP, "12.5", "mGy"),
                num(c.COLLIMATED_FIELD_HEIGHT, "24", "cm"),
                num(c.EXPOSURE_TIME, "0.25", "s"),
                num(c.PULSE_RATE, "15", "pulse/s"),
            ),
        )
    )
    totals = parsed.accumulated[0].projection
    assert (totals.dose_area_product_total_gym2, totals.dose_rp_total_gy) == (Decimal("0.001234"), Decimal("0.25"))
    assert (totals.acquisition_dose_area_product_total_gym2, totals.total_acquisition_time_s) == (
        Decimal("0.00001234"),
        Decimal("1.5"),
    )
    [parsed_event] = parsed.events
    source = parsed_event.source
    assert parsed_event.dose_area_product_gym2 == Decimal("0.000005")  # 5 cGy.cm2
    assert (source.dose_rp_gy, source.collimated_field_height_m, source.exposure_time_ms, source.pulse_rate_per_s) == (
        Decimal("0.0125"),
        Decimal("0.24"),
        Decimal("250"),
        Decimal("15"),
    )


def test_an_unknown_unit_is_logged_and_the_value_not_stored(caplog):
    with caplog.at_level(logging.WARNING):
        parsed = parse_projection(report(event(num(c.DOSE_AREA_PRODUCT, "3", "furlong2"), num(c.KVP, "70", "kV"))))
    [parsed_event] = parsed.events
    assert (parsed_event.dose_area_product_gym2, parsed_event.source.kvp) == (None, Decimal(70))
    assert "furlong2" in caplog.text


def test_a_value_given_per_pulse_in_several_items_keeps_every_value_and_the_mean():
    parsed = parse_projection(
        report(
            event(num(c.KVP, "70", "kV"), num(c.KVP, "72", "kV"), num(c.KVP, "75", "kV"), num(c.EXPOSURE, "2", "mA.s"))
        )
    )
    source = parsed.events[0].source
    assert (source.kvp, source.kvp_values) == (Decimal("72.3333333333"), ["70", "72", "75"])
    assert (source.exposure_uas, source.exposure_uas_values) == (Decimal(2000), None)


def test_laterality_is_read_from_the_anatomy_or_the_target_region_and_the_orientation_modifier_may_be_missing():
    parsed = parse_projection(
        report(
            event(
                coded(c.TARGET_REGION, Code("T-D9200", "SRT", "Knee"), "CONTAINS", coded(c.LATERALITY, c.SCT.Right)),
                coded(c.PATIENT_ORIENTATION, Code("F-10450", "SRT", "recumbent")),
            )
        )
    )
    [parsed_event] = parsed.events
    assert (parsed_event.laterality, parsed_event.patient_orientation.meaning) == (c.SCT.Right, "recumbent")
    assert parsed_event.patient_orientation_modifier is None


@pytest.mark.parametrize(
    ("root_items", "expected"),
    [
        ([event(event_type=Code("P5-06000", "SRT", "Fluoroscopy"))], "RF"),
        ([container(c.ACCUMULATED_XRAY_DOSE_DATA, num(c.TOTAL_FLUORO_TIME, "12", "s")), event()], "RF"),
        ([container(c.ACCUMULATED_XRAY_DOSE_DATA, num(c.TOTAL_FLUORO_TIME, "0", "s")), event()], "DX"),
        ([container(c.ACCUMULATED_XRAY_DOSE_DATA, num(c.ACCUMULATED_AVERAGE_GLANDULAR_DOSE, "1.2", "mGy"))], "MG"),
        ([coded(c.DCM.ProcedureReported, Code("P5-40010", "SRT", "Mammography"), "HAS CONCEPT MOD"), event()], "MG"),
        ([event()], "DX"),
    ],
)
def test_the_modality_follows_the_content(root_items, expected):
    assert projection_modality(parse_projection(report(*root_items))) == expected


@pytest.mark.django_db
def test_a_biplane_report_keeps_totals_and_events_per_plane(tmp_path):
    events = [
        ProjectionEvent(event_type="fluoroscopy", plane="A", dose_area_product_gym2=0.0001, dose_rp_gy=0.002),
        ProjectionEvent(event_type="fluoroscopy", plane="B", dose_area_product_gym2=0.0003, dose_rp_gy=0.004),
        ProjectionEvent(event_type="stationary", plane="A", dose_area_product_gym2=0.0005, dose_rp_gy=0.01),
    ]
    path = tmp_path / "biplane.dcm"
    write(rf_rdsr(events=events, seed=7), path)
    outcome = import_path(str(path))
    assert (outcome.status, outcome.modality) == ("imported", "RF")
    planes = AccumulatedXRayDose.objects.select_related("acquisition_plane", "projection").order_by("id")
    assert [(p.acquisition_plane.code_meaning, p.projection.dose_area_product_total_gym2) for p in planes] == [
        ("Plane A", Decimal("0.0006")),
        ("Plane B", Decimal("0.0003")),
    ]
    stored = IrradiationEventXRayData.objects.order_by("sequence_number")
    assert [(e.acquisition_plane.code_meaning, e.dose_area_product_gym2) for e in stored] == [
        ("Plane A", Decimal("0.0001")),
        ("Plane B", Decimal("0.0003")),
        ("Plane A", Decimal("0.0005")),
    ]
    study = GeneralStudy.objects.get()
    assert (study.number_of_events, study.total_dap_gym2, study.total_dose_rp_gy) == (
        3,
        Decimal("0.0009"),
        Decimal("0.016"),
    )


@pytest.mark.django_db
def test_a_later_report_with_more_events_adds_only_the_new_events(tmp_path):
    study_uid = "1.2.826.0.1.3680043.10.999.1"
    first = tmp_path / "first.dcm"
    second = tmp_path / "second.dcm"
    write(rf_rdsr(n_events=3, seed=3, study_instance_uid=study_uid, sop_instance_uid=study_uid + ".1"), first)
    write(rf_rdsr(n_events=5, seed=3, study_instance_uid=study_uid, sop_instance_uid=study_uid + ".2"), second)
    assert import_path(str(first)).status == "imported"
    assert import_path(str(second)).status == "imported"
    study = GeneralStudy.objects.get()
    uids = list(IrradiationEventXRayData.objects.filter(study=study).values_list("irradiation_event_uid", flat=True))
    assert len(uids) == len(set(uids)) == study.number_of_events == 5
    assert study.projection_xray_doses.count() == 2


@pytest.mark.django_db
def test_events_without_a_uid_get_stable_distinct_uids(tmp_path):
    events = [
        ProjectionEvent(irradiation_event_uid="", started=datetime(2024, 1, 2, 10, 0, 0)),
        ProjectionEvent(irradiation_event_uid="", started=datetime(2024, 1, 2, 10, 5, 0)),
    ]
    path = tmp_path / "no-uids.dcm"
    write(rf_rdsr(events=events, seed=11), path)
    assert import_path(str(path)).status == "imported"
    uids = list(
        IrradiationEventXRayData.objects.order_by("sequence_number").values_list("irradiation_event_uid", flat=True)
    )
    assert len(set(uids)) == 2 and all(uid.startswith("2.25.") for uid in uids)


def _mutated(node: ContentItem, rng: random.Random) -> ContentItem:
    """A copy of the tree with items dropped, repeated, emptied or given the wrong kind of value."""
    children = []
    for child in node.children:
        roll = rng.random()
        if roll < 0.05:
            continue
        copy = _mutated(child, rng)
        if roll < 0.10:
            copy.value = None
        elif roll < 0.13:
            copy.value = "not a value"
        elif roll < 0.16:
            copy.value = (Decimal("-1E+30"), Decimal("1E-40"))
        elif roll < 0.19:
            copy.unit = None
        elif roll < 0.22:
            copy.value_type = rng.choice(["NUM", "CODE", "TEXT", "CONTAINER", "UIDREF", "DATETIME", ""])
        elif roll < 0.24:
            copy.value = "9" * 200
        children.append(copy)
        if roll > 0.97:
            children.append(copy)
    return ContentItem(node.concept, node.value_type, node.relationship, node.value, node.unit, None, children)


FUZZ_FILES = ["RF-RDSR-Siemens-Zee.dcm", "MG-RDSR-Hologic_mix.dcm", "DX-RDSR-Carestream_DRXEvolution.dcm"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", FUZZ_FILES)
def test_mutated_reports_parse_and_save_without_errors(name):
    from django.db import transaction

    from remapp.dicom.content import read_content_tree
    from remapp.extractors import ExtractionError
    from remapp.extractors.rdsr.projection_save import save_projection
    from remapp.extractors.study.events import identify_events
    from remapp.extractors.study.header import parse_header
    from remapp.extractors.study.save import save_header
    from tests.conftest import corpus_file

    dataset = pydicom.dcmread(corpus_file(name))
    tree = read_content_tree(dataset)
    header = parse_header(dataset)
    rng = random.Random(name)
    for attempt in range(40):
        parsed = parse_projection(_mutated(tree, rng))
        assert projection_modality(parsed) in {"RF", "DX", "MG"}
        header.dose_object.sop_instance_uid = f"1.2.3.{attempt}"
        try:
            identify_events(parsed.events, header.dose_object.sop_instance_uid)
        except ExtractionError as rejected:  # an over-long UID: the importer refuses the file, naming the event
            assert "Irradiation Event UID of event" in str(rejected)
            continue
        with transaction.atomic():
            saved = save_header(header, name)
            report = save_projection(parsed, saved.study, saved.created, saved.dose_object, {})
        assert IrradiationEventXRayData.objects.filter(projection_xray_dose=report).count() <= len(parsed.events)


def text_item(concept: Code, value: str, relationship: str = "CONTAINS") -> ContentItem:
    return ContentItem(concept, "TEXT", relationship, value)


@pytest.mark.django_db
def test_rarely_sent_items_are_stored_too():
    """Image view modifiers, breast composition, compression force/pressure/area, end positions, TID 10006."""
    from django.db import transaction

    from remapp.extractors.rdsr.projection_save import save_projection
    from remapp.extractors.study.header import parse_header
    from remapp.extractors.study.save import save_header
    from remapp.models import AccumulatedCassetteProjectionDose, ImageViewModifier, PersonParticipant
    from tests.conftest import corpus_file

    tree = report(
        container(
            c.ACCUMULATED_XRAY_DOSE_DATA,
            coded(c.DETECTOR_TYPE, c.DCM.DirectDetector),
            num(c.TOTAL_NUMBER_OF_RADIOGRAPHIC_FRAMES, "4", "1"),
        ),
        ContentItem(
            c.DCM.PersonName,
            "PNAME",
            "CONTAINS",
            None,
            children=[
                coded(c.DCM.PersonRoleInProcedure, c.DCM.IrradiationAuthorizing, "HAS PROPERTIES"),
                text_item(c.DCM.OrganizationName, "Breast Unit", "HAS PROPERTIES"),
            ],
        ),
        event(
            coded(
                c.IMAGE_VIEW,
                Code("R-10226", "SNM3", "medio-lateral oblique"),
                "CONTAINS",
                coded(c.IMAGE_VIEW_MODIFIER, Code("R-102D2", "SRT", "rolled laterally"), "HAS CONCEPT MOD"),
                coded(c.IMAGE_VIEW_MODIFIER, Code("R-102D1", "SRT", "rolled medially"), "HAS CONCEPT MOD"),
            ),
            coded(c.BREAST_COMPOSITION, Code("F-01710", "SRT", "Breast composition: fatty")),
            num(c.PERCENT_FIBROGLANDULAR_TISSUE, "12", "%"),
            num(c.COMPRESSION_FORCE, "9.5", "daN"),
            num(c.COMPRESSION_PRESSURE, "12", "kPa"),
            num(c.COMPRESSION_CONTACT_AREA, "120", "cm2"),
            num(c.TABLE_LONGITUDINAL_END_POSITION, "30", "cm"),
            num(c.DISTANCE_SOURCE_TO_TABLE_PLANE, "0.7", "m"),
            num(c.EXPOSURE_INDEX, "350", "1"),
        ),
    )
    parsed = parse_projection(tree)
    header = parse_header(pydicom.dcmread(corpus_file("MG-RDSR-Hologic_2D.dcm")))
    with transaction.atomic():
        saved = save_header(header, "built")
        save_projection(parsed, saved.study, saved.created, saved.dose_object, {})
    cassette = AccumulatedCassetteProjectionDose.objects.get()
    assert (cassette.detector_type.code_meaning, cassette.total_number_of_radiographic_frames) == ("Direct Detector", 4)
    stored = IrradiationEventXRayData.objects.get()
    modifiers = ImageViewModifier.objects.filter(irradiation_event=stored).order_by("id")
    assert [m.image_view_modifier.code_meaning for m in modifiers] == ["rolled laterally", "rolled medially"]
    assert (stored.breast_composition, stored.percent_fibroglandular_tissue) == (
        "Breast composition: fatty",
        Decimal(12),
    )
    mechanical = stored.mechanical
    assert (
        mechanical.compression_force_n,
        mechanical.compression_pressure_kpa,
        mechanical.compression_contact_area_mm2,
    ) == (Decimal(95), Decimal(12), Decimal(12000))
    assert (
        mechanical.distances.table_longitudinal_end_position_mm,
        mechanical.distances.distance_source_to_table_plane_mm,
    ) == (Decimal(300), Decimal(700))
    assert stored.detector.exposure_index == Decimal(350)
    person = PersonParticipant.objects.get(projection_xray_dose__study=saved.study)
    assert (person.person_role_in_procedure.code_meaning, person.organization_name) == (
        "Irradiation Authorizing",
        "Breast Unit",
    )
