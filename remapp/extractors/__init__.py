"""Extractors: one module per source; parse() builds plain dataclasses, save() writes them in one transaction.

Every importer reports its result as an ImportOutcome, and raises ExtractionError for a file it cannot take;
that error is caught once (command line or task) and becomes the one-line reason.
"""

from dataclasses import asdict, dataclass
from enum import StrEnum


class ExtractionError(Exception):
    """A file that cannot be imported, with the reason a user can act on (no traceback needed)."""


class Status(StrEnum):
    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one file: imported (with the study), a duplicate, or rejected with a reason."""

    path: str
    status: Status
    reason: str = ""
    study_id: int | None = None
    modality: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

    def line(self) -> str:
        """The one-line message: file name and why."""
        if self.status == Status.IMPORTED:
            return f"{self.path}: imported ({self.modality})"
        return f"{self.path}: {self.status.value}: {self.reason}" if self.reason else f"{self.path}: {self.status}"
