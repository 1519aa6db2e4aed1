"""Fill the database with N synthetic studies quickly, for benchmarks and demonstrations.

Rows are made straight through the models with bulk_create: studies with their summary fields, patient
study and patient rows, one dose report per study and a few irradiation events whose doses add up to the
study totals. Distributions are plausible rather than clinical: a handful of sites, each with its scanners,
protocols weighted by how often they are done, doses spread log-normally around typical values, dates over
the last few years in working hours.
"""

import datetime
import hashlib
import math
import random
import time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction

from remapp.management.base import DataCommand
from remapp.models import (
    CtIrradiationEvent,
    CtRadiationDose,
    GeneralStudy,
    IrradiationEventXRayData,
    Patient,
    PatientStudy,
    ProjectionXRayRadiationDose,
    UniqueEquipment,
)

INSTITUTIONS = ("Royal Infirmary", "General Hospital", "Children's Hospital", "Community Hospital", "Cancer Centre")
# modality: (share of all studies, [(manufacturer, model)], sources per institution)
FLEET = {
    "CT": (0.35, [("Siemens", "SOMATOM Force"), ("GE MEDICAL SYSTEMS", "Revolution"), ("Canon", "Aquilion ONE")], 2),
    "RF": (0.08, [("Siemens", "Artis Q"), ("Philips", "Azurion 7")], 1),
    "MG": (0.12, [("HOLOGIC, Inc.", "Selenia Dimensions"), ("GE Healthcare", "Senographe Pristina")], 1),
    "DX": (0.45, [("Carestream Health", "DRX-Evolution"), ("Philips", "DigitalDiagnost"), ("Siemens", "Ysio")], 3),
}
# modality: [(weight, study description, requested procedure, [acquisition protocols], typical dose per event)]
# Typical doses: CT DLP mGy.cm (CTDIvol follows from an assumed scan length); RF/DX DAP Gy.m2; MG AGD mGy.
PROTOCOLS = {
    "CT": [
        (30, "CT Head", "CT Head without contrast", ["Routine Head", "Head Helical"], 850.0),
        (20, "CT Chest", "CT Thorax", ["Chest Helical", "Thorax Routine"], 300.0),
        (18, "CT Chest Abdomen Pelvis", "CT CAP with contrast", ["CAP Portal", "Chest Arterial"], 450.0),
        (12, "CT Abdomen Pelvis", "CT Abdo Pelvis", ["Abdo Pelvis Portal"], 550.0),
        (8, "CTPA", "CT Pulmonary Angiogram", ["CTPA Bolus", "Chest Angio"], 250.0),
        (7, "CT Cervical Spine", "CT C-Spine trauma", ["C-Spine Helical"], 400.0),
        (5, "CT Coronary Angiogram", "CT Cardiac", ["Cardiac Prospective", "Calcium Score"], 150.0),
    ],
    "RF": [
        (35, "Barium Swallow", "Barium swallow", ["Fluoro Low", "Oesophagus Acquisition"], 0.00015),
        (30, "Coronary Angiogram", "Coronary angiography", ["Coronary Fluoro 15 fps", "Coronary Cine"], 0.0004),
        (20, "PCI", "Percutaneous coronary intervention", ["Coronary Fluoro 15 fps", "Coronary Cine"], 0.0006),
        (15, "Hip Screening", "Theatre hip screening", ["Ortho Fluoro"], 0.00002),
    ],
    "MG": [
        (85, "Screening Mammogram", "Bilateral screening", ["RCC", "LCC", "RMLO", "LMLO"], 1.3),
        (15, "Diagnostic Mammogram", "Diagnostic mammography", ["RCC", "RMLO", "Spot Compression"], 1.6),
    ],
    "DX": [
        (40, "Chest", "XR Chest PA", ["Chest PA", "Chest AP"], 0.000012),
        (15, "Knee", "XR Knee", ["Knee AP", "Knee Lat"], 0.000008),
        (12, "Lumbar Spine", "XR Lumbar spine", ["L-Spine AP", "L-Spine Lat"], 0.00012),
        (12, "Pelvis", "XR Pelvis", ["Pelvis AP"], 0.0001),
        (11, "Abdomen", "XR Abdomen", ["Abdomen AP"], 0.00015),
        (10, "Hand", "XR Hand", ["Hand PA", "Hand Oblique"], 0.000002),
    ],
}
EVENTS_PER_STUDY = {"CT": (1, 4), "RF": (2, 8), "MG": (2, 4), "DX": (1, 3)}
CT_SCAN_LENGTH_CM = 30.0
TEST_PATIENT_SHARE = 0.004


