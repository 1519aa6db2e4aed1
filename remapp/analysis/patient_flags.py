"""Keeping stored studies' test-patient marks in line with the site's patterns after the patterns change.

Names are never stored, so a stored study can be matched again only by its patient ID, and only where the site
stores IDs unhashed (OPENREM_STORE_PATIENT_ID=true, OPENREM_HASH_PATIENT_ID=false). Changing or removing a pattern
clears the mark from the studies it had marked, then every ID pattern is matched against the stored IDs again;
a new pattern marks the stored studies whose ID it matches. Name patterns apply to studies imported from then on.
Marks made by the word rule of earlier versions (no pattern recorded) are listed by word and can be cleared.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count

from remapp.extractors.study.patient_patterns import compile_pattern, to_regex
from remapp.models import GeneralStudy, PatternTarget, TestPatientPattern


@dataclass(frozen=True)
class FlagChange:
    """How many studies gained and lost the test-patient mark."""

    marked: int = 0
    cleared: int = 0

    def __add__(self, other: FlagChange) -> FlagChange:
        return FlagChange(self.marked + other.marked, self.cleared + other.cleared)

    def message(self) -> str:
        return f"{self.marked} stored studies newly marked as test patients, {self.cleared} no longer marked"


def clear_pattern(pattern: TestPatientPattern) -> FlagChange:
    """Unmark the studies this pattern had marked."""
    cleared = GeneralStudy.objects.filter(test_patient_pattern=pattern).update(
        test_patient=False, test_patient_pattern=None, test_patient_indicator=""
    )
    return FlagChange(cleared=cleared)


def mark_by_stored_ids(patterns: list[TestPatientPattern] | None = None) -> FlagChange:
    """Mark unmarked studies whose stored (unhashed) patient ID matches one of the ID patterns."""
    if patterns is None:
        patterns = list(TestPatientPattern.objects.filter(applies_to=PatternTarget.PATIENT_ID).order_by("pk"))
    marked = 0
    for row in patterns:
        if row.applies_to != PatternTarget.PATIENT_ID:
            continue
        compiled = compile_pattern(row)
        matching = GeneralStudy.objects.filter(
            test_patient=False,
            patient__patient_id_is_hashed=False,
            patient__patient_id__iregex=to_regex(row.pattern, row.applies_to),
        )
        marked += matching.update(
            test_patient=True, test_patient_pattern=row, test_patient_indicator=compiled.indicator()
        )
    return FlagChange(marked=marked)


@transaction.atomic
def add_pattern(applies_to: str, pattern: str, note: str = "") -> tuple[TestPatientPattern, FlagChange]:
    """Save a new pattern and mark the stored studies whose ID it matches."""
    row = TestPatientPattern.objects.create(applies_to=applies_to, pattern=pattern.strip(), note=note.strip())
    return row, mark_by_stored_ids([row])


@transaction.atomic
def remove_pattern(row: TestPatientPattern) -> FlagChange:
    """Delete a pattern, unmark its studies, and match the stored IDs against the remaining ID patterns."""
    change = clear_pattern(row)
    row.delete()
    return change + mark_by_stored_ids()


def legacy_marks() -> list[tuple[str, int]]:
    """(word, number of studies) for marks made by the word rule of earlier versions, most studies first."""
    rows = (
        GeneralStudy.objects.filter(test_patient=True, test_patient_pattern__isnull=True)
        .values("test_patient_indicator")
        .annotate(studies=Count("pk"))
        .order_by("-studies", "test_patient_indicator")
    )
    return [(row["test_patient_indicator"], row["studies"]) for row in rows]


@transaction.atomic
def clear_legacy_marks(word: str) -> FlagChange:
    """Unmark the studies an earlier version marked for this word, then match their stored IDs again."""
    cleared = GeneralStudy.objects.filter(
        test_patient=True, test_patient_pattern__isnull=True, test_patient_indicator=word
    ).update(test_patient=False, test_patient_indicator="")
    return FlagChange(cleared=cleared) + mark_by_stored_ids()
