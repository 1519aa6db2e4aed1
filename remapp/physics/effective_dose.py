"""CT effective dose per irradiation event (DLP x k) and per study, never guessed.

An event gets a value only when its DLP, body region (from the Target Region code, TID 10013), the patient's
age band and the CTDI phantom of its DLP (CTDIw Phantom Type, TID 10013) are all known and the chosen table has
a factor for that region, band and phantom; otherwise the result has no value and the reason. Sources of the
factors: ``remapp.physics.k_factors``; of the age bands: ``remapp.physics.age_bands``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from pydicom.sr.coding import Code

from remapp.physics.age_bands import age_band
from remapp.physics.k_factors import DEFAULT_TABLE, KFactorTable, k_factor, k_factor_table
from remapp.physics.phantoms import describe_phantom, phantom_diameter_cm
from remapp.physics.regions import RegionMap, body_region

METHOD = "DLP x k-factor"
STUDY_METHOD = "sum of the events' DLP x k-factor"


@dataclass(frozen=True)
class EffectiveDoseResult:
    """An event's effective dose (mSv) with the table, region, age band, phantom and factor used, or the reason."""

    value_msv: Decimal | None
    dlp_mgycm: Decimal | None
    table: str
    region: str | None = None
    age_band: str | None = None
    phantom_cm: int | None = None
    k_factor_msv_per_mgycm: Decimal | None = None
    source: str | None = None
    method: str = METHOD
    reason: str | None = None


@dataclass(frozen=True)
class StudyEffectiveDoseResult:
    """A study's computed effective dose (mSv), kept beside the one the report carries (TID 10012)."""

    value_msv: Decimal | None
    reported_msv: Decimal | None
    table: str | None
    events_with_value: int
    events_without_dlp: int
    events_without_value: int
    method: str = STUDY_METHOD
    reason: str | None = None


def effective_dose(
    dlp_mgycm: Decimal | None,
    target_region: Code | None,
    age_years: Decimal | int | None,
    phantom: Code | None,
    table: KFactorTable | str = DEFAULT_TABLE,
    region_map: RegionMap | None = None,
) -> EffectiveDoseResult:
    """One irradiation event's effective dose: DLP x k(region, age band, phantom), or None with the reason."""
    name = k_factor_table(table).name
    region = body_region(target_region, region_map)
    band = age_band(age_years)
    phantom_cm = phantom_diameter_cm(phantom)
    partial = EffectiveDoseResult(None, dlp_mgycm, name, region.region, band.band, phantom_cm)
    if dlp_mgycm is None:
        return replace(partial, reason="no DLP reported")
    if not dlp_mgycm.is_finite() or dlp_mgycm < 0:
        return replace(partial, reason=f"DLP {dlp_mgycm} mGy.cm is not a dose")
    if region.region is None:
        return replace(partial, reason=region.reason)
    if band.band is None:
        return replace(partial, reason=band.reason)
    factor = k_factor(table, region.region, band.band, phantom_cm)
    if factor.value is None:
        reason = factor.reason if phantom_cm is not None else f"{factor.reason} ({describe_phantom(phantom)})"
        return replace(partial, reason=reason)
    return EffectiveDoseResult(
        value_msv=dlp_mgycm * factor.value,
        dlp_mgycm=dlp_mgycm,
        table=name,
        region=region.region,
        age_band=band.band,
        phantom_cm=phantom_cm,
        k_factor_msv_per_mgycm=factor.value,
        source=factor.source,
    )


def study_effective_dose(
    events: Iterable[EffectiveDoseResult], reported_msv: Decimal | None
) -> StudyEffectiveDoseResult:
    """The sum of a study's event doses, only when every event with a DLP has one; the reported total kept beside."""
    # An event without a DLP (a localiser some scanners report without dose) adds nothing, as in the report's own
    # DLP total; an event with a DLP but no effective dose leaves the study without a value, never a partial sum.
    events = list(events)
    tables = sorted({event.table for event in events})
    if len(tables) > 1:
        raise ValueError(f"events computed with different k-factor tables: {', '.join(tables)}")
    name = tables[0] if tables else None
    without_dlp = [event for event in events if event.dlp_mgycm is None]
    with_value = [event for event in events if event.value_msv is not None]
    missing = [event for event in events if event.dlp_mgycm is not None and event.value_msv is None]
    counts = {"events_with_value": len(with_value), "events_without_dlp": len(without_dlp)}
    if missing:
        reasons = sorted({event.reason or "no value" for event in missing})
        reason = f"{len(missing)} of {len(events)} events have no effective dose: {'; '.join(reasons)}"
        return StudyEffectiveDoseResult(
            None, reported_msv, name, events_without_value=len(missing), reason=reason, **counts
        )
    if not with_value:
        return StudyEffectiveDoseResult(
            None, reported_msv, name, events_without_value=0, reason="no irradiation event with a DLP", **counts
        )
    total = sum((event.value_msv for event in with_value), Decimal(0))
    return StudyEffectiveDoseResult(total, reported_msv, name, events_without_value=0, **counts)
