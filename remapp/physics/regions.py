"""Body regions of the CT effective dose tables, from an event's Target Region code (TID 10013, CID 4030).

The mapping is the data file ``data/ct_target_regions.csv`` (SNOMED CT codes of DICOM PS3.16 CID 4030 "CT, MR
and PET Anatomy Imaged" and their legacy SNOMED-RT equivalents). A code that is not in it gets no region and a
reason: the region is never guessed from a protocol name or a neighbouring code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from pydicom.sr.coding import Code

from remapp.dicom.content import CodeKey, code_key
from remapp.physics.tables import PhysicsTableError, TableFile, choice, read_builtin_table, read_table_file

REGIONS = (
    "head",
    "neck",
    "head-neck",
    "chest",
    "abdomen",
    "pelvis",
    "abdomen-pelvis",
    "chest-abdomen",
    "chest-abdomen-pelvis",
    "neck-chest",
    "neck-chest-abdomen",
    "neck-chest-abdomen-pelvis",
)
REGION_COLUMNS = ("code_value", "coding_scheme", "code_meaning", "region")
BUILTIN_REGION_FILE = "ct_target_regions.csv"


@dataclass(frozen=True)
class RegionMap:
    """Target Region codes to body regions, with the table's name and citation."""

    name: str
    source: str
    regions: Mapping[CodeKey, str]


@dataclass(frozen=True)
class RegionResult:
    """The body region of a Target Region code, or no region and the reason."""

    region: str | None
    target_region: Code | None
    table: str
    reason: str | None = None


def region_map_from_table(table: TableFile) -> RegionMap:
    """A checked region map from a read table file; a code mapped to two regions is an error."""
    regions: dict[CodeKey, str] = {}
    for row in table.rows:
        value, scheme = row.fields["code_value"], row.fields["coding_scheme"]
        if not value or not scheme:
            field = "code_value" if not value else "coding_scheme"
            raise PhysicsTableError(f"{table.where(row, field)}: may not be blank")
        region = choice(table, row, "region", REGIONS, "region")
        # SRT rows and their SCT equivalents share one key, so a file may list both.
        key = code_key(Code(value, scheme, row.fields["code_meaning"]))
        if regions.get(key, region) != region:
            raise PhysicsTableError(
                f"{table.where(row, 'region')}: {scheme} {value} is already mapped to {regions[key]!r}"
            )
        regions[key] = region
    name = table.header.get("name") or table.file_name.rsplit(".", 1)[0]
    return RegionMap(name=name, source=table.header.get("source", ""), regions=MappingProxyType(regions))


def load_region_map(path: Path | str) -> RegionMap:
    """A site's Target Region mapping file (same columns as the built-in one)."""
    return region_map_from_table(read_table_file(path, REGION_COLUMNS))


@lru_cache(maxsize=1)
def builtin_region_map() -> RegionMap:
    """The shipped mapping of CID 4030 codes to body regions, read once."""
    return region_map_from_table(read_builtin_table(BUILTIN_REGION_FILE, REGION_COLUMNS))


def describe_code(code: Code) -> str:
    """A code as named in a reason: meaning, scheme and value."""
    return f"{code.meaning or '(no meaning)'!r} ({code.scheme_designator} {code.value})"


def body_region(target_region: Code | None, region_map: RegionMap | None = None) -> RegionResult:
    """The body region of an irradiation event's Target Region code, or None with the reason."""
    mapping = builtin_region_map() if region_map is None else region_map
    if target_region is None:
        return RegionResult(None, None, mapping.name, reason="no Target Region reported")
    region = mapping.regions.get(code_key(target_region))
    if region is None:
        reason = f"Target Region {describe_code(target_region)} is not mapped to a body region"
        return RegionResult(None, target_region, mapping.name, reason=reason)
    return RegionResult(region, target_region, mapping.name)
