"""CT dose reports from real scanners: every event's CTDIvol, DLP and kVp, totals, dates, equipment, study fields."""

import datetime as dt
from decimal import Decimal

import pytest

from remapp.extractors import Status
from remapp.extractors.router import import_path
from remapp.models import (
    CtAccumulatedDose,
    CtDoseCheck,
    CtIrradiationEvent,
    CtRadiationDose,
    DeviceParticipant,
    DoseObject,
    GeneralStudy,
    ObserverContext,
    PersonParticipant,
)
from tests.conftest import corpus_file

pytestmark = pytest.mark.django_db

# file: (study date, accession, station, manufacturer, model, DLP total, [(CTDIvol, DLP, (kVp per source))])
# Read from the files with pydicom alone; None where the event carries no such item.
CT_FILES = {
    "CT-RDSR-GEPixelMed.dcm": (
        "20130313",
        "",
        "rt16",
        "GE MEDICAL SYSTEMS",
        "LightSpeed RT16",
        "586.34",
        [("60.41", "475.04", ()), ("222.59", "111.30", ("120",))],
    ),
    "CT-RDSR-Siemens-Continued-1.dcm": (
        "20180427",
        "4885555100963520",
        "CONTINUED",
        "SIEMENS",
        "SOMATOM Definition Flash",
        "60.17",
        [("0.14", "5.05", ("120",)), ("2.03", "55.12", ("120",))],
    ),
    "CT-RDSR-Siemens-Continued-2.dcm": (
        "20180427",
        "4885555100963520",
        "CONTINUED",
        "SIEMENS",
        "SOMATOM Definition Flash",
        "56.44",
        [("0.14", "4.62", ("120",)), ("2.22", "51.82", ("120",))],
    ),
    "CT-RDSR-Siemens-Multi-1.dcm": (
        "20180105",
        "3599305798462538",
        "CTAWP12345",
        "SIEMENS",
        "SOMATOM Confidence",
        "7.46",
        [("0.15", "7.46", ("120",))],
    ),
    "CT-RDSR-Siemens-Multi-2.dcm": (
        "20180105",
        "3599305798462538",
        "CTAWP12345",
        "SIEMENS",
        "SOMATOM Confidence",
        "77.27",
        [("0.15", "7.46", ("120",)), ("8.13", "69.81", ("120",))],
    ),
    "CT-RDSR-Siemens-Multi-3.dcm": (
        "20180105",
        "3599305798462538",
        "CTAWP12345",
        "SIEMENS",
        "SOMATOM Confidence",
        "236.09",
        [("0.15", "7.46", ("120",)), ("8.13", "69.81", ("120",)), ("7.02", "158.82", ("120",))],
    ),
    "CT-RDSR-Siemens_Flash-QA-DS.dcm": (
        "20130611",
        "74624646290",
        "CTAWP91919",
        "SIEMENS",
        "SOMATOM Definition Flash",
        "1590",
        [
            ("15.45", "29.67", ("100", "140")),
            ("21.95", "84.28", ("120", "120")),
            ("5.52", "21.18", ("120", "120")),
            ("33.83", "129.89", ("140", "140")),
            ("13.17", "50.58", ("100", "100")),
            ("6.26", "24.05", ("80", "80")),
            ("17.1", "65.68", ("120", "120")),
            ("65.47", "815.33", ("120", "120")),
            ("29.67", "369.34", ("120", "120")),
        ],
    ),
    "CT-RDSR-Siemens_Flash-TAP-SS.dcm": (
        "19970101",
        "ACC12345601",
        "CTAWP00001",
        "SIEMENS",
        "SOMATOM Definition Flash",
        "724.52",
        [
            ("0.14", "11.51", ("120",)),
            ("1.2", "1.2", ("120",)),
            ("3.61", "3.61", ("120",)),
            ("9.91", "708.2", ("120",)),
        ],
    ),
    "CT-RDSR-ToshibaPixelMed.dcm": (
        "20161206",
        "4935683",
        "CTTOSHIBA1",
        "TOSHIBA",
        "Aquilion",
        "349.70",
        [(None, None, ()), ("25.40", "208.50", ()), ("24.70", "141.20", ())],
    ),
    "CT-RDSR-Toshiba_DoseCheck.dcm": (
        "20171115",
        "3599305798462538",
        "ToshibaDoseChk",
        "TOSHIBA",
        "Aquilion Precision",
        "502.40",
        [("5.30", "251.20", ("120",)), ("5.30", "251.20", ("120",))],
    ),
    "CT-RDSR-Toshiba_MultiValSD.dcm": (
        "20180105",
        "8886221439198526",
        "AquilionOne",
        "TOSHIBA",
        "Aquilion ONE",
        "136.90",
        [(None, None, ("120",)), (None, None, ("120",)), ("3.20", "136.90", ("120",))],
    ),
    "CT-ESR-GE_Optima.dcm": (
        "20060823",
        "0012345.12345678",
        "geoptima",
        "GE Medical Systems",
        "Optima CT660",
        "415.82",
        [
            (None, None, ("120.0",)),
            (None, None, ("120.0",)),
            ("3.23", "155.97", ("120.0",)),
            (None, None, ("120.0",)),
            (None, None, ("120.0",)),
            ("5.3", "259.85", ("120.0",)),
        ],
    ),
    "CT-ESR-GE_VCT.dcm": (
        "20130228",
        "001234512345678",
        "VCTScanner",
        "GE Medical Systems",
        "LightSpeed VCT",
        "2002.39",
        [
            (None, None, ("120.0",)),
            (None, None, ("120.0",)),
            (None, None, ("120.0",)),
            (None, None, ("120.0",)),
            ("32.83", "16.41", ("120.0",)),
            ("8.74", "429.19", ("120.0",)),
            ("4.93", "246.69", ("120.0",)),
            (None, None, ("120.0",)),
            (None, None, ("120.0",)),
            (None, None, ("120.0",)),
            (None, None, ("120.0",)),
            ("6.23", "3.12", ("120.0",)),
            ("22.26", "890.26", ("120.0",)),
            (None, None, ("120.0",)),
            (None, None, ("120.0",)),
            (None, None, ("120.0",)),
            (None, None, ("120.0",)),
            (None, None, ("120.0",)),
            (None, None, ("120.0",)),
            (None, None, ("120.0",)),
            (None, None, ("120.0",)),
            ("5.84", "2.92", ("120.0",)),
            ("176.12", "352.24", ("120.0",)),
            ("29.31", "14.66", ("120.0",)),
            ("29.31", "14.66", ("120.0",)),
            ("31.66", "15.83", ("120.0",)),
            ("32.83", "16.41", ("120.0",)),
        ],
    ),
}


