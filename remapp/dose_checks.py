"""CT dose check (TID 10015, NEMA XR 25): when an alert or a notification counts as raised, in one place.

Many scanners write a Dose Check container for every acquisition with the values configured (often a
1000 mGy CTDIvol alert) even when nothing was exceeded, so a stored CtDoseCheck row alone means nothing.
TID 10015 writes the forward estimates only when the configured value was exceeded, and a reason for
proceeding or the person who proceeded only then; any of them marks the check as raised. The same rule is
a database condition (lists, filters) and a test on a row's values (detail page, exports).
"""

from collections.abc import Mapping

from django.db.models import Exists, OuterRef, Q

from remapp.models import CtDoseCheck

ALERT = "alert"
NOTIFICATION = "notification"
# Per kind: the forward estimates written only when exceeded, and the texts written only when proceeding.
RAISED_NUMBERS = {
    ALERT: ("accumulated_dlp_forward_estimate_mgycm", "accumulated_ctdivol_forward_estimate_mgy"),
    NOTIFICATION: ("dlp_forward_estimate_mgycm", "ctdivol_forward_estimate_mgy"),
}
RAISED_TEXTS = {
    ALERT: ("alert_reason_for_proceeding", "alert_person_role_in_procedure"),
    NOTIFICATION: ("notification_reason_for_proceeding", "notification_person_role_in_procedure"),
}


def raised_condition(kind: str, prefix: str = "") -> Q:
    """The condition on CtDoseCheck (fields after ``prefix``) that this kind of check was raised."""
    condition = Q()
    for name in RAISED_NUMBERS[kind]:
        condition |= Q(**{f"{prefix}{name}__isnull": False})
    for name in RAISED_TEXTS[kind]:
        condition |= Q(**{f"{prefix}{name}__gt": ""})
    return condition


def study_has_raised(kind: str | None = None) -> Exists:
    """EXISTS: the outer study has an event whose dose check raised this kind (either kind when None)."""
    condition = raised_condition(kind) if kind else raised_condition(ALERT) | raised_condition(NOTIFICATION)
    checks = CtDoseCheck.objects.filter(condition, ct_irradiation_event__study=OuterRef("pk"))
    return Exists(checks)


def is_raised(kind: str, values: Mapping, prefix: str = "") -> bool:
    """Whether a dose check's values (a dict keyed by field name after ``prefix``) show this kind raised."""
    if any(values.get(f"{prefix}{name}") is not None for name in RAISED_NUMBERS[kind]):
        return True
    return any(values.get(f"{prefix}{name}") for name in RAISED_TEXTS[kind])
