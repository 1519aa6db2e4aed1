"""Sphinx configuration for the OpenREM documentation (built with warnings as errors in CI)."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openremproject.settings")
os.environ.setdefault("OPENREM_HOME", tempfile.mkdtemp(prefix="openrem-docs-"))

import django  # noqa: E402

django.setup()

from remapp.version import __version__  # noqa: E402

project = "OpenREM"
author = "The OpenREM developers"
copyright = "2026, The OpenREM developers"
version = release = __version__

extensions = ["sphinx.ext.autodoc", "sphinx.ext.viewcode"]
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": False}
autodoc_member_order = "bysource"
autodoc_typehints = "description"
# Django model fields and third-party types cannot always be resolved; they are not our documentation.
nitpicky = False
suppress_warnings = ["ref.python"]
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_static_path = []
templates_path = []
