"""OpenREM: radiation exposure monitoring for medical physicists."""

from remapp.version import __version__

__all__ = ["__version__"]
