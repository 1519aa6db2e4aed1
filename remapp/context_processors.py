"""Template context every page gets: the version for the footer and the user's OpenREM rights."""

from remapp.permissions import user_rights
from remapp.version import __version__


def openrem(request):
    return {"openrem_version": __version__, "rights": user_rights(getattr(request, "user", None))}
