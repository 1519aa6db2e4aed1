"""Standard names: the site's own names for examinations and acquisitions, and the rules that map source values.

Every scanner names the same examination differently ("Thorax^TAP_PV (Adult)", "CT CHEST ABDO PELVIS"); a
standard name gathers them so a reference-level audit can compare rooms. A rule maps a source value (study
description, requested procedure, procedure, or acquisition protocol) to a standard name, exactly, by a
case-insensitive wildcard, or by a regular expression, optionally for one unit only.
"""

from django.db import models


class StandardNameKind(models.TextChoices):
    STUDY = "study", "Study"
    ACQUISITION = "acquisition", "Acquisition"


class SourceField(models.TextChoices):
    STUDY_DESCRIPTION = "study_description", "Study description"
    REQUESTED_PROCEDURE = "requested_procedure", "Requested procedure"
    PROCEDURE = "procedure", "Procedure"
    PROTOCOL = "protocol", "Acquisition protocol"


class MatchType(models.TextChoices):
    EXACT = "exact", "Exact (any letter case)"
    WILDCARD = "wildcard", "Wildcard (* and ?, any letter case)"
    REGEX = "regex", "Regular expression (any letter case)"


class StandardName(models.Model):
    """A site's name for an examination (kind study) or an acquisition (kind acquisition) of one modality."""

    modality = models.CharField(max_length=2)
    kind = models.CharField(max_length=16, choices=StandardNameKind.choices)
    name = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["modality", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["modality", "kind", "name"], name="unique_standard_name")]

    def __str__(self) -> str:
        return self.name


class StandardNameRule(models.Model):
    """One way a source value maps to a standard name (exact value, wildcard or regular expression)."""

    standard_name = models.ForeignKey(StandardName, on_delete=models.CASCADE, related_name="rules")
    source_field = models.CharField(max_length=32, choices=SourceField.choices)
    match = models.CharField(max_length=16, choices=MatchType.choices, default=MatchType.EXACT)
    pattern = models.CharField(max_length=256)
    equipment = models.ForeignKey(
        "remapp.UniqueEquipment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Only studies of this unit (blank: every unit)",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["standard_name", "source_field", "match", "pattern"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard_name", "source_field", "match", "pattern", "equipment"],
                name="unique_standard_name_rule",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_source_field_display()} {self.match} {self.pattern!r} -> {self.standard_name}"
