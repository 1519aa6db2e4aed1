"""Display units: the one place stored DICOM units are converted to what physicists read, and back for filters.

Dose-area product is stored in Gy.m2 (as DICOM gives it) but shown and filtered in cGy.cm2:
1 Gy.m2 = 100 cGy x 10 000 cm2 = 1 000 000 cGy.cm2.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

DAP_CGYCM2_PER_GYM2 = Decimal(1_000_000)
DAP_DISPLAY_UNIT = "cGy.cm²"


def dap_cgycm2(dap_gym2: Decimal | None) -> Decimal | None:
    """A stored DAP (Gy.m2) in cGy.cm2, or None."""
    if dap_gym2 is None:
        return None
    return Decimal(dap_gym2) * DAP_CGYCM2_PER_GYM2


def dap_gym2(dap_cgycm2_value: Decimal | None) -> Decimal | None:
    """A DAP typed in cGy.cm2 (a filter bound) in the stored unit, Gy.m2, or None."""
    if dap_cgycm2_value is None:
        return None
    return Decimal(dap_cgycm2_value) / DAP_CGYCM2_PER_GYM2


def dose_mgy(dose_gy: Decimal | None) -> Decimal | None:
    """A stored dose in Gy (e.g. dose at the reference point of one event) in mGy, or None."""
    if dose_gy is None:
        return None
    return Decimal(dose_gy) * 1000


def exposure_mas(exposure_uas: Decimal | None) -> Decimal | None:
    """A stored tube exposure in uA.s (DICOM) in mAs, or None."""
    if exposure_uas is None:
        return None
    return Decimal(exposure_uas) / 1000


_SPANS = (
    (365 * 24 * 3600, "year"),
    (30 * 24 * 3600, "month"),
    (7 * 24 * 3600, "week"),
    (24 * 3600, "day"),
    (3600, "hour"),
    (60, "minute"),
)


def time_since(when: datetime.datetime | None, now: datetime.datetime | None = None) -> str:
    """Elapsed time as "3 minutes ago", from aware datetimes so DST changes and time zones cannot skew it."""
    if when is None:
        return ""
    if timezone.is_naive(when):
        # A naive value is in the site's zone, as DICOM times are; make it aware before comparing.
        when = timezone.make_aware(when)
    now = now or timezone.now()
    # Subtract in UTC: Python ignores the offsets when both sides share one tzinfo, which is wrong across DST.
    seconds = int((now.astimezone(datetime.UTC) - when.astimezone(datetime.UTC)).total_seconds())
    if seconds < 0:
        return "in the future"
    if seconds < 60:
        return "just now"
    for span, unit in _SPANS:
        if seconds >= span:
            count = seconds // span
            return f"{count} {unit}{'' if count == 1 else 's'} ago"
    return "just now"