def _d(value):
    return None if value is None else Decimal(value)


@pytest.mark.parametrize("name", sorted(CT_FILES))
def test_it_imports_every_ct_event_exactly(name):
    study_date, accession, station, manufacturer, model, total, events = CT_FILES[name]

    outcome = import_path(corpus_file(name))

    assert outcome.status == Status.IMPORTED, outcome.line()
    assert outcome.modality == "CT"
    study = GeneralStudy.objects.get()
    assert study.study_date == dt.datetime.strptime(study_date, "%Y%m%d").date()
    assert study.accession_number == accession
    assert study.modality == "CT"
    assert study.number_of_events == len(events)
    assert study.total_dlp_mgycm == Decimal(total)
    assert study.max_ctdivol_mgy == max((Decimal(e[0]) for e in events if e[0] is not None), default=None)
    assert study.equipment.station_name == station
    assert study.equipment.manufacturer == manufacturer
    assert study.equipment.manufacturer_model_name == model
    assert study.station.display_name == (station or f"{study.equipment.institution_name} {model}".strip())
    report = CtRadiationDose.objects.get()
    assert report.accumulated.ct_dose_length_product_total_mgycm == Decimal(total)
    assert report.accumulated.total_number_of_irradiation_events == len(events)
    stored = list(CtIrradiationEvent.objects.order_by("sequence_number").prefetch_related("sources"))
    assert [(e.mean_ctdivol_mgy, e.dlp_mgycm) for e in stored] == [(_d(c), _d(d)) for c, d, _ in events]
    assert [tuple(s.kvp for s in e.sources.all()) for e in stored] == [
        tuple(Decimal(k) for k in kvps) for _, _, kvps in events
    ]
    assert DoseObject.objects.get().study == study


