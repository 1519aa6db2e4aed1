"""Logging pieces the settings name: one-line permission refusals."""

import logging

from django.core.exceptions import PermissionDenied


class PermissionDeniedOneLine(logging.Filter):
    """Turn Django's "Forbidden (Permission denied)" record into one line: user, path and reason, no traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        exception = record.exc_info[1] if record.exc_info else None
        if isinstance(exception, PermissionDenied):
            request = getattr(record, "request", None)
            user = getattr(request, "user", None)
            username = user.get_username() if user is not None and user.is_authenticated else "anonymous"
            path = getattr(request, "path", "?")
            reason = str(exception) or "no reason given"
            record.msg = "Forbidden (permission denied): %s user=%s: %s"
            record.args = (path, username, reason)
            record.exc_info = None
            record.exc_text = None
        return True
