"""CT effective dose conversion factors k (mSv per mGy.cm) by body region, age band and CTDI phantom.

Tables are data files (``data/ct_k_factors_*.csv``), each row with its own citation:

* ``default``: adults from Deak PD, Smal Y, Kalender WA, "Multisection CT protocols: sex- and age-specific
  conversion factors used to determine effective dose from dose-length product", Radiology 2010;257(1):158-166
  (ICRP Publication 103 tissue weights); children (0, 1, 5, 10 y) from AAPM Report No. 96 (2008), Table 4.
* ``aapm96``: AAPM Report No. 96, "The Measurement, Reporting, and Management of Radiation Dose in CT" (2008),
  Table 4, every age (ICRP Publication 60 tissue weights; paediatric values after Shrimpton, NRPB-PE/1/2004).

A factor applies only to a DLP measured with the phantom it was normalised to (16 cm head, 32 cm body): the
DLP is never converted between phantoms here, so a mismatch gives no factor and the reason. A site adds or
overrides rows, or whole tables, with its own file (see docs/physics.rst).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from remapp.physics.age_bands import AGE_BAND_LABELS, AGE_BANDS
from remapp.physics.phantoms import PHANTOM_DIAMETERS_CM
from remapp.physics.regions import REGIONS
from remapp.physics.tables import (
    PhysicsTableError,
    TableFile,
    choice,
    positive_decimal,
    read_builtin_table,
    read_table_file,
    required_text,
)

K_FACTOR_COLUMNS = ("region", "age_band", "phantom_cm", "k_factor_msv_per_mgycm", "source")
BUILTIN_K_FACTOR_FILES = ("ct_k_factors_default.csv", "ct_k_factors_aapm96.csv")
DEFAULT_TABLE = "default"

FactorKey = tuple[str, str, int]


@dataclass(frozen=True)
class KFactor:
    """One conversion factor: region, age band, the phantom its DLP refers to, value and citation."""

    region: str
    age_band: str
    phantom_cm: int
    msv_per_mgycm: Decimal
    source: str

    @property
    def key(self) -> FactorKey:
        return self.region, self.age_band, self.phantom_cm


@dataclass(frozen=True)
class KFactorTable:
    """A named set of conversion factors with the citation of the whole table."""

    name: str
    title: str
    source: str
    factors: tuple[KFactor, ...]

    def factors_for(self, region: str, age_band: str) -> tuple[KFactor, ...]:
        """The factors of one region and age band (one per phantom at most)."""
        return tuple(f for f in self.factors if f.region == region and f.age_band == age_band)

    def extended_with(self, name: str, title: str, source: str, factors: tuple[KFactor, ...]) -> KFactorTable:
        """A new table: these factors, plus this table's factors whose region, band and phantom they do not give."""
        given = {factor.key for factor in factors}
        kept = tuple(factor for factor in self.factors if factor.key not in given)
        return KFactorTable(name, title, source, kept + factors)


@dataclass(frozen=True)
class KFactorResult:
    """The factor for a region, age band and phantom in one table, or no factor and the reason."""

    value: Decimal | None
    table: str
    region: str | None
    age_band: str | None
    phantom_cm: int | None
    source: str | None
    reason: str | None = None


def _factors(table: TableFile) -> tuple[KFactor, ...]:
    factors: dict[FactorKey, KFactor] = {}
    phantoms = tuple(str(d) for d in PHANTOM_DIAMETERS_CM)
    for row in table.rows:
        factor = KFactor(
            region=choice(table, row, "region", REGIONS, "region"),
            age_band=choice(table, row, "age_band", AGE_BANDS, "age band"),
            phantom_cm=int(choice(table, row, "phantom_cm", phantoms, "phantom diameter")),
            msv_per_mgycm=positive_decimal(table, row, "k_factor_msv_per_mgycm"),
            source=required_text(table, row, "source"),
        )
        if factor.key in factors:
            raise PhysicsTableError(
                f"{table.where(row, 'region')}: {factor.region}, age band {factor.age_band}, "
                f"{factor.phantom_cm} cm phantom is given twice"
            )
        factors[factor.key] = factor
    return tuple(factors.values())


def k_factor_table_from_file(table: TableFile, known: Mapping[str, KFactorTable]) -> KFactorTable:
    """A checked table from a read file; ``extends: <name>`` starts from the known table of that name."""
    name = table.header.get("name") or table.file_name.rsplit(".", 1)[0]
    title = table.header.get("title", name)
    source = table.header.get("source", "")
    factors = _factors(table)
    base_name = table.header.get("extends")
    if not base_name:
        return KFactorTable(name, title, source, factors)
    if base_name not in known:
        raise PhysicsTableError(f"{table.file_name}: extends unknown table {base_name!r} (known: {', '.join(known)})")
    return known[base_name].extended_with(name, title, source, factors)


@lru_cache(maxsize=1)
def builtin_k_factor_tables() -> Mapping[str, KFactorTable]:
    """The shipped tables by name, read once (read-only)."""
    tables: dict[str, KFactorTable] = {}
    for file_name in BUILTIN_K_FACTOR_FILES:
        table = k_factor_table_from_file(read_builtin_table(file_name, K_FACTOR_COLUMNS), tables)
        tables[table.name] = table
    return MappingProxyType(tables)


def load_k_factor_table(path: Path | str, known: Mapping[str, KFactorTable] | None = None) -> KFactorTable:
    """A site's k-factor table file; it may extend a built-in (or another known) table, never reuse its name."""
    known = builtin_k_factor_tables() if known is None else known
    table = k_factor_table_from_file(read_table_file(path, K_FACTOR_COLUMNS), known)
    if table.name in known:
        raise PhysicsTableError(
            f"{Path(path).name}: table name {table.name!r} is already used; give a new name "
            f"(and 'extends: {table.name}' to start from it)"
        )
    return table


def k_factor_table(table: KFactorTable | str) -> KFactorTable:
    """A table given itself or by the name of a built-in table."""
    if isinstance(table, KFactorTable):
        return table
    tables = builtin_k_factor_tables()
    if table not in tables:
        raise PhysicsTableError(f"unknown k-factor table {table!r} (known: {', '.join(tables)})")
    return tables[table]


def k_factor(table: KFactorTable | str, region: str, age_band: str, phantom_cm: int | None) -> KFactorResult:
    """The factor for a region and age band whose DLP refers to the given phantom, or None with the reason."""
    chosen = k_factor_table(table)
    band = AGE_BAND_LABELS.get(age_band, age_band)
    factors = chosen.factors_for(region, age_band)
    if not factors:
        reason = f"table {chosen.name!r} has no k-factor for {region}, {band}"
        return KFactorResult(None, chosen.name, region, age_band, phantom_cm, None, reason)
    for factor in factors:
        if factor.phantom_cm == phantom_cm:
            return KFactorResult(factor.msv_per_mgycm, chosen.name, region, age_band, phantom_cm, factor.source)
    given = " and ".join(f"{factor.phantom_cm} cm" for factor in factors)
    if phantom_cm is None:
        measured = "the phantom of this DLP is not known"
    else:
        measured = f"this DLP refers to the {phantom_cm} cm phantom and is not converted between phantoms"
    reason = f"table {chosen.name!r} gives the {region}, {band} k-factor for the {given} phantom; {measured}"
    return KFactorResult(None, chosen.name, region, age_band, phantom_cm, None, reason)