class Command(DataCommand):
    help = "Add N synthetic studies (all modalities) to the database with bulk inserts, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="number of studies to add")
        parser.add_argument("--years", type=float, default=5.0, help="spread study dates over this many years")
        parser.add_argument("--batch", type=int, default=5000, help="studies per transaction")
        parser.add_argument("--seed", type=int, default=None, help="random seed, for a repeatable data set")

    def handle(self, *args, count, years, batch, seed, **options):
        if count < 1 or batch < 1 or years <= 0:
            raise CommandError("count, --batch and --years must be positive")
        rng = random.Random(seed)
        run = f"{int(time.time() * 1000)}{rng.randrange(1000):03d}"
        stations = self.stations()
        now = datetime.datetime.now(ZoneInfo(settings.TIME_ZONE))
        started = time.monotonic()
        made = 0
        while made < count:
            size = min(batch, count - made)
            plans = [plan_study(rng, stations, now, years, run, made + i) for i in range(size)]
            with transaction.atomic():
                save_batch(plans)
            made += size
            rate = made / max(time.monotonic() - started, 1e-9)
            self.stdout.write(f"{made} / {count} studies ({rate:,.0f} studies/s)")
        self.stdout.write(self.style.SUCCESS(f"Added {count} studies in {time.monotonic() - started:.1f} s"))

    def stations(self) -> dict[str, list[tuple[UniqueEquipment, float]]]:
        """The synthetic fleet (created once, reused by later runs), each source with a workload weight."""
        rng = random.Random(7)
        fleet = {}
        for modality, (_, models, per_site) in FLEET.items():
            sources = []
            for site_number, institution in enumerate(INSTITUTIONS):
                for unit in range(per_site):
                    manufacturer, model = models[(site_number + unit) % len(models)]
                    station_name = f"{institution.split()[0][:4].upper()}{modality}{unit + 1}"
                    identity = hashlib.sha256(f"bench|{institution}|{station_name}".encode()).hexdigest()
                    station, _ = UniqueEquipment.objects.get_or_create(
                        identity_hash=identity,
                        defaults={
                            "manufacturer": manufacturer,
                            "manufacturer_model_name": model,
                            "institution_name": institution,
                            "station_name": station_name,
                            "display_name": f"{institution} {modality} {unit + 1}",
                            "device_serial_number": f"SN{rng.randrange(10**6):06d}",
                            "user_defined_modality": modality,
                        },
                    )
                    sources.append((station, rng.uniform(0.3, 2.0)))
            fleet[modality] = sources
        return fleet


def _choose(rng, items, weight_of):
    return rng.choices(items, weights=[weight_of(item) for item in items])[0]


def plan_study(rng, stations, now, years, run, number) -> dict:
    """One study's values, events included, as plain data (nothing saved yet)."""
    modality = rng.choices(list(FLEET), weights=[share for share, _, _ in FLEET.values()])[0]
    station = _choose(rng, stations[modality], lambda item: item[1])[0]
    weight, description, requested, protocols, typical = _choose(rng, PROTOCOLS[modality], lambda item: item[0])
    day = now.date() - datetime.timedelta(days=int(rng.random() * years * 365.25))
    # Working hours only: never inside a daylight-saving gap, and like real departments.
    when = datetime.datetime.combine(
        day, datetime.time(rng.randint(8, 19), rng.randrange(60), rng.randrange(60)), tzinfo=now.tzinfo
    )
    if when > now:
        when -= datetime.timedelta(days=1)
    low, high = EVENTS_PER_STUDY[modality]
    n_events = rng.randint(low, high)
    doses = [typical * math.exp(rng.gauss(0, 0.45)) for _ in range(n_events)]
    age = max(0.0, min(100.0, rng.gauss(58 if modality != "MG" else 57, 18)))
    return {
        "number": number,
        "uid": f"1.2.826.0.1.3680043.10.999.{run}.{number}",
        "accession": f"B{run[-6:]}{number:08d}",
        "modality": modality,
        "station": station,
        "when": when,
        "description": description,
        "requested": requested,
        "protocols": [protocols[i % len(protocols)] for i in range(n_events)],
        "doses": doses,
        "age": age,
        "sex": "F" if modality == "MG" or rng.random() < 0.52 else "M",
        "test_patient": rng.random() < TEST_PATIENT_SHARE,
    }


