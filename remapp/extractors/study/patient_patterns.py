"""Which patients are test or QA patients: the site's patterns (TestPatientPattern), matched while importing.

A pattern matches the whole patient ID or the whole patient name, in any letter case; ``*`` stands for any text
and ``?`` for one character. In names the DICOM component separator ``^`` counts as a space and runs of spaces
as one, so "TEST^PATIENT" is "TEST PATIENT". A substring never matches by itself: MURPHY is not "*PHY*" unless
the site writes that pattern. The name is read only while the object is imported, to match it, and never kept;
the study records which pattern matched.

Patterns are read from the database once per process and again after 30 seconds (sooner in the process that
changed them), so a change reaches every worker within half a minute.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_migrate, post_save

from remapp.models import PatternTarget, TestPatientPattern

REFRESH_SECONDS = 30.0


@dataclass(frozen=True)
class CompiledPattern:
    """One pattern ready to match: its row id, what it applies to, its text and its regular expression."""

    pk: int
    applies_to: str
    pattern: str
    regex: re.Pattern

    def indicator(self) -> str:
        """What the study records about the match (never the matched value)."""
        label = PatternTarget(self.applies_to).label
        return f"{label} matches {self.pattern}"[:64]


def normalise(value: str, applies_to: str) -> str:
    """The value as patterns see it: names with ^ as spaces and single spaces; both trimmed."""
    if applies_to == PatternTarget.PATIENT_NAME:
        value = value.replace("^", " ")
    return " ".join(value.split())


def to_regex(pattern: str, applies_to: str) -> str:
    """The whole-value regular expression of a wildcard pattern (case is handled by the caller's flags)."""
    parts = []
    for char in normalise(pattern, applies_to):
        if char == "*":
            parts.append(".*")
        elif char == "?":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return "^" + "".join(parts) + "$"


def compile_pattern(row: TestPatientPattern) -> CompiledPattern:
    regex = re.compile(to_regex(row.pattern, row.applies_to), re.IGNORECASE | re.DOTALL)
    return CompiledPattern(row.pk, row.applies_to, row.pattern, regex)


_cache: dict[str, object] = {"patterns": None, "read_at": 0.0}


def site_patterns() -> list[CompiledPattern]:
    """The site's patterns (ID patterns first), read again after REFRESH_SECONDS or a change in this process."""
    patterns = _cache["patterns"]
    if patterns is None or time.monotonic() - _cache["read_at"] > REFRESH_SECONDS:
        rows = TestPatientPattern.objects.order_by("applies_to", "pk")
        patterns = [compile_pattern(row) for row in rows]
        _cache.update(patterns=patterns, read_at=time.monotonic())
    return patterns


def forget_patterns(**_kwargs: object) -> None:
    """Read the patterns again on next use (after a change, or after the tables were flushed)."""
    _cache["patterns"] = None


post_save.connect(forget_patterns, sender=TestPatientPattern, dispatch_uid="remapp.patient_patterns.saved")
post_delete.connect(forget_patterns, sender=TestPatientPattern, dispatch_uid="remapp.patient_patterns.deleted")
post_migrate.connect(forget_patterns, dispatch_uid="remapp.patient_patterns.flushed")


def matching_pattern(
    patient_id: str, patient_name: str, patterns: list[CompiledPattern] | None = None
) -> CompiledPattern | None:
    """The first pattern the patient ID or name matches, or None."""
    values = {
        PatternTarget.PATIENT_ID: normalise(patient_id, PatternTarget.PATIENT_ID),
        PatternTarget.PATIENT_NAME: normalise(patient_name, PatternTarget.PATIENT_NAME),
    }
    for pattern in site_patterns() if patterns is None else patterns:
        value = values[pattern.applies_to]
        if value and pattern.regex.match(value):
            return pattern
    return None
