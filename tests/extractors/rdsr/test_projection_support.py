"""Shared helpers of the projection RDSR tests (no tests here): import a corpus file, read stored rows."""

from __future__ import annotations

from decimal import Decimal

from remapp.extractors.router import import_path
from remapp.models import (
    AccumulatedXRayDose,
    GeneralEquipment,
    GeneralStudy,
    IrradiationEventXRayData,
)
from tests.conftest import corpus_file

PROJECTION_FILES = [
    "DX-RDSR-Canon_CXDI.dcm",
    "DX-RDSR-Carestream_DRXEvolution.dcm",
    "Dual-RDSR-DX.dcm",
    "Dual-RDSR-RF.dcm",
    "MG-RDSR-Hologic_2D.dcm",
    "MG-RDSR-Hologic_mix.dcm",
    "RF-No-kVp-and-others.dcm",
    "RF-Pat-Orientation-Modifier-Missing.dcm",
    "RF-RDSR-Eurocolumbus.dcm",
    "RF-RDSR-GE-OECEliteMiniView.dcm",
    "RF-RDSR-GE.dcm",
    "RF-RDSR-Philips_Allura.dcm",
    "RF-RDSR-Philips_Azurion.dcm",
    "RF-RDSR-Siemens-Zee.dcm",
    "RF-RDSR-Siemens-Zee_adjusted.dcm",
]


def import_corpus(name: str) -> GeneralStudy:
    """Import one corpus file through the router and return its study."""
    outcome = import_path(str(corpus_file(name)))
    assert outcome.status == "imported", outcome.line()
    return GeneralStudy.objects.get(pk=outcome.study_id)


def equipment_identity(study: GeneralStudy) -> tuple[str, str, str, str, str]:
    """The study's (manufacturer, model, station, institution, serial number) as stored."""
    equipment = GeneralEquipment.objects.get(study=study)
    return (
        equipment.manufacturer,
        equipment.manufacturer_model_name,
        equipment.station_name,
        equipment.institution_name,
        equipment.device_serial_number,
    )


def events(study: GeneralStudy, prefetch: tuple[str, ...] = ()) -> list[IrradiationEventXRayData]:
    """The study's events in document order, with their detail rows."""
    return list(
        IrradiationEventXRayData.objects.filter(study=study)
        .select_related("source", "detector", "mechanical", "mechanical__distances", "irradiation_event_type")
        .prefetch_related(*prefetch)
        .order_by("projection_xray_dose_id", "sequence_number")
    )


def planes(study: GeneralStudy, prefetch: tuple[str, ...] = ()) -> list[AccumulatedXRayDose]:
    """The study's accumulated doses (one per plane and report) in document order."""
    return list(
        AccumulatedXRayDose.objects.filter(projection_xray_dose__study=study)
        .select_related("acquisition_plane")
        .prefetch_related(*prefetch)
        .order_by("id")
    )


def local(value) -> str:
    """A stored aware datetime as the site's local 'YYYY-mm-dd HH:MM:SS.ffffff' (DICOM times are local)."""
    from django.utils import timezone

    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S.%f") if value else ""


def dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def column(rows, getter) -> list:
    """One value per row, None where the row or the part is missing."""
    out = []
    for row in rows:
        try:
            out.append(getter(row))
        except AttributeError:
            out.append(None)
    return out
