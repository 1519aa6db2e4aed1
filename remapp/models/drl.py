"""Diagnostic reference levels as data: published sets (national DRLs) with their source, and their entries."""

from django.db import models

from remapp.models.fields import measurement


class DrlQuantity(models.TextChoices):
    """Quantities a DRL is set for, each in the unit the summary fields store (converted for display)."""

    CTDIVOL = "ctdivol", "CTDIvol (mGy)"
    DLP = "dlp", "DLP (mGy.cm)"
    DAP = "dap", "DAP (Gy.m2)"
    AGD = "agd", "AGD (mGy)"
    DOSE_RP = "dose_rp", "Dose at RP (Gy)"
    FLUORO_TIME = "fluoro_time", "Fluoroscopy time (s)"


class DrlSet(models.Model):
    """A published set of DRLs (e.g. the UK national DRLs for adult CT), with its source and date."""

    name = models.CharField(max_length=128, unique=True)
    modality = models.CharField(max_length=2)
    authority = models.CharField(max_length=128, blank=True, help_text="Country or body that set them")
    published = models.DateField(null=True, blank=True)
    source = models.TextField(blank=True, help_text="Citation or address of the publication")
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["modality", "name"]

    def __str__(self) -> str:
        return self.name


class DrlEntry(models.Model):
    """One reference level: the examination as the set names it, the quantity, the value and the patient group.

    ``standard_name`` links it to the site's standard name it applies to (study or acquisition kind).
    """

    drl_set = models.ForeignKey(DrlSet, on_delete=models.CASCADE, related_name="entries")
    examination = models.CharField(max_length=128, help_text="The examination as the set names it")
    standard_name = models.ForeignKey(
        "remapp.StandardName", null=True, blank=True, on_delete=models.SET_NULL, related_name="drl_entries"
    )
    quantity = models.CharField(max_length=16, choices=DrlQuantity.choices)
    value = measurement("The reference level, in the unit of its quantity (DrlQuantity)")
    patient_group = models.CharField(max_length=64, default="adult", help_text="adult, an age band or a weight band")

    class Meta:
        ordering = ["drl_set", "examination", "quantity", "patient_group"]
        constraints = [
            models.UniqueConstraint(
                fields=["drl_set", "examination", "quantity", "patient_group"], name="unique_drl_entry"
            )
        ]

    def __str__(self) -> str:
        return f"{self.drl_set}: {self.examination} {self.get_quantity_display()} {self.value}"
