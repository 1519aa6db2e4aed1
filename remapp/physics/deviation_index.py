"""Deviation index (DI) bands of projection radiography, after AAPM Task Group 116 (Shepard et al. 2009).

Shepard SJ et al., "An exposure indicator for digital radiography: AAPM Task Group 116 (Executive Summary)",
Med Phys 2009;36(7):2898-2914, with the DI of IEC 62494-1:2008 (DI = 10 log10(EI / EI_T)). TG-116 names five
ranges; the two gaps between them (+0.5 < DI < +1 and -1 < DI < -0.5) carry no TG-116 action and are named
here "above target" and "below target". A boundary value belongs to the band nearer the target:

    excessive      DI > +3             excessive patient radiation exposure
    over           +1 <= DI <= +3      overexposure
    above_target   +0.5 < DI < +1      above target (no TG-116 action)
    target         -0.5 <= DI <= +0.5  target range
    below_target   -1 <= DI < -0.5     below target (no TG-116 action)
    under          -3 <= DI < -1       underexposed
    repeat         DI < -3             excessive underexposure, repeat
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

SOURCE = "AAPM TG-116 (Shepard et al., Med Phys 2009;36:2898-2914)"
RULE = (
    "> +3 excessive; +1..+3 over; +0.5..+1 above target; +-0.5 target; -1..-0.5 below target; -3..-1 under; < -3 repeat"
)
BAND_LABELS = {
    "excessive": "Excessive patient radiation exposure",
    "over": "Overexposure",
    "above_target": "Above target (no TG-116 action)",
    "target": "Target range",
    "below_target": "Below target (no TG-116 action)",
    "under": "Underexposed",
    "repeat": "Excessive underexposure (repeat)",
}
DEVIATION_INDEX_BANDS = tuple(BAND_LABELS)


@dataclass(frozen=True)
class DeviationIndexBandResult:
    """The TG-116 band of a deviation index, with its label, rule and source, or no band and the reason."""

    band: str | None
    label: str | None
    deviation_index: Decimal | None
    rule: str = RULE
    source: str = SOURCE
    reason: str | None = None


def _band(di: Decimal) -> str:
    if di > 3:
        return "excessive"
    if di >= 1:
        return "over"
    if di > Decimal("0.5"):
        return "above_target"
    if di >= Decimal("-0.5"):
        return "target"
    if di >= -1:
        return "below_target"
    if di >= -3:
        return "under"
    return "repeat"


def deviation_index_band(deviation_index: Decimal | None) -> DeviationIndexBandResult:
    """The TG-116 band of a stored deviation index (TID 10003a Deviation Index), or None with the reason."""
    if deviation_index is None:
        return DeviationIndexBandResult(None, None, None, reason="no deviation index")
    if not deviation_index.is_finite():
        return DeviationIndexBandResult(
            None, None, deviation_index, reason=f"deviation index {deviation_index} is not a number"
        )
    band = _band(deviation_index)
    return DeviationIndexBandResult(band, BAND_LABELS[band], deviation_index)
