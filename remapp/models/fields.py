"""Field helpers shared by the template models: one definition of how a measured value is stored."""

from django.db import models

MEASUREMENT_MAX_DIGITS = 36
MEASUREMENT_DECIMAL_PLACES = 20


def measurement(help_text: str) -> models.DecimalField:
    """An optional measured value stored exactly as a decimal; help_text names the DICOM concept and unit."""
    return models.DecimalField(
        max_digits=MEASUREMENT_MAX_DIGITS,
        decimal_places=MEASUREMENT_DECIMAL_PLACES,
        null=True,
        blank=True,
        help_text=help_text,
    )


def coded(related_name: str = "+") -> models.ForeignKey:
    """An optional coded concept."""
    return models.ForeignKey(
        "remapp.CodedConcept", null=True, blank=True, on_delete=models.PROTECT, related_name=related_name
    )
