"""The one version number of OpenREM: the package, the scripts' --version, the web footer and exports."""

__version__ = "0.1.0"
