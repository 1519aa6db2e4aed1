"""What happened to each CSV row and to the import as a whole, worded for the log a physicist reads."""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from remapp.ptsize.csvfile import SizeRow
from remapp.ptsize.values import CheckedValue, ValueStatus


class IdType(StrEnum):
    """How the identifier column names a study (stored in PatientSizeImport.id_type)."""

    ACCESSION = "accession"
    STUDY_UID = "si-uid"

    @property
    def label(self) -> str:
        return "accession number" if self == IdType.ACCESSION else "Study Instance UID"


class RowKind(StrEnum):
    MATCHED = "matched"
    NO_MATCH = "no matching study"
    NO_IDENTIFIER = "no identifier"
    REPEATED = "repeated"


class ValueResult(StrEnum):
    INSERTED = "inserted"
    ALREADY_PRESENT = "already present"
    NOT_GIVEN = "not given"
    BAD_VALUE = "bad value"


_BAD_VALUE_REASON = {
    ValueStatus.NOT_A_NUMBER: {"height": "not a number", "weight": "not a number"},
    ValueStatus.LOOKS_LIKE_METRES: {"height": "looks like metres; heights must be in cm"},
    ValueStatus.IMPLAUSIBLE: {"height": "implausible for a height in cm", "weight": "implausible for a weight in kg"},
}
_UNITS = {"height": "cm", "weight": "kg"}


@dataclass(frozen=True)
class ValueOutcome:
    """One height or weight for one study: inserted, already present (kept), not given, or a bad value."""

    quantity: str
    result: ValueResult
    checked: CheckedValue
    kept: Decimal | None = None

    def text(self) -> str:
        unit = _UNITS[self.quantity]
        if self.result == ValueResult.INSERTED:
            return f"{self.quantity} {self.checked.value} {unit} inserted"
        if self.result == ValueResult.ALREADY_PRESENT:
            return f"{self.quantity} already present ({self.kept} {unit} kept, {self.checked.value} {unit} not stored)"
        if self.result == ValueResult.BAD_VALUE:
            reason = _BAD_VALUE_REASON[self.checked.status][self.quantity]
            return f'{self.quantity} "{self.checked.raw}" bad value ({reason}), not stored'
        return f"{self.quantity} not given"


@dataclass(frozen=True)
class StudyOutcome:
    study_instance_uid: str
    height: ValueOutcome
    weight: ValueOutcome

    def text(self) -> str:
        return f"{self.height.text()}; {self.weight.text()}"


@dataclass(frozen=True)
class RowOutcome:
    """What happened to one CSV row."""

    row: SizeRow
    kind: RowKind
    id_type: IdType
    studies: tuple[StudyOutcome, ...] = ()
    first_row: int | None = None

    def line(self) -> str:
        """One log line naming the row, its identifier and its outcome."""
        start = f"Row {self.row.number}"
        if self.kind == RowKind.NO_IDENTIFIER:
            return f"{start}: no {self.id_type.label}, skipped"
        start = f"{start}: {self.id_type.label} {self.row.identifier}"
        if self.kind == RowKind.NO_MATCH:
            return f"{start}: no matching study"
        if self.kind == RowKind.REPEATED:
            first = f"row {self.first_row} already named this {self.id_type.label}"
            return f"{start}: ignored, {first} (the first row wins)"
        if len(self.studies) == 1:
            return f"{start}: {self.studies[0].text()}"
        parts = "; ".join(f"study {study.study_instance_uid}: {study.text()}" for study in self.studies)
        return f"{start} ({len(self.studies)} studies): {parts}"


@dataclass
class ImportSummary:
    """Counts for the whole import, kept as rows are processed."""

    total_rows: int = 0
    rows_done: int = 0
    rows_matched: int = 0
    rows_no_match: int = 0
    rows_no_identifier: int = 0
    rows_repeated: int = 0
    heights_inserted: int = 0
    weights_inserted: int = 0
    values_already_present: int = 0
    bad_values: int = 0
    aborted: bool = False

    def add(self, outcome: RowOutcome) -> None:
        self.rows_done += 1
        if outcome.kind == RowKind.MATCHED:
            self.rows_matched += 1
        elif outcome.kind == RowKind.NO_MATCH:
            self.rows_no_match += 1
        elif outcome.kind == RowKind.NO_IDENTIFIER:
            self.rows_no_identifier += 1
        else:
            self.rows_repeated += 1
        for study in outcome.studies:
            for value in (study.height, study.weight):
                self._count(value)

    def _count(self, value: ValueOutcome) -> None:
        if value.result == ValueResult.INSERTED:
            if value.quantity == "height":
                self.heights_inserted += 1
            else:
                self.weights_inserted += 1
        elif value.result == ValueResult.ALREADY_PRESENT:
            self.values_already_present += 1
        elif value.result == ValueResult.BAD_VALUE:
            self.bad_values += 1

    def lines(self) -> list[str]:
        """The summary block printed by the command line and written at the end of the log."""
        return [
            f"Rows processed: {self.rows_done} of {self.total_rows}" + (" (aborted)" if self.aborted else ""),
            f"Rows matched to a study: {self.rows_matched}",
            f"Heights inserted: {self.heights_inserted}",
            f"Weights inserted: {self.weights_inserted}",
            f"Values already present (kept): {self.values_already_present}",
            f"Bad values (not stored): {self.bad_values}",
            f"Rows with no matching study: {self.rows_no_match}",
            f"Rows without an identifier: {self.rows_no_identifier}",
            f"Later rows for a study already given (ignored): {self.rows_repeated}",
        ]

    def short(self) -> str:
        """One line for the task's progress field and the table of imports."""
        return (
            f"{self.rows_done} of {self.total_rows} rows: {self.heights_inserted} heights and "
            f"{self.weights_inserted} weights inserted, {self.values_already_present} already present, "
            f"{self.rows_no_match} rows with no matching study, {self.bad_values} bad values"
        )
