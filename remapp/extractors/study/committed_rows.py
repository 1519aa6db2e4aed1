"""What this process knows to be committed in the database, so every import need not look it up again.

Only rows whose transaction committed are remembered (``transaction.on_commit``): a rolled-back import must
not leave a primary key here that no longer exists. Kept: coded concepts by (value, scheme, meaning), the
UniqueEquipment id of each set of identity keys, and per study its patient values and General Equipment row.
Studies are keyed by primary key, which neither SQLite (AUTOINCREMENT) nor PostgreSQL (sequences) reuses;
another process can only fill a study's blanks, which at worst sends an import down the path that looks.
A row deleted by someone else shows up as a failed foreign key at commit: the importer then calls ``clear``
and runs once more (``common.retry_transient``). ``clear`` also runs after every flush of the tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

codes: dict[tuple[str, str], object] = {}  # (value, scheme) -> CodedConcept
equipment_ids: dict[str, int] = {}  # identity keys -> UniqueEquipment id
MAX_STUDIES = 4096  # bounded: emptied when full


@dataclass
class StudyParts:
    """What one study is known to have stored: its patient values, and its General Equipment row."""

    patient_values: dict[str, object] = field(default_factory=dict)
    equipment: object | None = None


studies: dict[int, StudyParts] = {}


def remember_study_on_commit(study_id: int, patient_values: dict | None = None, equipment=None) -> None:
    """Remember the study's patient values and/or equipment row once the current transaction commits."""

    def remember() -> None:
        if len(studies) >= MAX_STUDIES:
            studies.clear()
        parts = studies.setdefault(study_id, StudyParts())
        if patient_values is not None:
            parts.patient_values = patient_values
        if equipment is not None:
            parts.equipment = equipment

    transaction.on_commit(remember)


def nothing_to_fill(known: dict[str, object], values: dict[str, object]) -> bool:
    """True when no non-blank value in ``values`` lands on a blank in ``known`` (so a fill would change nothing)."""
    return all(value in (None, "") or known.get(name) not in (None, "") for name, value in values.items())


def clear() -> None:
    """Forget everything (after the tables were flushed, or when a remembered row turned out to be gone)."""
    codes.clear()
    equipment_ids.clear()
    studies.clear()
