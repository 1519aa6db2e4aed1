"""Study and patient: General Study, Patient Study and Patient modules, and the per-study summary."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Case, DecimalField, ExpressionWrapper, F, Q, Value, When


class Modality(models.TextChoices):
    CT = "CT", "CT"
    RF = "RF", "Fluoroscopy"
    DX = "DX", "Radiography"
    MG = "MG", "Mammography"


class GeneralStudy(models.Model):
    """General Study module (PS3.3 C.7.2.1): one row per Study Instance UID.

    The summary fields (modality, station, totals, event count) are derived from the dose tables by
    ``remapp.extractors.study.summary.refresh_study_summary`` so lists, filters and exports need no deep joins.
    """

    study_instance_uid = models.CharField(max_length=64, unique=True)
    study_date = models.DateField(null=True, blank=True)
    study_time = models.TimeField(null=True, blank=True)
    # Study date and time in the site's time zone, for ordering and "time since the latest study".
    study_datetime = models.DateTimeField(null=True, blank=True, db_index=True)
    study_id = models.CharField(max_length=16, blank=True)
    accession_number = models.CharField(max_length=64, blank=True, db_index=True)
    study_description = models.CharField(max_length=128, blank=True)
    requested_procedure = models.CharField(max_length=128, blank=True)
    requested_procedure_code = models.ForeignKey(
        "remapp.CodedConcept", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    procedure_code = models.ForeignKey(
        "remapp.CodedConcept", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    operator_count = models.PositiveSmallIntegerField(null=True, blank=True)

    # --- per-study summary -------------------------------------------------------------------------
    modality = models.CharField(max_length=2, choices=Modality.choices, blank=True)
    station = models.ForeignKey(
        "remapp.UniqueEquipment", null=True, blank=True, on_delete=models.PROTECT, related_name="studies"
    )
    number_of_events = models.PositiveIntegerField(default=0)
    total_dlp_mgycm = models.DecimalField(
        max_digits=16, decimal_places=8, null=True, blank=True, help_text="CT: DLP total, mGy.cm"
    )
    max_ctdivol_mgy = models.DecimalField(
        max_digits=16, decimal_places=8, null=True, blank=True, help_text="CT: highest event CTDIvol, mGy"
    )
    total_dap_gym2 = models.DecimalField(
        max_digits=16, decimal_places=12, null=True, blank=True, help_text="Projection: DAP total, Gy.m2"
    )
    total_dose_rp_gy = models.DecimalField(
        max_digits=16, decimal_places=12, null=True, blank=True, help_text="Projection: dose at RP total, Gy"
    )
    total_fluoro_time_s = models.DecimalField(
        max_digits=16, decimal_places=6, null=True, blank=True, help_text="Fluoroscopy time total, s"
    )
    total_agd_mgy = models.DecimalField(
        max_digits=16, decimal_places=8, null=True, blank=True, help_text="Mammography: sum of AGD, mGy"
    )
    total_agd_left_mgy = models.DecimalField(max_digits=16, decimal_places=8, null=True, blank=True)
    total_agd_right_mgy = models.DecimalField(max_digits=16, decimal_places=8, null=True, blank=True)
    # CT effective dose of the study: computed (sum over its events, remapp.analysis.indicators) and reported.
    total_effective_dose_msv = models.DecimalField(
        max_digits=16, decimal_places=8, null=True, blank=True, help_text="CT: computed effective dose, mSv"
    )
    effective_dose_method = models.CharField(max_length=255, blank=True)
    effective_dose_reason = models.CharField(max_length=255, blank=True, help_text="Why there is no value")
    reported_effective_dose_msv = models.DecimalField(
        max_digits=16, decimal_places=8, null=True, blank=True, help_text="CT: effective dose the report gives, mSv"
    )
    standard_study_name = models.ForeignKey(
        "remapp.StandardName", null=True, blank=True, on_delete=models.SET_NULL, related_name="studies"
    )
    # Set when the patient ID or name matched a test-patient pattern at import (the name itself is never kept).
    test_patient = models.BooleanField(default=False, db_index=True)
    test_patient_indicator = models.CharField(max_length=64, blank=True, help_text="e.g. 'Patient name matches QA*'")
    test_patient_pattern = models.ForeignKey(
        "remapp.TestPatientPattern", null=True, blank=True, on_delete=models.SET_NULL, related_name="studies"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "general studies"
        indexes = [
            models.Index(fields=["modality", "-study_datetime"], name="study_modality_datetime"),
            models.Index(fields=["modality", "station", "-study_datetime"], name="study_modality_station"),
            # List filters count within one modality: these let the count read a small index, not the table.
            models.Index(fields=["modality", "study_date"], name="study_modality_date"),
            models.Index(fields=["modality", "study_description"], name="study_modality_description"),
            models.Index(fields=["modality", "requested_procedure"], name="study_modality_requested"),
            models.Index(fields=["modality", "accession_number"], name="study_modality_accession"),
            # Dose ranges and "highest dose first" within one modality.
            models.Index(fields=["modality", "total_dlp_mgycm"], name="study_modality_dlp"),
            models.Index(fields=["modality", "max_ctdivol_mgy"], name="study_modality_ctdivol"),
            models.Index(fields=["modality", "total_dap_gym2"], name="study_modality_dap"),
            models.Index(fields=["modality", "total_agd_mgy"], name="study_modality_agd"),
            # The reference-level audit and charts group a modality's studies by standard name.
            models.Index(fields=["modality", "standard_study_name", "study_date"], name="study_modality_standard"),
            # Every list, filter and export is within one modality, so the composite indexes above cover the
            # single columns (modality, study date, description, DLP, DAP); text "contains" filters use the
            # trigram indexes that migration 0014 adds on PostgreSQL.
        ]

    def __str__(self) -> str:
        return f"{self.modality or '?'} study {self.accession_number or self.study_instance_uid}"


class SizeSource(models.TextChoices):
    DICOM = "dicom", "DICOM"
    RIS = "ris", "RIS file"


class PatientStudy(models.Model):
    """Patient Study module (PS3.3 C.7.2.2): the patient as at this study (age, size, weight).

    Height and weight come from the DICOM objects and, apart, from RIS CSV files. ``height_m`` and ``weight_kg``
    are the one effective value of each that everything needing patient size uses, with its source (and, for a
    RIS value, the upload it came from); ``effective_size_update`` is the rule that sets them.
    """

    study = models.OneToOneField(GeneralStudy, on_delete=models.CASCADE, related_name="patient_study")
    patient_age = models.CharField(max_length=4, blank=True, help_text="DICOM Age String, e.g. 045Y")
    patient_age_years = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True, db_index=True)
    patient_size_m = models.DecimalField(
        max_digits=6, decimal_places=3, null=True, blank=True, help_text="Patient's Size (height) from DICOM, m"
    )
    patient_weight_kg = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True, help_text="Patient's Weight from DICOM, kg"
    )
    # Height and weight imported from a RIS CSV file (cm and kg), kept apart from the DICOM values.
    patient_height_cm_ris = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    patient_weight_kg_ris = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    size_import = models.ForeignKey(
        "remapp.PatientSizeImport",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The RIS CSV upload the RIS height or weight came from",
    )
    height_m = models.DecimalField(
        max_digits=6, decimal_places=3, null=True, blank=True, help_text="Effective height, m"
    )
    height_source = models.CharField(max_length=8, choices=SizeSource.choices, blank=True)
    weight_kg = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True, help_text="Effective weight, kg"
    )
    weight_source = models.CharField(max_length=8, choices=SizeSource.choices, blank=True)


def size_precedence() -> str:
    """'dicom' (the default: DICOM values first, RIS values where DICOM gives none) or 'ris' (the reverse)."""
    return getattr(settings, "OPENREM_PATIENT_SIZE_PRECEDENCE", SizeSource.DICOM)


def effective_size_update(precedence: str | None = None) -> dict:
    """``QuerySet.update`` values that set each Patient Study's effective height and weight with their sources.

    The one rule: the value from the preferred source (the site's ``OPENREM_PATIENT_SIZE_PRECEDENCE``) when it is
    there, else the other source's; a DICOM height or weight of zero or less means "not given" (units write 0).
    RIS heights are stored in cm and become metres here.
    """
    precedence = precedence or size_precedence()
    # Multiplied, not divided: SQLite would divide two whole numbers as integers.
    ris_height = ExpressionWrapper(F("patient_height_cm_ris") * Value(Decimal("0.01")), output_field=DecimalField())
    sources = {
        SizeSource.DICOM: (
            Q(patient_size_m__gt=0),
            F("patient_size_m"),
            Q(patient_weight_kg__gt=0),
            F("patient_weight_kg"),
        ),
        SizeSource.RIS: (
            Q(patient_height_cm_ris__isnull=False),
            ris_height,
            Q(patient_weight_kg_ris__isnull=False),
            F("patient_weight_kg_ris"),
        ),
    }
    order = [SizeSource.RIS, SizeSource.DICOM] if precedence == SizeSource.RIS else [SizeSource.DICOM, SizeSource.RIS]

    def choose(part: int) -> tuple[Case, Case]:
        whens = [(sources[source][part], sources[source][part + 1], source) for source in order]
        value = Case(
            *(When(condition, then=expression) for condition, expression, _ in whens),
            default=None,
            output_field=DecimalField(),
        )
        label = Case(*(When(condition, then=Value(source)) for condition, _, source in whens), default=Value(""))
        return value, label

    height, height_source = choose(0)
    weight, weight_source = choose(2)
    return {"height_m": height, "height_source": height_source, "weight_kg": weight, "weight_source": weight_source}


class Patient(models.Model):
    """Patient module (PS3.3 C.7.1.1) without names: sex always; ID and birth date only if the site asks."""

    study = models.OneToOneField(GeneralStudy, on_delete=models.CASCADE, related_name="patient")
    patient_id = models.CharField(max_length=128, blank=True, help_text="Stored only if configured; may be a hash")
    patient_id_is_hashed = models.BooleanField(default=False)
    # How a hashed ID was made: "hmac-sha256" (keyed, remapp.patient_ids) or "sha256" (unkeyed, before 0.2).
    patient_id_hash_method = models.CharField(max_length=16, blank=True)
    patient_birth_date = models.DateField(null=True, blank=True)
    patient_sex = models.CharField(max_length=2, blank=True)


class DoseObject(models.Model):
    """One imported DICOM object (SOP instance): a dose report, image or dose screen. Detects duplicates."""

    sop_instance_uid = models.CharField(max_length=64, unique=True)
    sop_class_uid = models.CharField(max_length=64)
    study = models.ForeignKey(GeneralStudy, on_delete=models.CASCADE, related_name="dose_objects")
    series_instance_uid = models.CharField(max_length=64, blank=True)
    content_datetime = models.DateTimeField(null=True, blank=True)
    source_file_name = models.CharField(max_length=255, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
