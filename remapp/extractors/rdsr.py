"""X-Ray Radiation Dose SR import: recognise a dose report, parse it, save it in one transaction.

Router entry point: ``import_dataset(dataset, path="") -> ImportOutcome``. Also ``parse(dataset) -> ParsedRdsr``
(plain dataclasses, no database) and ``save(parsed, source_file_name="") -> ImportOutcome``.

Accepted: X-Ray Radiation Dose SR objects, and Enhanced / Comprehensive / Extensible SR objects whose
document title is "X-Ray Radiation Dose Report" (GE writes CT dose reports as Enhanced SR). CT reports
(TID 10011) go to ``rdsr_ct``; projection reports (TID 10001: fluoroscopy, radiography, mammography) go to
``rdsr_projection``. Anything else raises ExtractionError with the reason.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from pydicom.dataset import Dataset

from remapp.dicom import concepts as c
from remapp.dicom.content import ContentItem, code_key, find_item, read_content_tree
from remapp.dicom.values import text, uid
from remapp.extractors import ExtractionError, ImportOutcome, Status
from remapp.extractors.common import (
    DuplicateObject,
    Header,
    checked_uid,
    is_duplicate,
    parse_header,
    refresh_study_summary,
    retry_transient,
    save_header,
)
from remapp.extractors.image_ct_save import drop_screen_records
from remapp.extractors.image_save import drop_image_records
from remapp.extractors.rdsr_ct import CtReport, parse_ct, save_ct
from remapp.models import Modality

logger = logging.getLogger(__name__)

XRAY_RADIATION_DOSE_SR = "1.2.840.10008.5.1.4.1.1.88.67"
ENHANCED_SR = "1.2.840.10008.5.1.4.1.1.88.22"
COMPREHENSIVE_SR = "1.2.840.10008.5.1.4.1.1.88.33"
COMPREHENSIVE_3D_SR = "1.2.840.10008.5.1.4.1.1.88.34"
EXTENSIBLE_SR = "1.2.840.10008.5.1.4.1.1.88.35"
SR_SOP_CLASSES = (XRAY_RADIATION_DOSE_SR, ENHANCED_SR, COMPREHENSIVE_SR, COMPREHENSIVE_3D_SR, EXTENSIBLE_SR)

PROJECTION_MODULE = "remapp.extractors.rdsr_projection"

_CT_MARKERS = {code_key(c.CT_ACQUISITION), code_key(c.CT_ACCUMULATED_DOSE_DATA)}
_PROJECTION_MARKERS = {code_key(c.ACCUMULATED_XRAY_DOSE_DATA), code_key(c.IRRADIATION_EVENT_XRAY_DATA)}


@dataclass
class ParsedRdsr:
    """A parsed dose report: header modules, which template family, and the family's own dataclass."""

    header: Header
    kind: str  # "CT" or "projection"
    report: Any  # CtReport, or the projection module's ProjectionReportData
    modality: str


def _projection_module():
    try:
        module = importlib.import_module(PROJECTION_MODULE)
    except ImportError:
        return None
    if not all(hasattr(module, name) for name in ("parse_projection", "save_projection", "projection_modality")):
        return None
    return module


def report_kind(root: ContentItem, dataset: Dataset) -> str:
    """'CT' or 'projection' from the report's content (template identifier as a fallback); else ExtractionError."""
    if root.concept_key != code_key(c.XRAY_RADIATION_DOSE_REPORT):
        title = root.concept.meaning if root.concept else "none"
        raise ExtractionError(f"not an X-Ray Radiation Dose Report (document title: {title})")
    if not root.children:
        raise ExtractionError("dose report without content (its SR content tree is missing or empty)")
    keys = {item.concept_key for item in root.children}
    if keys & _CT_MARKERS:
        return "CT"
    if keys & _PROJECTION_MARKERS:
        return "projection"
    template = ""
    try:
        template = str(dataset.ContentTemplateSequence[0].TemplateIdentifier).strip()
    except (AttributeError, IndexError, KeyError, TypeError):
        pass
    if template == "10011":
        return "CT"
    if template == "10001":
        return "projection"
    raise ExtractionError("dose report carries neither CT (TID 10011) nor projection (TID 10001) dose data")