def _dec(value: float, places: int) -> Decimal:
    return Decimal(f"{value:.{places}f}")


def build_study(plan) -> GeneralStudy:
    """The study row with its summary fields filled from the planned events."""
    modality, doses = plan["modality"], plan["doses"]
    study = GeneralStudy(
        study_instance_uid=plan["uid"],
        study_date=plan["when"].date(),
        study_time=plan["when"].time().replace(tzinfo=None),
        study_datetime=plan["when"],
        accession_number=plan["accession"],
        study_description=plan["description"],
        requested_procedure=plan["requested"],
        modality=modality,
        station=plan["station"],
        number_of_events=len(doses),
        test_patient=plan["test_patient"],
        test_patient_indicator="QA phantom" if plan["test_patient"] else "",
    )
    if modality == "CT":
        study.total_dlp_mgycm = _dec(sum(doses), 4)
        study.max_ctdivol_mgy = _dec(max(doses) / CT_SCAN_LENGTH_CM, 4)
    elif modality == "MG":
        study.total_agd_mgy = _dec(sum(doses), 4)
        study.total_agd_right_mgy = _dec(sum(doses[0::2]), 4)
        study.total_agd_left_mgy = _dec(sum(doses[1::2]), 4)
    else:
        study.total_dap_gym2 = _dec(sum(doses), 10)
        study.total_dose_rp_gy = _dec(sum(doses) * 120, 6) if modality == "RF" else None
        study.total_fluoro_time_s = _dec(len(doses) * 45.5, 2) if modality == "RF" else None
    return study


def save_batch(plans) -> None:
    """Insert a batch of planned studies with their patient rows, reports and events."""
    studies = GeneralStudy.objects.bulk_create([build_study(plan) for plan in plans])
    PatientStudy.objects.bulk_create(
        PatientStudy(
            study=study,
            patient_age=f"{int(plan['age']):03d}Y",
            patient_age_years=_dec(plan["age"], 3),
        )
        for study, plan in zip(studies, plans, strict=True)
    )
    Patient.objects.bulk_create(
        Patient(study=study, patient_sex=plan["sex"]) for study, plan in zip(studies, plans, strict=True)
    )
    pairs = list(zip(studies, plans, strict=True))
    ct_pairs = [(study, plan) for study, plan in pairs if plan["modality"] == "CT"]
    projection_pairs = [(study, plan) for study, plan in pairs if plan["modality"] != "CT"]
    ct_reports = CtRadiationDose.objects.bulk_create(CtRadiationDose(study=study) for study, _ in ct_pairs)
    CtIrradiationEvent.objects.bulk_create(
        CtIrradiationEvent(
            ct_radiation_dose=report,
            study=study,
            irradiation_event_uid=f"{plan['uid']}.{index}",
            acquisition_protocol=protocol,
            date_time_started=plan["when"] + datetime.timedelta(minutes=index),
            dlp_mgycm=_dec(dose, 4),
            mean_ctdivol_mgy=_dec(dose / CT_SCAN_LENGTH_CM, 4),
            scanning_length_mm=_dec(CT_SCAN_LENGTH_CM * 10, 1),
            sequence_number=index,
        )
        for report, (study, plan) in zip(ct_reports, ct_pairs, strict=True)
        for index, (protocol, dose) in enumerate(zip(plan["protocols"], plan["doses"], strict=True))
    )
    projection_reports = ProjectionXRayRadiationDose.objects.bulk_create(
        ProjectionXRayRadiationDose(study=study) for study, _ in projection_pairs
    )
    IrradiationEventXRayData.objects.bulk_create(
        IrradiationEventXRayData(
            projection_xray_dose=report,
            study=study,
            irradiation_event_uid=f"{plan['uid']}.{index}",
            acquisition_protocol=protocol,
            date_time_started=plan["when"] + datetime.timedelta(minutes=index),
            dose_area_product_gym2=None if plan["modality"] == "MG" else _dec(dose, 10),
            sequence_number=index,
        )
        for report, (study, plan) in zip(projection_reports, projection_pairs, strict=True)
        for index, (protocol, dose) in enumerate(zip(plan["protocols"], plan["doses"], strict=True))
    )
