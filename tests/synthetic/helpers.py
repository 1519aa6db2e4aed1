"""Small readers over generated SR trees, so tests can say what they look for in DICOM words."""

from pydicom.dataset import Dataset
from pydicom.sr._snomed_dict import mapping

SRT_TO_SCT = mapping["SRT"]


def concept(item: Dataset) -> tuple[str, str]:
    """(code value, scheme) of an item's concept name, legacy SRT codes mapped to SCT."""
    code = item.ConceptNameCodeSequence[0]
    if code.CodingSchemeDesignator == "SRT" and code.CodeValue in SRT_TO_SCT:
        return SRT_TO_SCT[code.CodeValue], "SCT"
    return code.CodeValue, code.CodingSchemeDesignator


def children(item: Dataset, value: str | None = None) -> list[Dataset]:
    """Direct children, optionally only those whose concept code value is ``value``."""
    items = list(item.get("ContentSequence", []))
    return [child for child in items if value is None or child.ConceptNameCodeSequence[0].CodeValue == value]


def child(item: Dataset, value: str) -> Dataset:
    found = children(item, value)
    assert len(found) == 1, f"expected one {value}, found {len(found)}"
    return found[0]


def number(item: Dataset, value: str) -> tuple[str, str]:
    """(numeric value string, unit code) of the single NUM child with concept ``value``."""
    measured = child(item, value).MeasuredValueSequence[0]
    return str(measured.NumericValue), measured.MeasurementUnitsCodeSequence[0].CodeValue


def coded(item: Dataset, value: str) -> tuple[str, str]:
    code = child(item, value).ConceptCodeSequence[0]
    return code.CodeValue, code.CodingSchemeDesignator


def all_concepts(item: Dataset) -> set[tuple[str, str]]:
    """Every concept name in the tree below ``item``."""
    found = set()
    for sub in item.get("ContentSequence", []):
        found.add(concept(sub))
        found |= all_concepts(sub)
    return found