def parse(dataset: Dataset) -> ParsedRdsr:
    """Header and dose report of ``dataset`` as dataclasses; ExtractionError if it is not a dose report."""
    sop_class = str(dataset.get("SOPClassUID", "") or "")
    if sop_class not in SR_SOP_CLASSES:
        raise ExtractionError(f"not a structured report (SOP Class UID {sop_class or 'missing'})")
    header = parse_header(dataset)
    try:
        root = read_content_tree(dataset)
    except Exception as error:  # reading the tree is pure decoding: any failure means damaged content
        raise ExtractionError(f"damaged SR content tree ({type(error).__name__}: {error})") from error
    kind = report_kind(root, dataset)
    observer_uid = uid(find_item(root, c.DEVICE_OBSERVER_UID))
    header.equipment.device_observer_uid = observer_uid
    if not header.equipment.station_name:
        # Some reports name the device only in the observer context.
        header.equipment.station_name = text(find_item(root, c.DEVICE_OBSERVER_NAME))
    if kind == "CT":
        report = parse_ct(root)
        if not report.events and report.accumulated is None:
            raise ExtractionError("CT dose report has no irradiation events and no accumulated dose")
        _check_event_uids(report.events)
        return ParsedRdsr(header, kind, report, Modality.CT)
    module = _projection_module()
    if module is None:
        raise ExtractionError("projection dose reports (TID 10001) are not supported by this installation yet")
    report = module.parse_projection(root)
    _check_event_uids(report.events)
    return ParsedRdsr(header, kind, report, module.projection_modality(report))


def _check_event_uids(events: list) -> None:
    # Events are matched across reports by this UID: a clipped one could be taken for another event.
    for number, event in enumerate(events, start=1):
        checked_uid(event.irradiation_event_uid or "", f"Irradiation Event UID of event {number}")


def _save_once(parsed: ParsedRdsr, source_file_name: str):
    # The report covers every exposure of its study: records built earlier from the study's images (same
    # template family) would count them twice, so they go in the same transaction. Their DoseObject rows stay.
    with transaction.atomic():
        study, dose_object = save_header(parsed.header, source_file_name)
        memo: dict = {}
        if isinstance(parsed.report, CtReport):
            if not study.is_new:
                drop_screen_records(study)
            save_ct(parsed.report, study, dose_object, memo)
        else:
            if not study.is_new:
                drop_image_records(study)
            _projection_module().save_projection(parsed.report, study, dose_object)
        refresh_study_summary(study, parsed.modality)
    return study


def save(parsed: ParsedRdsr, source_file_name: str = "") -> ImportOutcome:
    """Write a parsed report in one transaction; a duplicate SOP Instance UID changes nothing."""
    sop_uid = parsed.header.dose_object.sop_instance_uid
    try:
        study = retry_transient(lambda: _save_once(parsed, source_file_name))
    except DuplicateObject as duplicate:
        return ImportOutcome(source_file_name, Status.DUPLICATE, str(duplicate))
    logger.info("Imported %s report %s into study %s", parsed.modality, sop_uid, study.study_instance_uid)
    return ImportOutcome(source_file_name, Status.IMPORTED, "", study.pk, study.modality)


def import_dataset(dataset: Dataset, path: str = "") -> ImportOutcome:
    """Parse and save one dose report (the router's entry point); ExtractionError if it cannot be taken."""
    sop_uid = str(dataset.get("SOPInstanceUID", "") or "")
    if sop_uid and is_duplicate(sop_uid):
        return ImportOutcome(path, Status.DUPLICATE, f"SOP Instance UID {sop_uid} already imported")
    return save(parse(dataset), path)
