"""Site privacy choices kept as data: the patterns that mark a test or QA patient."""

from django.db import models


class PatternTarget(models.TextChoices):
    PATIENT_ID = "id", "Patient ID"
    PATIENT_NAME = "name", "Patient name"


class TestPatientPattern(models.Model):
    """A pattern marking a test or QA patient by patient ID or name (case-insensitive, whole value, * and ?).

    Matched while an object is imported; the patient name itself is never stored (only which pattern matched).
    """

    __test__ = False  # its name starts with "Test": not a test class for pytest to collect

    applies_to = models.CharField(max_length=8, choices=PatternTarget.choices)
    pattern = models.CharField(
        max_length=48, help_text="Whole value, any letter case; * is any text, ? one character; ^ in names is a space"
    )
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["applies_to", "pattern"]
        constraints = [models.UniqueConstraint(fields=["applies_to", "pattern"], name="unique_test_patient_pattern")]

    def __str__(self) -> str:
        return f"{self.get_applies_to_display()} matches {self.pattern}"
