"""The parts every X-Ray Radiation Dose SR shares: SR Document General module and the report's context rows."""

from __future__ import annotations

from datetime import datetime

from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.sr.coding import Code

from remapp.synthetic import codes
from remapp.synthetic.content import HAS_CONCEPT_MOD, HAS_OBS_CONTEXT, HAS_PROPERTIES, code, code_dataset, text, uidref
from remapp.synthetic.header import Header, base_dataset, make_uid

XRAY_RADIATION_DOSE_SR_STORAGE = "1.2.840.10008.5.1.4.1.1.88.67"


def dose_report(header: Header, template_id: str, content: list[Dataset], content_time: datetime) -> Dataset:
    """An X-Ray Radiation Dose SR document whose root container is the given template (10001 or 10011)."""
    ds = base_dataset(header, XRAY_RADIATION_DOSE_SR_STORAGE, "SR", content_time)
    if not header.series_description:
        ds.SeriesDescription = "Radiation Dose Information"
    ds.ReferencedPerformedProcedureStepSequence = Sequence()
    ds.PerformedProcedureCodeSequence = Sequence()
    ds.ValueType = "CONTAINER"
    ds.ConceptNameCodeSequence = Sequence([code_dataset(codes.XRAY_RADIATION_DOSE_REPORT)])
    ds.ContinuityOfContent = "SEPARATE"
    template = Dataset()
    template.MappingResource = "DCMR"
    template.TemplateIdentifier = template_id
    ds.ContentTemplateSequence = Sequence([template])
    ds.CompletionFlag = "COMPLETE"
    ds.VerificationFlag = "UNVERIFIED"
    ds.ContentSequence = Sequence(content)
    return ds


def report_context(header: Header, procedure: Code) -> list[Dataset]:
    """Procedure reported (with intent), the device observer (TID 1002) and scope of accumulation (study)."""
    observer_uid = make_uid("device-observer", header.manufacturer, header.station_name, header.device_serial_number)
    return [
        code(
            codes.PROCEDURE_REPORTED,
            procedure,
            HAS_CONCEPT_MOD,
            [code(codes.HAS_INTENT, codes.DIAGNOSTIC_INTENT, HAS_CONCEPT_MOD)],
        ),
        code(codes.OBSERVER_TYPE, codes.DEVICE, HAS_OBS_CONTEXT),
        uidref(codes.DEVICE_OBSERVER_UID, observer_uid, HAS_OBS_CONTEXT),
        text(codes.DEVICE_OBSERVER_NAME, header.station_name, HAS_OBS_CONTEXT),
        text(codes.DEVICE_OBSERVER_MANUFACTURER, header.manufacturer, HAS_OBS_CONTEXT),
        text(codes.DEVICE_OBSERVER_MODEL_NAME, header.manufacturer_model_name, HAS_OBS_CONTEXT),
        text(codes.DEVICE_OBSERVER_SERIAL_NUMBER, header.device_serial_number, HAS_OBS_CONTEXT),
        text(codes.DEVICE_OBSERVER_LOCATION, header.institution_name, HAS_OBS_CONTEXT),
    ]


def scope_of_accumulation(header: Header) -> Dataset:
    return code(
        codes.SCOPE_OF_ACCUMULATION,
        codes.STUDY,
        HAS_OBS_CONTEXT,
        [uidref(codes.STUDY_INSTANCE_UID, header.study_instance_uid, HAS_PROPERTIES)],
    )


def source_of_dose_information() -> Dataset:
    return code(codes.SOURCE_OF_DOSE_INFORMATION, codes.AUTOMATED_DATA_COLLECTION)


def lookup(table: dict[str, Code], value: str | Code, what: str) -> Code:
    """A code from a generator table by its short name, or a Code given directly."""
    if isinstance(value, Code):
        return value
    try:
        return table[value]
    except KeyError:
        raise ValueError(f"unknown {what} {value!r}; use one of {', '.join(table)} or a pydicom Code") from None
