"""Logging pieces the settings name: a file handler that makes its own folder, and one-line permission refusals."""

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from django.core.exceptions import PermissionDenied


class FolderMakingRotatingFileHandler(RotatingFileHandler):
    """A rotating log file whose folder is created when the file is first opened, not when settings load."""

    def __init__(self, filename, *args, **kwargs):
        # Opened on the first record, so a process that logs nothing creates no folder and no file.
        kwargs.setdefault("delay", True)
        super().__init__(filename, *args, **kwargs)

    def _open(self):
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()


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