def test_it_reads_the_whole_event_of_a_siemens_report():
    import_path(corpus_file("CT-RDSR-Siemens-Multi-1.dcm"))

    event = CtIrradiationEvent.objects.get()
    assert event.acquisition_protocol == "Topogram"
    assert event.target_region.code_meaning == "Chest"
    assert event.ct_acquisition_type.code_meaning == "Constant Angle Acquisition"
    assert event.procedure_context.code_meaning == "CT without contrast"
    assert event.exposure_time_s == Decimal("5.28")
    assert event.scanning_length_mm == Decimal("514")
    assert event.nominal_single_collimation_width_mm == Decimal("0.6")
    assert event.nominal_total_collimation_width_mm == Decimal("3.6")
    assert event.number_of_xray_sources == 1
    assert event.ctdiw_phantom_type.code_meaning == "IEC Body Dosimetry Phantom"
    assert event.xray_modulation_type == "NONE"
    assert event.comment.startswith("Internal technical scan parameters: Organ Characteristic = Thorax")
    assert event.irradiation_event_uid == "1.3.6.1.4.1.5962.99.1.792239193.1702185591.1516915727449.4.0"
    source = event.sources.get()
    assert (source.identification_of_xray_source, source.kvp) == ("A", Decimal("120"))
    assert (source.maximum_xray_tube_current_ma, source.xray_tube_current_ma) == (Decimal("35"), Decimal("34"))
    check = CtDoseCheck.objects.get(ct_irradiation_event=event)
    assert check.dlp_alert_value_configured is False
    assert check.ctdivol_alert_value_configured is True
    assert check.ctdivol_alert_value_mgy == Decimal("1000")
    assert check.dlp_notification_value_configured is False
    assert check.ctdivol_notification_value_configured is False
    report = CtRadiationDose.objects.get()
    assert report.procedure_reported.code_meaning == "Computed Tomography X-Ray"
    assert report.has_intent.code_meaning == "Diagnostic Intent"
    assert report.source_of_dose_information.code_meaning == "Automated Data Collection"
    assert report.scope_of_accumulation.code_meaning == "Study"
    assert report.scope_uid == "1.3.6.1.4.1.5962.99.1.792239193.1702185591.1516915727449.3.0"
    assert report.start_of_xray_irradiation.astimezone(dt.UTC) == dt.datetime(2018, 1, 5, 17, 21, 3, 83003, dt.UTC)
    observer = ObserverContext.objects.get(ct_radiation_dose=report)
    assert observer.observer_type.code_meaning == "Device"
    assert observer.device_observer_name == "CTAWP100044"
    assert observer.device_observer_manufacturer == "SIEMENS"
    assert observer.device_observer_model_name == "SOMATOM Confidence"
    assert observer.device_observer_serial_number == "989801"
    assert observer.device_observer_physical_location == "The Royal Marsden"


def test_it_reads_pitch_rotation_time_and_dual_sources():
    import_path(corpus_file("CT-RDSR-Siemens_Flash-QA-DS.dcm"))

    first = CtIrradiationEvent.objects.order_by("sequence_number").first()
    assert first.number_of_xray_sources == 2
    assert sorted(s.identification_of_xray_source for s in first.sources.all()) == ["A", "B"]
    spiral = CtIrradiationEvent.objects.exclude(pitch_factor=None).order_by("sequence_number").first()
    assert spiral.pitch_factor > 0
    assert spiral.sources.exclude(exposure_time_per_rotation_s=None).exists()


def test_it_converts_the_misspelt_ge_unit_mgycm():
    """GE writes DLP in 'mGycm'; it is mGy.cm, kept unchanged."""
    import_path(corpus_file("CT-ESR-GE_Optima.dcm"))

    assert CtAccumulatedDose.objects.get().ct_dose_length_product_total_mgycm == Decimal("415.82")
    assert CtIrradiationEvent.objects.get(sequence_number=2).dlp_mgycm == Decimal("155.97")
    assert CtIrradiationEvent.objects.get(sequence_number=2).pitch_factor == Decimal("1.38")


def test_it_records_dose_check_alerts_and_the_role_of_who_proceeded():
    import_path(corpus_file("CT-RDSR-Toshiba_DoseCheck.dcm"))

    check = CtDoseCheck.objects.order_by("ct_irradiation_event__sequence_number").first()
    assert check.dlp_alert_value_configured is True
    assert check.ctdivol_alert_value_configured is True
    assert check.dlp_alert_value_mgycm == Decimal("100.00")
    assert check.ctdivol_alert_value_mgy == Decimal("10.00")
    assert check.accumulated_dlp_forward_estimate_mgycm == Decimal("251.20")
    assert check.alert_person_role_in_procedure != ""


def test_it_keeps_device_and_person_participants_without_names():
    import_path(corpus_file("CT-RDSR-GEPixelMed.dcm"))

    device = DeviceParticipant.objects.filter(ct_irradiation_event__isnull=False).first()
    assert device.device_role_in_procedure.code_meaning == "Irradiating Device"
    assert device.device_manufacturer == "GE MEDICAL SYSTEMS"
    person = PersonParticipant.objects.first()
    assert person.person_role_in_procedure is not None
    for field in PersonParticipant._meta.concrete_fields:
        assert "name" not in field.name or field.name == "organization_name"


def test_it_drops_the_multi_valued_toshiba_number_but_keeps_the_report():
    """Toshiba's private 'Standard deviation of population' reads '10.50/ 15.00': two values, not one number."""
    outcome = import_path(corpus_file("CT-RDSR-Toshiba_MultiValSD.dcm"))

    assert outcome.status == Status.IMPORTED
    assert GeneralStudy.objects.get().total_dlp_mgycm == Decimal("136.90")
