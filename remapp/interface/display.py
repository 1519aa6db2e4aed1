"""Page text that is not a measured quantity: "3 minutes ago". Quantities are shown through remapp.quantities."""

import datetime

from django.utils import timezone

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
