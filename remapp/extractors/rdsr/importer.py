"""X-Ray Radiation Dose SR import: recognise a dose report, parse it, save it in one transaction.

Router entry point: ``import_dataset(dataset, path="") -> ImportOutcome``. Also ``parse(dataset) -> ParsedRdsr``
(plain dataclasses, no database) and ``save(parsed, source_file_name="") -> ImportOutcome``.

Accepted: X-Ray Radiation Dose SR objects, and Enhanced / Comprehensive / Extensible SR objects whose
document title is "X-Ray Radiation Dose Report" (GE writes CT dose reports as Enhanced SR). CT reports
(TID 10011) are parsed by ``ct`` and saved by ``ct_save``; projection reports (TID 10001: fluoroscopy,
radiography, mammography) by ``projection`` and ``projection_save``. Anything else raises ExtractionError with
the reason.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from pydicom.dataset import Dataset

from remapp.dicom import concepts as c
from remapp.dicom.content import ContentItem, code_key, read_code, read_content_tree
from remapp.dicom.values import text, uid
from remapp.extractors import ExtractionError, ImportOutcome, Status
from remapp.extractors.images.philips_ct_save import drop_screen_records
from remapp.extractors.images.projection_save import drop_image_records
from remapp.extractors.rdsr.ct import parse_ct
from remapp.extractors.rdsr.ct_data import CtReportData
from remapp.extractors.rdsr.ct_save import save_ct
from remapp.extractors.rdsr.projection import parse_projection, projection_modality
from remapp.extractors.rdsr.projection_data import ProjectionReportData
from remapp.extractors.rdsr.projection_save import save_projection
from remapp.extractors.rdsr.tables import first, index_items
from remapp.extractors.study.events import identify_events
from remapp.extractors.study.header import Header, parse_header
from remapp.extractors.study.retry import retry_transient
from remapp.extractors.study.save import DuplicateObject, is_duplicate, save_header
from remapp.extractors.study.summary import refresh_study_summary
from remapp.models import Modality

logger = logging.getLogger(__name__)

XRAY_RADIATION_DOSE_SR = "1.2.840.10008.5.1.4.1.1.88.67"
ENHANCED_SR = "1.2.840.10008.5.1.4.1.1.88.22"
COMPREHENSIVE_SR = "1.2.840.10008.5.1.4.1.1.88.33"
COMPREHENSIVE_3D_SR = "1.2.840.10008.5.1.4.1.1.88.34"
EXTENSIBLE_SR = "1.2.840.10008.5.1.4.1.1.88.35"
SR_SOP_CLASSES = (XRAY_RADIATION_DOSE_SR, ENHANCED_SR, COMPREHENSIVE_SR, COMPREHENSIVE_3D_SR, EXTENSIBLE_SR)

_CT_MARKERS = {code_key(c.CT_ACQUISITION), code_key(c.CT_ACCUMULATED_DOSE_DATA)}
_PROJECTION_MARKERS = {code_key(c.ACCUMULATED_XRAY_DOSE_DATA), code_key(c.IRRADIATION_EVENT_XRAY_DATA)}


@dataclass
class ParsedRdsr:
    """A parsed dose report: header modules, which template family, and the family's own dataclass."""

    header: Header
    kind: str  # "CT" or "projection"
    report: CtReportData | ProjectionReportData
    modality: str


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
    root_items = index_items(root)
    header.equipment.device_observer_uid = uid(first(root_items, c.DEVICE_OBSERVER_UID))
    if not header.equipment.station_name:
        # Some reports name the device only in the observer context.
        header.equipment.station_name = text(first(root_items, c.DEVICE_OBSERVER_NAME))
    if kind == "CT":
        report = parse_ct(root)
        if not report.events and report.accumulated is None:
            raise ExtractionError("CT dose report has no irradiation events and no accumulated dose")
        identify_events(report.events, header.dose_object.sop_instance_uid)
        return ParsedRdsr(header, kind, report, Modality.CT)
    report = parse_projection(root)
    identify_events(report.events, header.dose_object.sop_instance_uid)
    return ParsedRdsr(header, kind, report, projection_modality(report))


def _save_once(parsed: ParsedRdsr, source_file_name: str):
    # The report covers every exposure of its study: records built earlier from the study's images (same
    # template family) would count them twice, so they go in the same transaction. Their DoseObject rows stay.
    with transaction.atomic():
        saved = save_header(parsed.header, source_file_name)
        study, created = saved.study, saved.created
        memo: dict = {}
        if isinstance(parsed.report, CtReportData):
            if not created:
                drop_screen_records(study)
            save_ct(parsed.report, study, created, saved.dose_object, memo)
        else:
            if not created:
                drop_image_records(study)
            save_projection(parsed.report, study, created, saved.dose_object, memo)
        refresh_study_summary(study, parsed.modality, station_id=saved.station_id, study_created=created)
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


def kind_of(dataset: Dataset) -> str:
    """'rdsr' for an SR whose document title is X-Ray Radiation Dose Report, else '' (the router's registry)."""
    try:
        title = read_code(dataset.ConceptNameCodeSequence[0])
    except (AttributeError, IndexError, KeyError, TypeError):
        return ""
    return "rdsr" if title is not None and code_key(title) == code_key(c.XRAY_RADIATION_DOSE_REPORT) else ""


def import_dataset(dataset: Dataset, path: str = "") -> ImportOutcome:
    """Parse and save one dose report (the router's entry point); ExtractionError if it cannot be taken."""
    sop_uid = str(dataset.get("SOPInstanceUID", "") or "")
    if sop_uid and is_duplicate(sop_uid):
        return ImportOutcome(path, Status.DUPLICATE, f"SOP Instance UID {sop_uid} already imported")
    return save(parse(dataset), path)
