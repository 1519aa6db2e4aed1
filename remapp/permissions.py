"""The three OpenREM groups and what each may do, checked on the server for every view and action.

viewgroup browses; exportgroup also exports; admingroup also deletes studies, edits display names and imports
patient sizes. A superuser has every right.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

VIEW_GROUP = "viewgroup"
EXPORT_GROUP = "exportgroup"
ADMIN_GROUP = "admingroup"
GROUPS = (VIEW_GROUP, EXPORT_GROUP, ADMIN_GROUP)


@dataclass(frozen=True)
class Rights:
    view: bool = False
    export: bool = False
    admin: bool = False


def user_rights(user) -> Rights:
    """What this user may do; each group includes the rights of the ones below it."""
    if user is None or not user.is_authenticated:
        return Rights()
    if user.is_superuser:
        return Rights(view=True, export=True, admin=True)
    cached = getattr(user, "_openrem_rights", None)
    if cached is not None:
        return cached
    names = set(user.groups.values_list("name", flat=True))
    admin = ADMIN_GROUP in names
    export = admin or EXPORT_GROUP in names
    view = export or VIEW_GROUP in names
    rights = Rights(view=view, export=export, admin=admin)
    user._openrem_rights = rights
    return rights


def require_right(right: str):
    """View decorator: login required, then 403 unless the user has ``right`` (view, export or admin)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not getattr(user_rights(request.user), right):
                raise PermissionDenied(f"Your account does not have the {right} right")
            return view(request, *args, **kwargs)

        wrapped.openrem_right = right
        return wrapped

    return decorator
