"""Size-specific dose estimate (SSDE) of a CT irradiation event: the reported value, else the AAPM TG-204 fit.

The value the report carries (TID 10013 Size Specific Dose Estimation) is used when present. Otherwise
SSDE = f(Dw) x CTDIvol with f = a * exp(-b * Dw), Dw the reported water-equivalent diameter in cm (TID 10013
Water Equivalent Diameter, AAPM Report 220) and a, b the AAPM Report 204 fit for the phantom the CTDIvol refers
to (``data/ssde_tg204.csv``), only within the diameters the fit covers. Anything else: no value and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from functools import lru_cache
from types import MappingProxyType

from pydicom.sr.coding import Code

from remapp.physics.phantoms import PHANTOM_DIAMETERS_CM, describe_phantom, phantom_diameter_cm
from remapp.physics.tables import PhysicsTableError, TableFile, choice, positive_decimal, read_builtin_table

SSDE_COLUMNS = ("phantom_cm", "a", "b", "min_diameter_cm", "max_diameter_cm", "source")
BUILTIN_SSDE_FILE = "ssde_tg204.csv"
METHOD_REPORTED = "reported (TID 10013 Size Specific Dose Estimation)"
METHOD_FIT = "AAPM TG-204 fit f = a*exp(-b*Dw) x CTDIvol, Dw water-equivalent diameter (TG-220)"
# TG-204 tabulates f to two decimals; four keep the fit's shape without claiming more than it gives.
FACTOR_QUANTUM = Decimal("0.0001")


@dataclass(frozen=True)
class SsdeFit:
    """One TG-204 exponential fit: the phantom it belongs to, a, b, the diameters it covers and its source."""

    phantom_cm: int
    a: Decimal
    b: Decimal
    min_diameter_cm: Decimal
    max_diameter_cm: Decimal
    source: str


@dataclass(frozen=True)
class SsdeResult:
    """An event's SSDE (mGy) with the method, source and parameters used, or no value and the reason."""

    value_mgy: Decimal | None
    method: str | None
    source: str | None = None
    ctdivol_mgy: Decimal | None = None
    water_equivalent_diameter_cm: Decimal | None = None
    phantom_cm: int | None = None
    conversion_factor: Decimal | None = None
    reason: str | None = None


def ssde_fits_from_table(table: TableFile) -> MappingProxyType[int, SsdeFit]:
    """Checked fits by phantom diameter from a read table file."""
    fits: dict[int, SsdeFit] = {}
    phantoms = tuple(str(d) for d in PHANTOM_DIAMETERS_CM)
    for row in table.rows:
        fit = SsdeFit(
            phantom_cm=int(choice(table, row, "phantom_cm", phantoms, "phantom diameter")),
            a=positive_decimal(table, row, "a"),
            b=positive_decimal(table, row, "b"),
            min_diameter_cm=positive_decimal(table, row, "min_diameter_cm"),
            max_diameter_cm=positive_decimal(table, row, "max_diameter_cm"),
            source=row.fields["source"] or table.header.get("source", table.file_name),
        )
        if fit.min_diameter_cm > fit.max_diameter_cm:
            raise PhysicsTableError(f"{table.where(row, 'max_diameter_cm')}: smaller than min_diameter_cm")
        if fit.phantom_cm in fits:
            raise PhysicsTableError(f"{table.where(row, 'phantom_cm')}: {fit.phantom_cm} cm phantom is given twice")
        fits[fit.phantom_cm] = fit
    return MappingProxyType(fits)


@lru_cache(maxsize=1)
def builtin_ssde_fits() -> MappingProxyType[int, SsdeFit]:
    """The shipped TG-204 fits, read once."""
    return ssde_fits_from_table(read_builtin_table(BUILTIN_SSDE_FILE, SSDE_COLUMNS))


def conversion_factor(fit: SsdeFit, diameter_cm: Decimal) -> Decimal:
    """f = a * exp(-b * D), rounded to four decimals (the fit is used only inside its range)."""
    with localcontext(Context(prec=28)):
        return (fit.a * (-fit.b * diameter_cm).exp()).quantize(FACTOR_QUANTUM)


def _is_dose(value: Decimal | None) -> bool:
    return value is not None and value.is_finite() and value >= 0


def ssde(
    ctdivol_mgy: Decimal | None,
    reported_ssde_mgy: Decimal | None,
    water_equivalent_diameter_mm: Decimal | None,
    phantom: Code | None,
) -> SsdeResult:
    """The event's SSDE: the reported value when there is one, else the TG-204 fit, else None with the reason."""
    if _is_dose(reported_ssde_mgy):
        return SsdeResult(reported_ssde_mgy, METHOD_REPORTED, "the modality's dose report", ctdivol_mgy)
    # A negative or non-finite reported SSDE is not a dose: it is set aside and the fit is tried instead.
    if ctdivol_mgy is None:
        return SsdeResult(None, None, reason="no CTDIvol and no SSDE reported")
    if not _is_dose(ctdivol_mgy):
        return SsdeResult(None, None, ctdivol_mgy=ctdivol_mgy, reason=f"CTDIvol {ctdivol_mgy} mGy is not a dose")
    if water_equivalent_diameter_mm is None:
        return SsdeResult(None, None, ctdivol_mgy=ctdivol_mgy, reason="no SSDE and no water-equivalent diameter")
    diameter_cm = water_equivalent_diameter_mm / 10
    partial = {"ctdivol_mgy": ctdivol_mgy, "water_equivalent_diameter_cm": diameter_cm}
    phantom_cm = phantom_diameter_cm(phantom)
    fit = builtin_ssde_fits().get(phantom_cm) if phantom_cm is not None else None
    if fit is None:
        if phantom is None:
            reason = "no CTDIw phantom type reported, so no TG-204 fit can be chosen"
        else:
            reason = f"no TG-204 fit for the {describe_phantom(phantom)}"
        return SsdeResult(None, None, **partial, reason=reason)
    if not diameter_cm.is_finite() or not fit.min_diameter_cm <= diameter_cm <= fit.max_diameter_cm:
        reason = (
            f"water-equivalent diameter {diameter_cm} cm is outside the {fit.min_diameter_cm}-"
            f"{fit.max_diameter_cm} cm range of the TG-204 fit"
        )
        return SsdeResult(None, None, **partial, phantom_cm=phantom_cm, reason=reason)
    factor = conversion_factor(fit, diameter_cm)
    return SsdeResult(
        ctdivol_mgy * factor, METHOD_FIT, fit.source, **partial, phantom_cm=phantom_cm, conversion_factor=factor
    )
