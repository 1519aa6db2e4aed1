"""Coded concepts: the (code value, coding scheme, meaning) triplets of DICOM PS3.3 Code Sequence Macro."""

from django.db import models


class CodedConcept(models.Model):
    """A DICOM coded entry (Code Sequence Macro, PS3.3 Table 8.8-1), stored once and referenced by key.

    One row per (code value, coding scheme), in SNOMED CT where a legacy SNOMED-RT code has a SNOMED CT code
    (remapp.dicom.snomed), with the meaning it was first seen with.
    """

    code_value = models.CharField(max_length=64)
    coding_scheme_designator = models.CharField(max_length=32)
    code_meaning = models.CharField(max_length=128)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["code_value", "coding_scheme_designator"], name="unique_code")]
        indexes = [models.Index(fields=["code_meaning"])]

    def __str__(self) -> str:
        return self.code_meaning
